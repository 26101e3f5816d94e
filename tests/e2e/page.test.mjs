// The page in real Chromium: it starts, draws the Library in Chinese, reacts to real
// clicks, loads the larger font only when needed, and prints its size and speed figures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT, WEB_DIR } from './serve.mjs';
import { openPage, OUTPUT, assertSameOrigin } from './browser.mjs';
import { decodePng, pixelStats } from './png.mjs';

let opened;
let server;
let browser;
let page;
let firstFrameMs;
let initialRequests;

const gzipSize = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
const center = (r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
const state = () => page.evaluate(() => window.peizou.state());
const rects = () => page.evaluate(() => window.peizou.rects());
const waitFor = (fn, arg) => page.waitForFunction(fn, arg, { timeout: 60000 });
// A real click as a hand makes it: move, let a frame see the hover, then press.
// (ImGui ignores a press on an overlapping item hovered for less than a frame.)
async function clickAt({ x, y }) {
  await page.mouse.move(x, y);
  await page.evaluate(() => window.peizou.frames(2));
  await page.mouse.click(x, y);
}

before(async () => {
  opened = await openPage();
  ({ server, browser, page } = opened);
  firstFrameMs = await page.evaluate(() => window.peizou.timing.firstFrameMs);
  // What the page itself downloads; the service worker's copies for offline use are apart.
  initialRequests = server.requests.filter((r) => r.status === 200 && !r.precache).map((r) => ({ ...r }));
});

after(async () => opened?.close());

test('starts: first frame, no console or page errors, no failed requests', async () => {
  assert.ok(firstFrameMs > 0);
  const s = await state();
  assert.equal(s.screen, 'library');
  assert.equal(s.language, 'zh');
  assert.ok(s.frame >= 1);
  assert.deepEqual(server.requests.filter((r) => r.status !== 200), []);
  assert.deepEqual(browser.errors, []);
});

test('the canvas fills the window at devicePixelRatio and is not blank', async () => {
  const size = await page.evaluate(() => {
    const c = document.getElementById('canvas');
    return { w: c.width, h: c.height, cssW: c.clientWidth, cssH: c.clientHeight, dpr: devicePixelRatio };
  });
  assert.equal(size.cssW, 1280);
  assert.equal(size.cssH, 720);
  assert.equal(size.w, Math.round(1280 * size.dpr));
  assert.equal(size.h, Math.round(720 * size.dpr));
  const stats = pixelStats(decodePng(await page.screenshot()));
  assert.ok(stats.variance > 50, `luminance variance ${stats.variance}`);
  assert.ok(stats.colours > 16, `${stats.colours} colours`);
});

test('lists every scenario file; a click on an entry selects it and shows it', async () => {
  const files = fs.readdirSync(path.join(WEB_DIR, '../../scenarios')).filter((f) => f.endsWith('.json')).sort();
  const s0 = await state();
  assert.deepEqual(s0.library.files.map((f) => f.file), files);
  assert.equal(s0.selection, null);

  const file = files.includes('company-deregistration.json') ? 'company-deregistration.json' : files[0];
  const key = `library.item.${file}`;
  const r = (await rects())[key];
  assert.ok(r && r.width > 0 && r.height > 0, `rect ${key}`);
  await clickAt(center(r));
  await waitFor((f) => window.peizou.state().selection === f, file);

  const panel = (await state()).library.panel;
  assert.equal(panel.file, file);
  assert.ok(panel.title.length > 0);
  assert.ok(panel.summary.length > 0, 'summary shown');
  assert.ok(panel.sources.length > 0, 'sources shown');
  await page.evaluate(() => window.peizou.frames(2));
  await page.screenshot({ path: path.join(OUTPUT, 'e2e-library.png') });
});

test('Chinese renders: every character shown is in the font atlas', async () => {
  const s = await state();
  assert.equal(s.fonts.missing, '', 'registered characters missing from the atlas');
  assert.ok(s.fonts.glyphs > 200, `${s.fonts.glyphs} glyphs`);
  const panel = s.library.panel;
  const shown = [panel.title, panel.summary, ...panel.sources.map((x) => x.says + x.citation),
    ...s.library.files.map((f) => f.title), '场景库走流程对比演示视图'].join('');
  assert.match(shown, /[\u4e00-\u9fff]/);
  const r = await page.evaluate((text) => window.peizou.act('glyphs_missing', { text }), shown);
  assert.equal(r.missing, '');
  // The check can fail: a character outside every subset is reported.
  const rare = await page.evaluate(() => window.peizou.act('glyphs_missing', { text: '𠀀' }));
  assert.equal(rare.missing, '𠀀');
});

test('View menu by real clicks: English, then scale 1.5, then back', async () => {
  const click = async (name) => {
    await waitFor((n) => !!window.peizou.rects()[n], name);
    await clickAt(center((await rects())[name]));
  };
  await click('menu.view');
  await click('menu.language.en');
  await waitFor(() => window.peizou.state().language === 'en');
  await click('menu.view');
  await click('menu.scale.1.5');
  await waitFor(() => window.peizou.state().scale === 1.5);
  const tab15 = (await rects())['tab.library'];
  await page.evaluate(() => window.peizou.act('scale', { scale: 1 }));
  const tab10 = (await rects())['tab.library'];
  assert.ok(tab15.height > tab10.height * 1.3, `tab height ${tab15.height} vs ${tab10.height}`);
  await page.evaluate(() => window.peizou.act('language', { language: 'zh' }));
  assert.equal((await state()).language, 'zh');
});

test('tabs: the other screens are reachable by click', async () => {
  for (const name of ['walkthrough', 'compare', 'presentation', 'library']) {
    await clickAt(center((await rects())[`tab.${name}`]));
    await waitFor((n) => window.peizou.state().screen === n, name);
  }
  assert.deepEqual(browser.errors, []);
});

test('text outside the small font fetches the large font once, then renders', async () => {
  // Level-1 characters of 通用规范汉字表 (the large font's set) that the small subset lacks.
  const level1 = fs.readFileSync(path.join(ROOT, 'assets/fonts/tgh_level1.txt'), 'utf8').split('\n')
    .filter((l) => !l.startsWith('#')).join('');
  const candidates = [...level1].filter((c, i) => i % 7 === 0).join('');
  const before = await page.evaluate((text) => window.peizou.act('glyphs_missing', { text }), candidates);
  assert.ok(before.missing.length > 0, 'test needs characters outside the small subset');
  assert.equal((await state()).fonts.large, 'not_needed');
  // The page has not asked for it (the service worker may have cached it for offline use).
  const pageFetches = () => page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => new URL(e.name).pathname.endsWith('/large.otf')).length);
  assert.equal(await pageFetches(), 0, 'large font fetched by the page at start');
  assert.ok(!server.requests.some((r) => r.path.endsWith('large.otf') && !r.precache), 'large font not loaded at start');

  const sample = [...before.missing].slice(0, 8).join('');
  await page.evaluate((text) => window.peizou.act('show_text', { text }), sample);
  await waitFor(() => window.peizou.state().fonts.large === 'loaded' && window.peizou.state().fonts.missing === '');
  const after = await page.evaluate((text) => window.peizou.act('glyphs_missing', { text }), sample);
  assert.equal(after.missing, '');
  assert.equal(await pageFetches(), 1);
  // The small and the large font together hold every level-1 character (the large one
  // holds only what the small one lacks; the atlas merges the two).
  await page.evaluate((text) => window.peizou.act('show_text', { text }), level1);
  await waitFor(() => window.peizou.state().fonts.glyphs >= 3500 && window.peizou.state().fonts.missing === '');
  assert.equal((await page.evaluate((text) => window.peizou.act('glyphs_missing', { text }), level1)).missing, '');
  // One download in all: from the server, or from the worker's cache if it got there first.
  assert.ok(server.requests.filter((r) => r.path.endsWith('large.otf') && !r.precache).length <= 1);
  assert.deepEqual(browser.errors, []);
});

