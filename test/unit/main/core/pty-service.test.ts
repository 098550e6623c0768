import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EventName, EventPayload } from '../../../../src/shared/contract'
import { createPtyService, type PtyService } from '../../../../src/main/core/terminal/pty-service'
import { createSpareShell } from '../../../../src/main/core/terminal/spare-shell'
import { hermeticShellEnv } from '../../../support/hermetic-env'
import { shellEnvironment } from '../../../../src/main/core/terminal/spawn-shell'
import { DEFAULT_POLICY } from '../../../../src/shared/commands/gate-model'

/** These tests are about the pty itself: they type through a (recorded) break-glass. */
function typeDirect(service: PtyService, input: { sessionId: string; data: string }) {
  const gate = service.gate(input.sessionId)
  if (!gate.snapshot().breakGlass) {
    const roster = [{ personId: 't', name: 'Test', roles: ['operational-expert' as const] }]
    gate.configure({ incidentId: 'inc', roster, policy: DEFAULT_POLICY })
    gate.startBreakGlass({ personId: 't', reason: 'testing the pty itself' })
  }
  return service.write(input)
}

function until(probe: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (probe()) return resolve()
      if (Date.now() - started > timeoutMs) return reject(new Error('timed out'))
      setTimeout(tick, 20)
    }
    tick()
  })
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('pty service (real node-pty, real bash)', () => {
  let events: Array<{ event: EventName; payload: unknown }> = []
  let service: PtyService
  beforeEach(() => {
    const log: typeof events = (events = [])
    service = createPtyService({
      shell: '/bin/bash',
      defaultCwd: '/tmp',
      env: hermeticShellEnv({ WARROOM_SECRET: 'never-in-the-shell' }),
      emit: <E extends EventName>(event: E, payload: EventPayload<E>) =>
        log.push({ event, payload }),
    })
  })
  const output = (sessionId: string) =>
    events
      .filter((e) => e.event === 'terminal.data')
      .map((e) => e.payload as EventPayload<'terminal.data'>)
      .filter((p) => p.sessionId === sessionId)
      .map((p) => p.data)
      .join('')

  afterEach(() => service.disposeAll())

  it('starts the shell in the chosen working directory', async () => {
    const session = service.create({ cols: 80, rows: 24, cwd: '/usr' })
    expect(session.cwd).toBe('/usr')
    typeDirect(service, { sessionId: session.sessionId, data: 'echo "cwd:$(pwd)"\r' })
    await until(() => output(session.sessionId).includes('cwd:/usr'))
  })

  it('keeps multi-byte UTF-8 whole across large outputs', async () => {
    const session = service.create({ cols: 80, rows: 24 })
    typeDirect(service, {
      sessionId: session.sessionId,
      data: "for i in $(seq 1 3000); do printf 'é€😀'; done; echo; echo done-$((1+1))\r",
    })
    await until(() => output(session.sessionId).includes('done-2'))
    const text = output(session.sessionId)
    expect(text).not.toContain('\uFFFD')
    expect(text.split('é€😀').length - 1).toBeGreaterThanOrEqual(3000)
  })

  it('does not hand its own secrets to the shell', async () => {
    const session = service.create({ cols: 80, rows: 24 })
    typeDirect(service, {
      sessionId: session.sessionId,
      data: 'echo "[${WARROOM_SECRET:-unset}]"\r',
    })
    await until(() => output(session.sessionId).includes('[unset]'))
    expect(shellEnvironment({ WARROOM_TOKEN: 'x', PATH: '/bin' })).toMatchObject({
      PATH: '/bin',
      TERM: 'xterm-256color',
    })
  })

  it('kills every session on dispose, leaving no process behind', async () => {
    const a = service.create({ cols: 80, rows: 24 })
    const b = service.create({ cols: 80, rows: 24 })
    expect(service.sessionCount).toBe(2)
    service.disposeAll()
    await until(() => !alive(a.pid) && !alive(b.pid))
    await until(() => service.sessionCount === 0)
    const exits = events.filter((e) => e.event === 'terminal.exit').map((e) => e.payload)
    expect(exits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sessionId: a.sessionId }),
        expect.objectContaining({ sessionId: b.sessionId }),
      ]),
    )
  })

  it('ignores resizing a pty that already exited', async () => {
    const session = service.create({ cols: 80, rows: 24 })
    typeDirect(service, { sessionId: session.sessionId, data: 'exit 3\r' })
    await until(() =>
      events.some(
        (e) =>
          e.event === 'terminal.exit' &&
          (e.payload as EventPayload<'terminal.exit'>).sessionId === session.sessionId,
      ),
    )
    expect(() => service.resize({ sessionId: session.sessionId, cols: 10, rows: 10 })).toThrow(
      /no terminal session/,
    )
    const exit = events.find(
      (e) =>
        e.event === 'terminal.exit' &&
        (e.payload as EventPayload<'terminal.exit'>).sessionId === session.sessionId,
    )!.payload as EventPayload<'terminal.exit'>
    expect(exit.exitCode).toBe(3)
  })
})

describe('spare shell', () => {
  it('hands a started shell to the first terminal in the default directory only', async () => {
    const events: Array<EventPayload<'terminal.data'>> = []
    const spare = createSpareShell(
      { shell: '/bin/bash', env: hermeticShellEnv({ SPARE_MARK: 'from-spare' }) },
      '/tmp',
    )
    const service = createPtyService({
      shell: '/bin/bash',
      defaultCwd: '/tmp',
      env: hermeticShellEnv(),
      spare,
      emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
        if (event === 'terminal.data') events.push(payload as EventPayload<'terminal.data'>)
      },
    })
    const text = (id: string) =>
      events
        .filter((e) => e.sessionId === id)
        .map((e) => e.data)
        .join('')
    try {
      const elsewhere = service.create({ cols: 80, rows: 24, cwd: '/usr' })
      const taken = service.create({ cols: 100, rows: 30 })
      for (const { sessionId } of [elsewhere, taken]) {
        typeDirect(service, { sessionId, data: 'echo "mark=[${SPARE_MARK:-none}]"; stty size\r' })
      }
      await until(() => text(taken.sessionId).includes('mark=[from-spare]'))
      await until(() => text(elsewhere.sessionId).includes('mark=[none]'))
      await until(() => text(taken.sessionId).includes('30 100'))
    } finally {
      service.disposeAll()
      spare.dispose()
    }
  })
})
