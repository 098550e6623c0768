import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { serveBareXterm } from '../browser'
import type { Benchmark } from '../harness'

const rendererDir = resolve(__dirname, '../../../out/renderer')

const gzipped = (dir: string, file: string) =>
  gzipSync(readFileSync(join(dir, file.replace(/^\.?\//, '')))).length

/** A chunk and every chunk it imports statically, as file names relative to `dir`. */
function staticGraph(dir: string, entry: string, seen = new Set<string>()): Set<string> {
  const file = entry.replace(/^\.?\//, '')
  if (seen.has(file)) return seen
  seen.add(file)
  const code = readFileSync(join(dir, file), 'utf8')
  const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : ''
  for (const [, imported] of code.matchAll(/(?:from|import)\s*"(\.\/[^"]+\.js)"/g)) {
    staticGraph(dir, folder + imported!.slice(2), seen)
  }
  return seen
}

/**
 * Gzipped bytes of the scripts index.html loads before its first render (the entry, its
 * static imports and preloads) and, with `andApp`, also of the app the entry then imports
 * (`import("./main-….js")` and its static imports): everything before the workspace shows.
 */
export function criticalJsBytes(dir: string, andApp = false): number {
  const html = readFileSync(join(dir, 'index.html'), 'utf8')
  const files = new Set<string>()
  const entries = [
    ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((match) => match[1]!)
  for (const entry of entries) staticGraph(dir, entry, files)
  if (andApp) {
    for (const file of [...files]) {
      const folder = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : ''
      const code = readFileSync(join(dir, file), 'utf8')
      for (const [, app] of code.matchAll(/import\(`(\.\/main-[^`]+\.js)`\)/g)) {
        staticGraph(dir, folder + app!.slice(2), files)
      }
    }
  }
  return [...files].reduce((total, file) => total + gzipped(dir, file), 0)
}

const BARE = 'bare xterm page'
/** What a start that resumes an incident loads before its shell shows (src/renderer/boot.ts). */
const SHELL_FIRST = 'War Room: before the shell shows'
/** ...and then before the workspace renders (the app the start-up path imports). */
const WORKSPACE = 'War Room: before the workspace renders'

/** Critical-path JS of the production renderer, against the bare xterm page. */
export function criticalJsSizeBenchmark(): Benchmark {
  let bareDir = ''
  return {
    name: 'critical-js-size',
    description: 'critical-path JS of the renderer, gzipped',
    metric: {
      name: 'gzipped critical JS',
      unit: 'KB',
      better: 'lower',
      target: { median: 250, variant: WORKSPACE },
    },
    variants: [BARE, SHELL_FIRST, WORKSPACE],
    rounds: 1,
    async setup() {
      const site = await serveBareXterm()
      bareDir = site.dir
      await site.close()
    },
    measure: async (variant) =>
      criticalJsBytes(variant === BARE ? bareDir : rendererDir, variant === WORKSPACE) / 1024,
  }
}
