// The Library leads a newcomer into a walk, a comparison or a presentation (issue 20), by
// real clicks and keys in Chromium; the test API only reads state and rectangles (and sets
// language/scale for the screenshots):
//  - a fresh profile shows the welcome panel; its 走流程 suggestion starts a walk of it;
//  - a selected scenario's card shows the figures of `peizou compare FILE --seed S
//    --citizens N` (the CLI, run here), computed in slices (no frame's work > 50 ms);
//  - 对比改革前后 ends on Compare with the run done; 演示 starts the presentation;
//    Enter and the right-click menu walk it;
//  - after a reload the selection is kept and the dismissed welcome stays dismissed;
//  - screenshots zh/en at 1280×720, 1366×768 and scale 2.0: buttons inside the panel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, ROOT } from './serve.mjs';
import { openBrowser, waitReady, OUTPUT, assertSameOrigin } from './browser.mjs';

const NATIVE = path.join(ROOT, process.env.PEIZOU_NATIVE || 'build/native');
const CARD_FILE = 'catering-one-thing.json';

let server, browser, page;  // one server; a browser per fresh profile

const state = () => page.evaluate(() => window.peizou.state());
const act = (name, args = {}) => page.evaluate(([n, a]) => window.peizou.act(n, a), [name, args]);
const rects = () => page.evaluate(() => window.peizou.rects());
const frames = (n) => page.evaluate((k) => window.peizou.frames(k), n);
const waitFor = (fn, arg, timeout = 120000) => page.waitForFunction(fn, arg, { timeout });
const waitRect = (name) => waitFor((n) => window.peizou.rects()[n], name);
const flushed = () => waitFor(() => (window.Module.peizouSyncPending || 0) === 0);
const center = (r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });

// A real click on the rectangle the app reports for `name` (hover first, as a hand does).
async function click(name, button = 'left') {
  await waitRect(name);
  const p = center((await rects())[name]);
  await page.mouse.move(p.x, p.y);
  await frames(2);
  await page.mouse.click(p.x, p.y, { button });
  await frames(2);
}
// A real key press held for a frame: ImGui 1.86 samples the keys once per frame.
async function press(key) {
  await page.keyboard.down(key);
  await frames(1);
  await page.keyboard.up(key);
  await frames(1);
}