test('figures: download size, time to first frame, wasm size', () => {
  let raw = 0;
  let gz = 0;
  for (const r of initialRequests) {
    raw += r.bytes;
    gz += gzipSize(r.file);
  }
  const wasm = path.join(WEB_DIR, 'peizou_web.wasm');
  const large = path.join(WEB_DIR, 'fonts/large.otf');
  const mb = (n) => `${(n / 1048576).toFixed(2)} MB`;
  const precache = server.requests.filter((r) => r.precache && r.status === 200);
  const lines = [
    `initial download: ${initialRequests.length} files, ${mb(raw)} raw, ${mb(gz)} gzip`,
    ...initialRequests.map((r) => `  ${r.path} ${r.bytes} bytes`),
    `wasm: ${mb(fs.statSync(wasm).size)} raw, ${mb(gzipSize(wasm))} gzip`,
    `lazy large font: ${mb(fs.statSync(large).size)} raw, ${mb(gzipSize(large))} gzip`,
    `navigation to first frame: ${Math.round(firstFrameMs)} ms`,
    `service worker's offline copies (first visit only, after the first frame): ${precache.length} files, ${mb(precache.reduce((n, r) => n + r.bytes, 0))} raw`,
  ];
  console.log(lines.map((l) => `# figure ${l}`).join('\n'));
  fs.writeFileSync(path.join(OUTPUT, 'e2e-figures.txt'), `${lines.join('\n')}\n`);
  assert.ok(gz <= 4 * 1048576, `initial download ${mb(gz)} gzip exceeds 4 MB`);
});

test('no request went to another origin (issue 7)', () => assertSameOrigin(browser, server.url));

// The built-in scenarios (issue 17): the list of the first frame comes from a light index
// (titles, variants, the first variant's steps) read without parsing; the full parse and
// check happen in the frames after the first. The oracle for the index is each file read
// by JSON.parse here.
test('built-in scenarios: indexed before the first frame, parsed after it, the index agrees with the files', async () => {
  await waitFor(() => Boolean(window.peizou.timing.libraryParsedMs));
  const t = await page.evaluate(() => ({ ...window.peizou.timing }));
  assert.ok(t.libraryMs < t.firstFrameMs, 'indexed before the first frame');
  assert.ok(t.libraryParsedMs > t.firstFrameMs, 'parsed after the first frame');
  const files = fs.readdirSync(path.join(ROOT, 'scenarios')).filter((f) => f.endsWith('.json')).sort();
  const listed = (await state()).library.files.filter((f) => !f.user);
  assert.deepEqual(listed.map((f) => f.file), files);
  for (const f of listed) {
    const j = JSON.parse(fs.readFileSync(path.join(ROOT, 'scenarios', f.file), 'utf8'));
    assert.deepEqual(f.index, {
      title: j.title ?? '', title_en: j.title_en ?? '', variants: Object.keys(j.variants).length,
      first_steps: Object.values(j.variants)[0].steps?.length ?? 0,  // variants: an object, in file order
    }, f.file);
    assert.equal(f.ok, true, f.file);
    assert.equal(f.title, j.title, f.file);  // zh: the parsed title
  }
});
