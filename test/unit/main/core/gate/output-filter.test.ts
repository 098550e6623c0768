import { describe, expect, it } from 'vitest'
import { createOutputFilter } from '../../../../../src/main/core/gate/output-filter'
import type { ShellMark } from '../../../../../src/main/core/gate/shell-marks'

function run(chunks: string[]) {
  const events: Array<string | ShellMark> = []
  const filter = createOutputFilter({
    onText: (text) => events.push(text),
    onMark: (mark) => events.push(mark),
  })
  for (const chunk of chunks) filter.filter(chunk)
  const text = events.filter((e): e is string => typeof e === 'string').join('')
  return { events, text }
}

describe('output filter', () => {
  it('takes the integration marks out, in order with the text around them', () => {
    const { events } = run(['out\u001b]133;C\u0007x\u001b]133;D;2\u0007\u001b]133;A\u0007$ '])
    expect(events).toEqual([
      'out',
      { type: 'command-start' },
      'x',
      { type: 'command-end', exitCode: 2 },
      { type: 'prompt' },
      '$ ',
    ])
  })

  it('reads a context report, with escaped values', () => {
    const { events } = run([
      '\u001b]6973;ctx;cwd=/srv/a\\x3bb;user=sre;host=ops-1;kube=prod-eu;ns=\u0007',
    ])
    expect(events).toEqual([
      {
        type: 'context',
        context: {
          cwd: '/srv/a;b',
          user: 'sre',
          host: 'ops-1',
          kubeContext: 'prod-eu',
          kubeNamespace: null,
        },
      },
    ])
  })

  it('holds a sequence split across chunks until it is whole', () => {
    const { events, text } = run(['a\u001b]13', '3;D;0', '\u0007b\u001b', '[6', 'nc'])
    expect(text).toBe('abc')
    expect(events).toContainEqual({ type: 'command-end', exitCode: 0 })
  })

  it('drops clipboard writes and requests that answer into the shell, keeps the rest', () => {
    const colours = '\u001b[31mred\u001b[0m'
    const title = '\u001b]0;my title\u0007'
    const { text } = run([
      `${colours}${title}\u001b]52;c;cm0gLXJmIC8=\u0007\u001b[c\u001b[>0c\u001b[5n\u001b[6n` +
        `\u001b[?2004$p\u001b[18t\u001b]11;?\u0007\u001bP$qm\u001b\\\u001bZend`,
    ])
    expect(text).toBe(`${colours}${title}end`)
  })
})
