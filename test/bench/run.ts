/**
 * `npm run bench`: runs the named benchmarks (all by default) against the production
 * build, prints medians, p95 and ratios, and writes the figures to bench-results/.
 * Usage: npm run bench -- [name ...] [--rounds N]
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { coldStartBenchmark } from './benchmarks/cold-start'
import { criticalJsSizeBenchmark } from './benchmarks/critical-js-size'
import {
  incidentLoadBenchmark,
  timelineMountBenchmark,
  timelineScrollBenchmark,
} from './benchmarks/large-incident'
import { incidentImportBenchmark, postmortemExportBenchmark } from './benchmarks/postmortem-export'
import { importInAppBenchmark, postmortemInAppBenchmark } from './benchmarks/postmortem-in-app'
import { noteLatencyBenchmark, noteTransactionsBenchmark } from './benchmarks/note-typing'
import { outputFilterBenchmark } from './benchmarks/output-filter'
import { echoLatencyBenchmark, interruptLatencyBenchmark } from './benchmarks/terminal-latency'
import { terminalThroughputBenchmark } from './benchmarks/terminal-throughput'
import { formatResult, runBenchmark, type Benchmark, type BenchmarkResult } from './harness'

const registry: Record<string, () => Benchmark> = {
  'critical-js-size': criticalJsSizeBenchmark,
  'cold-start': coldStartBenchmark,
  'note-transactions': noteTransactionsBenchmark,
  'note-commit-latency': noteLatencyBenchmark,
  'incident-load': incidentLoadBenchmark,
  'timeline-mount': timelineMountBenchmark,
  'timeline-scroll': timelineScrollBenchmark,
  'terminal-throughput': terminalThroughputBenchmark,
  'output-filter': outputFilterBenchmark,
  'echo-latency': echoLatencyBenchmark,
  'ctrl-c-flood': interruptLatencyBenchmark,
  'postmortem-export': postmortemExportBenchmark,
  'incident-import': incidentImportBenchmark,
  'postmortem-in-app': postmortemInAppBenchmark,
  'import-in-app': importInAppBenchmark,
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const roundsFlag = args.indexOf('--rounds')
  const rounds = roundsFlag >= 0 ? Number(args[roundsFlag + 1]) : undefined
  const names = args.filter(
    (a, i) => !a.startsWith('--') && (roundsFlag < 0 || i !== roundsFlag + 1),
  )
  const unknown = names.filter((n) => !(n in registry))
  if (unknown.length)
    throw new Error(
      `Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(registry).join(', ')}`,
    )

  const results: BenchmarkResult[] = []
  for (const name of names.length ? names : Object.keys(registry)) {
    const bench = registry[name]!()
    const result = await runBenchmark(bench, rounds ?? bench.rounds)
    console.log(formatResult(result))
    results.push(result)
  }

  const dir = resolve(__dirname, '../../bench-results')
  mkdirSync(dir, { recursive: true })
  const report = { date: new Date().toISOString(), node: process.version, results }
  const file = resolve(dir, `bench-${report.date.replace(/[:.]/g, '-')}.json`)
  writeFileSync(file, JSON.stringify(report, null, 2))
  writeFileSync(resolve(dir, 'latest.json'), JSON.stringify(report, null, 2))
  console.log(`\nFigures written to ${file}`)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error)
  process.exit(1)
})
