// Keys the page documents (the walkthrough's key lines, Str::wt_keys / wt_keys_debrief /
// wt_pain_keys / wt_pick_hint, and "Start walking (Enter)") that no other e2e test
// presses: Enter to start, H, J, Tab, ↓ (with ↑ back), C, R, I. Each is pressed as a hand
// does (held across a frame) and the state change it documents is asserted through the
// test API. I opens the page's file chooser (Playwright's 'filechooser' event) on the setup
// form and during a walk; it always did — the earlier "opens no chooser" was the test
// pressing I before Playwright's chooser interception was on (see the I test).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openPage, OUTPUT, assertSameOrigin, untilDecision as untilDecisionOf, answer as answerOf,
  walkToEnd } from './browser.mjs';

const SCENARIO = 'company-deregistration.json';
const NOTE = '窗口说法不一';

let opened;
let server;
let browser;
let page;

const walk = () => page.evaluate(() => window.peizou.state().walkthrough);
const frames = (n = 1) => page.evaluate((k) => window.peizou.frames(k), n);
// Waits, frame by frame, until fn(walkthrough state, arg) holds; returns that state.
async function waitWalk(fn, arg = null, timeout = 60000) {
  const end = Date.now() + timeout;
  for (;;) {
    const w = await walk();
    if (fn(w, arg)) return w;
    if (Date.now() > end) throw new Error(`timed out waiting for ${fn}: ${JSON.stringify(w).slice(0, 400)}`);
    await frames(1);
  }
}
// ImGui 1.86 samples keys once per frame: hold the key across one.
async function press(key) {
  await page.keyboard.down(key);
  await frames(1);
  await page.keyboard.up(key);
  await frames(1);
}
const untilDecision = () => untilDecisionOf(page);
const answer = (w) => answerOf(page, w);

before(async () => {
  opened = await openPage();
  ({ server, browser, page } = opened);
});

after(async () => opened?.close());

// I (import a walk record): the page's file chooser opens — on the setup form and during a
// walk (two code paths) — and the record chosen there is the walk on screen. The records are
// written here: the 免申即享 variant of job-retention-refund asks nothing (no choices).
test('I opens the file chooser, on the setup form and during a walk; the chosen record is imported', async () => {
  await page.evaluate(() => window.peizou.act('screen', { name: 'walkthrough' }));
  await frames(2);
  const record = (seed) => ({ format: 'peizou-walk/1', scenario: 'job-retention-refund', variant: 'no_application',
    seed, choices: [] });
  const choose = async (seed) => {
    // Playwright turns on its file-chooser interception when a listener is added, without
    // waiting for it: a key pressed at once beats it, the real (headless: never-closing)
    // dialog opens and every later chooser is refused. Two frames later it is on.
    const waiting = page.waitForEvent('filechooser', { timeout: 30000 });
    await frames(2);
    await press('i');
    const chooser = await waiting;
    assert.match(await chooser.element().getAttribute('accept'), /json/);
    await chooser.setFiles({ name: `refund-${seed}.walk.json`, mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(record(seed))) });
    return waitWalk((w, s) => w.scenario === 'job-retention-refund' && w.seed === s, seed);
  };
  let w = await waitWalk((w) => w && w.phase === 'setup');
  w = await choose(3);
  assert.equal(w.variant, 'no_application');
  assert.notEqual(w.phase, 'setup');
  w = await choose(4);  // with a walk on screen: handle_keys' I
  assert.equal(w.variant, 'no_application');
  // The setup form as a fresh page has it (the import made job-retention-refund its scenario).
  await page.evaluate((f) => window.peizou.act('walkthrough.start', { file: f, variant: 'before', seed: 1 }),
    SCENARIO.replace(/\.json$/, ''));
  await press('r');
  await waitWalk((w) => w.phase === 'setup' && w.setup_file === SCENARIO);
  assert.deepEqual(browser.errors, []);
});

