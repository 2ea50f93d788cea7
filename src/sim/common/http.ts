// A loopback HTTP server for simulators, plus reply plumbing. Always binds 127.0.0.1: a simulator is never
// reachable from the network. close() destroys open sockets (including ones a `hang` fault keeps open)
// and cancels every timer started through `timers`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { TimerRegistry } from './timers'

export interface SimReply {
  status: number
  headers?: Record<string, string>
  body: string
}

export type SimRequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>

export interface LoopbackServer {
  readonly baseUrl: string
  readonly port: number
  readonly timers: TimerRegistry
  close(): Promise<void>
}

export const LOOPBACK_HOST = '127.0.0.1'

export async function startLoopbackServer(handler: SimRequestHandler, opts: { port?: number } = {}): Promise<LoopbackServer> {
  const timers = new TimerRegistry()
  const sockets = new Set<Socket>()
  let closing = false

  const server = createServer((req, res) => {
    handler(req, res).catch((err: unknown) => {
      // A simulator bug must show up as a loud 500, never as a silently hung request.
      if (!res.headersSent && !res.destroyed) {
        sendReply(res, { status: 500, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: `simulator error: ${String(err)}` })
      } else {
        res.destroy()
      }
    })
  })
  // A `hang` fault must last until the *client* gives up, so no server-side request timeout may end it first.
  server.requestTimeout = 0
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    if (closing) socket.destroy()
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, LOOPBACK_HOST, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port

  let closed: Promise<void> | undefined
  return {
    baseUrl: `http://${LOOPBACK_HOST}:${port}`,
    port,
    timers,
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing = true
        timers.clearAll()
        server.close(() => resolve())
        server.closeAllConnections()
        for (const socket of sockets) socket.destroy()
      })
      return closed
    }
  }
}

export function sendReply(res: ServerResponse, reply: SimReply): void {
  if (res.destroyed || res.writableEnded) return
  const headers: Record<string, string | number> = { ...reply.headers, 'Content-Length': Buffer.byteLength(reply.body) }
  res.writeHead(reply.status, headers)
  res.end(reply.body)
}

export class BodyTooLargeError extends Error {}

/** Reads the request body as UTF-8 text, refusing more than maxBytes. */
export function readBody(req: IncomingMessage, maxBytes = 1_000_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        reject(new BodyTooLargeError(`body larger than ${maxBytes} bytes`))
        req.resume()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** Client address for per-IP limits. */
export function clientIp(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown'
}
