// Networks: supplier requests go through the proxy the environment (CLI) or the system (app) names. A loopback
// forward proxy counts what it is asked to carry.
import { spawn } from 'node:child_process'
import { createServer, request, type Server } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo, Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { envProxyResolver, pacProxyResolver, parsePacResult, proxyFromUrl, resolveProxy, setProxyResolver } from '../../src/core/net/proxy'
import { createHttpClient } from '../../src/core/providers/http'
import { startDigetalHubeSim } from '../../src/sim/index'

const ROOT = resolve(__dirname, '../..')
const CLI = join(ROOT, 'out/cli/index.mjs')
const KEY = 'dh_proxy_test_key'

interface LoopbackProxy {
  url: string
  /** Absolute-URI requests forwarded (plain HTTP targets): "GET http://127.0.0.1:1234/…". */
  forwarded: string[]
  /** CONNECT tunnels asked for (HTTPS targets): "127.0.0.1:443". */
  connects: string[]
  close(): Promise<void>
}

/** A forward proxy on loopback; `upstream` (host:port) receives every forwarded request, whatever host it names. */
async function loopbackProxy(upstream?: string): Promise<LoopbackProxy> {
  const forwarded: string[] = []
  const connects: string[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((req, res) => {
    forwarded.push(`${req.method} ${req.url}`)
    const target = new URL(req.url!)
    const to = upstream ? new URL(`http://${upstream}`) : target
    const up = request({ host: to.hostname, port: to.port, method: req.method, path: target.pathname + target.search, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers)
      r.pipe(res)
    })
    up.on('error', () => res.writeHead(502).end())
    req.pipe(up)
  })
  // An HTTPS target is tunnelled: the proxy only learns host:port. This one refuses the tunnel after noting it.
  server.on('connect', (req, socket: Socket) => {
    connects.push(req.url!)
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n')
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded,
    connects,
    close: () => {
      for (const s of sockets) s.destroy()
      return new Promise((r) => server.close(() => r()))
    }
  }
}

let cleanup: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c()
  cleanup = []
  setProxyResolver(() => false)
})

