import { describe, expect, it } from 'vitest'
import { verifyChain } from '../../../../src/shared/commands/hash-chain'
import { asImportedCopy } from '../../../../src/shared/export/import-copy'
import {
  nestingDepth,
  parseIncidentFile,
  serializeIncidentFile,
  toIncidentFile,
  type ImportedIncident,
} from '../../../../src/shared/export/incident-file'
import { fixtureIncident, T0 } from '../../../support/incident-fixture'

function exported(pinned = [3]) {
  const snapshot = fixtureIncident({ pinned })
  const json = serializeIncidentFile(
    toIncidentFile(snapshot, { now: T0, exportedBy: 'War Room 0.1.0' }),
  )
  return { snapshot, json }
}

async function imported(json: string): Promise<ImportedIncident> {
  const result = await parseIncidentFile(json)
  if (!result.ok) throw new Error(result.error)
  return result.value
}

async function errorOf(json: string): Promise<string> {
  const result = await parseIncidentFile(json)
  expect(result.ok).toBe(false)
  return result.ok ? '' : result.error
}

describe('a JSON backup of one incident', () => {
  it('round-trips the whole record, pins and a verified command log', async () => {
    const { snapshot, json } = exported()
    const back = await imported(json)
    // Events are numbered in file order until the database numbers them: the fixture's too.
    expect(back.snapshot).toEqual(snapshot)
    expect(back.snapshot.pinned).toEqual(new Set([3]))
    expect(back.verdict).toEqual({ intact: true, length: snapshot.commandLog.length })
    expect(back.exportedBy).toBe('War Room 0.1.0')
  })

  it('reports a command log altered in the file', async () => {
    const file = JSON.parse(exported().json)
    file.commandLog[1].payload.approvers = ['Mallory']
    expect((await imported(JSON.stringify(file))).verdict).toEqual({
      intact: false,
      brokenAt: 1,
      reason: 'content changed',
    })
  })

  it('refuses what is not JSON or is cut short', async () => {
    const { json } = exported()
    expect(await errorOf(json.slice(0, json.length / 2))).toMatch(
      /^The file is not valid JSON \(is it cut short\?\)/,
    )
    expect(await errorOf('')).toMatch(/not valid JSON/)
    expect(await errorOf('[1, 2]')).toMatch(/not a War Room incident/)
    expect(await errorOf('{"format": "something-else", "version": 1}')).toMatch(
      /not a War Room incident export/,
    )
  })

  it('refuses a file from a newer War Room, saying so', async () => {
    const file = JSON.parse(exported().json)
    file.version = 2
    expect(await errorOf(JSON.stringify(file))).toBe(
      'The file was written by a newer War Room (format version 2); this version reads up to version 1. Update War Room to import it.',
    )
  })

  it('refuses hostile files: __proto__ keys, huge strings, deep nesting, wrong types', async () => {
    const { json } = exported()
    const proto = json.replace('"incident": {', '"incident": {"__proto__": {"polluted": true},')
    expect(await errorOf(proto)).toMatch(/incident: Unrecognized key: "__proto__"/)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()

    const file = JSON.parse(json)
    file.notes[0].text = 'x'.repeat(200_000)
    expect(await errorOf(JSON.stringify(file))).toMatch(/notes\.0\.text: Too big/)

    const deep = `{"format":"war-room-incident","version":1,"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`
    expect(await errorOf(deep)).toMatch(/nested far deeper/)

    const typed = JSON.parse(json)
    typed.events[1].seq = 7
    expect(await errorOf(JSON.stringify(typed))).toMatch(/events\.1: Unrecognized key: "seq"/)
    typed.incident.declaredAt = 'yesterday'
    typed.events[0].kind = 'evil'
    expect(await errorOf(JSON.stringify(typed))).toMatch(
      /incident\.declaredAt: .*; events\.0\.kind: /,
    )
  })

  it('refuses rows of another incident and roles of unknown people', async () => {
    const file = JSON.parse(exported().json)
    file.notes[1].incidentId = 'other'
    expect(await errorOf(JSON.stringify(file))).toMatch(/notes holds a row of another incident/)
    const roles = JSON.parse(exported().json)
    roles.roles[0].personId = 'ghost'
    expect(await errorOf(JSON.stringify(roles))).toMatch(
      /roles names a row of people that is not in the file/,
    )
  })

  it('measures nesting without being fooled by brackets in strings', async () => {
    expect(nestingDepth('{"a": "[[[[[", "b": [{"c": "\\"]]]"}]}')).toBe(3)
  })
})

describe('keeping both when the incident already exists', () => {
  it('gives every row a new id, follows references and keeps the command log verifiable', async () => {
    const original = await imported(exported().json)
    let n = 0
    const copy = asImportedCopy(original, () => `new-${++n}`)
    const s = copy.snapshot
    expect(s.incident.id).not.toBe(original.snapshot.incident.id)
    expect(s.incident.title).toBe('title 0 (imported copy)')
    const people = new Set(s.people.map((p) => p.id))
    expect(s.roles.every((r) => people.has(r.personId))).toBe(true)
    expect(people.has(s.incident.operatorId!)).toBe(true)
    for (const rows of [
      s.people,
      s.roles,
      s.checklist,
      s.notes,
      s.actionItems,
      s.stakeholderUpdates,
      s.events,
      s.commandLog,
    ])
      expect(rows.every((row) => row.incidentId === s.incident.id)).toBe(true)
    expect(verifyChain(s.commandLog)).toEqual({ intact: true, length: s.commandLog.length })
    expect(s.commandLog.map((r) => r.hash)).toEqual(original.snapshot.commandLog.map((r) => r.hash))
  })
})
