import { describe, expect, it } from 'vitest'
import type { ActContext } from '../../../../src/shared/incident/change'
import {
  addActionItem,
  isOverdue,
  removeActionItem,
  updateActionItem,
} from '../../../../src/shared/closing/action-items'
import {
  clearMitigated,
  editClosingReport,
  lessonLines,
  markMitigated,
} from '../../../../src/shared/closing/closing-acts'
import { formatSpan, incidentMetrics } from '../../../../src/shared/closing/metrics'
import {
  composeUpdate,
  countdown,
  DEFAULT_CADENCE,
  nextUpdateDue,
  recordUpdateSent,
} from '../../../../src/shared/closing/stakeholder-updates'
import type { ActionItem, Incident } from '../../../../src/shared/incident/model'
import { fixtureIncident, T0 } from '../../../support/incident-fixture'

const MIN = 60_000

function context(now = T0, actor: string | null = 'Alice'): ActContext {
  let n = 0
  return { now, actor, newId: () => `id-${++n}` }
}

function openIncident(): Incident {
  const { incident } = fixtureIncident()
  return { ...incident, status: 'active', closedAt: null, mitigatedAt: null, closing: undefined }
}

describe('the closing report', () => {
  it('saves edits quietly and puts a change of review status on the timeline', () => {
    const incident = openIncident()
    const edit = editClosingReport(context(), incident, { summary: 'DB failover' })!
    expect(edit.events).toEqual([])
    const saved = edit.changes[0]!.put![0] as Incident
    expect(saved.closing).toMatchObject({ summary: 'DB failover', status: 'draft', impact: '' })
    const review = editClosingReport(context(), saved, { status: 'final' })!
    expect(review.events.map((e) => e.summary)).toEqual(['Postmortem: Final'])
    expect(editClosingReport(context(), saved, { summary: 'DB failover' })).toBeNull()
  })

  it('takes one lesson per line, without list markers or blank lines', () => {
    expect(lessonLines('- paging worked\n\n  * rollback was fast \r\n• luck')).toEqual([
      'paging worked',
      'rollback was fast',
      'luck',
    ])
  })
})

describe('action items', () => {
  it('adds an item with owner, time box, deliverable and type, on the timeline', () => {
    const change = addActionItem(context(), 'inc-1', {
      title: ' Add a canary ',
      owner: 'Bob',
      dueAt: T0 + 7 * 24 * 60 * MIN,
      deliverable: 'canary stage in the pipeline',
      type: 'prevent',
      status: 'open',
      ticket: '',
    })!
    expect(change.changes[0]!.put![0]).toMatchObject({ title: 'Add a canary', owner: 'Bob' })
    expect(change.events[0]!.summary).toBe('Action item: Add a canary (Bob)')
  })

  it('refuses an item without a title and records status changes', () => {
    const fields = {
      title: '  ',
      owner: '',
      dueAt: null,
      deliverable: '',
      type: 'detect' as const,
      status: 'open' as const,
      ticket: '',
    }
    expect(addActionItem(context(), 'inc-1', fields)).toBeNull()
    const item = fixtureIncident().actionItems[0]!
    const done = updateActionItem(context(), item, { status: 'done' })!
    expect(done.events[0]!.summary).toBe('Action item done: action 0')
    expect(updateActionItem(context(), item, { owner: item.owner })).toBeNull()
    expect(removeActionItem(context(), item).changes[0]).toEqual({
      table: 'actionItems',
      remove: [item.id],
    })
  })

  it('is overdue past its time box unless done', () => {
    const item = { dueAt: T0, status: 'open' } as ActionItem
    expect(isOverdue(item, T0 + 1)).toBe(true)
    expect(isOverdue(item, T0 - 1)).toBe(false)
    expect(isOverdue({ ...item, status: 'done' }, T0 + 1)).toBe(false)
    expect(isOverdue({ ...item, dueAt: null }, T0 + 1)).toBe(false)
  })
})

