import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createOutputPump } from '../../../../src/main/core/terminal/output-pump'

function harness(overrides: { high?: number; low?: number; maxBatch?: number } = {}) {
  const sent: string[] = []
  const calls: string[] = []
  const pump = createOutputPump({
    send: (data) => sent.push(data),
    pause: () => calls.push('pause'),
    resume: () => calls.push('resume'),
    batchMs: 5,
    highWatermark: overrides.high ?? 100,
    lowWatermark: overrides.low ?? 10,
    maxBatchChars: overrides.maxBatch ?? 1_000,
  })
  return { pump, sent, calls }
}

describe('output pump', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('coalesces output arriving within the batch window into one message', () => {
    const { pump, sent } = harness()
    pump.push('a')
    pump.push('b')
    pump.push('c')
    expect(sent).toEqual([])
    vi.advanceTimersByTime(5)
    expect(sent).toEqual(['abc'])
  })

  it('sends the first output after user input at once (typing stays snappy)', () => {
    const { pump, sent } = harness()
    pump.noteInput()
    pump.push('x')
    expect(sent).toEqual(['x'])
    pump.push('y')
    expect(sent).toEqual(['x'])
    vi.advanceTimersByTime(5)
    expect(sent).toEqual(['x', 'y'])
  })

  it('sends a large batch early so memory stays bounded', () => {
    const { pump, sent } = harness({ maxBatch: 10, high: 1_000 })
    pump.push('12345')
    pump.push('67890')
    expect(sent).toEqual(['1234567890'])
  })

  it('pauses above the high watermark and resumes below the low one', () => {
    const { pump, calls } = harness({ high: 100, low: 10 })
    pump.push('x'.repeat(101))
    expect(calls).toEqual(['pause'])
    expect(pump.paused).toBe(true)
    pump.ack(50)
    expect(calls).toEqual(['pause'])
    pump.ack(45)
    expect(calls).toEqual(['pause', 'resume'])
    expect(pump.unacknowledged).toBe(6)
    expect(pump.pauseCount).toBe(1)
  })

  it('never counts more acknowledged than sent', () => {
    const { pump } = harness()
    pump.push('abc')
    pump.ack(10_000)
    expect(pump.unacknowledged).toBe(0)
  })

  it('flushes what is pending when disposed, then sends nothing more', () => {
    const { pump, sent } = harness()
    pump.push('tail')
    pump.dispose()
    pump.push('late')
    vi.advanceTimersByTime(10)
    expect(sent).toEqual(['tail'])
  })
})
