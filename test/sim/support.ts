// What every simulator test needs: the sims it started closed after each test, and plain fetches whose reply is
// read at once (status, headers, text), parsed only where the test says so.
import { afterEach } from 'vitest'

export interface Called { status: number; headers: Headers; text: string }

/** An array to push started sims into: each is closed after the test that started it. */
export function closedAfterEach<S extends { close(): Promise<void> }>(): S[] {
  const started: S[] = []
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.close()))
  })
  return started
}

/** A request whose whole reply is read before returning. */
export async function fetchCalled(url: string, init: RequestInit = {}): Promise<Called> {
  const res = await fetch(url, init)
  return { status: res.status, headers: res.headers, text: await res.text() }
}

/** The body to send: the raw text if given, else the JSON of `body`, else none. */
export function bodyText(opts: { body?: unknown; rawBody?: string }): string | undefined {
  return opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body))
}

export function parse<T>(c: Called): T {
  return JSON.parse(c.text) as T
}