test('walkthrough keys: Enter starts, ↓/↑ move the picker, Tab types the note, J exports', async () => {
  await page.evaluate((f) => window.peizou.act('library.select', { file: f }), SCENARIO);
  await page.evaluate(() => window.peizou.act('screen', { name: 'walkthrough' }));
  await waitWalk((w) => w && w.phase === 'setup');
  await frames(2);

  // Enter ("开始走流程 (Enter)"): the walk starts.
  await press('Enter');
  let w = await waitWalk((w) => w.phase === 'walking');
  assert.equal(w.scenario, 'company-deregistration');

  // Two decisions answered, so the picker has somewhere to go.
  for (let i = 0; i < 2; i++) await answer(await untilDecision());
  w = await untilDecision();
  const made = w.choices;
  assert.ok(made >= 2);

  // B opens the picker on the last decision; ↑ moves up, ↓ back down; Esc closes it.
  await press('b');
  w = await waitWalk((w, n) => w.rewind_pick === n - 1, made);
  await press('ArrowUp');
  w = await waitWalk((w, n) => w.rewind_pick >= 0 && w.rewind_pick < n - 1, made);
  const up = w.rewind_pick;
  await press('ArrowDown');
  w = await waitWalk((w, k) => w.rewind_pick > k, up);
  await press('Escape');
  w = await waitWalk((w) => w.rewind_pick === -1);
  assert.equal(w.choices, made, 'the picker changed nothing');

  // F, then a category by digit and Tab: the note field takes the typing; Enter saves.
  await press('f');
  await waitWalk((w) => w.pain.open);
  await press('Digit2');
  const category = (await walk()).pain.category;
  assert.notEqual(category, '', 'a category chosen by 2');
  const focusedBeforeTab = await page.evaluate(() => document.activeElement && document.activeElement.id === 'peizou-text-input');
  assert.equal(focusedBeforeTab, false, 'the note is not being typed before Tab');
  await press('Tab');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'peizou-text-input',
    null, { timeout: 30000 });
  await page.keyboard.insertText(NOTE);
  await waitWalk((w, note) => w.pain.note === note, NOTE);
  await press('Enter');
  w = await waitWalk((w) => !w.pain.open && w.flags.length === 1);
  assert.equal(w.flags[0].note, NOTE);
  assert.equal(w.flags[0].category, category);

  // J: the walk record downloads, with the choices made and the flag.
  const [dl] = await Promise.all([page.waitForEvent('download'), press('j')]);
  const file = path.join(OUTPUT, 'keys-walk.json');
  await dl.saveAs(file);
  const record = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(record.scenario, 'company-deregistration');
  assert.equal(record.choices.length, (await walk()).choices);
  assert.equal(record.flags[0].note, NOTE);
});

test('C downloads the problem list as CSV; R goes back to the setup', async () => {
  await walkToEnd(page);

  // C: the problem list as CSV, with the flagged note.
  const [csv] = await Promise.all([page.waitForEvent('download'), press('c')]);
  assert.match(csv.suggestedFilename(), /\.csv$/);
  const csvFile = path.join(OUTPUT, 'keys-problems.csv');
  await csv.saveAs(csvFile);
  assert.ok(fs.readFileSync(csvFile, 'utf8').includes(NOTE), 'the flagged note is in the CSV');

  // R: back to the setup.
  await press('r');
  await waitWalk((w) => w.phase === 'setup');
  assert.deepEqual(browser.errors, []);
});

test('H at the helper desk: the helper names the papers for the steps on offer', async () => {
  // small-catering-opening's service_station variant puts the window at the helper desk
  // (营商环境服务小站, in the mall); walk until the citizen is there with a step to choose.
  await page.evaluate(() => window.peizou.act('walkthrough.start',
    { file: 'small-catering-opening', variant: 'service_station', seed: 1 }));
  let w = await waitWalk((w) => w.phase === 'walking');
  for (let i = 0; i < 200; i++) {
    w = await untilDecision();
    if (w.phase === 'debrief' || (w.helper.here && w.decision.kind === 'next_step')) break;
    await answer(w);
  }
  assert.ok(w.helper.here && w.decision && w.decision.kind === 'next_step', 'the walk reached the helper desk');
  assert.equal(w.helper.advice, '', 'no advice before H');
  await press('h');
  w = await waitWalk((w) => w.helper.advice !== '');
  const offered = w.decision.options.filter((o) => o.id !== 'wait' && o.id !== 'home');
  assert.ok(offered.length > 0);
  // One line per step on offer: "“step”材料齐了，可以办。" or "“step”还缺：…".
  const lines = w.helper.advice.trim().split('\n');
  assert.equal(lines.length, offered.length, `advice per step on offer: ${w.helper.advice}`);
  for (const l of lines) assert.match(l, /^“[^”]+”(材料齐了|还缺)/);
});

test('no request went to another origin (issue 7)', () => assertSameOrigin(browser, server.url));

