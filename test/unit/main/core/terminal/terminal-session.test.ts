import type { IPty } from 'node-pty'
import { describe, expect, it } from 'vitest'
import { DEFAULT_POLICY } from '../../../../../src/shared/commands/gate-model'
import { createTerminalSession } from '../../../../../src/main/core/terminal/terminal-session'

/** A pty whose process has just exited: node-pty throws on resize then (ioctl on a closed fd). */
function exitedPty(): IPty {
  const noEvent = () => ({ dispose: () => {} })
  return {
    pid: 999_999_999,
    cols: 80,
    rows: 24,
    process: 'bash',
    handleFlowControl: false,
    onData: noEvent,
    onExit: noEvent,
    resize: () => {
      throw new Error('ioctl(2) failed, EBADF')
    },
    clear: () => {},
    write: () => {},
    kill: () => {},
    pause: () => {},
    resume: () => {},
  } as unknown as IPty
}

describe('a terminal session', () => {
  it('ignores resizing a pty that already exited (its exit event follows) and keeps its size', () => {
    const session = createTerminalSession({
      info: {
        sessionId: 's',
        incidentId: 'i',
        pid: 999_999_999,
        shell: '/bin/bash',
        cwd: '/',
        cols: 80,
        rows: 24,
        createdAt: 0,
      },
      pty: exitedPty(),
      nonce: null,
      handoff: null,
      room: () => ({
        incidentId: 'i',
        title: '',
        roster: [],
        policy: DEFAULT_POLICY,
        operatorId: null,
      }),
      emitSnapshot: () => {},
      emitLog: () => {},
      onExit: () => {},
    })
    expect(() => session.resize(10, 10)).not.toThrow()
    expect(session.info).toMatchObject({ cols: 80, rows: 24 })
    session.end(true, 'test over')
  })
})
