// PDFs from Chromium (Debian's package, driven by puppeteer-core). One browser per server process,
// started on the first PDF and reused; started again if it dies. At most `pages` PDFs render at
// once, each in its own reused tab, each bounded by a timeout; a tab that timed out is thrown away.
// If Chromium is missing or does not start, PDF is reported unavailable (HTML prints still work),
// and a new start is tried at most once a minute.
import fs from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

export interface PoolOptions {
  executablePath: string;
  pages: number;
  timeoutMs: number;
  /** Told whenever availability changes: 'ready' after a start, 'unavailable' with the reason. */
  onStatus?: (status: 'ready' | 'unavailable' | 'unknown', reason?: string) => void;
}

export interface PdfJob {
  html: string;
  footerTemplate?: string;
  headerTemplate?: string;
  margin?: { top: string; right: string; bottom: string; left: string };
}

export class PdfUnavailable extends Error {}

const RETRY_MS = 60_000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new PdfUnavailable(`${what}超时（${Math.round(ms / 1000)} 秒）`)), ms); }),
  ]);
}

export class BrowserPool {
  private browser?: Browser;
  private launching?: Promise<Browser>;
  private failedAt = 0;
  private failure = '';
  private closed = false;
  private idle: Page[] = [];
  private active = 0;
  private waiting: Array<() => void> = [];

  constructor(private readonly opts: PoolOptions) {}

  /** The running browser's process id (for operators and the restart test), if one is running. */
  get pid(): number | undefined {
    return this.browser?.connected ? this.browser.process()?.pid : undefined;
  }

  /** Why PDF cannot be made right now without trying, or undefined when it may work. */
  unavailableReason(): string | undefined {
    if (!fs.existsSync(this.opts.executablePath)) return `未安装 Chromium（${this.opts.executablePath}）`;
    if (this.failure && Date.now() - this.failedAt < RETRY_MS) return this.failure;
    return undefined;
  }

  private async launch(): Promise<Browser> {
    const missing = this.unavailableReason();
    if (missing) throw new PdfUnavailable(missing);
    try {
      const browser = await puppeteer.launch({
        executablePath: this.opts.executablePath, headless: true, args: CHROMIUM_ARGS, timeout: this.opts.timeoutMs,
      });
      browser.on('disconnected', () => {
        // Died (or closed): forget it and its tabs; the next PDF starts a new one.
        if (this.browser === browser) { this.browser = undefined; this.idle = []; }
        if (!this.closed) this.opts.onStatus?.('unknown');
      });
      this.failure = '';
      this.opts.onStatus?.('ready');
      return browser;
    } catch (err) {
      this.failedAt = Date.now();
      this.failure = `Chromium 无法启动：${(err as Error).message.split('\n')[0].slice(0, 200)}`;
      this.opts.onStatus?.('unavailable', this.failure);
      throw new PdfUnavailable(this.failure);
    }
  }

  private async browserReady(): Promise<Browser> {
    if (this.closed) throw new PdfUnavailable('服务正在停止');
    if (this.browser?.connected) return this.browser;
    this.launching ??= this.launch().then((b) => (this.browser = b)).finally(() => { this.launching = undefined; });
    return this.launching;
  }

  private acquire(): Promise<void> {
    if (this.active < this.opts.pages) { this.active++; return Promise.resolve(); }
    return new Promise<void>((resolve, reject) => {
      const grant = () => { clearTimeout(timer); resolve(); };
      // A waiter that gives up leaves the queue, so no slot is ever handed to nobody.
      const timer = setTimeout(() => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) { this.waiting.splice(i, 1); reject(new PdfUnavailable('打印任务繁忙，等待超时')); }
      }, this.opts.timeoutMs);
      this.waiting.push(grant);
    });
  }

  private release() {
    const next = this.waiting.shift();
    if (next) next(); // the slot passes straight to the next job
    else this.active--;
  }

  private async newPage(browser: Browser): Promise<Page> {
    const page = await browser.newPage();
    // Defence in depth beside the document's CSP: no script runs and nothing loads from outside.
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (req) => { if (req.url().startsWith('data:') || req.url() === 'about:blank') void req.continue(); else void req.abort(); });
    return page;
  }

  /** Renders one HTML document to an A4 PDF. */
  async pdf(job: PdfJob): Promise<Buffer> {
    await this.acquire();
    try {
      const browser = await this.browserReady();
      let page = this.idle.pop();
      if (!page || page.isClosed()) page = await this.newPage(browser);
      let reusable = false;
      try {
        const render = async () => {
          await page.setContent(job.html, { waitUntil: 'load', timeout: this.opts.timeoutMs });
          return page.pdf({
            format: 'A4', printBackground: true, displayHeaderFooter: !!(job.footerTemplate || job.headerTemplate),
            headerTemplate: job.headerTemplate ?? '<span></span>', footerTemplate: job.footerTemplate ?? '<span></span>',
            margin: job.margin, timeout: this.opts.timeoutMs,
          });
        };
        const bytes = await withTimeout(render(), this.opts.timeoutMs, '生成 PDF ');
        reusable = true;
        return Buffer.from(bytes);
      } finally {
        if (reusable && this.browser === browser && browser.connected) this.idle.push(page);
        else page.close().catch(() => undefined);
      }
    } finally {
      this.release();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const browser = this.browser ?? (await this.launching?.catch(() => undefined));
    this.browser = undefined;
    this.idle = [];
    await browser?.close().catch(() => undefined);
  }
}
