// Strict base64 for stored parameters: Buffer.from(s, 'base64') silently skips junk, which would turn a damaged
// salt or blob into a different, valid-looking one. Here anything not canonical is rejected.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** The bytes of canonical base64 `s`, or null when `s` is not canonical base64 (or not of `expectedBytes`). */
export function decodeBase64Strict(s: unknown, expectedBytes?: number): Buffer | null {
  if (typeof s !== 'string' || !BASE64.test(s)) return null
  const bytes = Buffer.from(s, 'base64')
  if (bytes.toString('base64') !== s) return null
  if (expectedBytes !== undefined && bytes.length !== expectedBytes) return null
  return bytes
}
