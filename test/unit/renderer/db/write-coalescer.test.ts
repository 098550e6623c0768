import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createWriteCoalescer } from '../../../../src/renderer/db/write-coalescer'

describe('write coalescer', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('writes a burst of keystrokes as one write, with the newest text, within the delay', async () => {
    const writes: string[][] = []
    const coalescer = createWriteCoalescer<string>({
      delayMs: 200,
      write: async (values) => void writes.push(values),
      onError: () => {},
    })
    for (const text of ['h', 'he', 'hel', 'hell', 'hello']) {
      coalescer.schedule('note-1', text)
      await vi.advanceTimersByTimeAsync(30)
    }
    expect(writes).toEqual([])
    await vi.advanceTimersByTimeAsync(60)
    expect(writes).toEqual([['hello']])
  })

  it('flushes at once on demand (blur, page hide)', async () => {
    const writes: string[][] = []
    const coalescer = createWriteCoalescer<string>({
      write: async (values) => void writes.push(values),
      onError: () => {},
    })
    coalescer.schedule('a', 'x')
    coalescer.schedule('b', 'y')
    await coalescer.flush()
    expect(writes).toEqual([['x', 'y']])
    expect(coalescer.pendingCount).toBe(0)
  })

  it('never lets an older text land after a newer one', async () => {
    const landed: string[] = []
    let release!: () => void
    const coalescer = createWriteCoalescer<string>({
      write: (values) =>
        new Promise<void>((resolve) => {
          const land = () => {
            landed.push(values[0]!)
            resolve()
          }
          if (values[0] === 'old') release = land
          else land()
        }),
      onError: () => {},
    })
    coalescer.schedule('n', 'old')
    const first = coalescer.flush()
    coalescer.schedule('n', 'new')
    const second = coalescer.flush()
    await vi.advanceTimersByTimeAsync(0)
    expect(landed).toEqual([])
    release()
    await Promise.all([first, second])
    expect(landed).toEqual(['old', 'new'])
  })

  it('reports a failed write with what it held', async () => {
    const failed: string[][] = []
    const coalescer = createWriteCoalescer<string>({
      write: async () => {
        throw new Error('QuotaExceededError')
      },
      onError: (_e, values) => failed.push(values),
    })
    coalescer.schedule('n', 'text')
    await expect(coalescer.flush()).rejects.toThrow()
    expect(failed).toEqual([['text']])
  })
})
