/**
 * A headless xterm.js 6 (its real parser and input handler, in Node) with a probe for every
 * way it answers: `onData` (DSR, DA, DECRQM, DECRQSS, window size…), and the requests the
 * browser build turns into replies (colour reports, focus reports, pixel-size reports), plus
 * reporting modes left switched on (focus events, mouse tracking) that would make it send
 * input by itself. Internals are reached through a narrow structural type, test-only.
 */
import { Terminal } from '@xterm/headless'

interface Event<T> {
  (listener: (value: T) => void): { dispose(): void }
}
interface Internals {
  _core: {
    _inputHandler: {
      onColor: Event<Array<{ type: number }>>
      onRequestSendFocus: Event<void>
      onRequestWindowsOptionsReport: Event<number>
      parse(data: string | Uint8Array): void
      _parser: {
        currentState: number
        _transitions: { table: Uint8Array }
        _collect: number
        _params: { toArray(): Array<number | number[]> }
        _oscParser: { _id: number; _state: number }
      }
    }
    coreService: { decPrivateModes: { sendFocus: boolean; bracketedPasteMode: boolean } }
    coreMouseService: { activeProtocol: string }
  }
}

/** ColorRequestType.REPORT in xterm.js: the browser build answers it with the colour. */
const COLOR_REPORT = 0

export interface HeadlessXterm {
  term: Terminal
  /** Everything xterm answered or would answer, in order. */
  replies: string[]
  write(data: string | Uint8Array): Promise<void>
  /** Parses synchronously, bypassing the write buffer (for state-by-state comparisons). */
  parse(data: string | Uint8Array): void
  parser: Internals['_core']['_inputHandler']['_parser']
  /** Reporting modes xterm was left in: it would send focus or mouse events on its own. */
  reportingModes(): string[]
  bracketedPaste(): boolean
  dispose(): void
}

export function headlessXterm(): HeadlessXterm {
  const term = new Terminal({
    allowProposedApi: true,
    logLevel: 'off', // xterm.js logs every malformed sequence: these tests feed thousands
    // Every window report xterm.js knows, so none can hide behind a default.
    windowOptions: {
      getWinSizePixels: true,
      getCellSizePixels: true,
      getWinSizeChars: true,
      getWinState: true,
      getWinPosition: true,
      getScreenSizePixels: true,
      getScreenSizeChars: true,
      getIconTitle: true,
      getWinTitle: true,
    },
  })
  const core = (term as unknown as Internals)._core
  const handler = core._inputHandler
  const replies: string[] = []
  term.onData((data) => replies.push(data))
  handler.onColor((requests) => {
    for (const r of requests) if (r.type === COLOR_REPORT) replies.push(`<colour report>`)
  })
  handler.onRequestSendFocus(() => replies.push('<focus report>'))
  handler.onRequestWindowsOptionsReport((type) => replies.push(`<window report ${type}>`))
  return {
    term,
    replies,
    write: (data) => new Promise<void>((resolve) => term.write(data, resolve)),
    parse: (data) => handler.parse(data),
    parser: handler._parser,
    reportingModes() {
      const modes: string[] = []
      if (core.coreService.decPrivateModes.sendFocus) modes.push('focus events')
      if (core.coreMouseService.activeProtocol !== 'NONE')
        modes.push(`mouse ${core.coreMouseService.activeProtocol}`)
      return modes
    },
    bracketedPaste: () => core.coreService.decPrivateModes.bracketedPasteMode,
    dispose: () => term.dispose(),
  }
}
