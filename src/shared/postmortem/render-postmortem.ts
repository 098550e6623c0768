/**
 * The blameless postmortem as Markdown, rendered by a pure function from one incident's
 * record. Two presets: the Google SRE book's postmortem and PagerDuty's template; both carry
 * the roles, stop-gap measures, metrics, commands run (with the hash-chain verdict), the
 * timeline and the notes War Room recorded.
 */
import { verifyChain, type ChainVerdict } from '../commands/hash-chain'
import { closingReport } from '../closing/closing-acts'
import type { IncidentRecord } from '../incident/model'
import { blocks, heading, inline, paragraphs } from './markdown'
import * as commandSection from './command-sections'
import * as section from './sections'

export const POSTMORTEM_PRESETS = ['google-sre', 'pagerduty'] as const
export type PostmortemPreset = (typeof POSTMORTEM_PRESETS)[number]

export const PRESET_LABELS: Record<PostmortemPreset, string> = {
  'google-sre': 'Google SRE postmortem',
  pagerduty: 'PagerDuty postmortem',
}

export interface RenderOptions {
  preset: PostmortemPreset
  /** When the document is made (the export date, what "overdue" is measured against). */
  now: number
  /** The command log's verdict if already computed; verified here otherwise. */
  verdict?: ChainVerdict
}

const BLAMELESS =
  '_This postmortem is blameless: it describes what happened and what the system and the ' +
  'process let happen, not who is to blame._'

type Part = [title: string, body: string]

function document(title: string, parts: readonly Part[]): string {
  return `${blocks(title, ...parts.map(([name, text]) => blocks(`## ${name}`, text)))}\n`
}

export function renderPostmortem(s: IncidentRecord, options: RenderOptions): string {
  const report = closingReport(s.incident)
  const verdict = options.verdict ?? verifyChain(s.commandLog)
  const title = heading(1, `Postmortem: ${s.incident.title}`)
  const observedText = inline(s.incident.observed)
  const observed = observedText && `**Observed at declaration:** ${observedText}`
  if (options.preset === 'pagerduty') {
    return document(title, [
      [
        'Overview',
        blocks(section.metadata(s, report, options.now), BLAMELESS, paragraphs(report.summary)),
      ],
      ['What Happened', blocks(paragraphs(report.trigger), observed)],
      ['Contributing Factors', paragraphs(report.rootCauses)],
      ['Resolution', paragraphs(report.resolution)],
      ['Impact', blocks(paragraphs(report.impact), section.metrics(s))],
      ['Responders', section.roles(s)],
      ['Timeline', section.timeline(s)],
      ['Stop-gap Measures', commandSection.stopGaps(s)],
      ['Commands Run', commandSection.commands(s, verdict)],
      [
        'How Did We Do?',
        section.lessons(report, ['What went well', "What didn't go so well", 'Where we got lucky']),
      ],
      ['Detection', paragraphs(report.detection)],
      ['Action Items', section.actionItems(s, options.now)],
      ['Messaging', section.stakeholderUpdates(s)],
      ['Supporting Information', blocks(section.notes(s), section.checklist(s))],
    ])
  }
  return document(title, [
    ['Overview', blocks(section.metadata(s, report, options.now), BLAMELESS)],
    ['Summary', blocks(paragraphs(report.summary), observed)],
    ['Impact', paragraphs(report.impact)],
    ['Root Causes', paragraphs(report.rootCauses)],
    ['Trigger', paragraphs(report.trigger)],
    ['Resolution', paragraphs(report.resolution)],
    ['Detection', paragraphs(report.detection)],
    ['Metrics', section.metrics(s)],
    ['Roles', section.roles(s)],
    ['Stop-gap Measures', commandSection.stopGaps(s)],
    ['Action Items', section.actionItems(s, options.now)],
    ['Lessons Learned', section.lessons(report)],
    ['Timeline', section.timeline(s)],
    ['Commands Run', commandSection.commands(s, verdict)],
    ['Stakeholder Updates', section.stakeholderUpdates(s)],
    ['Supporting Information', blocks(section.notes(s), section.checklist(s))],
  ])
}

/** A file name for the export: the incident's date and title, safe on every file system. */
export function postmortemFileName(s: Pick<IncidentRecord, 'incident'>, extension = 'md'): string {
  const date = new Date(s.incident.declaredAt).toISOString().slice(0, 10)
  const slug = s.incident.title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return `postmortem-${date}-${slug || 'incident'}.${extension}`
}
