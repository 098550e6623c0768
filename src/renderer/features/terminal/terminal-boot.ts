/**
 * The terminal first: on a start that resumes an incident, its shell is shown before the
 * app's bundle (React, Dexie, the panels) is even loaded. This module is part of the small
 * start-up bundle (src/renderer/boot.ts): it reads which incident was open, attaches that
 * incident's shell in a skeleton of the loading workspace laid over the page, and hands
 * the live terminal to the app's terminal panel when it mounts (adoptBootedTerminal), or
 * lets it go when the app shows something else (discardBootedTerminal).
 */
import '@xterm/xterm/css/xterm.css'
import '../../app/tokens.css'
import '../../app/base.css'
import '../../app/layout.css'
import './terminal.css'
import type { GateSnapshot } from '../../../shared/commands/gate-model'
import type { HostClient, TerminalSession } from '../../../shared/contract'
import { sharedHostLink } from '../../api/connect-host'
import { readOpenIncident } from '../../db/read-open-incident'
import {
  TERMINAL_STATUS_TEXT,
  TerminalController,
  type TerminalCallbacks,
  type TerminalStatus,
} from './terminal-controller'

/** The app loads after the shell's first output, or after this long whatever happens. */
export const APP_LOAD_DEADLINE_MS = 1_500
/** Reading the open incident and reaching the host: past this, the app starts on its own. */
export const BOOT_READ_DEADLINE_MS = 1_000

interface Booted {
  incidentId: string
  controller: TerminalController
  screen: HTMLElement
  /** What the controller said before the app took it over, replayed to the app in order. */
  status: { status: TerminalStatus; detail?: string }
  session: TerminalSession | null
  refused: Array<{ data: string; reason: string }>
  pastes: string[]
  /** Stops following the shell's gate (the app follows it itself once it has the terminal). */
  unfollowGate(): void
}

let booted: Booted | null = null

/** The loading workspace's layout (same classes as the app's), with only the terminal. */
function skeleton(): {
  screen: HTMLElement
  panel: HTMLElement
  host: HTMLElement
  status: HTMLElement
  curtain: HTMLElement
} {
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text = '') => {
    const node = document.createElement(tag)
    if (className) node.className = className
    if (text) node.textContent = text
    return node
  }
  const screen = el('div', 'app boot-screen')
  const header = el('header', 'app-header')
  header.append(el('h1', '', 'War Room'))
  const workspace = el('main', 'workspace')
  workspace.setAttribute('aria-busy', 'true')
  const left = el('div', 'column-left')
  const loading = el('p', 'placeholder', 'Loading the incident…')
  loading.setAttribute('role', 'status')
  left.append(loading)
  const center = el('div', 'column-center')
  const panel = el('section', 'panel panel-terminal')
  panel.setAttribute('aria-label', 'Terminal')
  const panelHeader = el('header', 'panel-header')
  const status = el(
    'span',
    'terminal-status terminal-status-starting',
    TERMINAL_STATUS_TEXT.starting,
  )
  status.setAttribute('role', 'status')
  panelHeader.append(el('h2', '', 'Terminal'), status)
  const frame = el('div', 'terminal-frame')
  const hostParent = el('div', 'terminal-host')
  // Nothing of the output shows until the gate says the room may see it (the curtain).
  const host = el('div', 'terminal-adoptable terminal-gate-unknown')
  host.setAttribute('aria-hidden', 'true')
  hostParent.append(host)
  const curtain = el('div', 'terminal-curtain')
  curtain.setAttribute('role', 'status')
  curtain.setAttribute('aria-label', 'Terminal hidden from the room')
  curtain.hidden = true
  frame.append(hostParent, curtain)
  panel.append(panelHeader, frame)
  center.append(panel)
  workspace.append(left, center, el('div', 'column-side'))
  screen.append(header, workspace)
  return { screen, panel, host, status, curtain }
}

/**
 * Shows the shell's output only once its gate says the room may see it: the curtain (a
 * command printing a secret) covers it as in the app, break-glass turns the panel red.
 */
function followGate(
  host: HostClient,
  sessionId: string,
  view: { panel: HTMLElement; host: HTMLElement; curtain: HTMLElement },
): () => void {
  let stopped = false
  const show = (gate: GateSnapshot) => {
    if (stopped || gate.sessionId !== sessionId) return
    const hidden = gate.curtain !== null
    view.host.classList.toggle('terminal-gate-unknown', hidden)
    view.curtain.hidden = !hidden
    view.curtain.textContent = gate.curtain
      ? `Terminal hidden from the room by ${gate.curtain.name}.`
      : ''
    view.panel.classList.toggle('terminal-break-glass', gate.breakGlass !== null)
  }
  const unsubscribe = host.on('gate.snapshot', show)
  void host['gate.state']({ sessionId }).then(show, () => {})
  return () => {
    stopped = true
    unsubscribe()
  }
}

