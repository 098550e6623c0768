/**
 * The output filter's throughput on the host's hot path: ~50 MB of realistic terminal
 * output of each kind (plain ASCII log lines, UTF-8 text, SGR-coloured `ls -l`), pushed
 * in 64 KiB chunks (so characters and sequences are split at chunk edges as a pty does),
 * against copying the same bytes chunk by chunk. Node only: no build needed.
 */
import { createOutputFilter } from '../../../src/shared/terminal/output-filter'
import type { Benchmark } from '../harness'

const CORPUS_BYTES = 50 * 1024 * 1024
/** node-pty reads at most 64 KiB at a time; the host's batches are of that order. */
const CHUNK_BYTES = 64 * 1024

const encoder = new TextEncoder()

function corpus(line: (n: number) => string): Uint8Array {
  const out = new Uint8Array(CORPUS_BYTES)
  let at = 0
  for (let n = 0; at < CORPUS_BYTES; n++) {
    const bytes = encoder.encode(line(n))
    const room = Math.min(bytes.length, CORPUS_BYTES - at)
    out.set(bytes.subarray(0, room), at)
    at += room
  }
  return out
}

const plainLine = (n: number) =>
  `2026-03-14T09:${String(n % 60).padStart(2, '0')}:12.${n % 1000}Z INFO checkout-api ` +
  `request_id=${(n * 7919).toString(16)} path=/api/v1/orders/${n % 977} status=${n % 13 === 0 ? 503 : 200} latency_ms=${n % 997}\n`

const utf8Line = (n: number) =>
  `${n} Статус: деградация сервиса — état dégradé, Größe ${n % 97} KiB, 服务降级 请稍候 🚨 ` +
  `ελληνικά ${n % 7 === 0 ? '✓ résolu' : '… en cours'}\n`

const LS_COLOURS = ['\u001b[01;34m', '\u001b[01;32m', '\u001b[01;36m', '\u001b[0m', '\u001b[01;31m']
const lsLine = (n: number) =>
  `${n % 3 === 0 ? 'd' : '-'}rwxr-xr-x  2 root root ${String(4096 + n).padStart(6)} Mar 14 09:12 ` +
  `${LS_COLOURS[n % LS_COLOURS.length]}entry-${n}${n % 4 === 0 ? '.tar.gz' : ''}\u001b[0m\r\n`

const CORPORA = {
  'plain ASCII': plainLine,
  'UTF-8 text': utf8Line,
  'SGR-coloured ls': lsLine,
} as const
type CorpusName = keyof typeof CORPORA

export function outputFilterBenchmark(): Benchmark {
  const data = new Map<CorpusName, Uint8Array[]>()
  const calls = new Map<string, number>()
  const chunks = (name: CorpusName) => data.get(name)!
  const mbPerSecond = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000)
  return {
    name: 'output-filter',
    description: `output filter throughput, ${CORPUS_BYTES / 1024 / 1024} MB per kind in ${CHUNK_BYTES / 1024} KiB chunks`,
    metric: {
      name: 'throughput',
      unit: 'MB/s',
      better: 'higher',
      target: { median: 300, variant: 'filter: plain ASCII' },
    },
    variants: [
      'copy (baseline)',
      'filter: UTF-8 text',
      'filter: SGR-coloured ls',
      'filter: plain ASCII',
    ],
    rounds: 9,
    async setup() {
      for (const [name, line] of Object.entries(CORPORA) as Array<
        [CorpusName, (n: number) => string]
      >) {
        const bytes = corpus(line)
        const list: Uint8Array[] = []
        for (let at = 0; at < bytes.length; at += CHUNK_BYTES)
          list.push(bytes.subarray(at, at + CHUNK_BYTES))
        data.set(name, list)
      }
    },
    async measure(variant) {
      if (variant === 'copy (baseline)') {
        let total = 0
        const start = performance.now()
        for (const chunk of chunks('plain ASCII')) total += chunk.slice().length
        return mbPerSecond(total, performance.now() - start)
      }
      const name = variant.slice('filter: '.length) as CorpusName
      let shown = 0
      let visibleCalls = 0
      const filter = createOutputFilter({
        onVisible: (bytes) => {
          shown += bytes.length
          visibleCalls++
        },
        onMark: () => {},
      })
      const start = performance.now()
      for (const chunk of chunks(name)) filter.push(chunk)
      const ms = performance.now() - start
      if (shown !== CORPUS_BYTES)
        throw new Error(`${name}: ${shown} of ${CORPUS_BYTES} bytes shown`)
      calls.set(name, visibleCalls)
      return mbPerSecond(CORPUS_BYTES, ms)
    },
    extraNotes: () => [
      ...[...calls].map(
        ([name, n]) => `${name}: ${(n / (CORPUS_BYTES / 1e6)).toFixed(1)} onVisible calls per MB`,
      ),
    ],
  }
}
