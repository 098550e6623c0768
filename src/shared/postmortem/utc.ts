/** "2026-11-25 13:05:12" in UTC: postmortems are read across time zones. */
export function utc(at: number): string {
  return new Date(at).toISOString().slice(0, 19).replace('T', ' ')
}

export function utcDate(at: number): string {
  return new Date(at).toISOString().slice(0, 10)
}
