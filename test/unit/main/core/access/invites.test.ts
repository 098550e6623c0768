import { describe, expect, it } from 'vitest'
import {
  PAIRING_CODE_DIGITS,
  PairingError,
  createInviteRegistry,
} from '../../../../../src/main/core/access/invites'

const invite = () => {
  const registry = createInviteRegistry(() => 1_000)
  const { invite: made, token } = registry.create({
    incidentId: 'inc-1',
    personId: 'carol',
    name: 'Carol',
    mode: 'expert',
  })
  return { registry, made, token }
}

describe('confirming an invite by the code its page shows', () => {
  it('gives each session a code of its own, which only its session is told', () => {
    const { registry, token } = invite()
    const redeemed = registry.redeem(token)!
    expect(redeemed.pairingCode).toMatch(new RegExp(`^\\d{${PAIRING_CODE_DIGITS}}$`))
    expect(registry.pairingCode(redeemed.participant.participantId)).toBe(redeemed.pairingCode)
    // What the host's other parts see of the session carries no code and no secret.
    const seen = registry.byParticipantId(redeemed.participant.participantId)!
    expect(JSON.stringify(seen)).not.toContain(redeemed.pairingCode)
    expect(seen).toMatchObject({ confirmed: null, joinedFrom: null })
  })

  it('confirms the session for the code typed back (spaces allowed), and refuses any other', () => {
    const { registry, made, token } = invite()
    expect(() => registry.confirm(made.inviteId, '123456', 'Alice')).toThrow(
      /nobody has followed this invite link yet/,
    )
    const { participant, pairingCode } = registry.redeem(token)!
    const wrong = pairingCode === '000000' ? '000001' : '000000'
    expect(() => registry.confirm(made.inviteId, wrong, 'Alice')).toThrow(PairingError)
    expect(registry.byParticipantId(participant.participantId)?.confirmed).toBeNull()
    const spoken = `${pairingCode.slice(0, 3)} ${pairingCode.slice(3)}`
    expect(registry.confirm(made.inviteId, spoken, 'Alice')).toMatchObject({
      already: false,
      participant: { confirmed: { by: 'Alice', at: 1_000 } },
    })
    expect(registry.confirm(made.inviteId, pairingCode, 'Bob').already).toBe(true)
    expect(registry.participant(registry.redeem(token)?.secret ?? '')).toBeNull() // used once
  })
})
