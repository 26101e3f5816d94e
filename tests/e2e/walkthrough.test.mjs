// 走流程 in real Chromium (issue 5): a trainee walks company deregistration through real
// clicks at the rectangles the app reports and real keys — ticking papers at the window
// by digit keys (nothing is pre-ticked), leaving one out (a rejection that stays in the
// record), going back one later decision (Backspace, and the B picker cancelled by Esc),
// flagging a pain point typed in Chinese through the DOM overlay — then exports the walk
// record, and the native CLI's `peizou replay --json` of that file must equal the
// debrief's result. Then: the problem list (Markdown by key M, CSV by click), the model
// citizen's before/after walks, import by key I, the scenario file's SHA-256, and the
// layout at zh/en × 1.0/2.0.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './serve.mjs';
import { openPage, OUTPUT, assertSameOrigin, walkToEnd, clickRect, center } from './browser.mjs';

const SCENARIO = 'company-deregistration.json';
const NATIVE = path.join(ROOT, process.env.PEIZOU_NATIVE || 'build/native');
const NOTE = '排队太久，材料要交好几遍';

let opened;
let server;
let browser;
let page;

const state = () => page.evaluate(() => window.peizou.state());
// Every clock-jump banner text seen in any state read (weekend / holiday jumps).
const jumpsSeen = new Set();
const walk = async () => {
  const w = (await state()).walkthrough;
  if (w && w.jump) jumpsSeen.add(w.jump);
  return w;
};
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
const click = (name) => clickRect(page, name);

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
  opened = await openPage();
  ({ server, browser, page } = opened);
});

