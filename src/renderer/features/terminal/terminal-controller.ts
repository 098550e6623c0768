import { FitAddon } from '@xterm/addon-fit'
import { Terminal } from '@xterm/xterm'
import type { EventPayload, HostClient, TerminalSession } from '../../../shared/contract'
import { silenceAnswerBack } from '../../../shared/terminal/silence-answer-back'
import { takePrestarted } from './terminal-prestart'
import { TerminalOutput } from './terminal-output'
import { TIMING_MARKS } from '../../../shared/timing-marks'

/** Wait for the layout to settle before refitting; resizing a pty is not free. */
const RESIZE_DEBOUNCE_MS = 50
/** Performance mark set when the first shell output is parsed (measured by npm run bench). */
export const LIVE_PROMPT_MARK = TIMING_MARKS.livePrompt
/** Bounded scrollback: enough to scroll back through an incident command, not unbounded. */
export const SCROLLBACK_LINES = 5_000

export type TerminalStatus = 'starting' | 'live' | 'exited' | 'failed'

/** What the terminal panel (and the start-up screen) says of each status. */
export const TERMINAL_STATUS_TEXT: Record<TerminalStatus, string> = {
  starting: 'Starting shell…',
  live: 'Live',
  exited: 'Shell exited',
  failed: 'Terminal failed',
}

/** Which shell to show: the incident's (started if there is none) or a given one. */
export type TerminalTarget =
  { incidentId: string; cwd?: string; attachOnly?: boolean } | { sessionId: string }

/** What the view around the terminal is told; swapped when a view adopts it (rebind). */
export interface TerminalCallbacks {
  onStatus(status: TerminalStatus, detail?: string): void
  /** The pty is attached: its gate can be asked. */
  onSession?(session: TerminalSession | null): void
  /** The gate held back typed keys (the shell sits at its prompt). */
  onRefused?(data: string, reason: string): void
  /** Text pasted into the terminal, before anything reaches it (see TerminalPanel). */
  onPaste?(raw: string): void
  /** The first shell output was parsed (the start-up path loads the app after it). */
  onFirstOutput?(): void
}

export interface TerminalControllerOptions extends TerminalCallbacks {
  host: HostClient
  container: HTMLElement
  target: TerminalTarget
  /** The leader's working window: keys go to the gate, the pty follows this window's size. */
  controlling: boolean
  fontSize?: number
}

/**
 * Wires one xterm.js view to one host shell. The shell belongs to the host: this view
 * attaches (the host replays recent output so the screen is what it was), shows live
 * output, and detaches when it goes, leaving the shell and its command running. Terminal
 * bytes go straight to xterm, never through React or the store; parsed output is
 * acknowledged from xterm's write callback.
 */
export class TerminalController {
  private readonly term: Terminal
  private readonly fit = new FitAddon()
  private readonly cleanups: Array<() => void> = []
  /** Undone when the terminal moves to another container (see moveTo). */
  private containerCleanups: Array<() => void> = []
  private container: HTMLElement
  /** The shell is attached and its container watched (size, and pastes when controlling). */
  private watching = false
  private sessionId: string | null = null
  private disposed = false
  private callbacks: TerminalCallbacks
  private readonly output: TerminalOutput

  constructor(private readonly options: TerminalControllerOptions) {
    this.callbacks = options
    this.container = options.container
    this.term = new Terminal({
      scrollback: SCROLLBACK_LINES,
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace',
      fontSize: options.fontSize ?? 15,
      // A steady cursor: the blink restarted on every key and cost each echo a frame
      // (echo p95 ~27 → ~14 ms, npm run bench -- echo-latency); a shared screen is
      // calmer without it, and video encoders of the call have less to send.
      cursorBlink: false,
      disableStdin: !options.controlling,
      allowProposedApi: false,
      // Links in output are never clickable: nothing on a shared screen opens by accident.
      linkHandler: { activate: () => {} },
      theme: { background: '#0b0f14', foreground: '#e6edf3' },
    })
    this.term.loadAddon(this.fit)
    // Second line of defence (the host's output filter is the first): xterm never answers
    // what it is fed, so nothing it would send by itself is written into the shell.
    const silencer = silenceAnswerBack(this.term)
    this.cleanups.push(() => silencer.dispose())
    this.output = new TerminalOutput(this.term, {
      ack: (sessionId, bytes) =>
        void options.host['terminal.ack']({ sessionId, bytes }).catch(() => {}),
      firstOutput: () => {
        performance.mark(LIVE_PROMPT_MARK)
        this.callbacks.onFirstOutput?.()
      },
    })
  }

  async start(): Promise<void> {
    const { host, target, controlling } = this.options
    this.term.open(this.container)
    this.fit.fit()
    this.term.attachCustomKeyEventHandler((event) => this.handleKey(event))
    this.cleanups.push(
      host.on('terminal.data', (payload) => this.onData(payload)),
      host.on('terminal.exit', ({ sessionId, exitCode }) => {
        if (sessionId !== this.sessionId) return
        this.callbacks.onStatus('exited', `shell exited with code ${exitCode}`)
      }),
    )
    try {
      const sessionId = await this.resolveSession(target)
      if (this.disposed) return
      // Output for this shell is accepted from now on: the replay comes before the answer.
      this.sessionId = sessionId
      const session = await host['terminal.attach']({ sessionId, controlling })
      // Disposed meanwhile: dispose() has detached it (the session was known by then).
      if (this.disposed) return
      if (controlling && (session.cols !== this.term.cols || session.rows !== this.term.rows)) {
        void host['terminal.resize']({ sessionId, cols: this.term.cols, rows: this.term.rows })
      }
      this.callbacks.onSession?.(session)
      this.callbacks.onStatus('live')
    } catch (error) {
      this.callbacks.onStatus('failed', error instanceof Error ? error.message : String(error))
      return
    }
    if (controlling) this.wireInput()
    this.watching = true
    this.watchContainer()
  }

