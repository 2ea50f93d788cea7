// The test bridge: the contract's third transport (after Electron IPC and direct calls), so Playwright can drive
// the real renderer in Chromium against the real core. Test-only: nothing in src/ imports it, and it is never
// part of the app. Loopback only, a random token per run, and a Host-header check against DNS rebinding.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { mkdir, readdir, readFile, stat } from 'node:fs/promises'
import { basename, extname, join, resolve, sep } from 'node:path'
import type { AddressInfo } from 'node:net'
import { dispatch } from '../../src/core/app/dispatch'
import type { AppHost } from '../../src/core/app/app-host'
import type { ShellServices } from '../../src/core/app/shell'
import type { AppEvent } from '../../src/shared/contract'
import { CONTENT_SECURITY_POLICY } from '../../src/main/csp'

export const BRIDGE_INVOKE_PATH = '/__bridge/invoke'
export const BRIDGE_EVENTS_PATH = '/__bridge/events'
export const BRIDGE_TOKEN_HEADER = 'x-bridge-token'

/** What the bridge needs of the host: the same two things the Electron shell wires. */
export type BridgeHost = Pick<AppHost, 'handlers' | 'events'>

export interface BridgeOptions {
  host: BridgeHost
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** Where exports land; informational here, the host's shell does the writing (see bridgeShell). */
  exportDir: string
  port?: number
}

export interface Bridge {
  /** http://127.0.0.1:<port>/ — the renderer's index.html. */
  url: string
  token: string
  close(): Promise<void>
}

/**
 * The host's "save dialog" for bridge runs: every export is written into exportDir under the suggested name.
 * Like a real dialog, it only ever answers with a folder that exists.
 */
export function bridgeShell(exportDir: string): ShellServices & { clipboard: { text: string | null; copied: string[] } } {
  // `copied`: every text ever copied, so a test can check a copy happened even after the auto-clear emptied `text`
  // (on a busy machine the test may look only after the clear delay has passed).
  const clipboard: { text: string | null; copied: string[] } = { text: null, copied: [] }
  return {
    clipboard,
    async chooseExportPath(defaultFileName) {
      await mkdir(exportDir, { recursive: true })
      return join(exportDir, basename(defaultFileName))
    },
    // The folder picker of Settings → Backups: a folder beside the exports, as a person would pick a USB drive.
    async chooseBackupFolder() {
      const folder = join(exportDir, '..', 'backup-drive')
      await mkdir(folder, { recursive: true })
      return folder
    },
    // The open dialog of "Restore a backup…": the newest backup on that same drive.
    async chooseBackupFile() {
      const folder = join(exportDir, '..', 'backup-drive')
      const names = (await readdir(folder).catch(() => [] as string[])).filter((n) => n.endsWith('.rdbackup')).sort()
      return names.length ? join(folder, names[names.length - 1]!) : null
    },
    // A stand-in for the OS clipboard, so e2e tests can check what a click copied.
    async copyToClipboard(text, clearAfterMs) {
      clipboard.text = text
      clipboard.copied.push(text)
      if (clearAfterMs > 0) setTimeout(() => clipboard.text === text && (clipboard.text = null), clearAfterMs).unref()
    }
  }
}

const MAX_BODY_BYTES = 32 * 1024 * 1024 // codes.export may carry up to 100k code ids
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8'
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const token = randomBytes(32).toString('hex')
  const rendererRoot = resolve(opts.rendererDir)
  const streams = new Set<ServerResponse>()
  let port = 0

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'bridge error')
      else res.destroy()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS rebinding: a page on evil.example resolved to 127.0.0.1 still sends Host: evil.example.
    if (!isAllowedHost(req.headers.host, port)) return send(res, 403, 'text/plain; charset=utf-8', 'forbidden host')
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)

    if (url.pathname === BRIDGE_INVOKE_PATH) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed')
      if (!tokenMatches(headerValue(req.headers[BRIDGE_TOKEN_HEADER]), token)) return send(res, 403, 'text/plain; charset=utf-8', 'forbidden')
      if (!isAllowedOrigin(req.headers.origin, port)) return send(res, 403, 'text/plain; charset=utf-8', 'forbidden origin')
      const body = await readJson(req)
      if (!body.ok) return send(res, 400, 'text/plain; charset=utf-8', body.reason)
      const { channel, input } = body.value
      const result = await dispatch(opts.host.handlers, channel, input)
      return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(result))
    }

    if (url.pathname === BRIDGE_EVENTS_PATH) {
      if (req.method !== 'GET') return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed')
      // EventSource cannot set headers, hence the token in the query.
      if (!tokenMatches(url.searchParams.get('token'), token)) return send(res, 403, 'text/plain; charset=utf-8', 'forbidden')
      return openEventStream(res)
    }

    if (url.pathname.startsWith('/__bridge/')) return send(res, 404, 'text/plain; charset=utf-8', 'not found')
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed')
    return serveStatic(url.pathname, req.method === 'HEAD', res)
  }

  function openEventStream(res: ServerResponse): void {
    // Subscribe before the headers go out: once the client sees 'open', no event can fall in between.
    const off = opts.host.events.on((event: AppEvent) => {
      res.write(`data: ${JSON.stringify(event)}\n\n`)
    })
    streams.add(res)
    res.on('close', () => {
      off()
      streams.delete(res)
    })
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff'
    })
    res.write(': connected\n\n')
  }

  async function serveStatic(pathname: string, headOnly: boolean, res: ServerResponse): Promise<void> {
    let decoded: string
    try {
      decoded = decodeURIComponent(pathname)
    } catch {
      return send(res, 400, 'text/plain; charset=utf-8', 'bad path')
    }
    const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '')
    const file = resolve(rendererRoot, relative)
    // No escaping the renderer folder (../, encoded or not), and no NUL tricks.
    if (decoded.includes('\0') || (file !== rendererRoot && !file.startsWith(rendererRoot + sep))) {
      return send(res, 403, 'text/plain; charset=utf-8', 'forbidden')
    }
    const info = await stat(file).catch(() => null)
    if (!info?.isFile()) return send(res, 404, 'text/plain; charset=utf-8', 'not found')
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
    const content = headOnly ? '' : await readFile(file)
    send(res, 200, type, content, { 'Content-Length': String(info.size) })
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolveListen()
    })
  })
  port = (server.address() as AddressInfo).port

  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const s of streams) s.end()
        streams.clear()
        server.close(() => resolveClose())
        server.closeAllConnections()
      })
  }
}

// ---- checks (exported for the unit test) --------------------------------------------------------------------------

export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`
}

/** Browsers send Origin on a cross-origin (and on a same-origin POST) fetch; a request without it is a test's own client. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  return origin === undefined || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`
}

export function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (typeof given !== 'string') return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

// ---- plumbing -----------------------------------------------------------------------------------------------------------

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    // The same policy as the app, so a Playwright run catches what the packaged app would block.
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    ...extra
  })
  res.end(body)
}

type ParsedBody = { ok: true; value: { channel: unknown; input: unknown } } | { ok: false; reason: string }

async function readJson(req: IncomingMessage): Promise<ParsedBody> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const b = chunk as Buffer
    size += b.length
    if (size > MAX_BODY_BYTES) return { ok: false, reason: 'body too large' }
    chunks.push(b)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    return { ok: false, reason: 'body is not JSON' }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { ok: false, reason: 'body must be {channel, input}' }
  const { channel, input } = parsed as { channel?: unknown; input?: unknown }
  return { ok: true, value: { channel, input } }
}
