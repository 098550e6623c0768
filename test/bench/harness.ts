/**
 * Benchmark harness: variants of one benchmark are interleaved round by round (so machine
 * noise hits them alike), the first round is a warm-up and dropped, and each variant is
 * reported as median and p95 with its ratio to the baseline measured in the same run.
 */
import { summarize, type Summary } from './stats'

export interface Metric {
  /** What is measured, with its unit: "live prompt (ms)", "critical JS gzip (KB)". */
  name: string
  unit: string
  /** Lower is better unless said otherwise (throughput). */
  better: 'lower' | 'higher'
  /**
   * The target the issue sets, checked against the median (and p95 where stated) of
   * `variant` (by default the last variant).
   */
  target?: {
    median?: number
    p95?: number
    ratioToBaseline?: number
    variant?: string
    /** Each variant's p95 at most `limit` × the p95 of its baseline variant, same run. */
    p95Ratios?: Array<{ variant: string; baseline: string; limit: number }>
  }
}

export interface BenchmarkContext {
  round: number
}

export interface Benchmark {
  name: string
  description: string
  metric: Metric
  /** Variant names; the first is the baseline the others are compared with. */
  variants: string[]
  rounds?: number
  setup?(): Promise<void>
  /** One measurement of one variant: returns one or more samples. */
  measure(variant: string, context: BenchmarkContext): Promise<number | number[]>
  teardown?(): Promise<void>
  /** Figures measured alongside (e.g. flow-control pauses per MB), printed with the result. */
  extraNotes?(): string[]
}

export interface VariantResult {
  variant: string
  summary: Summary
  samples: number[]
  ratioToBaseline: number | null
}

export interface BenchmarkResult {
  name: string
  description: string
  metric: Metric
  rounds: number
  variants: VariantResult[]
  verdict: 'met' | 'missed' | 'no target'
  notes: string[]
}

export const DEFAULT_ROUNDS = 9

export async function runBenchmark(bench: Benchmark, rounds = bench.rounds ?? DEFAULT_ROUNDS) {
  const samples = new Map<string, number[]>(bench.variants.map((v) => [v, []]))
  await bench.setup?.()
  try {
    // Round 0 is the warm-up; the order of variants alternates to cancel drift.
    for (let round = 0; round <= rounds; round++) {
      const order = round % 2 === 0 ? bench.variants : [...bench.variants].reverse()
      for (const variant of order) {
        const started = performance.now()
        const value = await bench.measure(variant, { round }).catch((error: unknown) => {
          throw new Error(`${bench.name}, round ${round}, ${variant}: ${String(error)}`, {
            cause: error,
          })
        })
        if (process.env.WARROOM_BENCH_PROGRESS) {
          const shown = [value].flat().map((v) => v.toFixed(1))
          const seconds = ((performance.now() - started) / 1000).toFixed(1)
          console.error(
            `  ${bench.name} round ${round} ${variant}: ${shown.join(' ')} (${seconds} s)`,
          )
        }
        if (round > 0) samples.get(variant)!.push(...[value].flat())
      }
    }
  } finally {
    // A failing teardown is told, not thrown: it must not hide why a round failed.
    await bench.teardown?.().catch((error: unknown) => {
      console.error(`${bench.name}: teardown failed: ${String(error)}`)
    })
  }
  return summarizeResult(bench, rounds, samples)
}

function summarizeResult(
  bench: Benchmark,
  rounds: number,
  samples: Map<string, number[]>,
): BenchmarkResult {
  const baseline = summarize(samples.get(bench.variants[0]!)!)
  const variants = bench.variants.map((variant, index) => {
    const summary = summarize(samples.get(variant)!)
    return {
      variant,
      summary,
      samples: samples.get(variant)!,
      ratioToBaseline: index === 0 ? null : summary.median / baseline.median,
    }
  })
  const target = bench.metric.target
  const subject =
    variants.find((v) => v.variant === target?.variant) ?? variants[variants.length - 1]!
  const notes: string[] =
    target && (target.median ?? target.p95 ?? target.ratioToBaseline) !== undefined
      ? [`target on "${subject.variant}"`]
      : []
  let verdict: BenchmarkResult['verdict'] = 'no target'
  if (target) {
    const better = (value: number, limit: number) =>
      bench.metric.better === 'lower' ? value <= limit : value >= limit
    const checks: boolean[] = []
    if (target.median !== undefined) {
      checks.push(better(subject.summary.median, target.median))
      notes.push(`median target ${bench.metric.better === 'lower' ? '≤' : '≥'} ${target.median}`)
    }
    if (target.p95 !== undefined) {
      checks.push(better(subject.summary.p95, target.p95))
      notes.push(`p95 target ${bench.metric.better === 'lower' ? '≤' : '≥'} ${target.p95}`)
    }
    if (target.ratioToBaseline !== undefined && subject.ratioToBaseline !== null) {
      checks.push(better(subject.ratioToBaseline, target.ratioToBaseline))
      notes.push(
        `ratio target ${bench.metric.better === 'lower' ? '≤' : '≥'} ${target.ratioToBaseline}×`,
      )
    }
    for (const { variant, baseline, limit } of target.p95Ratios ?? []) {
      const p95 = (name: string) => variants.find((v) => v.variant === name)!.summary.p95
      const ratio = p95(variant) / p95(baseline)
      checks.push(ratio <= limit)
      notes.push(
        `p95 "${variant}" ${ratio.toFixed(2)}× "${baseline}" (target ≤ ${limit}×: ${ratio <= limit ? 'met' : 'missed'})`,
      )
    }
    verdict = checks.every(Boolean) ? 'met' : 'missed'
  }
  notes.push(...(bench.extraNotes?.() ?? []))
  return {
    name: bench.name,
    description: bench.description,
    metric: bench.metric,
    rounds,
    variants,
    verdict,
    notes,
  }
}

export function formatResult(result: BenchmarkResult): string {
  const fmt = (n: number) => (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2))
  const lines = [
    `\n${result.name}: ${result.description}`,
    `  ${result.metric.name} [${result.metric.unit}], ${result.rounds} rounds after 1 warm-up`,
  ]
  for (const v of result.variants) {
    const ratio =
      v.ratioToBaseline === null ? 'baseline' : `${v.ratioToBaseline.toFixed(2)}× baseline`
    lines.push(
      `  ${v.variant.padEnd(24)} median ${fmt(v.summary.median).padStart(9)}  p95 ${fmt(v.summary.p95).padStart(9)}  (${ratio})`,
    )
  }
  lines.push(
    `  verdict: ${result.verdict}${result.notes.length ? ` (${result.notes.join(', ')})` : ''}`,
  )
  return lines.join('\n')
}
