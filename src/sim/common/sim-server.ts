// The wiring every simulator's server shares: a loopback HTTP server whose requests are routed by the upstream's
// own rules, then — for an endpoint — go through fault injection, the body read (a body too large gets the
// upstream's own refusal) and the upstream's handler. Requests that match no endpoint are answered at once, without
// rolling the fault dice. What each upstream answers (envelopes, status faults, routing) stays in its folder.
import type { IncomingMessage } from 'node:http'
import { deliverWithFault } from './fault-delivery'
import { FaultInjector, type StatusFaultKind } from './faults'
import { BodyTooLargeError, LOOPBACK_HOST, readBody, sendReply, startLoopbackServer, type SimReply } from './http'
import type { Rng } from './rng'
import type { TimerRegistry } from './timers'

/** Where a request goes: a reply given at once (no such endpoint), or an endpoint's action and handler. */
export type SimDispatch<A extends string> =
  | { reply: SimReply }
  | { action: A; handle: (body: string) => SimReply | Promise<SimReply> }

export interface SimServerOptions<A extends string> {
  /** The simulator's root stream; faults and garbling use their own forks of it. */
  rng: Rng
  port?: number
  dispatch: (req: IncomingMessage, url: URL) => SimDispatch<A>
  /** The upstream's reply to a status fault on this action. */
  statusFaultReply: (kind: StatusFaultKind, action: A) => SimReply
  /** The upstream's reply to a request body larger than it accepts. */
  bodyTooLarge: () => SimReply
}

export interface SimServer<A extends string> {
  readonly baseUrl: string
  readonly timers: TimerRegistry
  readonly faults: FaultInjector<A>
  close(): Promise<void>
}

export async function startSimServer<A extends string>(opts: SimServerOptions<A>): Promise<SimServer<A>> {
  const faults = new FaultInjector<A>(opts.rng.fork('faults'))
  const garbleRng = opts.rng.fork('garble')

  const server = await startLoopbackServer(
    async (req, res) => {
      const url = new URL(req.url ?? '/', `http://${LOOPBACK_HOST}`)
      const dispatch = opts.dispatch(req, url)
      if ('reply' in dispatch) {
        req.resume()
        sendReply(res, dispatch.reply)
        return
      }
      const { action } = dispatch
      // On hold (tests): wait here, before anything is read or committed; a client that gave up is not served.
      const clientGone = (onGone: () => void): void => void res.on('close', onGone)
      if (!(await faults.gate(action, 'before', clientGone))) return
      await deliverWithFault({
        req,
        res,
        fault: faults.take(action),
        timers: server.timers,
        rng: garbleRng,
        statusFaultReply: (kind) => opts.statusFaultReply(kind, action),
        handle: async () => {
          let body: string
          try {
            body = await readBody(req)
          } catch (err) {
            if (err instanceof BodyTooLargeError) return opts.bodyTooLarge()
            throw err
          }
          const reply = await dispatch.handle(body)
          // Held after commit (tests): the work is done, the reply waits; a client gone meanwhile never gets it.
          await faults.gate(action, 'after_commit', clientGone)
          return reply
        }
      })
    },
    { port: opts.port ?? 0 }
  )

  return { baseUrl: server.baseUrl, timers: server.timers, faults, close: () => server.close() }
}
