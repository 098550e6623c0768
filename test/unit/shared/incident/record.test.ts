import { describe, expect, it } from 'vitest'
import type { TableChange } from '../../../../src/shared/incident/change'
import { ROW_TABLE_NAMES } from '../../../../src/shared/incident/model'
import {
  applyRecordChange,
  emptyRecord,
  inRecordOrder,
  rowsOf,
  withStoredAppends,
} from '../../../../src/shared/incident/record'
import { fixtureIncident } from '../../../support/incident-fixture'

describe('the record, table by table', () => {
  const full = fixtureIncident()

  it('starts empty in every table', () => {
    const record = emptyRecord(full.incident)
    for (const table of ROW_TABLE_NAMES) expect(rowsOf(record, table), table).toEqual([])
    expect(record.events).toEqual([])
    expect(record.commandLog).toEqual([])
    expect(record.pinned.size).toBe(0)
  })

  it.each(ROW_TABLE_NAMES)('applies a change to %s as the database stores it', (table) => {
    const row = { ...rowsOf(full, table)[0]!, id: 'added' }
    const added = applyRecordChange(emptyRecord(full.incident), {
      changes: [{ table, put: [row] } as TableChange],
      events: [],
    })
    expect(rowsOf(added, table)).toEqual([row])
    const removed = applyRecordChange(added, {
      changes: [{ table, remove: ['added'] } as TableChange],
      events: [],
    })
    expect(rowsOf(removed, table)).toEqual([])
  })

  it("pins and unpins this incident's events only", () => {
    const pin = (seq: number, pinned: boolean, incidentId = full.incident.id) => ({
      changes: [],
      events: [],
      pins: [{ incidentId, seq, pinned, at: 1 }],
    })
    let record = applyRecordChange(full, pin(3, true))
    record = applyRecordChange(record, pin(4, true, 'another incident'))
    expect(record.pinned).toEqual(new Set([3]))
    expect(applyRecordChange(record, pin(3, false)).pinned).toEqual(new Set())
  })

  it("adds the events and command-log rows the database stored for this incident's record", () => {
    const record = emptyRecord(full.incident)
    const next = withStoredAppends(record, {
      events: [full.events[1]!, { ...full.events[0]!, incidentId: 'other' }],
      commandLog: [full.commandLog[0]!, { ...full.commandLog[1]!, incidentId: 'other' }],
    })
    expect(next.events).toEqual([full.events[1]])
    expect(next.commandLog).toEqual([full.commandLog[0]])
    expect(withStoredAppends(record, { events: [], commandLog: [] })).toBe(record)
  })

  it('puts every table in its order: checklist by stage then order, roles by assignment', () => {
    const shuffled = {
      ...full,
      checklist: [...full.checklist].reverse(),
      roles: [...full.roles].reverse(),
      events: [...full.events].reverse(),
    }
    const ordered = inRecordOrder(shuffled)
    expect(ordered.checklist.map((c) => c.id)).toEqual(full.checklist.map((c) => c.id))
    expect(ordered.roles.map((r) => r.assignedAt)).toEqual(
      full.roles.map((r) => r.assignedAt).sort((a, b) => a - b),
    )
    expect(ordered.events).toEqual(full.events)
  })
})
