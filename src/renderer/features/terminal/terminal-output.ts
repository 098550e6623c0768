import type { Terminal } from '@xterm/xterm'
import type { EventPayload } from '../../../shared/contract'

/** Acknowledge parsed output in steps of this many bytes (16 calls per MB, well under the host's 384 K low watermark). */
export const ACK_EVERY_BYTES = 65_536

/**
 * RIS, a full reset, written in line with the output: xterm's `reset()` acts at once, before
 * what xterm has queued but not parsed yet, which would then land on the clean screen.
 */
const FULL_RESET = '\u001bc'
/** On xterm's element while a replay is parsed: nothing before it is seen meanwhile. */
export const REPLAYING_CLASS = 'terminal-replaying'

type Output = EventPayload<'terminal.data'>

/**
 * One terminal's output on its way into xterm: live output as it comes, a replay (the
 * screen as the host has it) instead of everything before it, and acknowledgements of what
 * xterm has parsed.
 *
 * A replay replaces the screen: what xterm still has queued (written, not parsed yet; it
 * may be what the curtain hid from the room) is parsed out of sight before the reset, and
 * is not acknowledged (the host counts from the replay on).
 */
export class TerminalOutput {
  private unacknowledged = 0
  /** Bumped by each replay: output written before it is neither shown nor acknowledged. */
  private generation = 0
  private firstOutputSeen = false

  constructor(
    private readonly term: Terminal,
    private readonly events: {
      ack(sessionId: string, bytes: number): void
      /** The first output was parsed (once). */
      firstOutput(): void
    },
  ) {}

  receive(output: Output): void {
    if (!output.replay) {
      this.write(output)
      return
    }
    this.unacknowledged = 0
    this.generation++
    const element = this.term.element
    element?.classList.add(REPLAYING_CLASS)
    this.term.write(FULL_RESET)
    const generation = this.generation
    this.write(output, () => {
      if (generation === this.generation) element?.classList.remove(REPLAYING_CLASS)
    })
  }

  private write({ sessionId, data, replay }: Output, parsed?: () => void): void {
    const generation = this.generation
    const length = data.length
    this.term.write(data, () => {
      parsed?.()
      if (!this.firstOutputSeen && length > 0) {
        this.firstOutputSeen = true
        this.events.firstOutput()
      }
      if (generation !== this.generation) return
      this.unacknowledged += length
      if (this.unacknowledged < ACK_EVERY_BYTES && !replay) return
      const bytes = this.unacknowledged
      this.unacknowledged = 0
      this.events.ack(sessionId, bytes)
    })
  }
}
