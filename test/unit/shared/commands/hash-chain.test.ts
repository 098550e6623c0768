import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  appendToChain,
  commandDigest,
  verifyChain,
  verifyChainAsync,
  type Chained,
} from '../../../../src/shared/commands/hash-chain'

interface Entry {
  command: string
  exitCode: number
}

function chainOf(entries: Entry[]): Chained<Entry>[] {
  return entries.reduce<Chained<Entry>[]>(
    (chain, entry) => [...chain, appendToChain(chain, entry)],
    [],
  )
}

const log = chainOf([
  { command: 'kubectl rollout undo deploy/api', exitCode: 0 },
  { command: 'systemctl restart nginx', exitCode: 0 },
  { command: 'false', exitCode: 1 },
])

describe('command log hash chain', () => {
  it('verifies an untouched log', () => {
    expect(verifyChain(log)).toEqual({ intact: true, length: 3 })
  })

  it('detects an edited entry', () => {
    const tampered = log.map((e, i) =>
      i === 1 ? { ...e, payload: { ...e.payload, exitCode: 1 } } : e,
    )
    expect(verifyChain(tampered)).toEqual({ intact: false, brokenAt: 1, reason: 'content changed' })
  })

  it('detects a deleted entry', () => {
    expect(verifyChain([log[0]!, log[2]!])).toEqual({
      intact: false,
      brokenAt: 1,
      reason: 'link broken',
    })
  })

  it('detects an entry rewritten with a fresh hash of its own', () => {
    const forged = { ...log[1]!, payload: { command: 'rm -rf /', exitCode: 0 } }
    const rehashed = appendToChain([log[0]!], forged.payload)
    expect(verifyChain([log[0]!, rehashed, log[2]!])).toMatchObject({ intact: false, brokenAt: 2 })
  })

  it('gives a command digest that changes with its text and its context', () => {
    const a = commandDigest('kubectl delete pod x', { cwd: '/srv', kubeContext: 'staging' })
    expect(a).toMatch(/^[0-9a-f]{64}$/)
    expect(commandDigest('kubectl delete pod x', { kubeContext: 'staging', cwd: '/srv' })).toBe(a)
    expect(commandDigest('kubectl delete pod x', { cwd: '/srv', kubeContext: 'prod' })).not.toBe(a)
    expect(commandDigest('kubectl delete pod y', { cwd: '/srv', kubeContext: 'staging' })).not.toBe(
      a,
    )
  })
})

describe('verifying with the native SHA-256 (WebCrypto)', () => {
  it('gives the same verdict as the pure-JS verification, whatever is tampered', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ command: fc.string(), exitCode: fc.integer() }), { maxLength: 8 }),
        fc.nat(),
        fc.constantFrom('edit', 'delete', 'swap', 'none'),
        async (entries, at, tamper) => {
          const chain = chainOf(entries)
          const i = chain.length ? at % chain.length : 0
          if (tamper === 'edit' && chain[i])
            chain[i] = {
              ...chain[i]!,
              payload: { ...chain[i]!.payload, exitCode: chain[i]!.payload.exitCode + 1 },
            }
          if (tamper === 'delete') chain.splice(i, 1)
          if (tamper === 'swap' && chain.length > 1) chain.reverse()
          expect(await verifyChainAsync(chain)).toEqual(verifyChain(chain))
        },
      ),
      { numRuns: 100 },
    )
  })
})

describe('a proposal’s digest', () => {
  it('is the SHA-256 of the canonical JSON of its exact text and context, nothing else', () => {
    const canonical = '{"context":{"cwd":"/srv","kubeContext":null},"text":"ls -l\\n"}'
    expect(commandDigest('ls -l\n', { kubeContext: null, cwd: '/srv' })).toBe(
      createHash('sha256').update(canonical, 'utf8').digest('hex'),
    )
  })
})
