/**
 * Counting approvals against the policy, with the leader's seat: who fills it, that nobody
 * counts twice, that the proposer never counts, and what the tally says is still missing.
 */
import { describe, expect, it } from 'vitest'
import {
  approvalRefusal,
  describePolicy,
  requirementFor,
  tallyApprovals,
} from '../../../../src/shared/commands/approval-policy'
import { DEFAULT_POLICY, type RosterMember } from '../../../../src/shared/commands/gate-model'

const alice: RosterMember = { personId: 'alice', name: 'Alice', roles: ['incident-leader'] }
/** Leads and is an operational expert too (a small team). */
const erin: RosterMember = {
  personId: 'erin',
  name: 'Erin',
  roles: ['incident-leader', 'operational-expert'],
}
const bob: RosterMember = { personId: 'bob', name: 'Bob', roles: ['operational-expert'] }
const carol: RosterMember = { personId: 'carol', name: 'Carol', roles: ['service-owner'] }
const dana: RosterMember = { personId: 'dana', name: 'Dana', roles: ['stakeholder'] }
const roster = [alice, erin, bob, carol, dana]

const LEADER_AND_ONE = { experts: 1, leader: true }
const LEADER_ONLY = { experts: 0, leader: true }

describe('tallyApprovals with the leader required', () => {
  it('a leader who is also an expert fills the leader seat when no other leader approved', () => {
    expect(tallyApprovals(LEADER_ONLY, ['erin'], roster, 'bob')).toEqual({
      needed: 1,
      got: 1,
      satisfied: true,
      label: '1/1 approval',
      missing: [],
    })
  })

  it('when another leader approved, the expert-leader counts as an expert instead', () => {
    expect(tallyApprovals(LEADER_AND_ONE, ['erin', 'alice'], roster, 'bob')).toEqual({
      needed: 2,
      got: 2,
      satisfied: true,
      label: '2/2 approvals',
      missing: [],
    })
    // Order of approvals does not matter.
    expect(tallyApprovals(LEADER_AND_ONE, ['alice', 'erin'], roster, 'bob').satisfied).toBe(true)
  })

  it('the same person never fills the leader seat and an expert seat at once', () => {
    expect(tallyApprovals(LEADER_AND_ONE, ['erin'], roster, 'bob')).toEqual({
      needed: 2,
      got: 1,
      satisfied: false,
      label: '1/2 approvals',
      missing: ['1 more operational expert'],
    })
  })

  it('an approval given twice counts once', () => {
    const tally = tallyApprovals({ experts: 2, leader: true }, ['bob', 'bob', 'alice'], roster, 'x')
    expect(tally.got).toBe(2)
    expect(tally.missing).toEqual(['1 more operational expert'])
  })

  it('the proposer never counts, not even in the leader seat', () => {
    expect(tallyApprovals(LEADER_AND_ONE, ['alice', 'bob'], roster, 'alice')).toEqual({
      needed: 2,
      got: 1,
      satisfied: false,
      label: '1/2 approvals',
      missing: ['the Incident Handling Leader'],
    })
    // An expert-leader proposing: their own approval is neither the leader's nor an expert's.
    expect(tallyApprovals(LEADER_AND_ONE, ['erin'], roster, 'erin').got).toBe(0)
  })

  it('says everything that is missing, in words', () => {
    expect(tallyApprovals({ experts: 2, leader: true }, [], roster, 'bob')).toEqual({
      needed: 3,
      got: 0,
      satisfied: false,
      label: '0/3 approvals',
      missing: ['2 more operational experts', 'the Incident Handling Leader'],
    })
    expect(tallyApprovals({ experts: 2, leader: true }, ['alice', 'bob'], roster, 'x')).toEqual({
      needed: 3,
      got: 2,
      satisfied: false,
      label: '2/3 approvals',
      missing: ['1 more operational expert'],
    })
  })

  it('the leader alone does not make up for missing experts', () => {
    const tally = tallyApprovals(LEADER_AND_ONE, ['alice'], roster, 'bob')
    expect(tally).toMatchObject({ got: 1, satisfied: false })
    expect(tally.missing).toEqual(['1 more operational expert'])
  })
})

