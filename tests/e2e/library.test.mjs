// The Library leads a newcomer into a walk, a comparison or a presentation (issue 20), by
// real clicks and keys in Chromium; the test API only reads state and rectangles (and sets
// language/scale for the screenshots):
//  - a fresh profile shows the welcome panel; its 走流程 suggestion starts a walk of it;
//  - a selected scenario's card shows the figures of `peizou compare FILE --seed S
//    --citizens N` (the CLI, run here), computed in slices (the longest slice is reported);
//  - 对比改革前后 ends on Compare with the run done; 演示 starts the presentation;
//    Enter and the right-click menu walk it; a file under 我的文件 has the same menu
//    (and 导出 / 删除), and Enter walks it too;
//  - after a reload the selection is kept and the dismissed welcome stays dismissed;
//  - screenshots zh/en at 1280×720 and 1366×768, scale 1.0 and 2.0: buttons inside the panel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, ROOT } from './serve.mjs';
import { openPage, waitReady, OUTPUT, assertSameOrigin } from './browser.mjs';

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
    for (const [w, h, scale] of [[1280, 720, 1], [1366, 768, 1], [1280, 720, 2], [1366, 768, 2]]) {
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
  ({ browser, page } = await openPage({ server }));
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

test('the card shows the CLI compare figures; 对比改革前后 and 演示 act on the scenario', async (t) => {
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
  // Reported, not asserted: a wall-clock bound fails on a loaded machine (50.3 ms at load 25
  // for slices budgeted at 10 ms of work); the slicing itself is the Compare runner's.
  t.diagnostic(`the card's longest slice of work: ${card.work_ms_max} ms (budget 10 ms)`);
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

// Issue 20: an entry under 我的文件 acts like a built-in one. The file is the built-in
// catering-one-thing with its own id and title, opened through files.open (setup only);
// the menu, Enter, export and delete are real right-clicks, clicks and keys.
test('a user file: the right-click menu walks, compares, presents, exports and deletes it; Enter walks it', async () => {
  await click('tab.library');
  const mine = JSON.parse(fs.readFileSync(path.join(ROOT, 'scenarios', CARD_FILE), 'utf8'));
  mine.id = 'mine-one-thing';
  mine.title = '我的一件事一次办';
  await act('files.open', { name: 'mine.json', text: JSON.stringify(mine, null, 1) });
  const key = 'user/scenarios/mine.json';
  const item = `library.item.${key}`;
  await waitRect(item);
  const variants = mine.variants ? Object.keys(mine.variants) : [];
  assert.equal(variants.length, 2, 'the copy has a before and an after variant');

  // The menu holds what a built-in's menu holds (走一遍 per variant, 对比改革前后, 演示: the
  // previous test right-clicks one), and 导出 / 删除.
  await click(item, 'right');
  const menu = Object.keys(await rects()).filter((k) => k.startsWith('library.menu.')).sort();
  assert.deepEqual(menu, [...variants.map((v) => `library.menu.walk.${v}`), 'library.menu.compare',
    'library.menu.present', 'library.menu.download', 'library.menu.delete'].sort());
  const vp = page.viewportSize(), r0 = await rects();
  for (const k of menu) {
    assert.ok(r0[k].x >= 0 && r0[k].y >= 0 && r0[k].x + r0[k].width <= vp.width && r0[k].y + r0[k].height <= vp.height,
      `${k} inside the window (${JSON.stringify(r0[k])})`);
  }
  await page.screenshot({ path: path.join(OUTPUT, 'library-user-menu-1280x720-s1.png') });

  // 走一遍 the second variant.
  await click(`library.menu.walk.${variants[1]}`);
  await waitFor(() => window.peizou.state().screen === 'walkthrough');
  let s = await state();
  assert.equal(s.walkthrough.file, key);
  assert.equal(s.walkthrough.variant, variants[1]);
  assert.equal(s.walkthrough.scenario, 'mine-one-thing');

  // Enter walks the selected user entry (its first variant).
  await click('tab.library');
  await click(item);
  assert.equal((await state()).selection, key);
  await press('Enter');
  await waitFor(() => window.peizou.state().screen === 'walkthrough');
  s = await state();
  assert.equal(s.walkthrough.file, key);
  assert.equal(s.walkthrough.variant, variants[0]);

  // 对比改革前后 from the menu: Compare of this file, run to the end.
  await click('tab.library');
  await click(item, 'right');
  await click('library.menu.compare');
  await waitFor(() => window.peizou.state().screen === 'compare');
  await waitFor(() => window.peizou.state().compare.phase === 'done', undefined, 300000);
  assert.equal((await state()).compare.file, key);

  // 演示 from the menu; Esc leaves it.
  await click('tab.library');
  await click(item, 'right');
  await click('library.menu.present');
  await waitFor(() => window.peizou.state().presentation.presenting === true);
  assert.equal((await state()).presentation.setup_file, key);
  await press('Escape');
  await waitFor(() => window.peizou.state().presentation.presenting === false);

  // 导出: the file itself downloads.
  await click('tab.library');
  await click(item, 'right');
  await waitRect('library.menu.download');
  const r = (await rects())['library.menu.download'];
  await page.mouse.move(center(r).x, center(r).y);
  await frames(2);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.mouse.click(center(r).x, center(r).y)]);
  assert.equal(dl.suggestedFilename(), 'mine.json');
  assert.deepEqual(JSON.parse(fs.readFileSync(await dl.path(), 'utf8')), mine);

  // 删除: gone from my files and from the list.
  await frames(2);
  await click(item, 'right');
  await click('library.menu.delete');
  await waitFor((k) => !window.peizou.state().user_files.scenarios.some((f) => f.file === k), key);
  await frames(2);
  assert.equal((await rects())[item], undefined);
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
