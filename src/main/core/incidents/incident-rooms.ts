/**
 * The host's own record of who is who in each incident: the people on the role board with
 * their roles, the approval policy in force, and who sits at the leader's keyboard. Only the
 * leader's session changes them; every change is a gate-log entry saying who changed what.
 * Kept in the data directory, so a restarted host knows them before any window is back.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describePolicy } from '../../../shared/commands/approval-policy'
import {
  DEFAULT_POLICY,
  type ApprovalPolicy,
  type CommandLogEntry,
  type RosterMember,
} from '../../../shared/commands/gate-model'
import { ROLE_LABELS } from '../../../shared/incident/roles'
import { logEntry } from '../gate/new-proposal'

export interface IncidentRoom {
  incidentId: string
  /** The incident's title, shown to participants. */
  title: string
  roster: RosterMember[]
  policy: ApprovalPolicy
  /** The person at the leader's keyboard: the leader's session acts in their name. */
  operatorId: string | null
}

export interface IncidentRooms {
  get(incidentId: string): IncidentRoom
  configure(input: IncidentRoom, at: number): void
  member(incidentId: string, personId: string): RosterMember | undefined
  /** The person at the leader's keyboard, if they are on the role board. */
  operator(incidentId: string): RosterMember | undefined
  end(incidentId: string): void
  /** A gate-log entry about the room, in the name of the person at the leader's keyboard. */
  record(incidentId: string, kind: CommandLogEntry['kind'], note: string): void
  /** A gate-log entry about what a participant did (joined, was confirmed), in their name. */
  recordFor(incidentId: string, personId: string, kind: CommandLogEntry['kind'], note: string): void
  /**
   * A participant's browser registered the key it signs their approvals with; `from`: where
   * their invite link was followed from, for people ("link followed from 192.168.1.23").
   */
  recordKey(
    incidentId: string,
    personId: string,
    publicKey: string,
    fingerprint: string,
    from?: string,
  ): void
}

const describeRoles = (m: RosterMember) =>
  m.roles.length ? m.roles.map((r) => ROLE_LABELS[r]).join(', ') : 'no role'

/** What changed on the role board, for people ("Carol joined (Operational expert); Dan left"). */
export function describeRosterChange(before: RosterMember[], after: RosterMember[]): string[] {
  const changes: string[] = []
  const old = new Map(before.map((m) => [m.personId, m]))
  const now = new Map(after.map((m) => [m.personId, m]))
  for (const m of after) {
    const was = old.get(m.personId)
    if (!was) changes.push(`${m.name} joined (${describeRoles(m)})`)
    else if (describeRoles(was) !== describeRoles(m) || was.name !== m.name) {
      changes.push(`${m.name}: ${describeRoles(was)} → ${describeRoles(m)}`)
    }
  }
  for (const m of before) if (!now.has(m.personId)) changes.push(`${m.name} left`)
  return changes
}

const samePolicy = (a: ApprovalPolicy, b: ApprovalPolicy) => JSON.stringify(a) === JSON.stringify(b)

export function createIncidentRooms(options: {
  log(entry: CommandLogEntry): void
  /** Where the rooms are kept between runs (null: memory only). */
  dataDir: string | null
}): IncidentRooms {
  const file = options.dataDir ? join(options.dataDir, 'incidents.json') : null
  const rooms = new Map<string, IncidentRoom>()
  if (file) {
    try {
      for (const room of JSON.parse(readFileSync(file, 'utf8')) as IncidentRoom[]) {
        rooms.set(room.incidentId, { ...room, policy: { ...DEFAULT_POLICY, ...room.policy } })
      }
    } catch {
      // first run, or an unreadable file: the leader's window tells us again
    }
  }
  const save = () => {
    if (!file) return
    try {
      writeFileSync(`${file}.tmp`, JSON.stringify([...rooms.values()]), { mode: 0o600 })
      renameSync(`${file}.tmp`, file)
    } catch {
      // the gate log still has every change; the file only spares a re-announcement
    }
  }
  const get = (incidentId: string): IncidentRoom =>
    rooms.get(incidentId) ?? {
      incidentId,
      title: '',
      roster: [],
      policy: DEFAULT_POLICY,
      operatorId: null,
    }

  const whoIs = (incidentId: string, personId: string) => {
    const member = get(incidentId).roster.find((m) => m.personId === personId)
    return { personId, name: member?.name ?? personId }
  }

  return {
    get,
    configure(input, at) {
      const before = get(input.incidentId)
      const who = input.roster.find((m) => m.personId === input.operatorId)
      const log = (kind: CommandLogEntry['kind'], note: string) =>
        options.log(logEntry(kind, { at, incidentId: input.incidentId, who }, { note }))
      const rosterChanges = describeRosterChange(before.roster, input.roster)
      if (rosterChanges.length) log('roster-changed', rosterChanges.join('; '))
      if (!samePolicy(before.policy, input.policy))
        log('policy-changed', describePolicy(input.policy))
      // Who the leader's screen acts as is part of who approved what: every change is logged.
      if (before.operatorId !== input.operatorId && before.roster.length > 0) {
        const was = before.roster.find((m) => m.personId === before.operatorId)
        log('operator-changed', `${was?.name ?? 'nobody'} → ${who?.name ?? 'nobody'}`)
      }
      rooms.set(input.incidentId, {
        incidentId: input.incidentId,
        title: input.title,
        roster: input.roster.map((m) => ({ ...m, roles: [...m.roles] })),
        policy: input.policy,
        operatorId: input.operatorId,
      })
      save()
    },
    member(incidentId, personId) {
      return get(incidentId).roster.find((m) => m.personId === personId)
    },
    operator(incidentId) {
      const room = get(incidentId)
      return room.roster.find((m) => m.personId === room.operatorId)
    },
    end(incidentId) {
      rooms.delete(incidentId)
      save()
    },
    recordFor(incidentId, personId, kind, note) {
      options.log(
        logEntry(kind, { at: Date.now(), incidentId, who: whoIs(incidentId, personId) }, { note }),
      )
    },
    recordKey(incidentId, personId, publicKey, fingerprint, from) {
      const who = whoIs(incidentId, personId)
      const where = from ? `; link followed from ${from}` : ''
      options.log(
        logEntry(
          'key-registered',
          { at: Date.now(), incidentId, who },
          { note: `${who.name}'s browser, key ${fingerprint}${where}`, publicKey },
        ),
      )
    },
    record(incidentId, kind, note) {
      const room = get(incidentId)
      const who = room.roster.find((m) => m.personId === room.operatorId)
      options.log(logEntry(kind, { at: Date.now(), incidentId, who }, { note }))
    },
  }
}