after(async () => opened?.close());

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
  let rejectedAt = -1;       // index of the handover decision answered without a paper
  let rejectedStep = '';
  let retagged = false;      // the same window again: its papers are now tagged "needed"
  let firstHandoverSeen = false;
  let rewound = false;
  let flagged = false;
  let walkShot = false;
  for (let step = 0; step < 200; step++) {
    const w = await untilDecision();
    if (w.phase === 'debrief') break;
    const d = w.decision;
    const before = w.choices;

    // One rewind of a decision made after the rejection (so the rejection stays in the
    // record the CLI replays). First the B picker, cancelled by Esc: nothing changes.
    if (rejectedOnPurpose && !rewound && before >= rejectedAt + 3) {
      await press('b');
      await waitWalk((w, n) => w.rewind_pick === n - 1, before);
      await press('ArrowUp');  // (a slow frame may let the key repeat: up by one or more)
      await waitWalk((w, n) => w.rewind_pick >= 0 && w.rewind_pick < n - 1, before);
      await press('Escape');
      await waitWalk((w) => w.rewind_pick === -1);
      assert.equal((await walk()).choices, before, 'Esc cancels the picker');
      await press('Backspace');
      await waitWalk((w, n) => w.choices === n - 1 && w.decision && !w.animating, before);
      const back = await walk();
      assert.equal(back.decision.index, before - 1);
      assert.ok(back.rejections.some((r) => r.startsWith('缺少《')), `the rejection survives the rewind: ${back.rejections}`);
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
      // As an IME commits: the whole phrase in one input event.
      await page.keyboard.insertText(NOTE);
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
      // Nothing is ticked to start with; the "needed" tags show only once the clerk sent
      // me back at this window (or the helper desk listed the papers).
      assert.ok(d.options.every((o) => !o.checked), 'nothing pre-ticked');
      if (!firstHandoverSeen) {
        assert.ok(d.options.every((o) => !o.tagged), 'no "needed" tag at the first window');
        firstHandoverSeen = true;
      }
      if (rejectedOnPurpose && d.step === rejectedStep && !retagged) {
        assert.ok(d.options.filter((o) => o.needed).every((o) => o.tagged), 'tagged after the rejection');
        retagged = true;
      }
      const needed = d.options.map((o, i) => ({ ...o, i })).filter((o) => o.needed);
      const leaveOut = !rejectedOnPurpose && needed.length > 1 ? needed[needed.length - 1].id : null;
      // Tick the papers by digit keys (a click for any beyond 9).
      for (const o of needed) {
        if (o.id === leaveOut) continue;
        if (o.i < 9) await press(`Digit${o.i + 1}`);
        else await click(`walkthrough.material.${o.id}`);
        await waitWalk((w, id) => w.decision.options.find((x) => x.id === id).checked === true, o.id);
      }
      if (leaveOut) {
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
        rejectedAt = before;
        rejectedStep = d.step;
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
  assert.ok(retagged, 'came back to the window that sent me back');
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
  // The missing-material rejection is in the finished walk.
  assert.ok(done.rejections.some((r) => /^缺少《.+》/.test(r)), `rejections: ${done.rejections}`);
  // The clock's jumps over the weekend / the holiday were shown as such (banner text).
  const jumps = [...jumpsSeen];
  assert.ok(jumps.some((t) => t.includes('周六、周日不办公') || t.includes('国庆')), `jumps seen: ${jumps}`);
  // The route map lists the trips taken: one per trip from home, to the halls visited.
  const routeTrips = Object.values(done.route.trips).reduce((a, b) => a + b, 0);
  assert.equal(routeTrips, done.measures.trips, `route ${JSON.stringify(done.route)}`);
  assert.ok(Object.keys(done.route.trips).length >= 2, 'more than one hall on the map');
  await page.evaluate(() => window.peizou.frames(3));
  await page.screenshot({ path: path.join(OUTPUT, 'walkthrough-debrief.png') });

  // Export the walk record (a real download) and replay it in the native CLI.
  const [download] = await Promise.all([page.waitForEvent('download'), click('walkthrough.export.json')]);
  const recordFile = path.join(OUTPUT, 'walkthrough-walk.json');
  await download.saveAs(recordFile);
  const record = JSON.parse(fs.readFileSync(recordFile, 'utf8'));
  assert.equal(record.scenario, 'company-deregistration');
  const fileSha = crypto.createHash('sha256').update(fs.readFileSync(path.join(ROOT, 'scenarios', SCENARIO))).digest('hex');
  assert.equal(record.scenario_sha256, fileSha, 'the record names the scenario file by SHA-256');
  assert.equal(record.flags.length, 1);
  assert.equal(record.flags[0].note, NOTE);
  const cli = JSON.parse(execFileSync(path.join(NATIVE, 'peizou'), ['replay', recordFile, '--json'],
    { cwd: ROOT, encoding: 'utf8' }));
  assert.deepEqual(done.result.measures, cli.measures, 'the debrief measures equal peizou replay');
  assert.deepEqual(done.result.rates, cli.rates);
  assert.deepEqual(done.result, cli, 'the whole result equals peizou replay --json');
  assert.ok(cli.measures.rejections.p50 >= 1, 'the replayed record has the rejection');

  // The problem list as Markdown (key M): the flagged note beside its step.
  const [md] = await Promise.all([page.waitForEvent('download'), press('m')]);
  const mdFile = path.join(OUTPUT, 'walkthrough-problems.md');
  await md.saveAs(mdFile);
  const markdown = fs.readFileSync(mdFile, 'utf8');
  assert.match(markdown, /^# 问题清单：企业注销登记/);
  assert.ok(markdown.includes(NOTE));
  assert.ok(markdown.includes('排队久'));

  // The problem list as CSV (a click): the header and the flagged row.
  const [csvDl] = await Promise.all([page.waitForEvent('download'), click('walkthrough.export.csv')]);
  const csvFile = path.join(OUTPUT, 'walkthrough-problems.csv');
  await csvDl.saveAs(csvFile);
  const csv = fs.readFileSync(csvFile, 'utf8').replace(/^\uFEFF/, '').split('\n');
  assert.equal(csv[0], '#,环节,类别,说明,时间,环节历时（天）,退回');
  const row = csv.find((l) => l.includes(NOTE));
  assert.ok(row, `a row with the note: ${csv.join(' | ')}`);
  assert.match(row, /^1,"[^"]+","排队久","排队太久，材料要交好几遍","\d\d-\d\d .+ \d\d:\d\d",\d+\.\d,\d+$/);

  // Walk it again (key A): a model citizen, same seed, walks my variant and the reform,
  // so the reform's effect is model vs model; my walk is beside them.
  assert.equal(done.after_variant, 'one_thing');
  await press('a');
  await waitWalk((w) => w.after && w.after.finished && w.model && w.model.finished);
  const both = await walk();
  assert.equal(both.after.seed, both.seed);
  assert.equal(both.model.seed, both.seed);
  assert.equal(both.after.variant, 'one_thing');
  assert.equal(both.model.variant, 'before');
  assert.ok(both.after.result.measures.trips.p50 < both.model.result.measures.trips.p50, 'fewer trips after the reform');
  assert.ok(both.after.result.measures.calendar_days.p50 < both.model.result.measures.calendar_days.p50, 'fewer days');
  assert.ok(both.after.result.measures.trips.p50 < both.result.measures.trips.p50, 'fewer trips than my walk');
  await page.evaluate(() => window.peizou.frames(3));
  assert.ok((await page.evaluate(() => window.peizou.rects()))['walkthrough.model_note'], 'the model citizen is named on screen');
  await page.screenshot({ path: path.join(OUTPUT, 'walkthrough-after.png') });

  // Import the exported record again through the file picker (key R, then a click): the same walk comes back.
  await press('r');
  await waitWalk((w) => w.phase === 'setup');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click('walkthrough.import')]);
  await chooser.setFiles(recordFile);
  await waitWalk((w) => w.phase === 'debrief' && w.finished);
  const again = await walk();
  assert.deepEqual(again.result, done.result);
  assert.equal(again.flags.length, 1);
  assert.ok(!again.message.includes('警告'), `no warning for the same file: ${again.message}`);

  // A record made on another version of the file: imported and replayed, with a warning,
  // in the page and in the CLI.
  const changed = { ...record, scenario_sha256: '0'.repeat(64) };
  const changedFile = path.join(OUTPUT, 'walkthrough-walk-changed.json');
  fs.writeFileSync(changedFile, JSON.stringify(changed, null, 2));
  await page.evaluate((t) => window.peizou.act('walkthrough.import', { text: t }), JSON.stringify(changed));
  const warned = await waitWalk((w) => w.phase === 'debrief');
  assert.match(warned.message, /警告：\d+:\d+ \/scenario_sha256 记录是在另一份场景文件上走的（记录 SHA-256 000000000000…/);
  assert.deepEqual(warned.result, done.result);
  const cliChanged = spawnSync(path.join(NATIVE, 'peizou'), ['replay', changedFile, '--json'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(cliChanged.status, 0, cliChanged.stderr);
  assert.match(cliChanged.stderr, /警告：记录是在另一份场景文件上走的.* \/ warning: the record was walked on a different scenario file/);
  assert.deepEqual(JSON.parse(cliChanged.stdout), cli);
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
  // The debrief at 2.0 in English: a finished walk's record, imported. Made here (walked
  // by the test API), not read from the file the first test exported, so this test also
  // runs alone (--test-name-pattern).
  await page.evaluate(() => window.peizou.act('walkthrough.start', { file: 'company-deregistration', variant: 'before', seed: 42 }));
  await walkToEnd(page);
  const text = (await page.evaluate(() => window.peizou.act('walkthrough.record'))).json;
  await page.evaluate(() => window.peizou.act('walkthrough.start', { file: 'company-deregistration', variant: 'before', seed: 1 }));
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

// zh/en × 1.0/2.0 at 1280×720: where I am, the choices, my papers and the burden are all
// on screen at once and do not overlap; the key hints are visible. Screenshots of each.
test('layout: the important panels stay on screen at zh/en × 1.0/2.0 (1280×720)', async () => {
  const names = ['walkthrough.panel.where', 'walkthrough.panel.choices', 'walkthrough.panel.materials',
    'walkthrough.panel.burden', 'walkthrough.keys'];
  const inside = (r) => r.x >= 0 && r.y >= 0 && r.x + r.width <= 1280 + 0.5 && r.y + r.height <= 720 + 0.5;
  const overlap = (a, b) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 &&
    a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
  for (const language of ['zh', 'en']) {
    for (const scale of [1, 2]) {
      await page.evaluate((l) => window.peizou.act('language', { language: l }), language);
      await page.evaluate((s) => window.peizou.act('scale', { scale: s }), scale);
      await page.evaluate((f) => window.peizou.act('walkthrough.start', { file: f, variant: 'before', seed: 3 }), SCENARIO);
      // Walk to the first window (the checklist is the busiest the papers panel gets).
      for (let i = 0; i < 40; i++) {
        const w = await untilDecision();
        if (w.phase !== 'walking' || w.decision.kind === 'handover') break;
        if (w.decision.kind === 'next_step') await page.evaluate((o) => window.peizou.act('walkthrough.choose', { option: o }), pickStep(w));
        else await page.evaluate(() => window.peizou.act('walkthrough.choose', { option: 0 }));
      }
      const w = await untilDecision();
      assert.equal(w.decision.kind, 'handover', `${language} ${scale}: at a window`);
      await waitWalk((w) => !w.jump_shown);  // the banner gives way to the key hints
      await page.evaluate(() => window.peizou.frames(4));
      const shot = path.join(OUTPUT, `walkthrough-layout-${language}-${scale}x.png`);
      await page.screenshot({ path: shot });
      const rects = await page.evaluate(() => window.peizou.rects());
      const tag = `${language} ×${scale}`;
      for (const n of names) {
        assert.ok(rects[n], `${tag}: ${n} drawn`);
        assert.ok(inside(rects[n]), `${tag}: ${n} inside the viewport ${JSON.stringify(rects[n])}`);
      }
      for (let i = 0; i < names.length; i++)
        for (let j = i + 1; j < names.length; j++)
          assert.ok(!overlap(rects[names[i]], rects[names[j]]),
            `${tag}: ${names[i]} and ${names[j]} overlap ${JSON.stringify([rects[names[i]], rects[names[j]]])}`);
      // The checklist starts on screen (a long one scrolls inside its panel), and so does
      // the hand-over button.
      const first = rects[`walkthrough.material.${w.decision.options[0].id}`];
      assert.ok(first && inside(first), `${tag}: the first checkbox`);
      assert.ok(rects['walkthrough.handover'] && inside(rects['walkthrough.handover']), `${tag}: the hand-over button`);
    }
  }
  await page.evaluate(() => window.peizou.act('scale', { scale: 1 }));
  await page.evaluate(() => window.peizou.act('language', { language: 'zh' }));
});

// The scenarios added for issue 22 (all five new ones): each listed in the page's library,
// its before walked to the debrief by clicks and keys (papers ticked by digit keys, handed
// over with Space), the record exported by a click and replayed by the native CLI,
// and the model citizen's walk on the reform (key A) is shorter than on the before.
// Clicks `name`, first scrolling `panel` with the mouse wheel until the row is drawn (a
// long checklist or option list scrolls inside its panel).
async function clickScrolled(name, panel) {
  for (let i = 0; i < 20; i++) {
    await page.evaluate(() => window.peizou.frames(1));
    const rects = await page.evaluate(() => window.peizou.rects());
    if (rects[name]) break;
    const p = rects[panel];
    assert.ok(p, `no rectangle for ${panel}`);
    await page.mouse.move(p.x + p.width / 2, p.y + p.height / 2);
    await page.mouse.wheel(0, 60);
  }
  await click(name);
}

const NEW_SCENARIOS = ['company-startup-half-day.json', 'construction-permit-social-investment.json',
  'company-info-change-one-thing.json', 'newborn-one-thing.json', 'catering-one-thing.json'];
for (const file of NEW_SCENARIOS) {
  test(`walk ${file} (before) to the debrief by clicks and keys; the debrief equals peizou replay`, async () => {
    const id = file.replace(/\.json$/, '');
    // Bundled: the page's library lists the file, loaded without errors.
    const lib = (await state()).library;
    assert.ok(lib.files.some((f) => f.file === file && f.ok), `${file} in the page's library`);
    await click('tab.walkthrough');
    await waitFor(() => window.peizou.state().screen === 'walkthrough');
    // The setup form keeps the scenario of the last walk: the start action names the file.
    await page.evaluate((f) => window.peizou.act('walkthrough.start', { file: f, variant: 'before', seed: 1 }), file);
    await waitWalk((w, x) => w.phase === 'walking' && w.scenario === x, id);
    for (let step = 0; step < 400; step++) {
      const w = await untilDecision();
      if (w.phase === 'debrief') break;
      const d = w.decision;
      const before = w.choices;
      if (d.kind === 'handover') {
        const needed = d.options.map((o, i) => ({ ...o, i })).filter((o) => o.needed);
        for (const o of needed) {
          if (o.i < 9) await press(`Digit${o.i + 1}`);
          else await clickScrolled(`walkthrough.material.${o.id}`, 'walkthrough.panel.materials');
          await waitWalk((w, x) => w.decision.options.find((y) => y.id === x).checked === true, o.id);
        }
        await press('Space');
      } else if (d.kind === 'next_step') {
        // Keys 1–9 choose (a long list scrolls inside its panel); a click for any beyond 9.
        const o = pickStep(w);
        if (o < 9) await press(`Digit${o + 1}`);
        else await clickScrolled(`walkthrough.option.${o}`, 'walkthrough.panel.choices');
      } else if (d.kind === 'channel') {
        await press(`Digit${d.options.findIndex((o) => o.id === 'in_person') + 1}`);
      } else {
        await press('Digit1');
      }
      await waitWalk((w, n) => w.choices === n + 1 || w.message !== '', before);
      assert.equal((await walk()).message, '', 'no choice refused');
    }
    const done = await waitWalk((w) => w.phase === 'debrief' && w.finished, null, 120000);
    assert.equal(done.result.finished, 1);
    assert.ok(done.measures.trips >= 1, 'the before takes trips');
    await page.evaluate(() => window.peizou.frames(3));
    await page.screenshot({ path: path.join(OUTPUT, `walkthrough-${id}-debrief.png`) });
    const [download] = await Promise.all([page.waitForEvent('download'), click('walkthrough.export.json')]);
    const recordFile = path.join(OUTPUT, `walkthrough-${id}.json`);
    await download.saveAs(recordFile);
    const cli = JSON.parse(execFileSync(path.join(NATIVE, 'peizou'), ['replay', recordFile, '--json'],
      { cwd: ROOT, encoding: 'utf8' }));
    assert.deepEqual(done.result, cli, 'the debrief equals peizou replay --json');
    // The model citizen walks the before and the reform with the same seed (key A).
    await press('a');
    const both = await waitWalk((w) => w.after && w.after.finished && w.model && w.model.finished, null, 120000);
    assert.notEqual(both.after.variant, 'before');
    assert.ok(both.after.result.measures.working_days.p50 < both.model.result.measures.working_days.p50,
      `fewer working days after the reform (${both.after.variant})`);
    assert.ok(both.after.result.measures.trips.p50 <= both.model.result.measures.trips.p50, 'no more trips');
    assert.deepEqual(browser.errors, []);
  });
}

test('no request went to another origin (issue 7)', () => assertSameOrigin(browser, server.url));
