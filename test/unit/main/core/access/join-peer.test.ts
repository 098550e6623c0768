import { describe, expect, it } from 'vitest'
import { describeJoinPeer, joinedLabel } from '../../../../../src/shared/access'
import { MAX_USER_AGENT_CHARS, joinPeer } from '../../../../../src/main/core/access/join-peer'

const own = () => new Set(['192.168.1.20', 'fe80::1'])
const ua = 'Mozilla/5.0 (X11; Linux x86_64)'

describe('where an invite link was followed from', () => {
  it('tells loopback (the leader’s machine, or a tunnel), the machine’s own addresses, and others', () => {
    const loopback = joinPeer(
      { remoteAddress: '::ffff:127.0.0.1', localAddress: '::ffff:127.0.0.1', userAgent: ua },
      own,
    )
    expect(loopback).toEqual({
      address: '127.0.0.1',
      loopback: true,
      thisMachine: false,
      userAgent: ua,
    })
    expect(
      joinPeer({ remoteAddress: '::1', localAddress: '::1', userAgent: ua }, own)?.loopback,
    ).toBe(true)
    const lanSelf = joinPeer(
      { remoteAddress: '192.168.1.20', localAddress: '192.168.1.20', userAgent: ua },
      own,
    )
    expect(lanSelf).toMatchObject({ loopback: false, thisMachine: true })
    // Another interface of the same machine counts as the machine too.
    expect(
      joinPeer({ remoteAddress: 'fe80::1', localAddress: '192.168.1.20', userAgent: ua }, own)
        ?.thisMachine,
    ).toBe(true)
    const phone = joinPeer(
      { remoteAddress: '192.168.1.23', localAddress: '192.168.1.20', userAgent: ua },
      own,
    )!
    expect(phone).toMatchObject({ address: '192.168.1.23', loopback: false, thisMachine: false })

    expect(describeJoinPeer(loopback!)).toBe('127.0.0.1 (the leader’s machine, or a tunnel to it)')
    expect(describeJoinPeer(lanSelf!)).toBe('192.168.1.20 (the leader’s machine)')
    expect(describeJoinPeer(phone)).toBe('192.168.1.23')
    expect([loopback!, lanSelf!, phone].map(joinedLabel)).toEqual([
      'joined on the leader’s machine or through a tunnel',
      'joined on the leader’s machine',
      'joined from 192.168.1.23',
    ])
  })

  it('keeps what the browser says printable, on one line and short', () => {
    const peer = (userAgent: string | undefined) =>
      joinPeer({ remoteAddress: '192.168.1.23', localAddress: undefined, userAgent }, own)!
    expect(peer('evil\u001b[2J\r\nApproved by Carol').userAgent).toBe('evil?[2J??Approved by Carol')
    expect(peer('x'.repeat(5_000)).userAgent).toHaveLength(MAX_USER_AGENT_CHARS + 1)
    expect(peer(undefined).userAgent).toBeNull()
    expect(peer('   ').userAgent).toBeNull()
    expect(
      joinPeer({ remoteAddress: undefined, localAddress: undefined, userAgent: ua }),
    ).toBeNull()
  })
})
