// Copying a code: the main process writes the OS clipboard (the code never enters the window) and clears it
// after the configured delay — but only if it still holds our code, so we never wipe something the person copied
// since.
export interface ClipboardLike {
  writeText(text: string): void
  /** Electron 45's typings make this async; older ones return the text directly. */
  readText(): string | Promise<string>
  clear(): void
}

export function createClipboardCopier(
  clipboard: ClipboardLike,
  timers: { setTimeout(fn: () => void, ms: number): unknown } = { setTimeout: (fn, ms) => setTimeout(fn, ms).unref() }
): (text: string, clearAfterMs: number) => Promise<void> {
  return async (text, clearAfterMs) => {
    clipboard.writeText(text)
    if (clearAfterMs > 0) {
      timers.setTimeout(() => {
        void Promise.resolve(clipboard.readText()).then((now) => {
          if (now === text) clipboard.clear()
        })
      }, clearAfterMs)
    }
  }
}
