// The app's Content-Security-Policy, one definition for every place that states it: the response header set by
// the main process (security.ts), the test bridge's response header, and the <meta> tag in
// src/renderer/index.html (main-security.test.ts compares that tag with CONTENT_SECURITY_POLICY_META).
// connect-src 'self' is what keeps the renderer from talking to anything but its own origin: every upstream call
// happens in the main process.
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'"
]

/** As a response header. */
export const CONTENT_SECURITY_POLICY = [...DIRECTIVES, "frame-ancestors 'none'"].join('; ')

/**
 * As a <meta> tag: the same without frame-ancestors, which browsers ignore in a meta tag and report as a console
 * error on every load (noise that would fail any "no console errors" check in the Playwright runs).
 */
export const CONTENT_SECURITY_POLICY_META = DIRECTIVES.join('; ')
