// Every timer a simulator starts goes through one registry, so close() can prove nothing is left running.

export class TimerRegistry {
  private readonly live = new Set<NodeJS.Timeout>()

  /** Runs fn after ms; returns a function that cancels it. */
  schedule(fn: () => void, ms: number): () => void {
    const handle = setTimeout(() => {
      this.live.delete(handle)
      fn()
    }, ms)
    this.live.add(handle)
    return () => {
      clearTimeout(handle)
      this.live.delete(handle)
    }
  }

  get size(): number {
    return this.live.size
  }

  clearAll(): void {
    for (const handle of this.live) clearTimeout(handle)
    this.live.clear()
  }
}