function runCli(dataDir: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((res) => {
    const base = { ...process.env }
    for (const k of ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'ALL_PROXY', 'all_proxy']) delete base[k]
    const child = spawn(process.execPath, [CLI, '--data-dir', dataDir, ...args], {
      cwd: ROOT,
      env: { ...base, RESELLERDESK_PASSPHRASE: 'proxy test passphrase', DH_KEY: KEY, ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let out = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (out += d))
    child.on('exit', (code) => res({ code, out }))
  })
}

describe('the CLI honours HTTP(S)_PROXY and NO_PROXY', () => {
  it('sends supplier requests through the proxy, and straight to hosts NO_PROXY names', async () => {
    const sim = await startDigetalHubeSim({ speed: 500, rateLimits: false, seed: 3, accounts: [{ apiKey: KEY, balance: '100.00' }] })
    cleanup.push(() => sim.close())
    // The proxy carries requests for the supplier's public name to the simulator: supplier.test resolves nowhere,
    // so the CLI can only reach it through the proxy.
    const proxy = await loopbackProxy(new URL(sim.baseUrl).host)
    cleanup.push(() => proxy.close())
    const dataDir = mkdtempSync(join(tmpdir(), 'rd-proxy-'))
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }))
    const supplier = 'http://supplier.test'

    const add = await runCli(dataDir, ['accounts', 'add', '--provider', 'digetalhube', '--name', 'DH', '--base-url', supplier, '--key-env', 'DH_KEY'], {})
    expect(add.code, add.out).toBe(0)

    const viaProxy = await runCli(dataDir, ['catalog', 'sync'], { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url })
    expect(viaProxy.code, viaProxy.out).toBe(0)
    expect(viaProxy.out).toMatch(/Synced \d+ products/)
    expect(proxy.forwarded.length).toBeGreaterThan(0)
    expect(proxy.forwarded.every((r) => r.includes(`${supplier}/`))).toBe(true)

    // NO_PROXY names the supplier: the CLI goes direct (and cannot resolve supplier.test); the proxy hears nothing.
    const before = proxy.forwarded.length
    const bypass = await runCli(dataDir, ['catalog', 'sync'], { HTTP_PROXY: proxy.url, NO_PROXY: 'supplier.test' })
    expect(bypass.code).toBe(1)
    expect(proxy.forwarded.length).toBe(before)
  })

  it('never sends loopback addresses (the demo simulators) through the proxy', () => {
    const saved = process.env['HTTP_PROXY']
    process.env['HTTP_PROXY'] = 'http://proxy.lan:3128'
    cleanup.push(() => {
      if (saved === undefined) delete process.env['HTTP_PROXY']
      else process.env['HTTP_PROXY'] = saved
    })
    const r = envProxyResolver()
    expect(r('http://127.0.0.1:4100/api')).toBe(false)
    expect(r('http://localhost:4100/api')).toBe(false)
    expect(r('http://[::1]:4100/api')).toBe(false)
    expect(r('http://supplier.example/api')).toEqual({ protocol: 'http', host: 'proxy.lan', port: 3128 })
  })

  it('tunnels an HTTPS supplier with CONNECT, so the proxy sees only host and port', async () => {
    const proxy = await loopbackProxy()
    cleanup.push(() => proxy.close())
    const saved = { HTTPS_PROXY: process.env['HTTPS_PROXY'], NO_PROXY: process.env['NO_PROXY'] }
    process.env['HTTPS_PROXY'] = proxy.url
    delete process.env['NO_PROXY']
    cleanup.push(() => {
      for (const [k, v] of Object.entries(saved)) v === undefined ? delete process.env[k] : (process.env[k] = v)
    })
    setProxyResolver(envProxyResolver())
    const http = createHttpClient({ baseUrl: 'https://supplier.invalid:8443', label: 'The supplier', maxRetries: 0, timeoutMs: 5_000 })
    // The proxy refuses the tunnel (403): what matters here is that it was asked for one, and saw nothing more.
    const refused = await http.request({ method: 'GET', path: '/balance', headers: { 'X-API-Key': KEY } }).catch((e: unknown) => e)
    expect(refused).toMatchObject({ status: 403 })
    expect(proxy.connects).toEqual(['supplier.invalid:8443'])
    expect(proxy.forwarded).toEqual([])
  })
})

describe('the app uses the system proxy as Chromium resolves it', () => {
  it('reads PAC answers: the first HTTP(S) proxy, SOCKS skipped, DIRECT as direct', () => {
    expect(parsePacResult('DIRECT')).toBe(false)
    expect(parsePacResult('PROXY proxy.shop.lan:3128; DIRECT')).toEqual({ protocol: 'http', host: 'proxy.shop.lan', port: 3128 })
    expect(parsePacResult('SOCKS5 10.0.0.1:1080; HTTPS secure.proxy:443')).toEqual({ protocol: 'https', host: 'secure.proxy', port: 443 })
    expect(parsePacResult('SOCKS5 10.0.0.1:1080')).toBe(false)
    expect(parsePacResult('')).toBe(false)
  })

  it('asks the session for each supplier URL, and goes direct when resolving fails', async () => {
    const asked: string[] = []
    setProxyResolver(pacProxyResolver(async (url) => (asked.push(url), 'PROXY 127.0.0.1:8080')))
    expect(await resolveProxy('https://api.supplier.com/v1/balance')).toEqual({ protocol: 'http', host: '127.0.0.1', port: 8080 })
    expect(asked).toEqual(['https://api.supplier.com/v1/balance'])
    setProxyResolver(pacProxyResolver(async () => {
      throw new Error('PAC script failed')
    }))
    expect(await resolveProxy('https://api.supplier.com/')).toBe(false)
  })

  it('keeps proxy credentials from the URL, decoded', () => {
    expect(proxyFromUrl('http://shop%40x:p%3Ass@proxy.lan:3128')).toEqual({ protocol: 'http', host: 'proxy.lan', port: 3128, auth: { username: 'shop@x', password: 'p:ss' } })
    expect(proxyFromUrl('socks5://proxy.lan:1080')).toBe(false)
  })
})
