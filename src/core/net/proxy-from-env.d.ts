// proxy-from-env ships no types: the one function used, as documented (returns '' when no proxy applies).
declare module 'proxy-from-env' {
  export function getProxyForUrl(url: string | URL): string
}
