// Every character drawn is in the font, and nothing clips (issue 19 items 6 and 7):
//  - every string of every built-in scenario (read here from the JSON, the oracle) is
//    drawable by the atlas; shown on the Library, Walkthrough, Compare and Presentation
//    screens, it leaves fonts.missing empty and draws no fallback glyph (the box ImGui
//    draws for a character the atlas lacks: counted in every frame, fonts.fallback_frames);
//  - at 1280×720, 1366×768 and 1920×1080, at scales 1.0 and 2.0, every screen is
//    screenshotted (test-output/layout-*.png, looked at by hand) and its named panels lie
//    inside the window; the presentation's narration is inside its panel.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './serve.mjs';
import { openPage, OUTPUT, assertSameOrigin } from './browser.mjs';

const FILES = fs.readdirSync(path.join(ROOT, 'scenarios')).filter((f) => f.endsWith('.json')).sort();
// Every string value in a JSON document (keys are ASCII identifiers).
function strings(value, out = []) {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

let opened;
let server;
let browser;
let page;
const state = () => page.evaluate(() => window.peizou.state());
const act = (name, args = {}) => page.evaluate(([n, a]) => window.peizou.act(n, a), [name, args]);
const waitFor = (fn, arg, timeout = 60000) => page.waitForFunction(fn, arg, { timeout });
const frames = (n) => page.evaluate((k) => window.peizou.frames(k), n);
// A click as a hand makes it, press and release on later frames (ImGui 1.86 samples the
// mouse once a frame: a tab item does not take a press and release within one frame).
async function clickRect(r) {
  await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
  await frames(1);
  await page.mouse.down();
  await frames(1);
  await page.mouse.up();
  await frames(2);
}

// No character missing from the atlas, no fallback glyph drawn so far.
async function assertGlyphs(where) {
  const f = (await state()).fonts;
  assert.equal(f.missing, '', `${where}: characters missing from the atlas`);
  assert.equal(f.fallback_frames, 0, `${where}: a fallback glyph was drawn (${f.fallback} in the last frame)`);
}

before(async () => {
  opened = await openPage({ contextOptions: { serviceWorkers: 'block' } });
  ({ server, browser, page } = opened);
});

after(async () => opened?.close());

test('every string of every built-in scenario is in the atlas, on every screen', async () => {
  for (const file of FILES) {
    const text = strings(JSON.parse(fs.readFileSync(path.join(ROOT, 'scenarios', file), 'utf8'))).join('\n');
    const { missing } = await act('glyphs_missing', { text });
    assert.equal(missing, '', `${file}: the atlas cannot draw ${JSON.stringify(missing)}`);
  }
  for (const file of FILES) {
    await act('screen', { name: 'library' });
    await act('library.select', { file });
    await frames(2);
    await assertGlyphs(`library ${file}`);
    const s = await state();
    const variants = Object.keys(JSON.parse(fs.readFileSync(path.join(ROOT, 'scenarios', file), 'utf8')).variants);
    await act('walkthrough.start', { file, variant: variants[0] });
    await frames(2);
    for (let i = 0; i < 6 && (await state()).walkthrough.phase === 'walking'; i++) {
      await act('walkthrough.skip').catch(() => {});
      await frames(1);
    }
    await assertGlyphs(`walkthrough ${file}`);
    await act('compare.setup', { scenario: file });
    await act('screen', { name: 'compare' });
    await frames(2);
    await assertGlyphs(`compare ${file}`);
    if (variants.length >= 2) {
      await act('presentation.start', { entry: file, speed: 16 });
      await waitFor(() => window.peizou.state().presentation.presenting);
      // Play to the end: every narration line and presenter caption is drawn on the way.
      const deadline = Date.now() + 120000;
      for (;;) {
        const p = (await state()).presentation;
        if (p.sides.every((x) => x.finished)) break;
        assert.ok(Date.now() < deadline, `${file}: the presentation did not finish`);
        if (p.paused) await act('presentation.key', { key: 'space' });
        await frames(1);
      }
      await assertGlyphs(`presentation ${file}`);
      await act('presentation.key', { key: 'esc' });
      await waitFor(() => !window.peizou.state().presentation.presenting);
    }
    assert.ok(s.library.files.length >= FILES.length);
  }
  assert.deepEqual(browser.errors, []);
});

const SIZES = [[1280, 720], [1366, 768], [1920, 1080]];
const inside = (r, w, h, what) => {
  assert.ok(r, `${what} is drawn`);
  assert.ok(r.x >= -0.5 && r.y >= -0.5 && r.x + r.width <= w + 0.5 && r.y + r.height <= h + 0.5,
    `${what} ${JSON.stringify(r)} lies inside ${w}×${h}`);
};

test('nothing clips: every screen at three window sizes and two scales', async () => {
  const file = 'company-deregistration.json';
  for (const [w, h] of SIZES) {
    await page.setViewportSize({ width: w, height: h });
    await waitFor((cw) => document.getElementById('canvas').width === cw, w);
    for (const scale of [1, 2]) {
      await act('scale', { scale });
      await act('screen', { name: 'library' });
      await act('library.select', { file });
      await frames(3);
      let r = await page.evaluate(() => window.peizou.rects());
      inside(r['library.list'], w, h, `library list ${w}×${h}@${scale}`);
      inside(r['library.detail'], w, h, `library detail ${w}×${h}@${scale}`);
      await page.screenshot({ path: path.join(OUTPUT, `layout-${w}x${h}-${scale}-library.png`) });

      await act('walkthrough.start', { file, variant: 'before' });
      await frames(3);
      r = await page.evaluate(() => window.peizou.rects());
      for (const name of ['walkthrough.panel.where', 'walkthrough.panel.choices'])
        if (r[name]) inside(r[name], w, h, `${name} ${w}×${h}@${scale}`);
      await page.screenshot({ path: path.join(OUTPUT, `layout-${w}x${h}-${scale}-walkthrough.png`) });

      await act('compare.setup', { scenario: file });
      await act('screen', { name: 'compare' });
      await frames(3);
      r = await page.evaluate(() => window.peizou.rects());
      inside(r['compare.scenario'], w, h, `compare scenario ${w}×${h}@${scale}`);
      await page.screenshot({ path: path.join(OUTPUT, `layout-${w}x${h}-${scale}-compare.png`) });

      await act('screen', { name: 'class' });
      await frames(3);
      r = await page.evaluate(() => window.peizou.rects());
      inside(r['class.open'], w, h, `class open button ${w}×${h}@${scale}`);
      await page.screenshot({ path: path.join(OUTPUT, `layout-${w}x${h}-${scale}-class.png`) });

      // The Editor with the docs' small example open (a click on 新建（示例） the first time).
      await act('screen', { name: 'editor' });
      await frames(3);
      r = await page.evaluate(() => window.peizou.rects());
      if (!r['editor.outline']) {
        const b = r['editor.new.example'];
        await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
        await waitFor(() => window.peizou.rects()['editor.outline'] !== undefined);
        await frames(3);
        r = await page.evaluate(() => window.peizou.rects());
      }
      // Narrow (scale 2.0 at 1280 px): tabs 表单 Form | 流程图与指标 Graph & KPIs; the graph and
      // KPI pane is checked in its own tab (clicked), the form tab again after.
      const tabs = r['editor.tab.graph'] !== undefined;
      if (tabs) {
        if (!r['editor.form']) {
          await clickRect(r['editor.tab.form']);
          await waitFor(() => window.peizou.rects()['editor.form'] !== undefined);
          await frames(2);
          r = await page.evaluate(() => window.peizou.rects());
        }
        for (const name of ['editor.outline', 'editor.form', 'editor.issues'])
          inside(r[name], w, h, `${name} ${w}×${h}@${scale}`);
        await page.screenshot({ path: path.join(OUTPUT, `layout-${w}x${h}-${scale}-editor-form.png`) });
        await clickRect(r['editor.tab.graph']);
        await waitFor(() => window.peizou.rects()['editor.side'] !== undefined);
        await frames(2);
        r = await page.evaluate(() => window.peizou.rects());
      } else {
        for (const name of ['editor.outline', 'editor.form', 'editor.issues'])
          inside(r[name], w, h, `${name} ${w}×${h}@${scale}`);
      }
      inside(r['editor.side'], w, h, `editor.side ${w}×${h}@${scale}`);
      const side = r['editor.side'];
      assert.ok(side.width >= 0.25 * w && side.height >= 0.15 * h,
        `the graph and KPI pane is not a sliver: ${JSON.stringify(side)} at ${w}×${h}@${scale}`);
      await page.screenshot({ path: path.join(OUTPUT, `layout-${w}x${h}-${scale}-editor.png`) });
      if (tabs) {  // back to the form for the next size
        await clickRect(r['editor.tab.form']);
        await waitFor(() => window.peizou.rects()['editor.form'] !== undefined);
      }
    }
    // Presenting is always at projector scale (2.0): once per window size, at the
    // presenter pause (the longest caption) and at the end.
    await act('presentation.start', { entry: file, speed: 16 });
    await waitFor(() => window.peizou.state().presentation.pause_caption !== '');
    await frames(3);
    const check = async (when) => {
      const r = await page.evaluate(() => window.peizou.rects());
      for (const side of [0, 1]) {
        const panel = r[`presentation.side.${side}`];
        inside(panel, w, h, `presentation panel ${side} ${w}×${h} ${when}`);
        const caption = r[`presentation.caption.${side}`];
        assert.ok(caption, `narration ${side} is drawn (${w}×${h} ${when})`);
        assert.ok(caption.y + caption.height <= panel.y + panel.height + 0.5,
          `narration ${side} ${JSON.stringify(caption)} is inside its panel ${JSON.stringify(panel)} (${w}×${h} ${when})`);
        const chart = r[`presentation.chart.${side}`];
        assert.ok(chart && chart.y + chart.height <= panel.y + panel.height + 0.5,
          `chart ${side} is inside its panel (${w}×${h} ${when})`);
      }
      await page.screenshot({ path: path.join(OUTPUT, `layout-${w}x${h}-presentation-${when}.png`) });
    };
    await check('pause');
    await act('presentation.key', { key: 'space' });
    await waitFor(() => {
      const p = window.peizou.state().presentation;
      if (p.paused) window.peizou.act('presentation.key', { key: 'space' });
      return p.sides.every((x) => x.finished);
    }, null, 120000);
    await frames(2);
    await check('end');
    await act('presentation.key', { key: 'esc' });
    await waitFor(() => !window.peizou.state().presentation.presenting);
  }
  await act('scale', { scale: 1 });
  await assertGlyphs('layout');
  assert.deepEqual(browser.errors, []);
  assertSameOrigin(browser, server.url);
});
