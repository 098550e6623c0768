/**
 * The code from before the host rewrite, measured in the same run for comparison:
 * WARROOM_BENCH_BEFORE names a checkout of it, built (`git archive 6c1fe78 | tar -x -C DIR`,
 * node_modules linked, `npx electron-vite build` there). Its own benchmark module runs its
 * own host, app and bare page; its variants are interleaved with ours round by round.
 */
import { join } from 'node:path'
import type { Benchmark } from './harness'

const PREFIX = 'before the rewrite: '

export interface BeforeRewrite {
  /** Our names for its variants ("before the rewrite: War Room terminal"). */
  variants: string[]
  /** One measurement of one of its variants, in its own unit. */
  measure(variant: string): Promise<number>
  close(): Promise<void>
}

/** The variants to add to a benchmark: none unless WARROOM_BENCH_BEFORE is set. */
export function beforeRewriteVariants(theirs: string[]): string[] {
  return process.env.WARROOM_BENCH_BEFORE ? theirs.map((v) => PREFIX + v) : []
}

/**
 * Loads and sets up the old benchmark `exportName` from `module` (a path under
 * test/bench/benchmarks of the old checkout); null when WARROOM_BENCH_BEFORE is not set.
 */
export async function loadBeforeRewrite(
  module: string,
  exportName: string,
): Promise<BeforeRewrite | null> {
  const dir = process.env.WARROOM_BENCH_BEFORE
  if (!dir) return null
  const loaded = (await import(join(dir, 'test/bench/benchmarks', module))) as Record<
    string,
    () => Benchmark
  >
  const bench = loaded[exportName]!()
  await bench.setup?.()
  return {
    variants: bench.variants.map((v) => PREFIX + v),
    measure: async (variant) => {
      const value = await bench.measure(variant.slice(PREFIX.length), { round: 1 })
      return typeof value === 'number' ? value : value[0]!
    },
    close: async () => {
      await bench.teardown?.()
    },
  }
}
