import { describe, expect, it } from 'vitest'
import { clockTime, dateTime } from '../../../../src/renderer/features/incidents/format-time'

describe('times on screen', () => {
  // The formatters are made once (a scrolled timeline formats thousands of times); what
  // they print is what the browser's own toLocale… calls print with the same options.
  it('shows the wall-clock time and the date as the locale writes them', () => {
    for (const at of [0, 1_700_000_000_000, 1_800_000_123_456]) {
      expect(clockTime(at)).toBe(
        new Date(at).toLocaleTimeString([], {
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
        }),
      )
      expect(dateTime(at)).toBe(
        new Date(at).toLocaleString([], {
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
        }),
      )
    }
  })
})
