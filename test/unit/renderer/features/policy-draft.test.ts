/**
 * The policy editor's check before saving: the host's own schema decides, and its reason
 * is put on the field (with the line of the allow-list it is about).
 */
import { describe, expect, it } from 'vitest'
import { DEFAULT_POLICY } from '../../../../src/shared/commands/gate-model'
import { checkPolicy, draftOf } from '../../../../src/renderer/features/commands/policy-draft'

const draft = draftOf(DEFAULT_POLICY)

describe('checkPolicy', () => {
  it('turns the typed allow-list into trimmed entries, blank lines dropped', async () => {
    const checked = await checkPolicy({
      ...draft,
      experts: '2',
      allowList: '  kubectl get \n\n\tdf -h\r\n',
      approvalSources: 'own-device',
    })
    expect(checked).toEqual({
      ok: true,
      policy: {
        ...DEFAULT_POLICY,
        experts: 2,
        allowList: ['kubectl get', 'df -h'],
        approvalSources: 'own-device',
      },
    })
  })

  it('refuses an allow-list entry the host would refuse, naming its line', async () => {
    const checked = await checkPolicy({ ...draft, allowList: `df\n\n${'x'.repeat(201)}` })
    expect(checked).toEqual({
      ok: false,
      errors: { allowList: expect.stringMatching(/^Line 3: .*200/) },
    })
  })

  it('refuses more entries than the host keeps', async () => {
    const allowList = Array.from({ length: 101 }, (_, i) => `cmd${i}`).join('\n')
    const checked = await checkPolicy({ ...draft, allowList })
    expect(checked.ok ? null : checked.errors.allowList).toMatch(/100/)
  })

  it('puts each number error on its field', async () => {
    const checked = await checkPolicy({
      ...draft,
      experts: '',
      riskyExtra: '7',
      expiryMinutes: '1.5',
    })
    expect(checked.ok ? null : Object.keys(checked.errors).sort()).toEqual([
      'experts',
      'expiryMinutes',
      'riskyExtra',
    ])
  })

  it('refuses a policy nobody has to approve', async () => {
    const checked = await checkPolicy({ ...draft, experts: '0', leader: false })
    expect(checked).toEqual({
      ok: false,
      errors: { policy: 'a policy needs at least one approval' },
    })
  })

  it('reads a policy saved before approval sources existed as allowing room approvals', () => {
    const { approvalSources: _, ...old } = DEFAULT_POLICY
    expect(draftOf(old as typeof DEFAULT_POLICY).approvalSources).toBe('own-device-or-room')
  })
})
