// Page weight: what a page costs a browser on its first load — the bytes of every response as they
// cross the wire (compressed) and unpacked, by kind (script, style, other), and the URLs fetched.
// The page opens in a fresh browser profile with the cache disabled, so nothing comes from a
// cache; it stays open and counting, so a test can click and see what the click loads. Used by the
// page-weight browser test and by `npm run bench:pages`.
import type { Browser, BrowserContext, Page } from 'puppeteer-core';

export type Kind = 'script' | 'style' | 'other';

export interface Weight {
  /** Bytes received per kind, headers and compression included (CDP encodedDataLength). */
  wire: Partial<Record<Kind, number>>;
  /** Bytes per kind after decompression. */
  raw: Partial<Record<Kind, number>>;
  requests: number;
  /** Every URL that answered, in order. */
  urls: string[];
}

export interface WeighedPage {
  page: Page;
  /** Grows while the page stays open (lazy chunks loaded by a click are counted too). */
  weight: Weight;
  close(): Promise<void>;
}

/** Signs in through the API and gives the browser profile its session cookie. */
async function signIn(context: BrowserContext, base: string, username: string, password: string): Promise<void> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  const [name, value] = res.headers.get('set-cookie')!.split(';')[0].split('=');
  await context.setCookie({ name, value, domain: new URL(base).hostname, path: '/', httpOnly: true });
}

/**
 * Opens `url` (a path under `base`) in a fresh profile at 1366 × 768, signed in as `login` when
 * given, and waits until the network is idle.
 */
export async function openWeighed(browser: Browser, base: string, url: string, login?: { username: string; password: string }): Promise<WeighedPage> {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setViewport({ width: 1366, height: 768 });
    if (login) await signIn(context, base, login.username, login.password);
    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const kinds = new Map<string, Kind>();
    const sizes = new Map<string, number>();
    const weight: Weight = { wire: {}, raw: {}, requests: 0, urls: [] };
    cdp.on('Network.responseReceived', (e) => {
      kinds.set(e.requestId, e.type === 'Script' ? 'script' : e.type === 'Stylesheet' ? 'style' : 'other');
      weight.urls.push(e.response.url);
    });
    cdp.on('Network.dataReceived', (e) => sizes.set(e.requestId, (sizes.get(e.requestId) ?? 0) + e.dataLength));
    cdp.on('Network.loadingFinished', (e) => {
      const kind = kinds.get(e.requestId) ?? 'other';
      weight.requests++;
      weight.wire[kind] = (weight.wire[kind] ?? 0) + e.encodedDataLength;
      weight.raw[kind] = (weight.raw[kind] ?? 0) + (sizes.get(e.requestId) ?? 0);
    });
    await page.goto(base + url, { waitUntil: 'networkidle0', timeout: 60_000 });
    return { page, weight, close: () => context.close() };
  } catch (err) {
    await context.close();
    throw err;
  }
}

/** The first-load weight of one page (opened, measured, closed). */
export async function weigh(browser: Browser, base: string, url: string, login?: { username: string; password: string }): Promise<Weight> {
  const opened = await openWeighed(browser, base, url, login);
  await opened.close();
  return opened.weight;
}
