// 演示 Presentation in real Chromium: the before and after walks of a scenario play
// themselves side by side at projector scale; Space/arrows/+/-/Esc work as real keys.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from './serve.mjs';
import { openBrowser, waitReady, OUTPUT } from './browser.mjs';

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
  server = await serve();
  browser = await openBrowser();
  page = browser.page;
  await page.goto(server.url);
  await waitReady(page);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

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
  let s = await state();
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
  // + speeds up.
  const speed = (await state()).presentation.speed;
  await press('+');
  await waitFor((v) => window.peizou.state().presentation.speed > v, speed);
  // Play to the end at top speed: both sides finish, the captions narrate.
  await act('presentation.key', { key: 'space' });
  for (let i = 0; i < 6; i++) await act('presentation.key', { key: 'plus' });
  await waitFor(() => window.peizou.state().presentation.sides.every((x) => x.finished));
  s = await state();
  for (const side of s.presentation.sides) assert.ok(side.caption.length > 0);
  await page.screenshot({ path: path.join(OUTPUT, 'presentation-projector.png') });
  const missing = await act('glyphs_missing', { text: s.presentation.sides.map((x) => x.caption).join('') });
  assert.equal(missing.missing, '', 'every caption character is in the font atlas');
  // Esc leaves, restoring the scale.
  await press('Escape');
  await waitFor(() => !window.peizou.state().presentation.presenting);
  assert.equal((await state()).scale, 1);
  assert.deepEqual(browser.errors, []);
});
