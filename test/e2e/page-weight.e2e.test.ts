// Page weight (issue 14): the public portal's first load costs at most 250 KB of script on the
// wire, and the workflow diagram's layout library (ELK, 1.4 MB unpacked) comes only when a diagram
// is opened. Measured as `npm run bench:pages` measures (test/helpers/page-weight.ts): a fresh
// browser profile, the cache disabled, the bytes as they cross the wire.
import { describe, expect, it } from 'vitest';
import { click, hasChromium, screenshot, useBrowserApp } from '../helpers/browser.js';
import { DEMO_PASSWORD } from '../helpers/app.js';
import { DEVELOPER } from '../helpers/services.js';
import { openWeighed } from '../helpers/page-weight.js';

const KB = 1024;
/** A chunk of the ELK layout library (elkjs' elk.bundled.js, hashed by the build). */
const isElk = (url: string) => /\/elk[.-][^/]*\.js$/.test(new URL(url).pathname);

describe.skipIf(!hasChromium())('页面体积（浏览器）', () => {
  const b = useBrowserApp();

  it('门户首页首次打开：脚本压缩后不超过 250 KB', async () => {
    const home = await openWeighed(b.browser, b.app.url, '/');
    try {
      await home.page.waitForSelector('.service-icon');
      const scripts = home.weight.urls.filter((u) => new URL(u).pathname.endsWith('.js'));
      expect(scripts.length).toBeGreaterThan(0);
      expect(scripts.filter(isElk)).toEqual([]);
      const wire = home.weight.wire.script ?? 0;
      // Compressed indeed: the scripts unpacked weigh well over what crossed the wire.
      expect(home.weight.raw.script ?? 0).toBeGreaterThan(2 * wire);
      console.log(`portal home: ${(wire / KB).toFixed(0)} KB of script on the wire, ${((home.weight.raw.script ?? 0) / KB).toFixed(0)} KB unpacked`);
      expect(wire).toBeLessThanOrEqual(250 * KB);
    } finally {
      await home.close();
    }
  });

  it('流程图的布局库只在打开「查看办理流程」时加载', async () => {
    const form = await openWeighed(b.browser, b.app.url, '/workspace/new/area-filing', { username: DEVELOPER, password: DEMO_PASSWORD });
    try {
      await form.page.waitForSelector('#root_propertyType');
      expect(form.weight.urls.filter(isElk)).toEqual([]);
      await click(form.page, '.flow-disclosure summary', '查看办理流程');
      await form.page.waitForSelector('.wf-node.current');
      expect(form.weight.urls.filter(isElk)).toHaveLength(1);
      await screenshot(form.page, 'page-weight-new-case-flow-open');
    } finally {
      await form.close();
    }
  });
});
