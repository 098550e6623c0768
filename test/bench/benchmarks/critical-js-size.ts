import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { serveBareXterm } from '../browser'
import type { Benchmark } from '../harness'

const rendererDir = resolve(__dirname, '../../../out/renderer')

/** Gzipped bytes of the scripts an index.html loads before first render (entry + preloads). */
export function criticalJsBytes(dir: string): number {
  const html = readFileSync(join(dir, 'index.html'), 'utf8')
  const sources = [
    ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((match) => match[1]!)
  return sources.reduce(
    (total, src) => total + gzipSync(readFileSync(join(dir, src.replace(/^\.?\//, '')))).length,
    0,
  )
}

/** Critical-path JS of the production renderer, against the bare xterm page. */
export function criticalJsSizeBenchmark(): Benchmark {
  let bareDir = ''
  return {
    name: 'critical-js-size',
    description: 'critical-path JS of the renderer, gzipped',
    metric: { name: 'gzipped critical JS', unit: 'KB', better: 'lower', target: { median: 250 } },
    variants: ['bare xterm page', 'War Room renderer'],
    rounds: 1,
    async setup() {
      const site = await serveBareXterm()
      bareDir = site.dir
      await site.close()
    },
    measure: async (variant) =>
      criticalJsBytes(variant === 'bare xterm page' ? bareDir : rendererDir) / 1024,
  }
}
