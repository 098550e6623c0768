import type { Benchmark } from '../harness'
import { declareBenchIncident, openAppSession, type AppSession } from '../app-session'

/** Counts IndexedDB write transactions and keystroke times inside the page. */
const INSTRUMENT = `
  window.__bench = { tx: [], keys: [] };
  const original = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, options) {
    const tx = original.call(this, stores, mode, options);
    if (mode === 'readwrite') {
      const entry = { start: performance.now(), end: null, stores: [].concat(stores) };
      window.__bench.tx.push(entry);
      tx.addEventListener('complete', () => { entry.end = performance.now(); });
    }
    return tx;
  };
  addEventListener('keydown', () => window.__bench.keys.push(performance.now()), true);
`

const TEXT =
  'Error rate on checkout rose to 32 percent at 10:02 after the payments deploy, EU only!!'
    .padEnd(100, '.')
    .slice(0, 100)

interface Typed {
  transactions: number
  latencies: number[]
}

const VARIANTS = { steady: 'steady typing (80 ms/key)', burst: 'burst typing (no delay)' }

async function typeNote(session: AppSession, delay: number): Promise<Typed> {
  const { page } = session
  const box = page.getByRole('region', { name: 'Notes' }).getByLabel('New note')
  await box.focus()
  await page.evaluate(() => {
    const bench = (window as unknown as { __bench: { tx: unknown[]; keys: unknown[] } }).__bench
    bench.tx = []
    bench.keys = []
  })
  await page.keyboard.type(TEXT, { delay })
  await page.getByRole('status', { name: 'Note save state' }).filter({ hasText: 'Saved' }).waitFor()
  await page.waitForTimeout(400)
  const result = await page.evaluate(() => {
    const bench = (
      window as unknown as {
        __bench: {
          tx: Array<{ start: number; end: number | null; stores: string[] }>
          keys: number[]
        }
      }
    ).__bench
    const writes = bench.tx.filter((t) => t.stores.includes('notes') && t.end !== null)
    const latencies = bench.keys.map((key) => {
      const commit = writes.find((t) => t.start >= key)
      return commit ? commit.end! - key : Number.POSITIVE_INFINITY
    })
    return { transactions: writes.length, latencies }
  })
  await box.press('Enter') // add the note: the next round starts with an empty box
  await page.getByRole('status', { name: 'Save status' }).filter({ hasText: 'saved' }).waitFor()
  return result
}

function noteTyping(
  name: string,
  description: string,
  metric: Benchmark['metric'],
  pick: (typed: Typed) => number | number[],
): Benchmark {
  let session: AppSession
  return {
    name,
    description,
    metric,
    variants: [VARIANTS.steady, VARIANTS.burst],
    async setup() {
      session = await openAppSession({ initScript: INSTRUMENT })
      await declareBenchIncident(session.page, 'Typing benchmark')
    },
    measure: async (variant) => pick(await typeNote(session, variant === VARIANTS.steady ? 80 : 0)),
    teardown: () => session?.close(),
  }
}

export const noteTransactionsBenchmark = () =>
  noteTyping(
    'note-transactions',
    'IndexedDB write transactions while typing a 100-character note',
    {
      name: 'write transactions per 100 typed chars',
      unit: 'tx',
      better: 'lower',
      // ≤ 5 per 100 chars and ≤ 300 ms behind the last key only meet at burst speed
      // (≥ ~70 chars/s); at 80 ms/key one write per ~200 ms window gives ~40.
      target: { median: 5, variant: VARIANTS.burst },
    },
    (typed) => typed.transactions,
  )

export const noteLatencyBenchmark = () =>
  noteTyping(
    'note-commit-latency',
    'keystroke → its text committed to IndexedDB',
    {
      name: 'keystroke to committed',
      unit: 'ms',
      better: 'lower',
      target: { p95: 300, variant: VARIANTS.steady },
    },
    (typed) => typed.latencies,
  )
