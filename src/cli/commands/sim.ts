// `sim`: serve the upstream simulators until interrupted, for trying the app or the CLI against them.
import { DIGETALHUBE_DEMO_KEY, startDigetalHubeSim } from '../../sim/index'
import type { Output } from '../output'

export async function runSim(out: Output, opts: { port?: number; speed: number }): Promise<void> {
  const dh = await startDigetalHubeSim({ speed: opts.speed, ...(opts.port !== undefined ? { port: opts.port } : {}) })
  out.result({ digetalhube: { baseUrl: dh.baseUrl, apiKey: DIGETALHUBE_DEMO_KEY } }, () =>
    [`DigetalHube simulator: ${dh.baseUrl}  (API key ${DIGETALHUBE_DEMO_KEY})`, `Time runs ${opts.speed}× faster than the real upstreams. Ctrl+C to stop.`].join('\n')
  )
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await dh.close()
}
