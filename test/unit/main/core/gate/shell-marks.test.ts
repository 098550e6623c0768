import { mkdtempSync, existsSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { firstKeys, takeHandoff } from '../../../../../src/main/core/gate/mark-keys'
import { MARK_IDENT, readMark } from '../../../../../src/main/core/gate/shell-marks'

const START = '1'.repeat(32)
const END = '2'.repeat(32)
const keys = { start: START, end: END }

describe('reading a mark', () => {
  it('believes a command start only with the start key, everything else only with the end key', () => {
    expect(readMark(MARK_IDENT, `${START};C`, keys)).toEqual({ type: 'command-start' })
    expect(readMark(MARK_IDENT, `${END};C`, keys)).toBe('forged')
    expect(readMark(MARK_IDENT, `${END};D;0`, keys)).toEqual({ type: 'command-end', exitCode: 0 })
    // The start key is printed as a command starts: it signs nothing that ends the command.
    expect(readMark(MARK_IDENT, `${START};D;0`, keys)).toBe('forged')
    expect(readMark(MARK_IDENT, `${START};A;seq=3`, keys)).toBe('forged')
    expect(readMark(MARK_IDENT, `${START};names;alias=;function=`, keys)).toBe('forged')
    expect(readMark(MARK_IDENT, `${END};A;seq=3`, keys)).toEqual({ type: 'prompt', seq: 3 })
  })

  it('believes no command start before the first prompt handed a start key over', () => {
    const first = firstKeys(END)!
    expect(readMark(MARK_IDENT, `${END};C`, first)).toBe('forged')
    expect(readMark(MARK_IDENT, `;C`, first)).toBe('forged')
    expect(readMark(MARK_IDENT, `${END};A;seq=1`, first)).toEqual({ type: 'prompt', seq: 1 })
  })

  it('reads no sequence number that is not a plain number', () => {
    expect(readMark(MARK_IDENT, `${END};A;seq=../../etc/passwd`, keys)).toEqual({
      type: 'prompt',
      seq: null,
    })
  })
})

describe('the keys handed over at a prompt', () => {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-handoff-'))
  const handoff = join(dir, 'shell')

  it('are taken from the numbered file, which is then gone', () => {
    writeFileSync(`${handoff}.4`, `${START} ${END}\n`)
    expect(takeHandoff(handoff, 4)).toEqual({ start: START, end: END })
    expect(existsSync(`${handoff}.4`)).toBe(false)
    expect(takeHandoff(handoff, 4)).toBeNull()
  })

  it('are refused when the file does not hold two keys', () => {
    writeFileSync(`${handoff}.5`, `${START}\n`)
    expect(takeHandoff(handoff, 5)).toBeNull()
    writeFileSync(`${handoff}.6`, `${START} not-a-key\n`)
    expect(takeHandoff(handoff, 6)).toBeNull()
  })
})
