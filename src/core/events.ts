// Typed events from the core to whoever shows them (the Electron shell, the test bridge, the CLI's progress).
import type { AppEvent } from '../shared/contract'

export type { AppEvent }
export type EventListener = (event: AppEvent) => void

export class EventBus {
  private readonly listeners = new Set<EventListener>()

  on(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  emit(event: AppEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(event)
      } catch {
        // A broken listener (a closed window) must never stop the engine.
      }
    }
  }

  /** Resolves with the first event matching `predicate` (tests wait on events, never on sleeps). */
  waitFor<T extends AppEvent>(predicate: (e: AppEvent) => e is T, timeoutMs?: number): Promise<T>
  waitFor(predicate: (e: AppEvent) => boolean, timeoutMs?: number): Promise<AppEvent>
  waitFor(predicate: (e: AppEvent) => boolean, timeoutMs = 60_000): Promise<AppEvent> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off()
        reject(new Error(`No matching event within ${timeoutMs} ms`))
      }, timeoutMs)
      const off = this.on((e) => {
        if (!predicate(e)) return
        clearTimeout(timer)
        off()
        resolve(e)
      })
    })
  }
}