const withDeadline = <T>(work: Promise<T>, ms: number): Promise<T | null> =>
  Promise.race([work, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))])

/** While the skeleton lies over the page, the app under it is out of reach (and of AT). */
function coverApp(covered: boolean): void {
  const root = document.getElementById('root')
  if (!root) return
  root.inert = covered
}

/**
 * Resumes the open incident's shell before the app loads. Resolves when the app should
 * load: at the shell's first output, when there is nothing to resume, on any failure (the
 * app then does everything itself), or at the deadline. Never rejects.
 */
export async function startTerminalFirst(): Promise<void> {
  try {
    // The host is asked for its shells while IndexedDB is read: one round trip less after.
    const linked = sharedHostLink()
    const shells = linked.then((link) => link.client['terminal.list']({}))
    shells.catch(() => {})
    const read = await withDeadline(
      Promise.all([readOpenIncident(), linked, shells]),
      BOOT_READ_DEADLINE_MS,
    )
    if (!read) return
    const [incidentId, link, running] = read
    if (!incidentId) return
    const shell = running.find((s) => s.incidentId === incidentId)
    const view = skeleton()
    let firstOutput: () => void = () => {}
    const shown = new Promise<void>((resolve) => (firstOutput = resolve))
    const callbacks: TerminalCallbacks = {
      onStatus: (status, detail) => {
        if (booted) booted.status = detail === undefined ? { status } : { status, detail }
        view.status.className = `terminal-status terminal-status-${status}`
        view.status.textContent = TERMINAL_STATUS_TEXT[status] + (detail ? `: ${detail}` : '')
        if (status === 'failed' || status === 'exited') firstOutput()
      },
      onSession: (session) => {
        if (!booted) return
        booted.session = session
        booted.unfollowGate()
        booted.unfollowGate = session ? followGate(link.client, session.sessionId, view) : noop
      },
      onRefused: (data, reason) => booted?.refused.push({ data, reason }),
      onPaste: (raw) => booted?.pastes.push(raw),
      onFirstOutput: () => firstOutput(),
    }
    const controller = new TerminalController({
      host: link.client,
      container: view.host,
      target: shell ? { sessionId: shell.sessionId } : { incidentId },
      controlling: true,
      ...callbacks,
    })
    booted = {
      incidentId,
      controller,
      screen: view.screen,
      status: { status: 'starting' },
      session: null,
      refused: [],
      pastes: [],
      unfollowGate: noop,
    }
    document.body.append(view.screen)
    coverApp(true)
    void controller.start()
    await withDeadline(shown, APP_LOAD_DEADLINE_MS)
  } catch {
    // The app reports what failed (it shares the same link).
  }
}

const noop = () => {}

/** The incident whose shell the start-up path attached, until the app takes it or lets go. */
export function bootedIncidentId(): string | null {
  return booted?.incidentId ?? null
}

/**
 * The app's terminal panel for `incidentId` takes the live terminal: it moves into
 * `container`, reports to `callbacks` from now on (told right after what happened so far), and
 * the skeleton goes. Null when there is none for this incident (the panel starts its own).
 */
export function adoptBootedTerminal(
  incidentId: string,
  container: HTMLElement,
  callbacks: TerminalCallbacks,
): TerminalController | null {
  if (!booted || booted.incidentId !== incidentId) return null
  const taken = booted
  booted = null
  taken.unfollowGate()
  // The app first leaves inertness: focus cannot move into an inert subtree.
  coverApp(false)
  taken.controller.moveTo(container)
  taken.screen.remove()
  taken.controller.rebind(callbacks)
  // Told once the panel holds the controller (its paste handler uses it), unless the panel
  // already let it go again.
  queueMicrotask(() => {
    if (taken.controller.isDisposed) return
    callbacks.onStatus(taken.status.status, taken.status.detail)
    if (taken.session) callbacks.onSession?.(taken.session)
    for (const { data, reason } of taken.refused) callbacks.onRefused?.(data, reason)
    for (const raw of taken.pastes) callbacks.onPaste?.(raw)
  })
  return taken.controller
}

/** The app shows something else (the list, another incident): the early view goes. */
export function discardBootedTerminal(): void {
  if (!booted) return
  const dropped = booted
  booted = null
  dropped.unfollowGate()
  dropped.controller.dispose() // the shell keeps running on the host
  dropped.screen.remove()
  coverApp(false)
}
