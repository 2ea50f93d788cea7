// window.api for Playwright runs: the same RendererApi the preload exposes, over the bridge's HTTP endpoints.
// Given to `page.addInitScript`, so it runs before the renderer's own scripts. Requests go to the page's own
// origin, which CSP connect-src 'self' allows, exactly as the app's IPC is the only way out of its renderer.
import { CHANNELS } from '../../src/shared/contract'
import { BRIDGE_EVENTS_PATH, BRIDGE_INVOKE_PATH, BRIDGE_TOKEN_HEADER } from './server'

export function bridgeShimScript(url: string, token: string): string {
  const config = {
    origin: new URL(url).origin,
    token,
    channels: CHANNELS,
    invokePath: BRIDGE_INVOKE_PATH,
    eventsPath: BRIDGE_EVENTS_PATH,
    tokenHeader: BRIDGE_TOKEN_HEADER
  }
  // Plain ES2020 in a string: it runs in the browser, not through our TypeScript build.
  return `(() => {
  const config = ${JSON.stringify(config)};
  // addInitScript runs in every frame and page (about:blank too): only the bridge's own page gets the api.
  if (window.location.origin !== config.origin) return;
  const channels = new Set(config.channels);
  const listeners = new Set();
  let source = null;
  let ready = Promise.resolve();

  function connect() {
    if (source) return;
    source = new EventSource(config.eventsPath + '?token=' + encodeURIComponent(config.token));
    // A call made right after subscribing must not outrun the stream: invoke waits until it is open.
    ready = new Promise((resolve) => {
      source.addEventListener('open', () => resolve(), { once: true });
      source.addEventListener('error', () => resolve(), { once: true });
    });
    source.addEventListener('message', (message) => {
      let event;
      try { event = JSON.parse(message.data); } catch { return; }
      for (const listener of [...listeners]) {
        try { listener(event); } catch (e) { console.error(e); }
      }
    });
  }

  const api = Object.freeze({
    async invoke(channel, input) {
      if (typeof channel !== 'string' || !channels.has(channel)) {
        return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'ResellerDesk does not know that request.' } };
      }
      await ready;
      const response = await fetch(config.invokePath, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [config.tokenHeader]: config.token },
        body: JSON.stringify({ channel, input: input === undefined ? {} : input })
      });
      if (!response.ok) {
        return { ok: false, error: { code: 'BRIDGE', message: 'Test bridge refused the request (' + response.status + ').' } };
      }
      return response.json();
    },
    onEvent(listener) {
      listeners.add(listener);
      connect();
      return () => { listeners.delete(listener); };
    }
  });
  Object.defineProperty(window, 'api', { value: api, writable: false, configurable: false, enumerable: true });
})();`
}
