/**
 * Closing a large incident: the Markdown postmortem (both presets, the command log's
 * hash chain verified first, as the app does) and the JSON backup written and read back, for an incident of
 * 10,000 events, 500 commands and 1,000 notes. The baseline is plain JSON.stringify /
 * JSON.parse of the same record in the same process: what serializing it costs at all.
 */
import { verifyChainAsync } from '../../../src/shared/commands/hash-chain'
import {
  parseIncidentFile,
  serializeIncidentFile,
  toIncidentFile,
} from '../../../src/shared/export/incident-file'
import { renderPostmortem } from '../../../src/shared/postmortem/render-postmortem'
import type { IncidentRecord } from '../../../src/shared/incident/model'
import { fixtureIncident, T0 } from '../../support/incident-fixture'
import type { Benchmark } from '../harness'

const SIZE = { events: 10_000, commands: 500, notes: 1_000, actionItems: 40 }

/** Text as people type it during an incident: punctuation, pipes, backticks, paths. */
function realisticText(field: string, index: number): string {
  const samples = [
    'Error rate on /checkout above 30% since 13:02 | p99 latency 4.2 s',
    'Rolled back `api` to 2.3.1; watching the dashboards (EU-west first)',
    'Hypothesis: connection pool exhausted → DB CPU at 95%? Check pg_stat_activity',
    'kubectl -n shop get pods -l app=checkout -o wide | grep -v Running',
    'Customers report "payment failed" on mobile *and* web — support ticket #4711',
  ]
  return `${samples[index % samples.length]} [${field} ${index}]`
}

async function timed(work: () => unknown): Promise<number> {
  const start = performance.now()
  await work()
  return performance.now() - start
}

/** What the app does: verify the command log (native SHA-256), then render. */
async function exportMarkdown(s: IncidentRecord, preset: 'google-sre' | 'pagerduty', now: number) {
  const verdict = await verifyChainAsync(s.commandLog)
  return renderPostmortem(s, { preset, now, verdict })
}

let incident: IncidentRecord | null = null
function largeIncident(): IncidentRecord {
  incident ??= fixtureIncident({ ...SIZE, text: realisticText })
  return incident
}

export function postmortemExportBenchmark(): Benchmark {
  let bytes = 0
  return {
    name: 'postmortem-export',
    description: `postmortem export of ${SIZE.events} events, ${SIZE.commands} commands, ${SIZE.notes} notes`,
    metric: {
      name: 'export time',
      unit: 'ms',
      better: 'lower',
      target: { median: 200, p95: 200, variant: 'Markdown, Google SRE' },
    },
    variants: [
      'JSON.stringify (baseline)',
      'Markdown, PagerDuty',
      'JSON backup',
      'Markdown, Google SRE',
    ],
    rounds: 9,
    async setup() {
      largeIncident()
    },
    async measure(variant) {
      const s = largeIncident()
      const now = T0 + 86_400_000
      switch (variant) {
        case 'JSON.stringify (baseline)':
          return timed(() => JSON.stringify(s))
        case 'Markdown, PagerDuty':
          return timed(() => exportMarkdown(s, 'pagerduty', now))
        case 'JSON backup':
          return timed(() => serializeIncidentFile(toIncidentFile(s, { now, exportedBy: 'bench' })))
        default:
          return timed(async () => (bytes = (await exportMarkdown(s, 'google-sre', now)).length))
      }
    },
    extraNotes: () => [`Markdown ${(bytes / 1e6).toFixed(1)} MB`],
  }
}

export function incidentImportBenchmark(): Benchmark {
  let json = ''
  return {
    name: 'incident-import',
    description: `JSON import (parse, schema check, chain verify) of the same incident`,
    metric: {
      name: 'import time',
      unit: 'ms',
      better: 'lower',
      target: { median: 200, p95: 200, variant: 'War Room import' },
    },
    variants: ['JSON.parse (baseline)', 'chain verify alone', 'War Room import'],
    rounds: 9,
    async setup() {
      const s = largeIncident()
      json = serializeIncidentFile(toIncidentFile(s, { now: T0, exportedBy: 'bench' }))
    },
    async measure(variant) {
      if (variant === 'JSON.parse (baseline)') return timed(() => JSON.parse(json))
      if (variant === 'chain verify alone')
        return timed(() => verifyChainAsync(largeIncident().commandLog))
      return timed(async () => {
        const result = await parseIncidentFile(json)
        if (!result.ok) throw new Error(result.error)
      })
    },
    extraNotes: () => [`file ${(json.length / 1e6).toFixed(1)} MB`],
  }
}
