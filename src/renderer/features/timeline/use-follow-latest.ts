import type { Virtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useRef, useState } from 'react'

/** How close to the end (px) still counts as "reading the latest": about one row. */
const AT_END_SLACK_PX = 32

/**
 * A live timeline opens on its latest events and keeps the newest one in view as events
 * arrive, like a chat; once someone scrolls back to read history it stays where they are,
 * and `jumpToLatest` brings them back.
 */
export function useFollowLatest(
  scroller: React.RefObject<HTMLDivElement | null>,
  virtualizer: Virtualizer<HTMLDivElement, Element>,
  count: number,
): { following: boolean; onScroll: () => void; jumpToLatest: () => void } {
  const [following, setFollowing] = useState(true)
  const followingRef = useRef(true)

  const onScroll = useCallback(() => {
    const el = scroller.current
    if (!el) return
    const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - AT_END_SLACK_PX
    if (atEnd !== followingRef.current) {
      followingRef.current = atEnd
      setFollowing(atEnd)
    }
  }, [scroller])

  const jumpToLatest = useCallback(() => {
    followingRef.current = true
    setFollowing(true)
    if (count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' })
  }, [count, virtualizer])

  useEffect(() => {
    if (followingRef.current && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' })
  }, [count, virtualizer])

  return { following, onScroll, jumpToLatest }
}
