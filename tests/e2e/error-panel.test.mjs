// The page never stays blank: without WebGL2, or with its wasm missing, it shows the
// bilingual error panel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from './serve.mjs';
import { openBrowser, OUTPUT, assertSameOrigin } from './browser.mjs';

let server;
before(async () => { server = await serve(); });
after(async () => { await server?.close(); });

async function panelOf(page) {
  await page.waitForSelector('#error:not([hidden])', { timeout: 60000 });
  return {
    zh: await page.textContent('#error-zh'),
    en: await page.textContent('#error-en'),
    loadingHidden: await page.isHidden('#loading'),
    apiError: await page.evaluate(() => window.peizou.error),
  };
}

test('WebGL disabled: the error panel explains it in Chinese and English', async () => {
  const b = await openBrowser({ extraFlags: ['--disable-webgl', '--disable-webgl2'] });
  try {
    await b.page.goto(server.url);
    const panel = await panelOf(b.page);
    assert.match(panel.zh, /WebGL2/);
    assert.match(panel.zh, /[\u4e00-\u9fff]/);
    assert.match(panel.en, /WebGL2 is not available/);
    assert.ok(panel.loadingHidden);
    assert.ok(panel.apiError);
    await b.page.screenshot({ path: path.join(OUTPUT, 'e2e-error-panel.png') });
    assert.deepEqual(b.errors, []);
    assertSameOrigin(b, server.url);
  } finally {
    await b.close();
  }
});

test('wasm missing: the error panel names the file', async () => {
  // No service worker: its first-visit precache fetches the real wasm past page.route,
  // and once it claims the page (a race with the loader) the page's own fetch is served
  // from that cache, so the 404 would never reach the loader.
  const b = await openBrowser({ contextOptions: { serviceWorkers: 'block' } });
  try {
    await b.page.route('**/peizou_web.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await b.page.goto(server.url);
    const panel = await panelOf(b.page);
    assert.match(panel.zh, /peizou_web\.wasm/);
    assert.match(panel.en, /peizou_web\.wasm is missing/);
    assertSameOrigin(b, server.url);
  } finally {
    await b.close();
  }
});
