// The shared HTTP client against a real loopback server: retries, backoff, the rate gate, and how each kind of
// transport failure is classified (it decides whether an unanswered create-order may be re-sent).
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { UpstreamError } from '../../src/core/errors'
import { buildUrl, createHttpClient, parseRetryAfter } from '../../src/core/providers/http'
import type { RateBucket, RequestGate, RequestPriority } from '../../src/core/providers/types'

const SECRET = 'sk-live-DO-NOT-LEAK-1234'

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, hit: number, body: string) => void

interface TestServer {
  baseUrl: string
  hits: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[]
  close(): Promise<void>
}

const servers: TestServer[] = []

async function serve(handler: Handler): Promise<TestServer> {
  const hits: TestServer['hits'] = []
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString('utf8')))
    req.on('end', () => {
      hits.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
      handler(req, res, hits.length, body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const s: TestServer = {
    baseUrl: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
  servers.push(s)
  return s
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

function recordingGate(): RequestGate & { acquired: [RateBucket, RequestPriority][]; backoffs: number[] } {
  const acquired: [RateBucket, RequestPriority][] = []
  const backoffs: number[] = []
  return {
    acquired,
    backoffs,
    acquire: async (bucket, priority) => {
      acquired.push([bucket, priority])
    },
    backoff: (ms) => {
      backoffs.push(ms)
    }
  }
}

function recordingSleep(): { sleep: (ms: number) => Promise<void>; slept: number[] } {
  const slept: number[] = []
  return { slept, sleep: async (ms) => void slept.push(ms) }
}

async function caught(p: Promise<unknown>): Promise<UpstreamError> {
  try {
    await p
  } catch (e) {
    expect(e).toBeInstanceOf(UpstreamError)
    return e as UpstreamError
  }
  throw new Error('expected the request to fail')
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}

/** Everything an error exposes to a log: message, cause chain, and own properties. */
function everythingLoggable(e: UpstreamError): string {
  const parts: string[] = [e.message, String(e.stack)]
  let c: unknown = e.cause
  while (c instanceof Error) {
    parts.push(c.message, String(c.stack), JSON.stringify(c))
    c = c.cause
  }
  parts.push(JSON.stringify(e))
  return parts.join('\n')
}

describe('createHttpClient', () => {
  it('returns the raw text of the reply and sends the query, headers and JSON body', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Thing': 'yes' })
      res.end('{"price": 10.50}')
    })
    const client = createHttpClient({ baseUrl: `${s.baseUrl}/` })
    const res = await client.request({
      method: 'POST',
      path: '/reseller_api.php',
      query: { action: 'create_order', skip: undefined, n: 2 },
      headers: { 'X-API-Key': SECRET },
      body: { product_id: 123, quantity: 1 }
    })
    expect(res).toMatchObject({ status: 200, text: '{"price": 10.50}' })
    expect(res.headers['x-thing']).toBe('yes')
    expect(s.hits[0]).toMatchObject({ method: 'POST', url: '/reseller_api.php?action=create_order&n=2' })
    expect(s.hits[0]?.headers['x-api-key']).toBe(SECRET)
    expect(s.hits[0]?.headers['content-type']).toBe('application/json')
    expect(JSON.parse(s.hits[0]?.body ?? '')).toEqual({ product_id: 123, quantity: 1 })
  })

  it('on a 429 with Retry-After, pauses the account for that long and then succeeds', async () => {
    const s = await serve((_req, res, hit) => {
      if (hit === 1) json(res, 429, { success: false }, { 'Retry-After': '7' })
      else json(res, 200, { success: true })
    })
    const gate = recordingGate()
    const { sleep, slept } = recordingSleep()
    const client = createHttpClient({ baseUrl: s.baseUrl, gate, sleep })
    const res = await client.request({ method: 'GET', path: '/x', bucket: 'catalog', priority: 'low' })
    expect(res.status).toBe(200)
    expect(s.hits).toHaveLength(2)
    expect(gate.backoffs).toEqual([7000])
    expect(slept).toEqual([7000])
  })

  it('retries a GET on 503 with growing backoff, and returns the last reply when retries run out', async () => {
    const s = await serve((_req, res) => json(res, 503, { success: false }))
    const gate = recordingGate()
    const { sleep, slept } = recordingSleep()
    const client = createHttpClient({ baseUrl: s.baseUrl, gate, sleep, maxRetries: 3 })
    const res = await client.request({ method: 'GET', path: '/x' })
    expect(res.status).toBe(503)
    expect(s.hits).toHaveLength(4)
    expect(slept).toHaveLength(3)
    expect(slept[0]).toBeGreaterThanOrEqual(250)
    expect(slept[0]).toBeLessThanOrEqual(500)
    expect(slept[2]).toBeGreaterThanOrEqual(1000)
    expect(slept[2]).toBeLessThanOrEqual(2000)
    expect(gate.backoffs).toEqual([]) // only a 429 pauses the whole account
  })

  it('stops retrying as soon as a retry succeeds', async () => {
    const s = await serve((_req, res, hit) => (hit < 3 ? json(res, 502, {}) : json(res, 200, { ok: 1 })))
    const { sleep } = recordingSleep()
    const client = createHttpClient({ baseUrl: s.baseUrl, sleep })
    const res = await client.request({ method: 'GET', path: '/x' })
    expect(res.status).toBe(200)
    expect(s.hits).toHaveLength(3)
  })

  it('does not retry 500 (only 429, 502, 503, 504 are passing troubles)', async () => {
    const s = await serve((_req, res) => json(res, 500, {}))
    const client = createHttpClient({ baseUrl: s.baseUrl, sleep: recordingSleep().sleep })
    expect((await client.request({ method: 'GET', path: '/x' })).status).toBe(500)
    expect(s.hits).toHaveLength(1)
  })

  it('sends a POST exactly once, even on 503 or 429', async () => {
    const s = await serve((_req, res) => json(res, 503, {}, { 'Retry-After': '1' }))
    const { sleep, slept } = recordingSleep()
    const client = createHttpClient({ baseUrl: s.baseUrl, sleep })
    const res = await client.request({ method: 'POST', path: '/x', body: { a: 1 } })
    expect(res.status).toBe(503)
    expect(s.hits).toHaveLength(1)
    expect(slept).toEqual([])
  })

  it('a 429 on a POST is returned at once but still pauses the account', async () => {
    const s = await serve((_req, res) => json(res, 429, {}, { 'Retry-After': '12' }))
    const gate = recordingGate()
    const { sleep, slept } = recordingSleep()
    const client = createHttpClient({ baseUrl: s.baseUrl, gate, sleep })
    const res = await client.request({ method: 'POST', path: '/x', body: {} })
    expect(res.status).toBe(429)
    expect(s.hits).toHaveLength(1)
    expect(gate.backoffs).toEqual([12_000])
    expect(slept).toEqual([])
  })

  it('honours idempotent: true on a POST and idempotent: false on a GET', async () => {
    const s = await serve((_req, res) => json(res, 503, {}))
    const client = createHttpClient({ baseUrl: s.baseUrl, sleep: recordingSleep().sleep, maxRetries: 2 })
    await client.request({ method: 'POST', path: '/x', idempotent: true })
    expect(s.hits).toHaveLength(3)
    await client.request({ method: 'GET', path: '/x', idempotent: false })
    expect(s.hits).toHaveLength(4)
  })

  it('waits for the gate before every attempt, with the request bucket and priority', async () => {
    const s = await serve((_req, res, hit) => (hit === 1 ? json(res, 504, {}) : json(res, 200, {})))
    const gate = recordingGate()
    const client = createHttpClient({ baseUrl: s.baseUrl, gate, sleep: recordingSleep().sleep })
    await client.request({ method: 'GET', path: '/x', bucket: 'catalog', priority: 'low' })
    await client.request({ method: 'POST', path: '/y', priority: 'high' })
    await client.request({ method: 'GET', path: '/z' })
    expect(gate.acquired).toEqual([
      ['catalog', 'low'],
      ['catalog', 'low'],
      ['default', 'high'],
      ['default', 'low']
    ])
  })

  it('a reply that does not come in time is a TIMEOUT with unknown placement, sent once for a POST', async () => {
    const s = await serve(() => {
      /* never answers */
    })
    const client = createHttpClient({ baseUrl: s.baseUrl, timeoutMs: 200, label: 'DigetalHube' })
    const e = await caught(client.request({ method: 'POST', path: '/x', headers: { 'X-API-Key': SECRET }, body: {} }))
    expect(e.code).toBe('TIMEOUT')
    expect(e.placement).toBe('unknown')
    expect(e.retryable).toBe(true)
    expect(e.message).toBe('DigetalHube did not answer within 0.2 seconds.')
    expect(s.hits).toHaveLength(1)
  })

  it('a reply that trickles in past the deadline is a TIMEOUT too', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.write('{"a":')
      const t = setInterval(() => res.write(' '), 50)
      res.on('close', () => clearInterval(t))
    })
    const client = createHttpClient({ baseUrl: s.baseUrl, timeoutMs: 300, maxRetries: 0 })
    const e = await caught(client.request({ method: 'GET', path: '/x' }))
    expect(e.code).toBe('TIMEOUT')
    expect(e.placement).toBe('unknown')
  })

  it('a closed port is NETWORK, not placed, retryable; GETs retry it and then throw', async () => {
    const s = await serve(() => undefined)
    await s.close()
    servers.splice(servers.indexOf(s), 1)
    const { sleep, slept } = recordingSleep()
    const gate = recordingGate()
    const client = createHttpClient({ baseUrl: s.baseUrl, label: 'DigetalHube', sleep, gate, maxRetries: 2 })
    const e = await caught(client.request({ method: 'GET', path: '/x', query: { api_key: SECRET } }))
    expect(e.code).toBe('NETWORK')
    expect(e.placement).toBe('not_placed')
    expect(e.retryable).toBe(true)
    expect(e.message).toMatch(/^Could not reach DigetalHube: the connection was refused\./)
    expect(slept).toHaveLength(2)
    expect(gate.acquired).toHaveLength(3)
    expect(everythingLoggable(e)).not.toContain(SECRET)
  })

  it('an unknown host name is NETWORK, not placed', async () => {
    const client = createHttpClient({ baseUrl: 'http://no-such-host.invalid', maxRetries: 0 })
    const e = await caught(client.request({ method: 'POST', path: '/x', body: {} }))
    expect(e.code).toBe('NETWORK')
    expect(e.placement).toBe('not_placed')
  })

  it('a connection dropped in the middle of the reply is NETWORK with unknown placement', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '500' })
      res.write('{"success": true, "order": {"order_id": "API-')
      setTimeout(() => res.socket?.destroy(), 20)
    })
    const client = createHttpClient({ baseUrl: s.baseUrl, label: 'DigetalHube' })
    const e = await caught(
      client.request({ method: 'POST', path: '/x', headers: { Authorization: `Bearer ${SECRET}` }, body: { product_id: 1 } })
    )
    expect(e.code).toBe('NETWORK')
    expect(e.placement).toBe('unknown')
    expect(e.retryable).toBe(true)
    expect(e.message).toBe('The connection to DigetalHube broke before its answer arrived.')
    expect(s.hits).toHaveLength(1)
    expect(everythingLoggable(e)).not.toContain(SECRET)
  })

  it('does not follow redirects (the key header must not travel to another host)', async () => {
    const target = await serve((_req, res) => json(res, 200, {}))
    const s = await serve((_req, res) => {
      res.writeHead(302, { Location: `${target.baseUrl}/elsewhere` })
      res.end()
    })
    const client = createHttpClient({ baseUrl: s.baseUrl })
    const res = await client.request({ method: 'GET', path: '/x', headers: { 'X-API-Key': SECRET } })
    expect(res.status).toBe(302)
    expect(target.hits).toHaveLength(0)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-03-25T12:00:00Z')
  it('reads seconds and HTTP dates, capped at 60 s', () => {
    expect(parseRetryAfter('5', now)).toBe(5000)
    expect(parseRetryAfter('0', now)).toBe(0)
    expect(parseRetryAfter('3600', now)).toBe(60_000)
    expect(parseRetryAfter('Wed, 25 Mar 2026 12:00:30 GMT', now)).toBe(30_000)
    expect(parseRetryAfter('Wed, 25 Mar 2026 11:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('Wed, 25 Mar 2026 13:00:00 GMT', now)).toBe(60_000)
  })
  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined()
    expect(parseRetryAfter('', now)).toBeUndefined()
    expect(parseRetryAfter('soon', now)).toBeUndefined()
  })
})

describe('buildUrl', () => {
  it('joins base, path and query without doubling slashes', () => {
    expect(buildUrl('https://h.example/', '/reseller_api.php', { action: 'balance' })).toBe(
      'https://h.example/reseller_api.php?action=balance'
    )
    expect(buildUrl('https://h.example/api', 'v1/x', { a: 'b c', t: true, u: undefined })).toBe('https://h.example/api/v1/x?a=b+c&t=true')
    expect(buildUrl('https://h.example', '/p?x=1', { y: 2 })).toBe('https://h.example/p?x=1&y=2')
  })
})
