// The app's Content-Security-Policy, one string for every place that states it: the response header set by the
// main process (security.ts), the test bridge's response header, and the <meta> tag in src/renderer/index.html
// (which must stay byte-identical; main-security.test.ts checks it whenever that file exists).
// connect-src 'self' is what keeps the renderer from talking to anything but its own origin: every upstream call
// happens in the main process.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')
