/**
 * The host's shells as processes: real bash through node-pty, typed into through a
 * recorded break-glass (these tests are about the pty, not the gate).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MAX_LIVE_TERMINALS } from '../../../../../src/main/core/terminal/terminal-registry'
import { shellEnvironment } from '../../../../../src/main/core/terminal/spawn-shell'
import { INCIDENT, startHost, type HostHarness } from '../../../../support/host-harness'

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** Processes this test process started (the host's shells, the spare among them). */
function children(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'latin1')
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === process.pid
      } catch {
        return false
      }
    })
    .map(Number)
}

describe('the host’s shells (real node-pty, real bash)', () => {
  let h: HostHarness
  afterEach(() => h?.host.dispose())

  async function direct(extraEnv: NodeJS.ProcessEnv = {}, cwd?: string) {
    h = startHost({ env: { ...process.env, HOME: '/tmp', ...extraEnv } })
    await h.configure()
    const created = await h.leader.call('terminal.create', {
      incidentId: INCIDENT,
      cols: 80,
      rows: 24,
      ...(cwd ? { cwd } : {}),
    })
    const sessionId = created.sessionId
    await h.leader.call('terminal.attach', { sessionId, controlling: true })
    // Keys typed before the first prompt are discarded by it, like any type-ahead.
    await h.ready(sessionId)
    await h.leader.call('gate.breakGlass', {
      sessionId,
      personId: 'alice',
      reason: 'testing the pty itself',
    })
    const type = (data: string) => h.leader.call('terminal.write', { sessionId, data })
    const sees = (text: string) =>
      vi.waitFor(() => expect(h.leader.output(sessionId)).toContain(text), { timeout: 10_000 })
    return { sessionId, pid: created.pid, created, type, sees }
  }

  it('starts the shell in the chosen working directory', async () => {
    const t = await direct({}, '/usr')
    expect(t.created.cwd).toBe('/usr')
    await t.type('echo "cwd:$(pwd)"\r')
    await t.sees('cwd:/usr')
  })

  it('keeps multi-byte UTF-8 whole across large outputs (bytes end to end)', async () => {
    const t = await direct()
    await t.type("for i in $(seq 1 3000); do printf 'é€😀'; done; echo; echo done-$((1+1))\r")
    await t.sees('done-2')
    const text = h.leader.output(t.sessionId)
    expect(text).not.toContain('\uFFFD')
    expect(text.split('é€😀').length - 1).toBeGreaterThanOrEqual(3000)
  })

  it('gives the shell neither the host’s secrets nor its own nonce in the environment', async () => {
    const t = await direct({ WARROOM_TOKEN: 'launch-token-never-in-the-shell' })
    await t.type(
      'echo "[${WARROOM_TOKEN:-unset}][${WARROOM_NONCE_FILE:-unset}]"; env | grep -c ^WARROOM_\r',
    )
    await t.sees('[unset][unset]')
    await t.sees('\r\n0\r\n')
    const environ = readFileSync(`/proc/${t.pid}/environ`, 'latin1')
    expect(environ).not.toContain('launch-token-never-in-the-shell')
    expect(environ).not.toContain('WARROOM_TOKEN')
    const env = shellEnvironment({ WARROOM_TOKEN: 'x', ELECTRON_RUN_AS_NODE: '1', PATH: '/bin' })
    expect(env).not.toHaveProperty('WARROOM_TOKEN')
    expect(env).not.toHaveProperty('ELECTRON_RUN_AS_NODE')
    expect(env).toMatchObject({ PATH: '/bin', TERM: 'xterm-256color' })
  })

  it(`refuses more than ${MAX_LIVE_TERMINALS} live shells with a clear error`, async () => {
    h = startHost()
    await h.configure()
    const pids: number[] = []
    for (let i = 0; i < MAX_LIVE_TERMINALS; i++) {
      const created = await h.leader.call('terminal.create', {
        incidentId: INCIDENT,
        cols: 80,
        rows: 24,
      })
      pids.push(created.pid)
    }
    await expect(
      h.leader.call('terminal.create', { incidentId: INCIDENT, cols: 80, rows: 24 }),
    ).rejects.toThrow(new RegExp(`${MAX_LIVE_TERMINALS} shells are already running`))
    expect(h.host.terminalCount).toBe(MAX_LIVE_TERMINALS)
    h.host.dispose()
    await vi.waitFor(() => expect(pids.filter(alive)).toEqual([]), { timeout: 10_000 })
  })

  it('ends every shell when the host stops, leaving no process behind', async () => {
    const t = await direct()
    h.host.dispose()
    await vi.waitFor(() => expect(alive(t.pid)).toBe(false), { timeout: 10_000 })
    expect(h.host.connectionCount).toBe(0)
  })

  it('hands the spare shell (started ahead) to the first terminal in the default directory only', async () => {
    h = startHost()
    await h.configure()
    await vi.waitFor(() => expect(children().length).toBeGreaterThan(0))
    const startedAhead = children()
    const elsewhere = await h.leader.call('terminal.create', {
      incidentId: INCIDENT,
      cols: 80,
      rows: 24,
      cwd: '/usr',
    })
    const taken = await h.leader.call('terminal.create', {
      incidentId: INCIDENT,
      cols: 100,
      rows: 30,
    })
    expect(startedAhead).not.toContain(elsewhere.pid)
    expect(startedAhead).toContain(taken.pid)
    await h.leader.call('terminal.attach', { sessionId: taken.sessionId, controlling: true })
    await h.ready(taken.sessionId)
    await h.leader.call('gate.breakGlass', {
      sessionId: taken.sessionId,
      personId: 'alice',
      reason: 'pty size check',
    })
    await h.leader.call('terminal.write', { sessionId: taken.sessionId, data: 'stty size\r' })
    await vi.waitFor(() => expect(h.leader.output(taken.sessionId)).toContain('30 100'))
  })
})
