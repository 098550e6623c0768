import { useEffect, useRef, useState } from 'react'
import type { CommandLogRow } from '../../../shared/commands/command-log'
import { verifyChainAsync, type ChainVerdict } from '../../../shared/commands/hash-chain'
import {
  renderPostmortem,
  type PostmortemPreset,
} from '../../../shared/postmortem/render-postmortem'
import type { IncidentRecord } from '../../../shared/incident/model'
import { TIMING_MARKS } from '../../../shared/timing-marks'

/** Performance marks around one postmortem (log verified, rendered; npm run bench). */
export const POSTMORTEM_START_MARK = TIMING_MARKS.postmortemStart
export const POSTMORTEM_READY_MARK = TIMING_MARKS.postmortemReady

/**
 * Refreshed once the record has been quiet this long: typing in the closing report saves
 * every ~300 ms, and a large incident's postmortem should not be rebuilt between keys.
 */
const REFRESH_AFTER_MS = 700

export interface PostmortemState {
  markdown: string
  /** The record the document was made from. */
  record: IncidentRecord
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
 * The postmortem of the open incident, made from the record on screen (the same as stored:
 * acts apply the same change, and the command log as it was written), rendered again
 * shortly after the record changes.
 */
export function usePostmortem(record: IncidentRecord, preset: PostmortemPreset) {
  const [state, setState] = useState<PostmortemState | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [verdictOf] = useState(chainVerdictCache)
  // The first document, and one in another template, are made at once; edits wait.
  const shownPreset = useRef<PostmortemPreset | null>(null)
  useEffect(() => {
    let cancelled = false
    const delay = shownPreset.current === preset ? REFRESH_AFTER_MS : 0
    const timer = setTimeout(() => {
      performance.mark(POSTMORTEM_START_MARK)
      verdictOf(record.commandLog)
        .then((verdict) => {
          if (cancelled) return
          const markdown = renderPostmortem(record, { preset, now: Date.now(), verdict })
          performance.mark(POSTMORTEM_READY_MARK)
          shownPreset.current = preset
          setState({ markdown, record, verdict })
          setError(null)
        })
        .catch((failure: unknown) => {
          if (cancelled) return
          const reason = failure instanceof Error ? failure.message : String(failure)
          setError(`The postmortem could not be made: ${reason}`)
        })
    }, delay)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [record, preset, verdictOf])
  return { state, error }
}
