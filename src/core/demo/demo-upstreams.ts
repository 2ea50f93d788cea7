// Demo mode: the simulators of the upstream systems, started in-process on loopback, and one demo account for
// each. Everything then runs for real — HTTP, rate limits, delivery delays — just against simulated suppliers.
// Demo time runs `speed` times faster than the real upstreams, and so do their rate-limit windows.
import {
  AIDIGITALTOOLS_DEMO_KEY,
  DIGETALHUBE_DEMO_KEY,
  DIGISELLER_DEMO_API_KEY,
  DIGISELLER_DEMO_SELLER_ID,
  HYPER_DEMO_EMAIL,
  HYPER_DEMO_PASSWORD,
  ONECLICKDZ_DEMO_KEY,
  startAiDigitalToolsSim,
  startDigetalHubeSim,
  startDigisellerSim,
  startHyperSim,
  startOneClickDzSim
} from '../../sim/index'
import { scaledEngineOptions, type EngineOptions } from '../orders'
import type { NewAccountInput } from '../accounts'

export interface DemoUpstreams {
  accounts: NewAccountInput[]
  close(): Promise<void>
}

export const DEFAULT_DEMO_SPEED = 30

export async function startDemoUpstreams(speed = DEFAULT_DEMO_SPEED): Promise<DemoUpstreams> {
  const perMinute = Math.round(60 * speed)
  const dh = await startDigetalHubeSim({ speed, rateLimits: { authenticatedPerMinute: perMinute, productsPerMinute: Math.round(30 * speed) } })
  const adt = await startAiDigitalToolsSim({ speed, rateLimits: { perMinute } })
  const ocd = await startOneClickDzSim({ speed, rateLimitPerMinute: perMinute })
  const digiseller = await startDigisellerSim({ speed, rateLimitPerMinute: perMinute })
  const hyper = await startHyperSim({ speed, rateLimits: { perMinute, loginsPerMinute: Math.round(10 * speed) } })
  return {
    accounts: [
      {
        name: 'Demo DigetalHube',
        baseUrl: dh.baseUrl,
        credentials: { kind: 'digetalhube', apiKey: DIGETALHUBE_DEMO_KEY },
        settings: {
          pollIntervalSeconds: 10 / speed,
          firstPollDelaySeconds: 60 / speed,
          rateLimitPerMinute: perMinute,
          lowBalanceThreshold: '50'
        },
        demo: true
      },
      {
        name: 'Demo AI Digital Tools',
        baseUrl: adt.baseUrl,
        credentials: { kind: 'aidigitaltools', apiKey: AIDIGITALTOOLS_DEMO_KEY },
        settings: { pollIntervalSeconds: 15 / speed, firstPollDelaySeconds: 60 / speed, rateLimitPerMinute: perMinute, lowBalanceThreshold: '25' },
        demo: true
      },
      {
        name: 'Demo OneClickDz',
        baseUrl: ocd.baseUrl,
        credentials: { kind: 'oneclickdz', apiKey: ONECLICKDZ_DEMO_KEY },
        settings: { pollIntervalSeconds: 5 / speed, firstPollDelaySeconds: 5 / speed, rateLimitPerMinute: perMinute, lowBalanceThreshold: '5000' },
        demo: true
      },
      {
        name: 'Demo Hyper',
        baseUrl: hyper.baseUrl,
        credentials: { kind: 'hyper', email: HYPER_DEMO_EMAIL, password: HYPER_DEMO_PASSWORD },
        settings: { pollIntervalSeconds: 10 / speed, firstPollDelaySeconds: 15 / speed, rateLimitPerMinute: perMinute, lowBalanceThreshold: '1000' },
        demo: true
      },
      {
        name: 'Demo Digiseller storefront',
        baseUrl: digiseller.baseUrl,
        credentials: { kind: 'digiseller', sellerId: DIGISELLER_DEMO_SELLER_ID, apiKey: DIGISELLER_DEMO_API_KEY },
        settings: { rateLimitPerMinute: perMinute },
        demo: true
      }
    ],
    close: async () => {
      await Promise.all([dh.close(), adt.close(), ocd.close(), hyper.close(), digiseller.close()])
    }
  }
}

/** Engine timings scaled like the simulators' clocks. */
export function demoEngineOptions(speed = DEFAULT_DEMO_SPEED): Partial<EngineOptions> {
  return scaledEngineOptions(speed)
}
