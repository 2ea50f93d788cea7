// What every simulator test needs: the sims it started closed after each test, and plain fetches whose reply is
// read at once (status, headers, text), parsed only where the test says so.
import { afterEach, expect } from 'vitest'

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

export const sleep = (ms: number): Promise<void> => new Promise<void>((r) => setTimeout(r, ms))

/** Node timers running now; close() must leave fewer than ran while a reply was held back. */
export function activeTimeouts(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
}

/** The html_error fault: a reverse proxy's page instead of the API's JSON, HTTP 502 text/html. */
export function expectProxyErrorPage(c: Called): void {
  expect(c.status).toBe(502)
  expect(c.headers.get('content-type')).toContain('text/html')
}

/** The malformed_json fault: HTTP 200 with a body no JSON parser accepts. */
export function expectGarbledJson(c: Called): void {
  expect(c.status).toBe(200)
  expect(() => JSON.parse(c.text) as unknown).toThrow()
}

/** A random fault at probability 0.5 over 40 calls: both the fault's status and 200 are seen more than 5 times. */
export async function expectRandomFaults(call: () => Promise<{ status: number }>, faultStatus: number): Promise<void> {
  const statuses: number[] = []
  for (let i = 0; i < 40; i++) statuses.push((await call()).status)
  expect(statuses.filter((st) => st === faultStatus).length).toBeGreaterThan(5)
  expect(statuses.filter((st) => st === 200).length).toBeGreaterThan(5)
}

/** Closes the sim while a hanging and a slow request are open: both end as failures, and close() is quick. */
export async function expectCloseEndsRequests(
  s: { close(): Promise<void> },
  hanging: Promise<readonly [PromiseSettledResult<unknown>]>,
  slow: Promise<readonly [PromiseSettledResult<unknown>]>
): Promise<void> {
  const t0 = Date.now()
  await s.close()
  expect((await hanging)[0].status).toBe('rejected')
  expect((await slow)[0].status).toBe('rejected')
  expect(Date.now() - t0).toBeLessThan(2000)
}
