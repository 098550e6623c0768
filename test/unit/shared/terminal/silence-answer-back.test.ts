import fc from 'fast-check'
import type { Terminal as BrowserTerminal } from '@xterm/xterm'
import { describe, expect, it } from 'vitest'
import { silenceAnswerBack } from '../../../../src/shared/terminal/silence-answer-back'
import { headlessXterm } from '../../../support/headless-xterm'
import { ATTACKS, chunked, cuts, hostileBytes, OTHER_QUERIES, QUERIES } from './hostile-output'

const ESC = '\u001b'

async function silencedAnswers(chunks: Array<Uint8Array | string>): Promise<string[]> {
  const xterm = headlessXterm()
  silenceAnswerBack(xterm.term)
  for (const chunk of chunks) await xterm.write(chunk)
  const replies = [...xterm.replies, ...xterm.reportingModes()]
  xterm.dispose()
  return replies
}

describe('silenceAnswerBack (no output filter in front)', () => {
  it.each([...ATTACKS, ...[...QUERIES, ...OTHER_QUERIES].map((q) => [JSON.stringify(q), q])])(
    '%s: xterm stays silent',
    async (_name, attack) => {
      expect(await silencedAnswers([attack!])).toEqual([])
    },
  )

  it('keeps xterm.js silent whatever it is fed, however split', async () => {
    await fc.assert(
      fc.asyncProperty(hostileBytes, cuts, async (bytes, at) => {
        expect(await silencedAnswers(chunked(bytes, at))).toEqual([])
      }),
      { numRuns: 300 },
    )
  })

  it('leaves the rest working: cursor moves, alternate screen, bracketed paste', async () => {
    const xterm = headlessXterm()
    silenceAnswerBack(xterm.term)
    await xterm.write(`${ESC}[5;7H${ESC}[6n${ESC}[?1049h${ESC}[?2004h${ESC}[22;0t`)
    expect(xterm.replies).toEqual([])
    expect(xterm.term.buffer.active.type).toBe('alternate')
    expect([xterm.term.buffer.active.cursorY, xterm.term.buffer.active.cursorX]).toEqual([4, 6])
    expect(xterm.bracketedPaste()).toBe(true)
    xterm.dispose()
  })

  it('can be undone', async () => {
    const xterm = headlessXterm()
    silenceAnswerBack(xterm.term).dispose()
    await xterm.write(`${ESC}[6n`)
    expect(xterm.replies).toEqual([`${ESC}[1;1R`])
    xterm.dispose()
  })

  it('accepts the browser build’s terminal too (a type check)', () => {
    const wire = (term: BrowserTerminal) => silenceAnswerBack(term)
    expect(typeof wire).toBe('function')
  })
})
