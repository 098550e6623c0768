import { useEffect, useState } from 'react'
import { signingKeyFor } from '../../db/signing-keys'
import { useAppStore } from '../../stores/app-store'

export type SigningState =
  | { status: 'preparing' }
  | { status: 'ready'; privateKey: CryptoKey; fingerprint: string }
  /** Not a secure context (plain HTTP off loopback), or WebCrypto refused: approvals unsigned. */
  | { status: 'unavailable'; reason: string }

/**
 * The participant's signing key: made on joining, kept in this browser, its public half
 * registered with the host, its fingerprint shown here and on the leader's screen.
 */
export function useSigningKey(participantId: string | null, expert: boolean): SigningState {
  const host = useAppStore((s) => s.host)
  const [state, setState] = useState<SigningState>({ status: 'preparing' })
  useEffect(() => {
    if (!host || !participantId || !expert) return
    if (!window.isSecureContext || !crypto.subtle) {
      setState({
        status: 'unavailable',
        reason: 'this page is not a secure context: approvals are not signed',
      })
      return
    }
    let cancelled = false
    void (async () => {
      try {
        const key = await signingKeyFor(participantId)
        const { fingerprint } = await host['participant.registerKey']({ publicKey: key.publicKey })
        if (!cancelled) setState({ status: 'ready', privateKey: key.privateKey, fingerprint })
      } catch (error) {
        if (!cancelled) {
          setState({
            status: 'unavailable',
            reason: error instanceof Error ? error.message : String(error),
          })
        }
      }
    })()
    return () => {
      cancelled = true
    }
  }, [host, participantId, expert])
  return state
}