  /**
   * Moves the terminal into another container (the start-up path's terminal taken over by
   * the app's panel): same xterm, same shell; focus kept, size refitted to the new place.
   */
  moveTo(container: HTMLElement): void {
    const element = this.term.element
    if (this.disposed || !element || container === this.container) return
    const focused = element.contains(document.activeElement)
    for (const cleanup of this.containerCleanups.splice(0)) cleanup()
    this.container = container
    container.append(element)
    if (this.watching) this.watchContainer()
    if (focused) this.term.focus()
    if (container.clientWidth > 0 && container.clientHeight > 0) this.fit.fit()
  }

  /** Pastes (when controlling) and size changes of the container the terminal is in. */
  private watchContainer(): void {
    if (this.options.controlling) this.interceptPaste(this.container)
    this.observeSize(this.container)
  }

  /** The incident's running shell if there is one (a reload finds it again), else a new one. */
  private async resolveSession(target: TerminalTarget): Promise<string> {
    const { host } = this.options
    if ('sessionId' in target) return target.sessionId
    const started = target.attachOnly ? null : takePrestarted(target.incidentId)
    if (started) {
      const sessionId = await started.catch(() => null)
      if (sessionId) return sessionId
    }
    const running = (await host['terminal.list']({})).find(
      (s) => s.incidentId === target.incidentId,
    )
    if (running) return running.sessionId
    // Gone meanwhile: no shell is started for a view that is not there.
    if (this.disposed) throw new Error('the terminal view was closed')
    if (target.attachOnly) throw new Error('no shell is running for this incident yet')
    const created = await host['terminal.create']({
      incidentId: target.incidentId,
      cols: Math.max(1, this.term.cols),
      rows: Math.max(1, this.term.rows),
      ...(target.cwd ? { cwd: target.cwd } : {}),
    })
    return created.sessionId
  }

  private wireInput(): void {
    const input = this.term.onData((data) => this.send(data))
    const resize = this.term.onResize(({ cols, rows }) => {
      if (!this.sessionId) return
      void this.options.host['terminal.resize']({ sessionId: this.sessionId, cols, rows }).catch(
        () => {},
      )
    })
    this.cleanups.push(
      () => input.dispose(),
      () => resize.dispose(),
    )
    this.term.focus()
  }

  get isDisposed(): boolean {
    return this.disposed
  }

  /** Another view takes this terminal over (the start-up path hands it to the app). */
  rebind(callbacks: TerminalCallbacks): void {
    this.callbacks = callbacks
  }

  /** Larger type for the room (Present, the room view); the view refits to its panel. */
  setFontSize(px: number): void {
    if (this.disposed || this.term.options.fontSize === px) return
    this.term.options.fontSize = px
    this.fit.fit()
  }

  /** Types sanitized text as a paste (break-glass only: see TerminalPanel). */
  paste(text: string): void {
    this.term.paste(text)
  }

  /**
   * Every paste into the terminal is taken before xterm sees it: xterm 6.0.0 wraps the
   * raw clipboard in bracketed-paste markers without removing ESC, so `ESC[201~` in a
   * clipboard could end the paste early and run what follows.
   */
  private interceptPaste(container: HTMLElement): void {
    const onPaste = (event: ClipboardEvent) => {
      event.preventDefault()
      event.stopImmediatePropagation()
      const raw = event.clipboardData?.getData('text/plain') ?? ''
      if (raw) this.callbacks.onPaste?.(raw)
    }
    container.addEventListener('paste', onPaste, { capture: true })
    this.containerCleanups.push(() =>
      container.removeEventListener('paste', onPaste, { capture: true }),
    )
  }

  /** This window stops showing the shell; the shell and its command keep running. */
  dispose(): void {
    this.disposed = true
    for (const cleanup of [...this.cleanups.splice(0), ...this.containerCleanups.splice(0)]) {
      cleanup()
    }
    if (this.sessionId) {
      void this.options.host['terminal.detach']({ sessionId: this.sessionId }).catch(() => {})
    }
    this.sessionId = null
    this.callbacks.onSession?.(null)
    this.term.dispose()
  }

  private send(data: string): void {
    if (!this.sessionId) return
    this.options.host['terminal.write']({ sessionId: this.sessionId, data }).then(
      ({ refused, reason }) => {
        if (refused) this.callbacks.onRefused?.(refused, reason ?? 'refused by the gate')
      },
      (error: unknown) =>
        this.callbacks.onStatus('failed', error instanceof Error ? error.message : String(error)),
    )
  }

  private onData(payload: EventPayload<'terminal.data'>): void {
    if (payload.sessionId !== this.sessionId || this.disposed) return
    this.output.receive(payload)
  }

  private handleKey(event: KeyboardEvent): boolean {
    // Ctrl+Shift+C copies the selection (plain Ctrl+C stays the interrupt key).
    if (event.type === 'keydown' && event.ctrlKey && event.shiftKey && event.code === 'KeyC') {
      const selection = this.term.getSelection()
      if (selection) void navigator.clipboard.writeText(selection).catch(() => {})
      return false
    }
    return true
  }

  private observeSize(container: HTMLElement): void {
    let timer: ReturnType<typeof setTimeout> | undefined
    const observer = new ResizeObserver(() => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        if (!this.disposed && container.clientWidth > 0 && container.clientHeight > 0) {
          this.fit.fit()
        }
      }, RESIZE_DEBOUNCE_MS)
    })
    observer.observe(container)
    this.containerCleanups.push(() => {
      clearTimeout(timer)
      observer.disconnect()
    })
  }
}
