// The one subscription to the core's events (window.api.onEvent), and the session's two moments: its data dropped
// (unlock, demo ↔ live, restore) and its shared data loaded. A registry that knows no feature: each feature
// subscribes its own stores in its events.ts, so adding a feature edits no central list.
import type { AppEvent } from '../../../shared/contract'
import { hasBridge } from '../api'

export type AppEventType = AppEvent['type']
export type AppEventOf<T extends AppEventType> = Extract<AppEvent, { type: T }>

const listeners = new Map<AppEventType, Array<(event: AppEvent) => void>>()
const resets: Array<() => void> = []
const loads: Array<() => Promise<void>> = []

/** Calls `listener` with every event of this type, for the life of the page. */
export function onEvent<T extends AppEventType>(type: T, listener: (event: AppEventOf<T>) => void): void {
  listeners.set(type, [...(listeners.get(type) ?? []), listener as (event: AppEvent) => void])
}

/** Hands an event to everyone who subscribed to its type. Also for news the window has before the core's event
 *  arrives (an order it cancelled): every store that shows it hears it the same way. */
export function publish(event: AppEvent): void {
  for (const listener of listeners.get(event.type) ?? []) listener(event)
}

/** A store's reset for a new session: synchronous, so no screen of the new session ever sees the old session's data
 *  or in-flight replies. */
export function onSessionReset(reset: () => void): void {
  resets.push(reset)
}

/** What the shell shows on every screen, loaded when a session starts; each screen loads its own list when it opens. */
export function onSessionStart(load: () => Promise<void>): void {
  loads.push(load)
}

export function resetSessionData(): void {
  for (const reset of resets) reset()
}

export async function loadSessionData(): Promise<void> {
  await Promise.all(loads.map((load) => load()))
}

let unsubscribe: (() => void) | null = null

/** Subscribes once for the life of the page (outside React, so StrictMode cannot double it). */
export function connectEvents(): void {
  if (unsubscribe || !hasBridge()) return
  unsubscribe = window.api.onEvent(publish)
}