describe('stakeholder updates', () => {
  const incident = openIncident()

  it('composes the update from the template', () => {
    const text = composeUpdate(
      incident,
      {
        happening: 'Checkout fails',
        impact: '30% of orders',
        doing: 'Rolling back',
        nextUpdateAt: T0 + 30 * MIN,
      },
      () => '13:30 UTC',
    )
    expect(text).toBe(
      '[SEV1] title 0 (ongoing)\n\nWhat is happening: Checkout fails\nImpact: 30% of orders\nWhat we are doing: Rolling back\nNext update at: 13:30 UTC',
    )
  })

  it('is due at the cadence of the severity after the declaration, then as promised', () => {
    expect(nextUpdateDue(incident, [], DEFAULT_CADENCE)).toBe(T0 + 30 * MIN)
    const sev3 = { ...incident, severity: 'SEV3' as const }
    expect(nextUpdateDue(sev3, [], DEFAULT_CADENCE)).toBe(T0 + 120 * MIN)
    const draft = { happening: 'x', impact: '', doing: '', nextUpdateAt: null }
    const sent = recordUpdateSent(context(T0 + 10 * MIN), incident, draft, 'x')
    const update = sent.changes[0]!.put![0] as never
    expect(nextUpdateDue(incident, [update], DEFAULT_CADENCE)).toBe(T0 + 40 * MIN)
    const promised = recordUpdateSent(
      context(T0 + 12 * MIN),
      incident,
      { ...draft, nextUpdateAt: T0 + 20 * MIN },
      'x',
    )
    expect(
      nextUpdateDue(incident, [update, promised.changes[0]!.put![0] as never], DEFAULT_CADENCE),
    ).toBe(T0 + 20 * MIN)
    expect(sent.events[0]).toMatchObject({
      kind: 'comms',
      summary: 'Stakeholder update sent: x',
      actor: 'Alice',
    })
    expect(nextUpdateDue({ ...incident, status: 'closed' }, [], DEFAULT_CADENCE)).toBeNull()
  })

  it('counts down in minutes and seconds', () => {
    expect(countdown(7 * MIN + 12_000)).toBe('07:12')
    expect(countdown(-(61 * MIN + 3_000))).toBe('1:01:03')
  })
})

describe('metrics', () => {
  it('measures declare, mitigate and resolve from impact start', () => {
    const { incident, checklist } = fixtureIncident()
    const m = incidentMetrics(incident, checklist)
    expect(m.timeToDeclare.ms).toBe(12 * MIN)
    expect(m.timeToMitigate.ms).toBe(53 * MIN)
    expect(m.timeToResolve.ms).toBe(107 * MIN)
  })

  it('takes mitigation from the completed "Stop the bleeding" stage when not marked', () => {
    const { incident, checklist } = fixtureIncident()
    const m = incidentMetrics({ ...incident, mitigatedAt: null }, checklist)
    expect(m.timeToMitigate).toEqual({
      ms: 36 * MIN,
      basis: 'from impact start to "Stop the bleeding" checklist completed',
    })
    const open = checklist.map((c) => (c.stage === 'stop-bleeding' ? { ...c, checkedAt: null } : c))
    expect(incidentMetrics({ ...incident, mitigatedAt: null, closedAt: null }, open)).toMatchObject(
      {
        timeToMitigate: { ms: null },
        timeToResolve: { ms: null },
      },
    )
  })

  it('is measured from the declaration when the impact start is unknown', () => {
    const { incident, checklist } = fixtureIncident()
    const m = incidentMetrics({ ...incident, impactStartedAt: null }, checklist)
    expect(m.timeToDeclare.ms).toBeNull()
    expect(m.timeToMitigate.ms).toBe(41 * MIN)
  })

  it('puts a marked mitigation on the timeline, back-dated if need be, and can clear it', () => {
    const change = markMitigated(context(T0 + 5 * MIN), openIncident(), T0 + 2 * MIN)
    expect(change.events[0]).toMatchObject({ action: 'incident.mitigated', at: T0 + 2 * MIN })
    const marked = change.changes[0]!.put![0] as Incident
    expect(marked.mitigatedAt).toBe(T0 + 2 * MIN)
    const cleared = clearMitigated(context(T0 + 6 * MIN), marked)!
    expect((cleared.changes[0]!.put![0] as Incident).mitigatedAt).toBeNull()
    expect(cleared.events[0]!.summary).toBe('Mitigation mark removed')
    expect(clearMitigated(context(), openIncident())).toBeNull()
  })

  it('formats spans as people say them', () => {
    expect([
      formatSpan(40_000),
      formatSpan(12 * MIN),
      formatSpan(65 * MIN),
      formatSpan(26 * 60 * MIN),
      formatSpan(null),
    ]).toEqual(['40 s', '12 min', '1 h 05 min', '1 d 2 h 00 min', '—'])
  })
})
