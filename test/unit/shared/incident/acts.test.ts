import { describe, expect, it } from 'vitest'
import { applyTableChange, type ActContext } from '../../../../src/shared/incident/change'
import {
  tickItem,
  untickItem,
  addItem,
  removeItem,
} from '../../../../src/shared/incident/checklist-acts'
import {
  archiveIncident,
  changeStage,
  closeIncident,
  declareIncident,
  reopenIncident,
} from '../../../../src/shared/incident/incident-acts'
import type { Person, RoleAssignment } from '../../../../src/shared/incident/model'
import { addNote, newDraft, recordNoteEdit, typed } from '../../../../src/shared/incident/note-acts'
import { addPerson, assignRole, personLeft } from '../../../../src/shared/incident/people-acts'
import { holderOf, roleBadges } from '../../../../src/shared/incident/roles'
import { STAGES } from '../../../../src/shared/incident/stages'
import { insertEvents, filterTimeline } from '../../../../src/shared/incident/timeline'

function context(now = 1_000, actor: string | null = 'Alice'): ActContext {
  let n = 0
  return { now, actor, newId: () => `id-${++n}` }
}

const declaration = {
  title: ' Checkout down ',
  severity: 'SEV1' as const,
  observed: '500s',
  impactStartedAt: 500,
  leaderName: 'Alice',
  leaderTeam: 'SRE',
}

describe('declaring an incident', () => {
  it('creates the incident, its leader and the default checklist of every stage', () => {
    const { incident, change } = declareIncident(context(), declaration)
    expect(incident).toMatchObject({
      title: 'Checkout down',
      stage: 'declaration',
      status: 'active',
    })
    const checklist = change.changes.find((c) => c.table === 'checklist')!.put!
    expect(checklist).toHaveLength(STAGES.reduce((n, s) => n + s.defaultItems.length, 0))
    const roles = change.changes.find((c) => c.table === 'roles')!.put as RoleAssignment[]
    expect(roles).toEqual([
      expect.objectContaining({ role: 'incident-leader', personId: incident.operatorId }),
    ])
  })

  it('writes the impact start back-dated, before the declaration', () => {
    const { change } = declareIncident(context(1_000), declaration)
    expect(change.events.map((e) => [e.action, e.at])).toEqual([
      ['impact.started', 500],
      ['incident.declared', 1_000],
      ['role.assigned', 1_000],
    ])
  })

  it('records a stage change once, and nothing when the stage is the same', () => {
    const { incident } = declareIncident(context(), declaration)
    expect(changeStage(context(), incident, 'declaration')).toBeNull()
    const change = changeStage(context(2_000), incident, 'stop-bleeding')!
    expect(change.events[0]!.summary).toBe('Stage: Declaration → Stop the bleeding')
  })
})

describe('checklist', () => {
  const { change } = declareIncident(context(), declaration)
  const item = change.changes.find((c) => c.table === 'checklist')!.put![0]! as never as Parameters<
    typeof tickItem
  >[1]

  it('records who ticked an item and when, and clears it when unticked', () => {
    const ticked = tickItem(context(5_000, 'Bob'), item)
    expect(ticked.changes[0]!.put![0]).toMatchObject({ checkedAt: 5_000, checkedBy: 'Bob' })
    expect(ticked.events[0]).toMatchObject({ action: 'checklist.ticked', actor: 'Bob' })
    const unticked = untickItem(context(6_000), { ...item, checkedAt: 5_000, checkedBy: 'Bob' })
    expect(unticked.changes[0]!.put![0]).toMatchObject({ checkedAt: null, checkedBy: null })
  })

  it('adds items at the end of their stage and removes them', () => {
    const added = addItem(context(), item.incidentId, item.stage, ' Check CDN ', [item])
    expect(added.changes[0]!.put![0]).toMatchObject({ text: 'Check CDN', order: item.order + 1000 })
    expect(removeItem(context(), item).changes[0]).toEqual({
      table: 'checklist',
      remove: [item.id],
    })
  })
})

