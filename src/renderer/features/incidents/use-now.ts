import { useSyncExternalStore } from 'react'

/**
 * The current time, refreshed every `intervalMs`. Components asking for the same interval
 * share one timer, so the clocks on screen (incident clock, update countdown) re-render in
 * one commit per tick instead of one each (every commit costs the terminal a frame).
 */
const tickers = new Map<number, { now: number; listeners: Set<() => void>; timer?: number }>()

function ticker(intervalMs: number) {
  let entry = tickers.get(intervalMs)
  if (!entry) {
    entry = { now: Date.now(), listeners: new Set() }
    tickers.set(intervalMs, entry)
  }
  return entry
}

function subscribe(intervalMs: number, listener: () => void): () => void {
  const entry = ticker(intervalMs)
  entry.listeners.add(listener)
  if (entry.timer === undefined) {
    entry.now = Date.now()
    entry.timer = window.setInterval(() => {
      entry.now = Date.now()
      for (const notify of entry.listeners) notify()
    }, intervalMs)
  }
  return () => {
    entry.listeners.delete(listener)
    if (entry.listeners.size === 0) {
      window.clearInterval(entry.timer)
      entry.timer = undefined
    }
  }
}

const NEVER = () => () => {}
const subscribers = new Map<number, (listener: () => void) => () => void>()

/** One subscribe function per interval: React resubscribes when it changes. */
function subscriberFor(intervalMs: number) {
  let subscribeTo = subscribers.get(intervalMs)
  if (!subscribeTo) {
    subscribeTo = (listener) => subscribe(intervalMs, listener)
    subscribers.set(intervalMs, subscribeTo)
  }
  return subscribeTo
}

export function useNow(intervalMs: number, running = true): number {
  // Not running: the last tick, unchanged (a snapshot must be stable between calls).
  return useSyncExternalStore(
    running ? subscriberFor(intervalMs) : NEVER,
    () => ticker(intervalMs).now,
  )
}
