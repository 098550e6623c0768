/*
 * One formatter each, made once: `toLocaleTimeString(locales, options)` builds a new ICU
 * formatter on every call, and freeing thousands of them (a scrolled timeline) cost
 * 80 ms garbage-collection pauses (npm run bench -- timeline-scroll).
 */
const CLOCK_TIME = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})
const DATE_TIME = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
})

/** Wall-clock time, as people in the room read it out. */
export function clockTime(at: number): string {
  return CLOCK_TIME.format(at)
}

export function dateTime(at: number): string {
  return DATE_TIME.format(at)
}

/** Elapsed time as H:MM:SS (or M:SS under an hour). */
export function elapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const mm = String(m).padStart(h ? 2 : 1, '0')
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`
}

/** Value for an <input type="datetime-local"> in local time. */
export function toLocalInput(at: number): string {
  const d = new Date(at - new Date(at).getTimezoneOffset() * 60_000)
  return d.toISOString().slice(0, 16)
}

export function fromLocalInput(value: string): number | null {
  if (!value) return null
  const at = new Date(value).getTime()
  return Number.isFinite(at) ? at : null
}
