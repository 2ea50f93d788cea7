// Seeing other processes' writes. SQLite tells a connection that *another* connection committed through
// PRAGMA data_version (its own commits do not change it), so a cheap poll of that number is a reliable "something
// changed" signal without any IPC between processes that share a data folder.
import type { Db } from './open'

export class DbWatch {
  private timer: ReturnType<typeof setInterval> | null = null
  private last = -1
  private readonly listeners = new Set<() => void>()

  constructor(
    private readonly db: Db,
    private readonly everyMs = 200
  ) {}

  /** Calls fn after other connections commit. Polls only while someone listens. */
  on(fn: () => void): () => void {
    this.listeners.add(fn)
    if (!this.timer) {
      this.last = this.version()
      this.timer = setInterval(() => this.check(), this.everyMs)
      // Never the reason a process stays alive: whoever waits holds its own timer.
      this.timer.unref?.()
    }
    return () => {
      this.listeners.delete(fn)
      if (this.listeners.size === 0) this.stop()
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  private version(): number {
    return this.db.open ? (this.db.pragma('data_version', { simple: true }) as number) : -1
  }

  private check(): void {
    if (!this.db.open) return this.stop()
    const v = this.version()
    if (v === this.last) return
    this.last = v
    for (const fn of [...this.listeners]) {
      try {
        fn()
      } catch {
        // A listener's failure must not stop the others from hearing about the change.
      }
    }
  }
}
