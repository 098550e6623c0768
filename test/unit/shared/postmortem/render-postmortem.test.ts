import { describe, expect, it } from 'vitest'
import {
  renderPostmortem,
  postmortemFileName,
} from '../../../../src/shared/postmortem/render-postmortem'
import { fixtureIncident, T0 } from '../../../support/incident-fixture'
import { outline } from './markdown-structure'

const NOW = T0 + 3 * 24 * 3600_000

const SRE_SECTIONS = [
  'Overview',
  'Summary',
  'Impact',
  'Root Causes',
  'Trigger',
  'Resolution',
  'Detection',
  'Metrics',
  'Roles',
  'Stop-gap Measures',
  'Action Items',
  'Lessons Learned',
  'Timeline',
  'Commands Run',
  'Stakeholder Updates',
  'Supporting Information',
]

function sections(markdown: string): string[] {
  return outline(markdown)
    .headings.filter((h) => h.level === 2)
    .map((h) => h.text)
}

describe('the Google SRE postmortem of a full incident', () => {
  const incident = fixtureIncident()
  const md = renderPostmortem(incident, { preset: 'google-sre', now: NOW })
  const doc = outline(md)

  it('has the title and every section of the template, in order', () => {
    expect(doc.headings[0]).toEqual({ level: 1, text: 'Postmortem: title 0' })
    expect(sections(md)).toEqual(SRE_SECTIONS)
    expect(doc.headings.filter((h) => h.level === 3).map((h) => h.text)).toEqual(
      expect.arrayContaining(['What went well', 'What went wrong', 'Where we got lucky']),
    )
  })

  it('states date, authors, status and that it is blameless', () => {
    expect(md).toContain('- **Date:** 2026-11-25')
    expect(md).toContain('- **Authors:** authors 0')
    expect(md).toContain('- **Status:** In review')
    expect(md).toMatch(/blameless/)
  })

  it('writes the response times from the record', () => {
    const metrics = doc.tables[0]!.rows
    expect(metrics).toEqual([
      ['Metric', 'Time', 'Measured'],
      ['Time to declare', '12 min', 'impact start → declaration'],
      ['Time to mitigate', '53 min', 'from impact start to marked mitigated'],
      ['Time to resolve', '1 h 47 min', 'from impact start to closing'],
    ])
  })

  it('has an action items table with owner, time box, deliverable and type; overdue ones say so', () => {
    const table = doc.tables.find((t) => t.rows[0]![0] === 'Action item')!
    expect(table.rows[0]).toEqual([
      'Action item',
      'Type',
      'Owner',
      'Due',
      'Deliverable',
      'Status',
      'Ticket',
    ])
    expect(table.rows.slice(1)).toEqual([
      [
        'action 0',
        'Prevent',
        'expert 2',
        '2026-11-18',
        'deliverable 0',
        'Open (overdue)',
        'https://tickets.example.com/INC-42',
      ],
      [
        'action 1',
        'Detect',
        'owner 1',
        '2026-11-25',
        'deliverable 1',
        'Open (overdue)',
        'ticket 1',
      ],
      ['action 2', 'Process', 'owner 2', '2026-12-02', 'deliverable 2', 'Done', 'ticket 2'],
    ])
  })

  it('lists the lessons learned, one per line', () => {
    expect(doc.listItems).toEqual(
      expect.arrayContaining(['wentWell 0', 'wentWell 1', 'wentWrong 0', 'gotLucky 0']),
    )
  })

  it('shows each command run in a code block with who approved it, its exit code, duration and output', () => {
    expect(doc.fences).toContainEqual({
      info: 'sh',
      content: 'kubectl rollout undo deployment/api -n prod\n',
    })
    expect(doc.fences).toContainEqual({ info: 'text', content: 'output 0\n' })
    expect(doc.listItems).toEqual(
      expect.arrayContaining([
        'Approved by expert 2 at 2026-11-25 13:20:01: approval 0',
        'Exit code 0 after 1.5 s',
        expect.stringMatching(/^Run at 2026-11-25 13:20:02 by leader 0, approved by expert 2$/),
      ]),
    )
    expect(md).toContain('hash chain **intact**')
    expect(doc.tables.find((t) => t.rows[0]![0] === 'Who')!.rows[1]).toEqual([
      'expert 2',
      'breakGlass 0',
      '2026-11-25 13:50:00',
      '2026-11-25 13:52:00',
    ])
  })

  it('records the roles and the handover of the Communication Leader', () => {
    const history = doc.tables.find((t) => t.rows[0]![0] === 'Role')!
    expect(history.rows).toContainEqual([
      'Communication Leader',
      'leader 0',
      '2026-11-25 13:00:00',
      '2026-11-25 13:03:00',
    ])
    expect(history.rows).toContainEqual([
      'Communication Leader',
      'comms 3',
      '2026-11-25 13:03:00',
      '',
    ])
  })

  it('puts the timeline, notes and stakeholder updates in', () => {
    expect(doc.listItems).toContain('2026-11-25 13:00:00 · Incident · leader 0: event 0')
    expect(doc.listItems.some((item) => item.endsWith('note 0'))).toBe(true)
    expect(md).toContain('updateText 0')
    expect(md).toContain('#### Hypotheses\n\n- 2026-11-25 13:06:00 expert 2: note 1')
  })

  it('names a file after the date and title', () => {
    expect(postmortemFileName(fixtureIncident({ text: () => 'API: 5xx / "checkout"' }))).toBe(
      'postmortem-2026-11-25-api-5xx-checkout.md',
    )
  })
})

