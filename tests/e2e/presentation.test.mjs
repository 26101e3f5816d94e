// 演示 Presentation in real Chromium: the before and after walks of a scenario play
// themselves side by side at projector scale and full screen; Space/arrows/+/-/Esc work
// as real keys; the burden counters, the time chart and the narration grow as it plays.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openPage, waitReady, OUTPUT, assertSameOrigin } from './browser.mjs';

let opened;
let server;
let browser;
let page;

const state = () => page.evaluate(() => window.peizou.state());
const act = (name, args = {}) => page.evaluate(([n, a]) => window.peizou.act(n, a), [name, args]);
const rects = () => page.evaluate(() => window.peizou.rects());
const waitFor = (fn, arg) => page.waitForFunction(fn, arg, { timeout: 60000 });
const center = (r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
// A real key press held for a frame: ImGui 1.86 samples the keys once per frame.
async function press(key) {
  await page.keyboard.down(key);
  await page.evaluate(() => window.peizou.frames(1));
  await page.keyboard.up(key);
  await page.evaluate(() => window.peizou.frames(1));
}

before(async () => {
  opened = await openPage();
  ({ server, browser, page } = opened);
});

after(async () => opened?.close());

test('presentation plays before and after side by side, keys control it', async () => {
  const s0 = await state();
  const entry = s0.library.files.findIndex((f) => f.file === 'medical-device-advert.json');
  assert.ok(entry >= 0, 'the medical-device advert scenario is in the library');
  await act('screen', { name: 'presentation' });
  await act('presentation.select', { entry });
  await waitFor(() => window.peizou.rects()['presentation.start']);
  // The start button by a real click.
  const r = (await rects())['presentation.start'];
  await page.mouse.move(center(r).x, center(r).y);
  await page.evaluate(() => window.peizou.frames(2));
  await page.mouse.click(center(r).x, center(r).y);
  await waitFor(() => window.peizou.state().presentation.presenting);
  // Full screen, asked for on that click (a user gesture): the canvas's container.
  await waitFor(() => document.fullscreenElement !== null);
  assert.equal(await page.evaluate(() => document.fullscreenElement === document.getElementById('canvas').parentElement), true);
  let s = await state();
  assert.equal(s.presentation.fullscreen, true);
  assert.equal(s.scale, 2, 'projector scale while presenting');
  assert.equal(s.presentation.sides.length, 2);
  assert.equal(s.presentation.sides[0].variant, 'before');
  assert.notEqual(s.presentation.sides[1].variant, 'before');
  // Both walks are complete behind the scenes: before needs trips, after none (seed 001).
  assert.ok(s.presentation.sides[0].final_trips >= 2, `before trips ${s.presentation.sides[0].final_trips}`);
  assert.equal(s.presentation.sides[1].final_trips, 0);

  // The clock runs by itself until the step the scenario marks for the presenter.
  await waitFor(() => window.peizou.state().presentation.pause_caption !== '');
  s = await state();
  assert.equal(s.presentation.paused, true);
  const c0 = s.presentation.cursor_seconds;
  assert.ok(c0 > 0);
  // The caption narrates the trip the before walk is on ("第1次跑动：…").
  const a = s.presentation.sides[0];
  assert.ok(a.trips >= 1 && a.trips < a.final_trips, `more trips to come (${a.trips} of ${a.final_trips})`);
  const narrated = /^第(\d+)次跑动：./.exec(a.caption);
  assert.ok(narrated, `a narrated caption: ${a.caption}`);
  assert.equal(Number(narrated[1]), a.trips);
  // Space resumes (a real key press): the clock runs on.
  await press('Space');
  await waitFor((c) => window.peizou.state().presentation.cursor_seconds > c, c0);
  // → pauses and jumps to the next event; the clock then stays; ← goes back.
  const c1 = (await state()).presentation.cursor_seconds;
  await press('ArrowRight');
  await waitFor((c) => {
    const p = window.peizou.state().presentation;
    return p.paused && p.cursor_seconds > c;
  }, c1);
  const p2 = (await state()).presentation.cursor_seconds;
  await page.evaluate(() => window.peizou.frames(5));
  assert.equal((await state()).presentation.cursor_seconds, p2);
  await press('ArrowLeft');
  await waitFor((c) => window.peizou.state().presentation.cursor_seconds < c, p2);
  // + speeds up, - slows down.
  const speed = (await state()).presentation.speed;
  await press('+');
  await waitFor((v) => window.peizou.state().presentation.speed > v, speed);
  await press('-');
  await waitFor((v) => window.peizou.state().presentation.speed === v, speed);
  await press('-');
  await waitFor((v) => window.peizou.state().presentation.speed < v, speed);
  // While it plays, the before side's trips, windows and time chart grow (presenter
  // pauses met on the way are resumed).
  for (let i = 0; i < 3; i++) await act('presentation.key', { key: 'plus' });
  const deadline = Date.now() + 120000;
  let b;
  for (;;) {
    const p = (await state()).presentation;
    b = p.sides[0];
    if (b.trips > a.trips) break;
    assert.ok(!b.finished && Date.now() < deadline, `the trips did not grow while playing: ${JSON.stringify(b)}`);
    if (p.paused) await act('presentation.key', { key: 'space' });
    await page.evaluate(() => window.peizou.frames(1));
  }
  assert.ok(b.windows >= a.windows);
  assert.ok(b.chart.bars > a.chart.bars, `chart bars ${a.chart.bars} → ${b.chart.bars}`);
  assert.ok(b.chart.seconds > a.chart.seconds, `chart time ${a.chart.seconds} → ${b.chart.seconds}`);
  assert.notEqual(b.caption, a.caption);
  // Play to the end at top speed: both sides finish, the captions narrate.
  if ((await state()).presentation.paused) await act('presentation.key', { key: 'space' });
  for (let i = 0; i < 6; i++) await act('presentation.key', { key: 'plus' });
  await waitFor(() => window.peizou.state().presentation.sides.every((x) => x.finished));
  s = await state();
  for (const side of s.presentation.sides) assert.ok(side.caption.length > 0);
  await page.screenshot({ path: path.join(OUTPUT, 'presentation-projector.png') });
  const missing = await act('glyphs_missing', { text: s.presentation.sides.map((x) => x.caption).join('') });
  assert.equal(missing.missing, '', 'every caption character is in the font atlas');
  // Esc leaves full screen and the presentation, restoring the scale.
  assert.notEqual(await page.evaluate(() => document.fullscreenElement), null, 'still full screen');
  await press('Escape');
  await waitFor(() => !window.peizou.state().presentation.presenting);
  await waitFor(() => document.fullscreenElement === null);
  s = await state();
  assert.equal(s.scale, 1);
  assert.equal(s.presentation.fullscreen, false);
  assert.deepEqual(browser.errors, []);
});

// (Playwright's evaluate counts as a user gesture, so a browser's refusal is made here.)
test('when the browser refuses full screen, it presents in the window', async () => {
  await page.addInitScript(() => {
    Element.prototype.requestFullscreen = () => Promise.reject(new TypeError('Permissions check failed (test)'));
  });
  await page.reload();
  await waitReady(page);
  const entry = (await state()).library.files.findIndex((f) => f.file === 'medical-device-advert.json');
  await act('presentation.start', { entry });
  await waitFor(() => window.peizou.state().presentation.presenting);
  await page.evaluate(() => window.peizou.frames(10));
  const s = await state();
  assert.equal(s.presentation.fullscreen, false);
  assert.equal(await page.evaluate(() => document.fullscreenElement), null);
  assert.ok(s.presentation.sides.every((x) => x.events > 0), 'both walks are there');
  await press('Escape');
  await waitFor(() => !window.peizou.state().presentation.presenting);
  assert.deepEqual(browser.errors, []);
  assertSameOrigin(browser, server.url);
});
