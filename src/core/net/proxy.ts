// Which proxy, if any, carries a request to a supplier. The core asks resolveProxy(url) before every request
// (providers/http.ts) and hands the answer to axios, which forwards plain-HTTP requests through the proxy and
// tunnels HTTPS ones with CONNECT (end-to-end TLS: the proxy never sees the API key).
//
// Who answers is set once per process:
//   - the CLI: HTTPS_PROXY / HTTP_PROXY / NO_PROXY (and lower-case), as curl and npm read them (envProxyResolver);
//   - the desktop app: Electron's session.resolveProxy, i.e. the system's proxy settings, PAC scripts and WPAD
//     included (src/main/index.ts → pacProxyResolver). The requests themselves still go through the core's axios
//     in the main process, not through Chromium's network stack: the core is plain Node (the CLI shares it), and
//     its timeouts, redirect refusal and size limits are axios's. Only the proxy decision is Chromium's.
//   - nobody (tests, the default): direct.
import { getProxyForUrl } from 'proxy-from-env'

export type ProxyChoice = false | { protocol: 'http' | 'https'; host: string; port: number; auth?: { username: string; password: string } }
export type ProxyResolver = (url: string) => ProxyChoice | Promise<ProxyChoice>

let current: ProxyResolver = () => false

export function setProxyResolver(resolver: ProxyResolver): void {
  current = resolver
}

/** Never throws: a resolver that fails (a broken PAC script) means a direct connection, and the reason is logged
 *  by whoever installed it. */
export async function resolveProxy(url: string): Promise<ProxyChoice> {
  try {
    return await current(url)
  } catch {
    return false
  }
}

/** "http://user:pass@proxy.local:3128" → the axios proxy setting; anything unusable → direct. */
export function proxyFromUrl(proxyUrl: string): ProxyChoice {
  let u: URL
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(proxyUrl) ? proxyUrl : `http://${proxyUrl}`)
  } catch {
    return false
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return false // socks: axios cannot speak it
  const protocol = u.protocol === 'https:' ? 'https' : 'http'
  const port = u.port ? Number(u.port) : protocol === 'https' ? 443 : 80
  const host = u.hostname.replace(/^\[|\]$/g, '')
  const auth = u.username ? { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) } : undefined
  return { protocol, host, port, ...(auth ? { auth } : {}) }
}

/** localhost, 127.0.0.0/8, ::1: never through a proxy, as Chromium decides for the app (its implicit bypass), so the
 *  demo's simulators and a supplier tunnel on this computer work the same in the CLI and the app. */
export function isLoopback(url: string): boolean {
  let host: string
  try {
    host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase()
  } catch {
    return false
  }
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

/** The CLI's resolver: the standard proxy environment variables, NO_PROXY honoured (read at each request). */
export function envProxyResolver(): ProxyResolver {
  return (url) => {
    if (isLoopback(url)) return false
    const proxy = getProxyForUrl(url)
    return proxy ? proxyFromUrl(proxy) : false
  }
}

/**
 * Chromium's answer ("PROXY host:port; HTTPS host:port; SOCKS5 host:port; DIRECT", in order of preference) → the
 * first entry axios can use. SOCKS entries are skipped (axios speaks HTTP proxies only); none usable → direct.
 */
export function parsePacResult(pac: string): ProxyChoice {
  for (const entry of pac.split(';').map((e) => e.trim()).filter(Boolean)) {
    const [kind, hostPort] = entry.split(/\s+/, 2)
    const k = kind!.toUpperCase()
    if (k === 'DIRECT') return false
    if ((k === 'PROXY' || k === 'HTTP' || k === 'HTTPS') && hostPort) {
      const choice = proxyFromUrl(`${k === 'HTTPS' ? 'https' : 'http'}://${hostPort}`)
      if (choice) return choice
    }
  }
  return false
}

/** The app's resolver: Electron's session.resolveProxy (system settings, PAC, WPAD). */
export function pacProxyResolver(resolve: (url: string) => Promise<string>): ProxyResolver {
  return async (url) => parsePacResult(await resolve(url))
}
