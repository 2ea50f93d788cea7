// The Order Delivery Callback: when a line reaches a final status (delivered, cancelled, removed), the platform
// POSTs the webhook body to the NotifyURL given at create, with the account's key in the `Apikey` header.
// [assume] One attempt per line, no retries; only final statuses are posted. The simulator posts only to loopback
// addresses (a test's local receiver): it never sends anything off this machine.

export interface CallbackRecord {
  url: string
  body: string
  /** HTTP status of the receiver's answer; null when the post failed or was skipped. */
  status: number | null
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])
const CALLBACK_TIMEOUT_MS = 5_000

export function isLoopbackUrl(text: string): boolean {
  try {
    return LOOPBACK_HOSTS.has(new URL(text).hostname)
  } catch {
    return false
  }
}

export class CallbackPoster {
  private readonly inFlight = new Map<AbortController, NodeJS.Timeout>()
  private closed = false
  readonly sent: CallbackRecord[] = []

  post(url: string, apiKey: string, body: string): void {
    const record: CallbackRecord = { url, body, status: null }
    this.sent.push(record)
    if (this.closed || !isLoopbackUrl(url)) return
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), CALLBACK_TIMEOUT_MS)
    this.inFlight.set(controller, timer)
    fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8', Apikey: apiKey }, body, signal: controller.signal })
      .then(async (res) => {
        record.status = res.status
        await res.arrayBuffer().catch(() => undefined)
      })
      .catch(() => {
        // A receiver that is down misses the callback, as with the real platform: polling is the safety net.
      })
      .finally(() => {
        clearTimeout(timer)
        this.inFlight.delete(controller)
      })
  }

  close(): void {
    this.closed = true
    for (const [controller, timer] of this.inFlight) {
      clearTimeout(timer)
      controller.abort()
    }
    this.inFlight.clear()
  }
}
