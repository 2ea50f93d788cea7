// What counts as "the app's own page": the built renderer's index.html on disk, or (in development only) the
// electron-vite dev server's origin. Every guard (navigation, IPC sender, permissions) asks this one question.
import { fileURLToPath, pathToFileURL } from 'node:url'
import { normalize } from 'node:path'

export type AppPage =
  /** Packaged / preview: the renderer's index.html, as an absolute path. */
  | { kind: 'file'; indexHtmlPath: string }
  /** `electron-vite dev`: the dev server's URL (ELECTRON_RENDERER_URL). */
  | { kind: 'dev'; url: string }

export type AppUrlMatcher = (url: string) => boolean

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

function samePath(a: string, b: string, platform: NodeJS.Platform): boolean {
  const na = normalize(a)
  const nb = normalize(b)
  // Windows and macOS file systems are case-insensitive by default; a case change is still our file there.
  return platform === 'linux' ? na === nb : na.toLowerCase() === nb.toLowerCase()
}

export function createAppUrlMatcher(page: AppPage, platform: NodeJS.Platform = process.platform): AppUrlMatcher {
  if (page.kind === 'dev') {
    const dev = parse(page.url)
    if (!dev || (dev.protocol !== 'http:' && dev.protocol !== 'https:')) return () => false
    const origin = dev.origin
    return (url) => {
      const u = parse(url)
      return u !== null && u.origin === origin
    }
  }
  const expected = page.indexHtmlPath
  return (url) => {
    const u = parse(url)
    // A host in a file URL is a network share (file://server/…): never ours.
    if (!u || u.protocol !== 'file:' || u.host !== '') return false
    let path: string
    try {
      path = fileURLToPath(u)
    } catch {
      return false
    }
    // Query and hash are the renderer's own routing state (#/orders/42), so they do not change the page.
    return samePath(path, expected, platform)
  }
}

/** The URL to load for the app page (hash and query free). */
export function appPageUrl(page: AppPage): string {
  return page.kind === 'dev' ? page.url : pathToFileURL(page.indexHtmlPath).href
}
