// 走流程 in real Chromium (issue 5): a trainee walks company deregistration through real
// clicks at the rectangles the app reports and real keys — leaving a paper out at the
// window (a rejection), going back one decision, flagging a pain point typed in Chinese
// through the DOM overlay — then exports the walk record, and the native CLI's
// `peizou replay --json` of that file must equal the debrief's measures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { serve, ROOT } from './serve.mjs';
import { openBrowser, waitReady, OUTPUT, assertSameOrigin } from './browser.mjs';

const SCENARIO = 'company-deregistration.json';
const NATIVE = path.join(ROOT, process.env.PEIZOU_NATIVE || 'build/native');
const NOTE = '排队太久，材料要交好几遍';

let server;
let browser;
let page;

const center = (r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
const state = () => page.evaluate(() => window.peizou.state());
const walk = async () => (await state()).walkthrough;
const waitFor = (fn, arg, timeout = 60000) => page.waitForFunction(fn, arg, { timeout });
// Waits, frame by frame, until fn(state().walkthrough, arg) holds; returns that state.
async function waitWalk(fn, arg = null, timeout = 60000) {
  const end = Date.now() + timeout;
  for (;;) {
    const w = await walk();
    if (fn(w, arg)) return w;
    if (Date.now() > end) {
      fs.writeFileSync(path.join(OUTPUT, 'walkthrough-timeout.json'), JSON.stringify(w, null, 1));
      throw new Error(`timed out waiting for ${fn} (state in test-output/walkthrough-timeout.json)`);
    }
    await page.evaluate(() => window.peizou.frames(1));
  }
}

// Clicks the middle of the rectangle the app reported for `name` in the last frame.
async function click(name) {
  await page.evaluate(() => window.peizou.frames(1));
  const r = (await page.evaluate(() => window.peizou.rects()))[name];
  assert.ok(r && r.width > 0 && r.height > 0, `no rectangle for ${name}`);
  // Like a hand: move there, then press and release on later frames (ImGui 1.86 reads
  // the mouse once per frame; tabs need the hover of the previous frame).
  const p = center(r);
  await page.mouse.move(p.x, p.y);
  await page.evaluate(() => window.peizou.frames(1));
  await page.mouse.down();
  await page.evaluate(() => window.peizou.frames(1));
  await page.mouse.up();
  await page.evaluate(() => window.peizou.frames(1));
}

// Presses a key as a hand does, held across a frame: ImGui 1.86 (before the 1.87 input
// queue) samples key state once per frame, so a down+up inside one frame is lost.
async function press(key) {
  await page.keyboard.down(key);
  await page.evaluate(() => window.peizou.frames(1));
  await page.keyboard.up(key);
  await page.evaluate(() => window.peizou.frames(1));
}

// Lets the clock run (Space skips the animation) until a decision waits or the walk ends.
async function untilDecision() {
  for (let i = 0; i < 50; i++) {
    const w = await walk();
    if (w.phase === 'debrief' || (w.decision && !w.animating)) return w;
    if (w.animating) await press('Space');
    await waitWalk((w) => w.phase === 'debrief' || (w.decision && !w.animating) || !w.animating);
  }
  throw new Error('the walk never reached a decision');
}

// A purposeful trainee: a step whose papers are all in hand; else wait or go home.
function pickStep(w) {
  const have = new Set([...w.held, ...w.submitted]);
  const opts = w.decision.options;
  let i = opts.findIndex((o) => o.needs && o.needs.every((m) => have.has(m)));
  if (i < 0) i = opts.findIndex((o) => o.id === 'wait');
  if (i < 0) i = opts.findIndex((o) => o.id === 'home');
  return i < 0 ? 0 : i;
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

test('walk company deregistration by clicks and keys; the debrief equals peizou replay', async () => {
  // Pick the scenario in the Library, then open the Walkthrough tab.
  await click(`library.item.${SCENARIO}`);
  await waitFor((f) => window.peizou.state().selection === f, SCENARIO);
  await click('tab.walkthrough');
  await waitFor(() => window.peizou.state().screen === 'walkthrough');
  assert.equal((await walk()).phase, 'setup');
  await click('walkthrough.variant.before');
  await click('walkthrough.start');
  await waitWalk((w) => w.phase === 'walking');
  const started = await walk();
  assert.equal(started.scenario, 'company-deregistration');
  assert.equal(started.variant, 'before');
  assert.match(started.clock, /^2025-09-29 周一 \d\d:\d\d$/);

  let rejectedOnPurpose = false;
  let rewound = false;
  let flagged = false;
  let walkShot = false;
  for (let step = 0; step < 200; step++) {
    const w = await untilDecision();
    if (w.phase === 'debrief') break;
    const d = w.decision;
    const before = w.choices;

    // One rewind: right after the rejection, Backspace goes back one decision and the
    // same choice is then made again (below).
    if (rejectedOnPurpose && !rewound) {
      await press('Backspace');
      await waitWalk((w, n) => w.choices === n - 1 && w.decision && !w.animating, before);
      const back = await walk();
      assert.equal(back.decision.index, before - 1);
      rewound = true;
      continue;
    }
    // Once during the walk: flag a pain point, the note typed in Chinese.
    if (!flagged && w.where.in_queue === false && w.choices >= 2 && d.kind === 'next_step') {
      await press('f');
      await waitWalk((w) => w.pain.open);
      await click('walkthrough.pain.category.long_queue');
      await waitWalk((w) => w.pain.category === 'long_queue');
      await click('walkthrough.pain.note');
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'peizou-text-input');
      await page.keyboard.type(NOTE);
      await waitWalk((w, note) => w.pain.note === note, NOTE);
      await press('Enter');
      await waitWalk((w) => !w.pain.open && w.flags.length === 1);
      const flag = (await walk()).flags[0];
      assert.equal(flag.category, 'long_queue');
      assert.equal(flag.note, NOTE);
      // The typed characters are in the atlas (the large subset is fetched if needed).
      await waitFor((note) => window.peizou.state().fonts.large !== 'loading', NOTE);
      const missing = await page.evaluate((t) => window.peizou.act('glyphs_missing', { text: t }), NOTE);
      assert.equal(missing.missing, '', 'every typed character renders');
      flagged = true;
      continue;
    }

    if (d.kind === 'handover') {
      const needed = d.options.filter((o) => o.needed);
      if (!rejectedOnPurpose && needed.length > 1) {
        // Leave one needed paper out: click its checkbox off, then hand over.
        const left = needed[needed.length - 1];
        await click(`walkthrough.material.${left.id}`);
        await waitWalk((w, id) => w.decision.options.find((o) => o.id === id).checked === false, left.id);
        await click('walkthrough.handover');
        await waitWalk((w, n) => w.choices === n + 1, before);
        const after = await untilDecision();
        assert.ok(after.rejections.some((r) => r.startsWith('缺少《')), `rejected: ${after.rejections}`);
        assert.ok(after.clerk.some((l) => l.includes('请补正后再来')), `the clerk says: ${after.clerk}`);
        assert.ok(after.measures.rejections >= 1);
        if (!walkShot) {
          await page.screenshot({ path: path.join(OUTPUT, 'walkthrough-walk.png') });
          walkShot = true;
        }
        rejectedOnPurpose = true;
        continue;
      }
      await press('Space');  // hand over the ticked papers
    } else if (d.kind === 'next_step') {
      await click(`walkthrough.option.${pickStep(w)}`);
    } else if (d.kind === 'channel') {
      const i = d.options.findIndex((o) => o.id === 'in_person');
      await press(`Digit${i + 1}`);
    } else {
      await press('Digit1');  // a branch: the first option
    }
    await waitWalk((w, n) => w.choices === n + 1 || w.message !== '', before);
    const now = await walk();
    assert.equal(now.message, '', `choice refused: ${now.message}`);
  }
  assert.ok(rejectedOnPurpose, 'a paper was left out at a window');
  assert.ok(rewound, 'went back one decision');
  assert.ok(flagged, 'flagged a pain point');

  // The debrief.
  await waitWalk((w) => w.phase === 'debrief' && w.finished);
  const done = await walk();
  assert.ok(done.result, 'the debrief has the walk result');
  assert.equal(done.result.citizens, 1);
  assert.equal(done.result.finished, 1);
  assert.ok(done.result.measures.rejections.p50 >= 1);
  // The walk crossed the National Day holiday and weekends, and the log says so.
  assert.ok(done.closed_days.some((t) => t.includes('假期') && t.includes('10-01')), `${done.closed_days}`);
  assert.ok(done.closed_days.some((t) => t.startsWith('周末')), `${done.closed_days}`);
  await page.evaluate(() => window.peizou.frames(3));
  await page.screenshot({ path: path.join(OUTPUT, 'walkthrough-debrief.png') });

  // Export the walk record (a real download) and replay it in the native CLI.
  const [download] = await Promise.all([page.waitForEvent('download'), click('walkthrough.export.json')]);
  const recordFile = path.join(OUTPUT, 'walkthrough-walk.json');
  await download.saveAs(recordFile);
  const record = JSON.parse(fs.readFileSync(recordFile, 'utf8'));
  assert.equal(record.scenario, 'company-deregistration');
  assert.equal(record.flags.length, 1);
  assert.equal(record.flags[0].note, NOTE);
  const cli = JSON.parse(execFileSync(path.join(NATIVE, 'peizou'), ['replay', recordFile, '--json'],
    { cwd: ROOT, encoding: 'utf8' }));
  assert.deepEqual(done.result.measures, cli.measures, 'the debrief measures equal peizou replay');
  assert.deepEqual(done.result.rates, cli.rates);
  assert.deepEqual(done.result, cli, 'the whole result equals peizou replay --json');

  // The problem list as Markdown: the flagged note beside its step.
  const [md] = await Promise.all([page.waitForEvent('download'), click('walkthrough.export.md')]);
  const mdFile = path.join(OUTPUT, 'walkthrough-problems.md');
  await md.saveAs(mdFile);
  const markdown = fs.readFileSync(mdFile, 'utf8');
  assert.match(markdown, /^# 问题清单：企业注销登记/);
  assert.ok(markdown.includes(NOTE));
  assert.ok(markdown.includes('排队久'));

  // Walk it again after the reform: same seed, side by side.
  await click('walkthrough.after');
  await waitWalk((w) => w.after && w.after.finished);
  const both = await walk();
  assert.equal(both.after.seed, both.seed);
  assert.notEqual(both.after.variant, 'before');
  assert.ok(both.after.result.measures.trips.p50 < both.result.measures.trips.p50, 'fewer trips after the reform');
  assert.ok(both.after.result.measures.calendar_days.p50 < both.result.measures.calendar_days.p50, 'fewer days');
  await page.evaluate(() => window.peizou.frames(3));
  await page.screenshot({ path: path.join(OUTPUT, 'walkthrough-after.png') });

  // Import the exported record again through the file picker: the same walk comes back.
  await click('walkthrough.restart');
  await waitWalk((w) => w.phase === 'setup');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click('walkthrough.import')]);
  await chooser.setFiles(recordFile);
  await waitWalk((w) => w.phase === 'debrief' && w.finished);
  const again = await walk();
  assert.deepEqual(again.result, done.result);
  assert.equal(again.flags.length, 1);
  assert.deepEqual(browser.errors, []);
});