function cli(...args) {
  return execFileSync(path.join(NATIVE, 'peizou'), args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
}

// The detail panel's action buttons lie inside it (nothing clipped at any size).
async function assertActionsInside(label) {
  const r = await rects();
  const detail = r['library.detail'];
  assert.ok(detail, `${label}: the detail panel`);
  const names = Object.keys(r).filter((k) => k.startsWith('library.action.') || k.startsWith('library.welcome.'));
  assert.ok(names.length > 0, `${label}: actions drawn`);
  for (const k of names) {
    assert.ok(r[k].x >= detail.x - 0.5 && r[k].x + r[k].width <= detail.x + detail.width + 0.5,
      `${label}: ${k} inside the panel (${JSON.stringify(r[k])} in ${JSON.stringify(detail)})`);
  }
}

async function screenshots(stem) {
  for (const language of ['zh', 'en']) {
    await act('language', { language });
    for (const [w, h, scale] of [[1280, 720, 1], [1366, 768, 1], [1280, 720, 2]]) {
      await page.setViewportSize({ width: w, height: h });
      await act('scale', { scale });
      await frames(3);
      const s = await state();
      assert.equal(s.fonts.fallback, 0, `${stem} ${language} ${w}×${h} ×${scale}: every character in the atlas`);
      await assertActionsInside(`${stem} ${language} ${w}×${h} ×${scale}`);
      await page.screenshot({ path: path.join(OUTPUT, `library-${stem}-${language}-${w}x${h}-s${scale}.png`) });
    }
  }
  await act('language', { language: 'zh' });
  await page.setViewportSize({ width: 1280, height: 720 });
  await act('scale', { scale: 1 });
  await frames(2);
}

// A browser on a fresh profile (the previous one closed, its requests checked).
async function freshProfile() {
  if (browser) {
    assertSameOrigin(browser, server.url);
    await browser.close();
  }
  browser = await openBrowser();
  ({ page } = browser);
  await page.goto(server.url);
  await waitReady(page);
}

before(async () => {
  server = await serve();
  await freshProfile();
});

after(async () => {
  if (browser) assertSameOrigin(browser, server.url);
  await Promise.all([browser?.close(), server?.close()]);
});

test('a fresh profile shows the welcome panel; its 走流程 suggestion starts a walk', async () => {
  let s = await state();
  assert.equal(s.screen, 'library');
  assert.equal(s.selection, null);
  assert.equal(s.welcome.shown, true);
  assert.equal(s.welcome.dismissed, false);
  assert.ok(s.welcome.walk, 'a suggested scenario to walk');
  await waitRect('library.welcome');
  await screenshots('welcome');
  await click('library.welcome.walk');
  await waitFor(() => window.peizou.state().screen === 'walkthrough');
  s = await state();
  assert.equal(s.walkthrough.phase, 'walking');
  assert.equal(s.walkthrough.file, s.welcome.walk);
  assert.equal(s.selection, s.welcome.walk, 'the walked scenario is selected in the Library');
});

test('the card shows the CLI compare figures; 对比改革前后 and 演示 act on the scenario', async () => {
  await click('tab.library');
  await click(`library.item.${CARD_FILE}`);
  assert.equal((await state()).selection, CARD_FILE);
  await waitFor(() => window.peizou.state().library.panel.card?.done === true);
  const card = (await state()).library.panel.card;
  const out = JSON.parse(cli('compare', `scenarios/${CARD_FILE}`, '--seed', String(card.seed), '--citizens',
    String(card.citizens), '--json'));
  assert.equal(card.variants.length, 2);
  for (let v = 0; v < 2; v++) {
    const want = out.variants[v];
    const got = card.variants[v];
    assert.equal(got.variant, want.variant);
    assert.equal(got.calendar_days, want.measures.calendar_days.mean, `${want.variant} calendar days`);
    assert.equal(got.trips, want.measures.trips.mean, `${want.variant} trips`);
    assert.equal(got.submissions, want.measures.submissions.mean, `${want.variant} submissions`);
    assert.equal(got.one_trip, want.rates.one_trip, `${want.variant} one-trip share`);
  }
  // The reform makes a difference the card shows (an independent sanity check).
  assert.ok(card.variants[1].trips < card.variants[0].trips);
  assert.ok(card.work_ms_max <= 50, `the card's work stays within a frame (${card.work_ms_max} ms)`);
  await waitRect('library.card');
  await screenshots('card');

  // 对比改革前后: Compare, run with the defaults, to the end.
  await click('library.action.compare');
  await waitFor(() => window.peizou.state().screen === 'compare');
  await waitFor(() => window.peizou.state().compare.phase === 'done', undefined, 300000);
  const c = (await state()).compare;
  assert.equal(c.file, CARD_FILE);
  assert.deepEqual(c.variants, card.variants.map((v) => v.variant));

  // 演示: the presentation starts on this scenario; Esc leaves it.
  await click('tab.library');
  await click('library.action.present');
  await waitFor(() => window.peizou.state().presentation.presenting === true);
  assert.equal((await state()).presentation.setup_file, CARD_FILE);
  await press('Escape');
  await waitFor(() => window.peizou.state().presentation.presenting === false);
});

test('Enter and the right-click menu walk the selected scenario', async () => {
  await click('tab.library');
  await waitRect('library.detail');
  await press('Enter');
  await waitFor(() => window.peizou.state().screen === 'walkthrough');
  let s = await state();
  assert.equal(s.walkthrough.file, CARD_FILE);
  assert.equal(s.walkthrough.variant, 'before');
  await click('tab.library');
  await click(`library.item.${CARD_FILE}`, 'right');
  await click('library.menu.walk.one_thing');
  await waitFor(() => window.peizou.state().screen === 'walkthrough');
  s = await state();
  assert.equal(s.walkthrough.file, CARD_FILE);
  assert.equal(s.walkthrough.variant, 'one_thing');
});

test('after a reload the selection is kept and the dismissed welcome stays dismissed', async () => {
  // A second fresh profile: dismiss the welcome, then select.
  await freshProfile();
  assert.equal((await state()).welcome.shown, true);
  await click('library.welcome.dismiss');
  let s = await state();
  assert.equal(s.welcome.dismissed, true);
  assert.equal(s.welcome.shown, false);
  assert.equal((await rects())['library.welcome'], undefined);
  await click(`library.item.${CARD_FILE}`);
  await flushed();
  await frames(2);
  await flushed();
  await page.reload();
  await waitReady(page);
  await frames(2);
  s = await state();
  assert.equal(s.selection, CARD_FILE, 'the selection is kept');
  assert.equal(s.welcome.dismissed, true, 'the welcome stays dismissed');
  assert.equal(s.welcome.shown, false);
  assert.equal(s.library.panel.file, CARD_FILE);
});
