import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { connectSocketClient, type SocketLike } from '../../../../src/shared/rpc/socket-client'
import { hostileExchange } from './support/hostile-arbitraries'
import { knownBadCases } from './support/known-bad-requests'
import { knownBadUpgrades } from './support/known-bad-upgrades'
import { exchange, mapPool, type RawExchange, type RawOutcome } from './support/raw-http'
import { startShellProcess, type ShellProcess } from './support/shell-process'

/** Random cases per run; raise it for a longer hunt (WARROOM_FUZZ_CASES=50000). */
const CASES = Number(process.env.WARROOM_FUZZ_CASES ?? 5000)
/** Fixed so a failure reproduces; set WARROOM_FUZZ_SEED to explore other inputs. */
const SEED = Number(process.env.WARROOM_FUZZ_SEED ?? 20_260_110)
/** Connections in flight at once: enough to overlap slow cases, not to swamp 2 cores. */
const CONCURRENCY = 12
/** A server that got the client's FIN answers and closes well within this. */
const DEADLINE_MS = 3000

/** Every status the shell may answer with; 500 means a handler threw (a root cause left). */
const FITTING = new Set([101, 200, 303, 304, 400, 401, 403, 404, 405, 408, 413, 414, 417, 431, 505])
/** Statuses that mean "let in": never without the token. */
const LET_IN = new Set([101, 200, 303, 304, 404])

function show(raw: RawExchange): string {
  const text = JSON.stringify(Buffer.concat(raw.chunks).toString('latin1'))
  const shown = text.length > 400 ? `${text.slice(0, 400)}…(${text.length} chars)` : text
  return `${shown} in ${raw.chunks.length} piece(s), pause ${raw.pauseMs} ms, then ${raw.ending}`
}

/** What is wrong with one outcome, or undefined when the server behaved. */
function misbehaviour(raw: RawExchange, outcome: RawOutcome, token: string): string | undefined {
  const odd = outcome.statuses.filter((status) => !FITTING.has(status))
  if (odd.length > 0) return `answered ${odd.join(', ')}`
  if (outcome.response.length > 0 && !outcome.response.toString('latin1').startsWith('HTTP/1.1 ')) {
    return `answered bytes that are not an HTTP/1.1 status line`
  }
  const withToken = Buffer.concat(raw.chunks).includes(token)
  const letIn = outcome.statuses.filter((status) => LET_IN.has(status))
  if (!withToken && letIn.length > 0) return `let a request without the token in (${letIn})`
  const mustClose =
    raw.ending === 'end' || (raw.ending === 'wait' && !outcome.statuses.includes(101))
  if (mustClose && outcome.hung) return `did not close the connection`
  return undefined
}

describe('the browser shell under hostile HTTP (real shell in a child process)', () => {
  let shell: ShellProcess
  const target = () => ({ port: shell.port, token: shell.token })
  const died = () => `the browser shell process exited:\n${shell.stderr()}`

  beforeAll(async () => {
    shell = await startShellProcess()
  }, 20_000)
  afterAll(async () => shell?.stop())

  it.each([...knownBadCases, ...knownBadUpgrades])(
    'answers $name with $expect and keeps serving',
    async (known) => {
      const raw = known.raw(target())
      const outcome = await exchange(shell.port, raw, DEADLINE_MS)
      expect(shell.alive(), died()).toBe(true)
      // A reset client may or may not see the refusal; the point is the process lived.
      if (raw.ending !== 'reset') expect(outcome.statuses).toEqual(known.expect)
      if (known.forbid) expect(outcome.response.toString('latin1')).not.toMatch(known.forbid)
      expect(outcome.hung).toBe(false)
    },
  )

  it(`survives ${CASES} random hostile exchanges (seed ${SEED})`, { timeout: 60_000 }, async () => {
    const cases = fc.sample(hostileExchange(target()), { seed: SEED, numRuns: CASES })
    const inFlight = new Set<number>()
    const suspects: number[] = []
    const problems: string[] = []
    const started = Date.now()
    await mapPool(cases, CONCURRENCY, async (raw, index) => {
      if (suspects.length > 0) return
      inFlight.add(index)
      const outcome = await exchange(shell.port, raw, DEADLINE_MS)
      if (!shell.alive() && suspects.length === 0) suspects.push(...inFlight)
      inFlight.delete(index)
      const problem = misbehaviour(raw, outcome, shell.token)
      if (problem && problems.length < 10) problems.push(`case ${index}: ${problem}: ${show(raw)}`)
    })
    console.info(`${cases.length} hostile exchanges in ${Date.now() - started} ms (seed ${SEED})`)
    const replay = `seed ${SEED}, WARROOM_FUZZ_CASES=${CASES}`
    expect(
      shell.alive(),
      `${died()}\nin flight when it died (${replay}):\n` +
        suspects.map((index) => `case ${index}: ${show(cases[index]!)}`).join('\n'),
    ).toBe(true)
    expect(problems, `misbehaviour (${replay})`).toEqual([])
  })

  it('still serves the page and the WebSocket to the holder of the token', async () => {
    expect(shell.alive(), died()).toBe(true)
    const base = `http://127.0.0.1:${shell.port}`
    const cookie = `warroom_token_${shell.port}=${shell.token}`
    const page = await fetch(`${base}/`, { headers: { cookie } })
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('War Room')
    const redirect = await fetch(`${base}/?token=${shell.token}`, { redirect: 'manual' })
    expect(redirect.status).toBe(303)

    const socket = new WebSocket(`ws://127.0.0.1:${shell.port}/rpc`, {
      origin: base,
      headers: { cookie },
    })
    const connection = await connectSocketClient(socket as unknown as SocketLike)
    try {
      await expect(connection.client['app.info']({})).resolves.toMatchObject({ name: 'War Room' })
    } finally {
      connection.close()
    }
  })
})
