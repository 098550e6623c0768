import type { EventListener, EventName, EventPayload, HostEvents } from '../contract'

type AnyListener = (payload: never) => void

/** Fan-out of pushed host events to renderer-side listeners. */
export interface EventHub extends HostEvents {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
}

export function createEventHub(): EventHub {
  const listeners = new Map<EventName, Set<AnyListener>>()
  return {
    on<E extends EventName>(event: E, listener: EventListener<E>) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener as AnyListener)
      return () => set.delete(listener as AnyListener)
    },
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      for (const listener of listeners.get(event) ?? []) {
        ;(listener as EventListener<E>)(payload)
      }
    },
  }
}