describe('the PagerDuty preset', () => {
  it("follows PagerDuty's template", () => {
    const md = renderPostmortem(fixtureIncident(), { preset: 'pagerduty', now: NOW })
    expect(sections(md)).toEqual([
      'Overview',
      'What Happened',
      'Contributing Factors',
      'Resolution',
      'Impact',
      'Responders',
      'Timeline',
      'Stop-gap Measures',
      'Commands Run',
      'How Did We Do?',
      'Detection',
      'Action Items',
      'Messaging',
      'Supporting Information',
    ])
  })
})

describe('what the record can no longer vouch for', () => {
  it('says the command log was altered when its hash chain is broken', () => {
    const incident = fixtureIncident()
    incident.commandLog[2] = {
      ...incident.commandLog[2]!,
      payload: { ...incident.commandLog[2]!.payload, personName: 'someone else' },
    }
    const md = renderPostmortem(incident, { preset: 'google-sre', now: NOW })
    expect(md).toContain('hash chain **BROKEN** at entry 3 (content changed)')
  })

  it('masks secrets in commands, output and notes', () => {
    const secret = 'Authorization: Bearer abcdefghijklmnop1234'
    const md = renderPostmortem(
      fixtureIncident({
        text: (field, i) => `${field} ${i} ${secret} https://u:hunter22@db.example.com`,
      }),
      { preset: 'google-sre', now: NOW },
    )
    expect(md).not.toContain('abcdefghijklmnop1234')
    expect(md).not.toContain('hunter22')
    expect(md).toContain('••••••')
  })

  it('shows a command with hidden characters for what it is', () => {
    const md = renderPostmortem(
      fixtureIncident({
        text: (field, i) => (field === 'command' ? 'echo ok\u202e; rm -rf /' : `${field} ${i}`),
      }),
      { preset: 'google-sre', now: NOW },
    )
    expect(outline(md).fences).toContainEqual({
      info: 'text',
      content: 'echo ok\\u{202E}; rm -rf /\n',
    })
  })
})

describe('how each approval was given, in the postmortem', () => {
  it('says which approvals were made on the approver’s own device (and signed), and which were said in the room', () => {
    const incident = fixtureIncident()
    const approvals = incident.commandLog.filter((row) => row.payload.kind === 'approved')
    const [signed, inRoom] = approvals
    const base = { at: signed!.payload.at, hash: signed!.payload.hash ?? '', comment: '' }
    signed!.payload = {
      ...signed!.payload,
      approval: {
        ...base,
        personId: 'carol',
        name: 'Carol',
        via: 'own-device',
        recordedBy: null,
        signature: {
          algorithm: 'ECDSA-P256-SHA256',
          publicKey: 'AAAA',
          fingerprint: '3f9a·c21e·07b4·d5e8',
          signedAt: base.at,
          value: 'AAAA',
        },
      },
    }
    inRoom!.payload = {
      ...inRoom!.payload,
      approval: {
        ...base,
        personId: 'dan',
        name: 'Dan',
        via: 'in-room',
        recordedBy: { personId: 'alice', name: 'Alice' },
        signature: null,
      },
    }
    const items = outline(renderPostmortem(incident, { preset: 'google-sre', now: NOW })).listItems
    expect(items).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Approved by Carol \(own device, signed\) at /),
        expect.stringMatching(/^Approved by Dan \(in the room, recorded by Alice\) at /),
      ]),
    )
  })

  it('says why a command’s output is not in it (run behind the curtain)', () => {
    const incident = fixtureIncident()
    const finished = incident.commandLog.find((row) => row.payload.kind === 'finished')!
    finished.payload = {
      ...finished.payload,
      output: null,
      note: 'output not recorded: it ran behind the curtain (leader’s screen only)',
    }
    const md = renderPostmortem(incident, { preset: 'google-sre', now: NOW })
    expect(outline(md).listItems).toContain(
      'Note: output not recorded: it ran behind the curtain (leader’s screen only)',
    )
    expect(md).not.toContain(`output 0\n`)
  })
})
