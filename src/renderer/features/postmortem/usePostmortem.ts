import { useEffect, useRef, useState } from 'react'
import type { CommandLogRow } from '../../../shared/commands/command-log'
import { verifyChainAsync, type ChainVerdict } from '../../../shared/commands/hash-chain'
import {
  renderPostmortem,
  type PostmortemPreset,
} from '../../../shared/postmortem/render-postmortem'
import type { IncidentSnapshot } from '../../../shared/postmortem/source'
import { readCommandLog } from '../../db/command-log-reader'
import { snapshotOf } from '../../db/incident-snapshot'
import type { IncidentRecord } from '../../db/record-reader'
import { describeStorageError } from '../../db/storage-errors'
import { useAppStore } from '../../stores/app-store'

/** Performance marks around one postmortem (log read, verified, rendered; npm run bench). */
export const POSTMORTEM_START_MARK = 'warroom:postmortem-start'
export const POSTMORTEM_READY_MARK = 'warroom:postmortem-ready'

/**
 * Refreshed once the record has been quiet this long: typing in the closing report saves
 * every ~300 ms, and a large incident's postmortem should not be rebuilt between keys.
 */
const REFRESH_AFTER_MS = 700

export interface PostmortemState {
  markdown: string
  snapshot: IncidentSnapshot
  verdict: ChainVerdict
}

/**
 * The verdict of a command log, verified again only when the log changed: it only grows,
 * so its length and last hash identify it (a closing report being typed does not re-hash).
 */
function chainVerdictCache() {
  let cache: { key: string; verdict: ChainVerdict } | null = null
  return async (log: readonly CommandLogRow[]): Promise<ChainVerdict> => {
    const last = log.at(-1)
    const key = `${last?.incidentId}:${log.length}:${last?.hash}`
    if (cache?.key !== key) cache = { key, verdict: await verifyChainAsync(log) }
    return cache.verdict
  }
}

/**
 * The postmortem of the open incident: the record on screen (the same as stored) and the
 * command log read from the database, rendered again shortly after the record changes.
 */
export function usePostmortem(record: IncidentRecord, preset: PostmortemPreset) {
  const db = useAppStore((s) => s.db)
  const [state, setState] = useState<PostmortemState | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [verdictOf] = useState(chainVerdictCache)
  // The first document, and one in another template, are made at once; edits wait.
  const shownPreset = useRef<PostmortemPreset | null>(null)
  useEffect(() => {
    if (!db) return
    let cancelled = false
    const delay = shownPreset.current === preset ? REFRESH_AFTER_MS : 0
    const timer = setTimeout(() => {
      performance.mark(POSTMORTEM_START_MARK)
      readCommandLog(db, record.incident.id)
        .then(async (log) => {
          if (cancelled) return
          const snapshot = snapshotOf(record, log)
          const verdict = await verdictOf(log)
          const markdown = renderPostmortem(snapshot, { preset, now: Date.now(), verdict })
          performance.mark(POSTMORTEM_READY_MARK)
          if (cancelled) return
          shownPreset.current = preset
          setState({ markdown, snapshot, verdict })
          setError(null)
        })
        .catch((failure: unknown) => !cancelled && setError(describeStorageError(failure)))
    }, delay)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [db, record, preset, verdictOf])
  return { state, error }
}
