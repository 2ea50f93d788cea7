// What the stores that fetch a list share: the load status, the newest-call-wins load with its error, and the
// coalesced refetch after events. Each store still says what it fetches and what it keeps of the answer.
import { useEffect } from 'react'
import type { StoreApi, UseBoundStore } from 'zustand'
import { toUiError } from '../api'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'failed'

export interface Loadable {
  status: LoadStatus
  error: string | null
}

/**
 * One store's load: shows 'loading' unless a result is already on screen, keeps only the answer to the newest
 * call, and turns a failure into `error`. `cancel()` (on reset) makes any call still under way stale.
 * `store` is called only when a load runs, so the helper can be made before the store it serves.
 */
export function newestLoad<S extends Loadable>(store: () => StoreApi<S>) {
  let seq = 0
  return {
    async run<R>(fetch: () => Promise<R>, apply: (result: R, current: S) => Partial<S>): Promise<void> {
      const { getState: get, setState: set } = store()
      const mine = ++seq
      if (get().status !== 'ready') set({ status: 'loading' } as Partial<S>)
      try {
        const result = await fetch()
        if (mine === seq) set((cur) => ({ ...apply(result, cur), status: 'ready', error: null }))
      } catch (e) {
        if (mine === seq) set({ status: 'failed', error: toUiError(e).message } as Partial<S>)
      }
    },
    cancel(): void {
      seq++
    }
  }
}

/** Coalesces a burst of calls into one `run` after `ms` of quiet. */
export function coalesce(run: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null
  return () => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = null
      run()
    }, ms)
  }
}

/** A list screen's store, loaded when the screen opens: its status and error, and a retry (DataTable's props). */
export function useLoadedList<S extends Loadable & { load(): Promise<void> }>(useStore: UseBoundStore<StoreApi<S>>) {
  const status = useStore((s) => s.status)
  const error = useStore((s) => s.error)
  const load = useStore((s) => s.load)
  useEffect(() => {
    void load()
  }, [load])
  return { status, error, onRetry: () => void load() }
}
