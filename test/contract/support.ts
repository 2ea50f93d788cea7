// What every contract test needs: the upstream's fixtures (verbatim, or with a few fields changed), a fake
// HttpClient that records the requests and answers through a responder, and the checks on a refusal's message.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import { UpstreamError } from '../../src/core/errors'
import type { HttpClient, HttpRequest, HttpResponse } from '../../src/core/providers/types'

export type Reply = Partial<HttpResponse> & { text: string }
export type Responder = (req: HttpRequest) => Reply | string | Promise<Reply | string>

export function asReply(r: Reply | string): Reply {
  return typeof r === 'string' ? { text: r } : r
}

/** The fixtures of one upstream (test/contract/fixtures/<upstream>/<name>.json). */
export function fixturesOf(upstream: string) {
  function fixture(name: string): string {
    return readFileSync(join(import.meta.dirname, 'fixtures', upstream, `${name}.json`), 'utf8')
  }
  /** A fixture with some fields changed, re-serialized (only for the "what if" cases; the seed cases use the text as is). */
  function edited(name: string, edit: (body: Record<string, unknown>) => void): string {
    const body = JSON.parse(fixture(name)) as Record<string, unknown>
    edit(body)
    return JSON.stringify(body)
  }
  return { fixture, edited }
}

export interface Fake {
  http: HttpClient
  requests: HttpRequest[]
}

/** An HttpClient that answers through `respond` (status 200 and no headers unless given) and keeps every request. */
export function fakeHttp(respond: Responder): Fake {
  const requests: HttpRequest[] = []
  return {
    requests,
    http: {
      async request(req) {
        requests.push(req)
        const r = asReply(await respond(req))
        return { status: r.status ?? 200, headers: r.headers ?? {}, text: r.text }
      }
    }
  }
}

/** The error `p` rejects with, which must be a `type` (an UpstreamError unless said). */
export async function failure<E extends Error = UpstreamError>(
  p: Promise<unknown>,
  type: abstract new (...args: never[]) => E = UpstreamError as unknown as abstract new (...args: never[]) => E
): Promise<E> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(type)
    return e as E
  }
  throw new Error(`expected an ${type.name}`)
}

/** A message a shop assistant can read: a sentence, nothing undefined, none of `hidden` (keys, tokens, codes). */
export function expectReadable(e: Error, hidden: readonly string[]): void {
  expect(e.message).toMatch(/^[A-Z]/)
  expect(e.message).toMatch(/[.”)]$/)
  expect(e.message).not.toMatch(/undefined|null|NaN|\[object/)
  for (const text of hidden) expect(e.message).not.toContain(text)
}
