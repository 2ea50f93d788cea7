// Start-up failure text and the orderly stop on quit: the two lifecycle decisions worth testing outside Electron.
import { AppError } from '../core/errors'
import { strings } from './strings'

/**
 * What the start-up error dialog says. Our own errors are already written for people; anything else (a corrupt
 * database file, a permission problem) keeps its plain message under a sentence saying nothing was lost.
 */
export function startFailureMessage(e: unknown): string {
  if (e instanceof AppError) return e.message
  if (e instanceof Error && e.message) return `${strings.startFailedUnknown}\n\n${e.message}`
  return strings.startFailedUnknown
}

export interface PreventableQuit {
  preventDefault(): void
}

/**
 * app 'before-quit': the first quit is held until the host has stopped (pollers finished, database closed),
 * then quitting resumes. A stop that hangs does not keep the app alive forever: the journal makes a hard stop
 * safe (orders left mid-flight are reconciled on the next start).
 */
export function createQuitGuard(opts: {
  stop: () => Promise<void>
  quit: () => void
  onError?: (e: unknown) => void
  timeoutMs?: number
}): (event: PreventableQuit) => void {
  let state: 'running' | 'stopping' | 'stopped' = 'running'
  const timeoutMs = opts.timeoutMs ?? 10_000
  return (event) => {
    if (state === 'stopped') return
    event.preventDefault()
    if (state === 'stopping') return
    state = 'stopping'
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs)
    })
    Promise.race([opts.stop(), timeout])
      .catch((e: unknown) => opts.onError?.(e))
      .finally(() => {
        clearTimeout(timer)
        state = 'stopped'
        opts.quit()
      })
  }
}
