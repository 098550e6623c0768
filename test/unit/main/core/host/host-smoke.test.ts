import { afterEach, describe, expect, it } from 'vitest'
import { startHost, type HostHarness } from '../../../../support/host-harness'

describe('host smoke', () => {
  let h: HostHarness | undefined
  afterEach(() => h?.host.dispose())

  it('runs an approved command in a real bash', async () => {
    h = startHost()
    await h.configure()
    const sessionId = await h.shell()
    const p = await h.runApproved(sessionId, 'echo "sum=$((40 + 2))"')
    const entry = await h.finished(p.id)
    expect(entry).toMatchObject({ exitCode: 0, output: 'sum=42' })
    expect(entry.approvers).toEqual(['Carol (in the room, recorded by Alice)'])
    expect(h.leader.output(sessionId)).toContain('sum=42')
    expect(h.leader.output(sessionId)).not.toContain('6973')
  })
})
