// How each fault kind turns into what the client sees on the wire. Upstream-specific parts (the error envelope
// for http429/500/502/503) come from the simulator; the rest (hang, lost reply, slow reply, garbled JSON,
// a reverse proxy's HTML error page) is the same for every upstream.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { COMMITTING_FAULTS, isStatusFault, type FaultKind, type StatusFaultKind } from './faults'
import { sendReply, type SimReply } from './http'
import type { Rng } from './rng'
import type { TimerRegistry } from './timers'

/** How long `slow_after_commit` holds the reply back, in real time (not scaled: it models a stuck backend). */
export const SLOW_REPLY_MS = 30_000

export interface FaultDelivery {
  req: IncomingMessage
  res: ServerResponse
  fault: FaultKind | undefined
  /** Runs the request normally (committing whatever it does) and returns the reply it would give. */
  handle: () => Promise<SimReply>
  /** The upstream's own error reply for a status fault. */
  statusFaultReply: (kind: StatusFaultKind) => SimReply
  timers: TimerRegistry
  rng: Rng
  slowReplyMs?: number
}

export const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'

/**
 * Spoils a JSON body so that no JSON parser accepts it. Two shapes seen in the wild: a reply cut off
 * mid-stream, and a PHP warning printed before the JSON.
 */
export function garbleJson(body: string, rng: Rng): string {
  if (rng.chance(0.5)) {
    // Cutting anywhere before the final closing brace leaves an unterminated object or string.
    const cut = Math.max(1, Math.min(body.length - 1, Math.floor(body.length * (0.3 + rng.next() * 0.5))))
    return body.slice(0, cut)
  }
  return '<br />\n<b>Warning</b>:  Undefined array key "supplier_ref" in <b>/var/www/html/includes/api_functions.php</b> on line <b>214</b><br />\n' + body
}

export async function deliverWithFault(d: FaultDelivery): Promise<void> {
  const { req, res, fault } = d
  if (fault === undefined) {
    sendReply(res, await d.handle())
    return
  }
  if (!COMMITTING_FAULTS.has(fault)) {
    // Nothing is handled, so nothing is committed; drain the body so the connection stays healthy.
    req.resume()
    if (fault === 'hang') return // never answer; close() or the client's timeout ends the socket
    if (fault === 'html_error') {
      sendReply(res, { status: 502, headers: { 'Content-Type': 'text/html' }, body: BAD_GATEWAY_HTML })
      return
    }
    if (isStatusFault(fault)) sendReply(res, d.statusFaultReply(fault))
    return
  }

  const reply = await d.handle()
  switch (fault) {
    case 'drop_after_commit':
      // The classic lost reply: the work is done, the client sees the connection die.
      req.socket.destroy()
      return
    case 'slow_after_commit': {
      const cancel = d.timers.schedule(() => sendReply(res, reply), d.slowReplyMs ?? SLOW_REPLY_MS)
      res.on('close', cancel) // the client gave up: nobody to answer
      return
    }
    case 'malformed_json':
      sendReply(res, { status: 200, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: garbleJson(reply.body, d.rng) })
      return
  }
}