describe('tallyApprovals without the leader', () => {
  it('counts experts and service owners, capped at what is needed', () => {
    expect(tallyApprovals({ experts: 1, leader: false }, ['bob', 'carol'], roster, 'x')).toEqual({
      needed: 1,
      got: 1,
      satisfied: true,
      label: '1/1 approval',
      missing: [],
    })
  })

  it('ignores a leader who is not an expert, stakeholders and people not on the board', () => {
    const tally = tallyApprovals(
      { experts: 1, leader: false },
      ['alice', 'dana', 'mallory'],
      roster,
      'x',
    )
    expect(tally).toMatchObject({
      got: 0,
      satisfied: false,
      missing: ['1 more operational expert'],
    })
  })

  it('counts an expert-leader as an expert', () => {
    expect(tallyApprovals({ experts: 1, leader: false }, ['erin'], roster, 'x').satisfied).toBe(
      true,
    )
  })
})

describe('requirementFor and approvalRefusal', () => {
  it('adds the extra approvals for risky commands', () => {
    const policy = { ...DEFAULT_POLICY, experts: 1, riskyExtra: 2, leader: true }
    expect(requirementFor(policy, false)).toEqual({ experts: 1, leader: true })
    expect(requirementFor(policy, true)).toEqual({ experts: 3, leader: true })
  })

  it('refuses the proposer, people off the board and people without a qualifying role', () => {
    expect(approvalRefusal(DEFAULT_POLICY, bob, 'bob')).toBe(
      'the proposer cannot approve their own command',
    )
    expect(approvalRefusal(DEFAULT_POLICY, undefined, 'bob')).toBe(
      'only someone on the role board can approve',
    )
    expect(approvalRefusal(DEFAULT_POLICY, alice, 'bob')).toBe(
      'Alice is not an operational expert (give them the role on the role board)',
    )
    expect(approvalRefusal({ ...DEFAULT_POLICY, leader: true }, alice, 'bob')).toBeNull()
    expect(approvalRefusal({ ...DEFAULT_POLICY, leader: true }, dana, 'bob')).toBe(
      'Dana is neither an operational expert nor the Incident Handling Leader',
    )
  })
})

describe('describePolicy', () => {
  it('says who must approve, the risky extra, which approvals count and the expiry', () => {
    expect(describePolicy({ ...DEFAULT_POLICY, experts: 2, leader: true })).toBe(
      'Approval: 2 operational experts and the Incident Handling Leader other than the proposer; risky commands +1; approvals from own devices or said in the room; expires after 15 min',
    )
    expect(
      describePolicy({ ...DEFAULT_POLICY, riskyExtra: 0, approvalSources: 'own-device' }),
    ).toBe(
      'Approval: 1 operational expert other than the proposer; approvals from own devices only; expires after 15 min',
    )
  })

  it('names a short allow-list and counts a long one', () => {
    expect(describePolicy({ ...DEFAULT_POLICY, allowList: ['kubectl get', 'df -h'] })).toMatch(
      /; allow-listed \(read-only\): kubectl get, df -h$/,
    )
    const long = ['kubectl get', 'kubectl describe', 'df', 'uptime']
    expect(describePolicy({ ...DEFAULT_POLICY, allowList: long })).toMatch(
      /; 4 read-only commands allow-listed$/,
    )
  })

  it('a policy saved before the choice of approval sources counts approvals said in the room', () => {
    const { approvalSources: _, ...old } = DEFAULT_POLICY
    expect(describePolicy(old as typeof DEFAULT_POLICY)).toContain(
      'approvals from own devices or said in the room',
    )
  })
})
