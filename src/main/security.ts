// Hardening of everything web in the app (STYLE.md "What we take" 3). Each guard is a small pure decision
// (URL in → decision out, unit-tested in main-security.test.ts); the install* functions only wire them to
// Electron objects, typed structurally so tests can drive them with fakes.
import { CONTENT_SECURITY_POLICY } from './csp'
import type { AppUrlMatcher } from './app-url'

// ---- (a) navigation ---------------------------------------------------------------------------------------

/** The window may only ever show the app's own page; anything else (a link, a redirect, a drop) is refused. */
export function isNavigationAllowed(url: string, isAppUrl: AppUrlMatcher): boolean {
  return isAppUrl(url)
}

// ---- (b) new windows and external links -------------------------------------------------------------------

/**
 * Whether a URL may be handed to the OS browser: https only (no file:, no custom schemes that start other
 * programs, no plain http a network can tamper with), a real host, and no credentials in the URL.
 */
export function isSafeExternalUrl(url: string): boolean {
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return false
  }
  return u.protocol === 'https:' && u.hostname !== '' && u.username === '' && u.password === ''
}

/** The app never opens windows of its own: a link with target=_blank (or a middle click, "auxclick") goes to the
 * OS browser when it is safe, and nowhere otherwise. */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally: string | null } {
  return { action: 'deny', openExternally: isSafeExternalUrl(url) ? new URL(url).href : null }
}

// ---- (c) permissions ----------------------------------------------------------------------------------------

/** Only notifications, and only for our own page. Camera, geolocation, clipboard-read, USB…: always denied. */
export function isPermissionAllowed(permission: string, requestingUrl: string, isAppUrl: AppUrlMatcher): boolean {
  return permission === 'notifications' && isAppUrl(requestingUrl)
}

// ---- (d) Content-Security-Policy ------------------------------------------------------------------------------

/**
 * The response headers with our CSP, replacing whatever CSP the response carried (any case of the header name).
 * Set on every response of the app's session: the only documents it ever loads are ours, and a stricter header
 * on anything else can only help. (file:// responses may bypass webRequest; the renderer's <meta> tag covers them.)
 */
export function withCspHeader(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY]
  return out
}

// ---- wiring -----------------------------------------------------------------------------------------------------

export interface PreventableEvent {
  preventDefault(): void
}
export interface NavigationEvent extends PreventableEvent {
  readonly url: string
}

/** The part of a WebContents the guards need. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent) => void): unknown
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

export interface SecurityDeps {
  isAppUrl: AppUrlMatcher
  /** shell.openExternal; only ever called with a URL that passed isSafeExternalUrl. */
  openExternal: (url: string) => Promise<void>
  /** Where refusals are reported (console in the app). */
  warn?: (message: string) => void
}

/** (a), (b), (e): applied to every WebContents the app ever creates (app 'web-contents-created'). */
export function hardenWebContents(contents: GuardedContents, deps: SecurityDeps): void {
  const warn = deps.warn ?? (() => undefined)
  const guardNavigation = (kind: string) => (event: NavigationEvent) => {
    if (isNavigationAllowed(event.url, deps.isAppUrl)) return
    event.preventDefault()
    warn(`Blocked ${kind} to ${safeForLog(event.url)}`)
  }
  contents.on('will-navigate', guardNavigation('navigation'))
  // will-redirect catches a server redirect, including one on a load started from the main process (loadURL).
  contents.on('will-redirect', guardNavigation('redirect'))
  // We never use <webview>: refuse every attachment rather than trying to sanitise its preferences.
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    warn('Blocked a <webview>')
  })
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url)
    if (decision.openExternally) {
      deps.openExternal(decision.openExternally).catch(() => warn(`Could not open ${safeForLog(url)} in the browser`))
    } else {
      warn(`Blocked a new window for ${safeForLog(url)}`)
    }
    return { action: decision.action }
  })
}

/** The part of a Session the guards need (Electron's Session satisfies it). */
export interface GuardedSession {
  setPermissionRequestHandler(
    handler: (contents: { getURL(): string }, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void
  ): void
  setPermissionCheckHandler(
    handler: (contents: { getURL(): string } | null, permission: string, requestingOrigin: string, details: { requestingUrl?: string }) => boolean
  ): void
  setDevicePermissionHandler(handler: () => boolean): void
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders: Record<string, string[]> }) => void
      ) => void
    ): void
  }
}

/** (c), (d): once per session, before the window loads anything. */
export function hardenSession(session: GuardedSession, isAppUrl: AppUrlMatcher): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl || contents.getURL(), isAppUrl))
  })
  session.setPermissionCheckHandler((contents, permission, _origin, details) =>
    isPermissionAllowed(permission, details.requestingUrl || contents?.getURL() || '', isAppUrl)
  )
  // HID, serial, USB devices: never.
  session.setDevicePermissionHandler(() => false)
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders) })
  })
}

/** Logs get the origin and path only: a query string may carry anything (tokens, codes). */
function safeForLog(url: string): string {
  try {
    const u = new URL(url)
    return u.protocol === 'file:' ? 'a local file' : `${u.origin}${u.pathname}`
  } catch {
    return 'an invalid address'
  }
}
