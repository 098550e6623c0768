import { useEffect, useState } from 'react'
import { verifyChain, type ChainVerdict } from '../../../shared/commands/hash-chain'
import {
  renderPostmortem,
  type PostmortemPreset,
} from '../../../shared/postmortem/render-postmortem'
import type { IncidentSnapshot } from '../../../shared/postmortem/source'
import { readIncidentSnapshot } from '../../db/incident-snapshot'
import type { IncidentRecord } from '../../db/record-reader'
import { describeStorageError } from '../../db/storage-errors'
import { useAppStore } from '../../stores/app-store'

export interface PostmortemState {
  markdown: string
  snapshot: IncidentSnapshot
  pinned: Set<number>
  verdict: ChainVerdict
}

/**
 * The postmortem of the open incident, rendered from the whole record as stored (command
 * log included), again shortly after the record changes.
 */
export function usePostmortem(record: IncidentRecord, preset: PostmortemPreset) {
  const db = useAppStore((s) => s.db)
  const [state, setState] = useState<PostmortemState | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (!db) return
    let cancelled = false
    const timer = setTimeout(() => {
      readIncidentSnapshot(db, record.incident.id)
        .then((read) => {
          if (cancelled || !read) return
          const verdict = verifyChain(read.snapshot.commandLog)
          const markdown = renderPostmortem(read.snapshot, { preset, now: Date.now(), verdict })
          setState({ markdown, snapshot: read.snapshot, pinned: read.pinned, verdict })
          setError(null)
        })
        .catch((failure: unknown) => !cancelled && setError(describeStorageError(failure)))
    }, 250)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [db, record, preset])
  return { state, error }
}