describe('role board', () => {
  const person = (id: string, name: string): Person => ({
    id,
    incidentId: 'i',
    name,
    team: '',
    contact: '',
    task: '',
    joinedAt: 0,
    leftAt: null,
  })
  const alice = person('a', 'Alice')
  const bob = person('b', 'Bob')
  const leader: RoleAssignment = {
    id: 'r1',
    incidentId: 'i',
    personId: 'a',
    role: 'incident-leader',
    assignedAt: 0,
    endedAt: null,
  }

  it('hands the leader role over in one act: old assignment ended, new one started', () => {
    const change = assignRole(context(9_000), bob, 'incident-leader', [leader], [alice, bob])
    const roles = applyTableChange([leader], change.changes[0]!.put as RoleAssignment[])
    expect(holderOf(roles, 'incident-leader')).toBe('b')
    expect(roles.find((r) => r.id === 'r1')!.endedAt).toBe(9_000)
    expect(change.events).toHaveLength(1)
    expect(change.events[0]!.summary).toBe('Incident Handling Leader handed over from Alice to Bob')
  })

  it('lets several people be operational experts at once', () => {
    const first = assignRole(context(), alice, 'operational-expert', [], [alice, bob])
    const roles = first.changes[0]!.put as RoleAssignment[]
    const second = assignRole(context(), bob, 'operational-expert', roles, [alice, bob])
    expect(second.events[0]!.action).toBe('role.assigned')
    expect(second.changes[0]!.put).toHaveLength(1)
  })

  it('shows the leader as also communicating while nobody else is', () => {
    expect(roleBadges([leader], 'a')).toEqual(['Incident Handling Leader', 'Also communicating'])
    const comms = { ...leader, id: 'r2', personId: 'b', role: 'communication-leader' as const }
    expect(roleBadges([leader, comms], 'a')).toEqual(['Incident Handling Leader'])
  })

  it('ends the roles of someone who leaves', () => {
    const change = personLeft(context(7_000), alice, [leader])
    expect(change.changes[1]!.put).toEqual([{ ...leader, endedAt: 7_000 }])
  })

  it('adds a person with their roles in one change', () => {
    const change = addPerson(
      context(),
      'i',
      { name: 'Carol', team: 'Payments', contact: '@carol', roles: ['operational-expert'] },
      [leader],
      [alice],
    )
    expect(change.events.map((e) => e.action)).toEqual(['person.joined', 'role.assigned'])
  })
})

describe('notes', () => {
  it('keeps a draft off the timeline until it is added, then records edits', () => {
    const draft = typed(context(), newDraft(context(), 'i', 'fact'), 'DB pool exhausted')
    expect(draft.draft).toBe(true)
    expect(addNote(context(), { ...draft, text: '   ' })).toBeNull()
    const added = addNote(context(2_000), draft)!
    const note = added.changes[0]!.put![0] as typeof draft
    expect(note).toMatchObject({ draft: false, revision: 1 })
    expect(added.events[0]!.summary).toBe('Fact: DB pool exhausted')

    expect(recordNoteEdit(context(), note, note.text)).toBeNull()
    const edit = recordNoteEdit(
      context(3_000),
      { ...note, text: 'DB pool exhausted at 10:02' },
      note.text,
    )!
    expect(edit.changes[0]!.put![0]).toMatchObject({ revision: 2 })
    expect(edit.events[0]!.action).toBe('note.edited')
  })
})

describe('timeline', () => {
  const e = (seq: number, at: number, kind: 'note' | 'role' = 'note') => ({
    seq,
    at,
    incidentId: 'i',
    recordedAt: at,
    kind,
    action: 'x',
    summary: `${seq}`,
    actor: null,
    refId: null,
  })

  it('puts back-dated events where they belong and keeps insertion order on ties', () => {
    const sorted = insertEvents([e(1, 100), e(2, 200)], [e(3, 50), e(4, 200)])
    expect(sorted.map((x) => x.seq)).toEqual([3, 1, 2, 4])
  })

  it('filters by kind and by pin', () => {
    const events = [e(1, 1, 'note'), e(2, 2, 'role'), e(3, 3, 'note')]
    expect(
      filterTimeline(events, { kinds: new Set(['role']), pinnedOnly: false }, new Set()).map(
        (x) => x.seq,
      ),
    ).toEqual([2])
    expect(
      filterTimeline(events, { kinds: null, pinnedOnly: true }, new Set([3])).map((x) => x.seq),
    ).toEqual([3])
  })
})

describe('incident status', () => {
  it('closes, reopens and archives with one incident event each', () => {
    const { incident } = declareIncident(context(), declaration)
    const closed = closeIncident(context(2_000), incident)
    expect(closed.changes[0]!.put![0]).toMatchObject({ status: 'closed', closedAt: 2_000 })
    const closedIncident = closed.changes[0]!.put![0] as typeof incident
    const reopened = reopenIncident(context(3_000), closedIncident)
    expect(reopened.changes[0]!.put![0]).toMatchObject({ status: 'active', closedAt: null })
    const archived = archiveIncident(context(4_000), closedIncident)
    expect(archived.changes[0]!.put![0]).toMatchObject({
      status: 'archived',
      archivedAt: 4_000,
      closedAt: 2_000,
    })
    expect([closed, reopened, archived].map((c) => c.events.map((e) => e.summary))).toEqual([
      ['Incident closed'],
      ['Incident reopened'],
      ['Incident archived'],
    ])
  })
})