test('English at 2.0 scale: the walk stays usable (screenshot)', async () => {
  await page.evaluate(() => window.peizou.act('language', { language: 'en' }));
  await page.evaluate(() => window.peizou.act('scale', { scale: 2 }));
  await page.evaluate((f) => window.peizou.act('walkthrough.start', { file: f, variant: 'before', seed: 7 }), SCENARIO);
  const w = await untilDecision();
  assert.equal(w.phase, 'walking');
  assert.match(w.clock, /^2025-09-29 Mon /);
  // Every option of the decision can be clicked at 2.0.
  await page.evaluate(() => window.peizou.frames(3));
  const rects = await page.evaluate(() => window.peizou.rects());
  assert.ok(rects['walkthrough.option.0'], 'the first option is on screen');
  await page.screenshot({ path: path.join(OUTPUT, 'walkthrough-en-2x.png') });
  await click('walkthrough.option.0');
  await waitWalk((w) => w.choices === 1);
  // The debrief at 2.0 in English: the record exported above, imported again.
  const text = fs.readFileSync(path.join(OUTPUT, 'walkthrough-walk.json'), 'utf8');
  await page.evaluate((t) => window.peizou.act('walkthrough.import', { text: t }), text);
  await page.evaluate(() => window.peizou.act('walkthrough.after'));
  await waitWalk((w) => w.phase === 'debrief' && w.after && w.after.finished);
  await page.evaluate(() => window.peizou.frames(3));
  const r = await page.evaluate(() => window.peizou.rects());
  assert.ok(r['walkthrough.export.json'] && r['walkthrough.restart'], 'the debrief buttons are on screen');
  assert.ok(r['walkthrough.restart'].x + r['walkthrough.restart'].width <= 1280, 'no button runs off the right edge');
  await page.screenshot({ path: path.join(OUTPUT, 'walkthrough-debrief-en-2x.png') });
  await page.evaluate(() => window.peizou.act('scale', { scale: 1 }));
  await page.evaluate(() => window.peizou.act('language', { language: 'zh' }));
});

test('no request went to another origin (issue 7)', () => assertSameOrigin(browser, server.url));
