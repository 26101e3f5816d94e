// Issue 15's proof: the small example of docs/scenario-format.md ("A complete small
// example") built in the 编辑 Editor from a BLANK scenario by real clicks and typing only
// (the test API reads state and rectangles, nothing else), saved and downloaded. The doc
// is the oracle: the download equals byte for byte the canonical form of the doc's example
// (`peizou validate --canonical` on the block cut out of the .md) and `peizou validate`
// finds no issue in it. Then the saved file is walked to the debrief by clicks and keys,
// and compared by the real Run button: the KPI table equals `peizou compare --json` on the
// downloaded file with the same citizens and seed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './serve.mjs';
import { openPage, OUTPUT } from './browser.mjs';
import { decideAsCitizen, editorUi } from './editor-ui.mjs';

const NATIVE = path.join(ROOT, process.env.PEIZOU_NATIVE || 'build/native');
const peizou = (...args) => execFileSync(path.join(NATIVE, 'peizou'), args, { encoding: 'utf8', stdio: 'pipe' });

// The first ```json block under "## A complete small example" of the format page.
function docExample() {
  const md = fs.readFileSync(path.join(ROOT, 'docs/scenario-format.md'), 'utf8');
  const at = md.indexOf('## A complete small example');
  assert.ok(at >= 0, 'the format page has its example');
  const begin = md.indexOf('```json\n', at) + '```json\n'.length;
  return md.slice(begin, md.indexOf('```', begin));
}

let opened;
let page;
const ui = editorUi(() => page);
const { frames, state, editor, rects, waitEditor, waitState, waitRects, click, press, chord, clickItem } = ui;
const FORM = 'editor.form';
const text = (field, value) => ui.typeText(`editor.field.${field}`, value, FORM);
const num = (field, value) => ui.typeNumber(`editor.field.${field}`, String(value), FORM);
const json = (e) => JSON.parse(e.text);

// Ticks a checkbox field when it is not as wanted.
async function tick(field, want, get) {
  if (get(json(await editor())) === want) return;
  await clickItem(`editor.field.${field}`, FORM);
  await waitEditor((e) => get(json(e)) === want);
}

// Opens the combo at rectangle `combo` and clicks its entries `keys` (editor.pick.<key>).
// A combo of checkboxes (needs, after …: `multi`) stays open until a click elsewhere; each tick
// changes the draft. A plain combo closes on its click (its value may already be that).
async function pickAt(combo, keys, multi = false) {
  for (const key of Array.isArray(keys) ? keys : [keys]) {
    if (!(await rects())[`editor.pick.${key}`]) await clickItem(combo, FORM);
    let r = await waitRects((r) => r[`editor.pick.${key}`]);
    // A long list (the 13 levers) scrolls inside its popup: while the entry is the last one
    // drawn it may be half hidden (a click there would close the popup), so the wheel over
    // the popup's first entry scrolls it in, until it moves no more (the list's end).
    for (let i = 0; i < 10; i++) {
      const picks = Object.keys(r).filter((k) => k.startsWith('editor.pick.'));
      const at = r[`editor.pick.${key}`];
      if (!picks.some((k) => r[k].y > at.y)) {
        const top = picks.reduce((a, k) => (r[k].y < r[a].y ? k : a));
        await page.mouse.move(r[top].x + 4, r[top].y + r[top].height / 2);
        await page.mouse.wheel(0, 120);
        await frames(2);
        const moved = await waitRects((r) => r[`editor.pick.${key}`]);
        const same = moved[`editor.pick.${key}`].y === at.y;
        r = moved;
        if (same) break;
      } else {
        break;
      }
    }
    const before = (await editor()).version;
    await click(`editor.pick.${key}`);
    if (multi) await waitEditor((e, v) => e.version !== v, before);
  }
  if (multi) await click('editor.check');  // a click outside the picker closes it (plain text there)
  await waitRects((r) => !Object.keys(r).some((k) => k.startsWith('editor.pick.')));
  await waitEditor((e) => e.checked_version === e.version);
}
const pick = (field, keys, multi = false) => pickAt(`editor.field.${field}`, keys, multi);

// Adds an item by its outline button and renames it through the id field.
async function add(button, id, kind) {
  await clickItem(button);
  await waitEditor((e, k) => e.selected.kind === k, kind);
  await text('id', id);
  await waitEditor((e, x) => e.selected.id === x, id);
}

async function select(item, id) {
  await clickItem(item);
  await waitEditor((e, x) => e.selected.id === x, id);
}

before(async () => {
  opened = await openPage();
  page = opened.page;
});

after(async () => opened?.close());

const FILE = path.join(OUTPUT, 'editor-build-shop-opening.json');

test('the format page example built from a blank scenario by clicks equals its canonical form', async () => {
  const started = Date.now();
  await page.waitForFunction(() => window.peizou.state().fonts.large !== 'loading', null, { timeout: 60000 });
  await click('tab.editor');
  await click('editor.new.blank');
  let e = await waitEditor((e) => e.open && e.checked_version === e.version);
  assert.equal(json(e).id, 'new-scenario', 'a blank scenario, not the template');

  // The scenario's own fields.
  await text('id', 'shop-opening');
  await text('title', '小型门店开业');
  await text('title_en', 'Opening a small shop');
  await text('summary', '营业执照登记后，视情况进行消防检查，再办理开业备案。');
  await tick('illustrative', true, (j) => j.illustrative);
  await text('start', '2025-09-29T09:00');
  await pick('calendar', 'working_days');
  await text('office_hours', '09:00-12:00, 13:30-17:00');
  await num('arrivals_per_working_day', 12);
  await clickItem('editor.add.assumption', FORM);
  await waitEditor((e) => (json(e).assumptions || []).length === 1);
  await text('assumptions/0', '办理时长为估计值');
  await clickItem('editor.add.source', FORM);
  await waitEditor((e) => (json(e).sources || []).length === 1);
  await text('sources.0.citation', '某市政务服务指南（示例）');
  await text('sources.0.says', '承诺时限 3 个工作日');

  // Places: the blank's home renamed in words; the centre added.
  await select('editor.item.place.home', 'home');
  await text('name', '门店');
  await text('name_en', '');
  await add('editor.add.place', 'center', 'place');
  await text('name', '政务服务中心');
  await text('name_en', 'Service centre');
  await num('travel_minutes', 30);

  // Departments.
  await add('editor.add.department', 'amr', 'department');
  await text('name', '市场监管局');
  await pick('place', 'center');
  await num('windows', 2);
  await tick('online', true, (j) => j.departments[0].online);
  await num('background', 6);
  await pick('background_service.dist', 'exponential');
  await num('background_service.mean', 12);
  await add('editor.add.department', 'fire', 'department');
  await text('name', '消防救援支队');
  await pick('place', 'center');
  await num('windows', 1);
  await text('office_hours', '09:00-12:00');

  // Materials.
  await add('editor.add.material', 'id_card', 'material');
  await text('name', '身份证');
  await tick('held_at_start', true, (j) => j.materials[0].held_at_start);
  await add('editor.add.material', 'license', 'material');
  await text('name', '营业执照');
  await text('obtain_hint', '向市场监管局申请');
  await add('editor.add.material', 'fire_ok', 'material');
  await text('name', '消防检查合格意见');

  // The before variant: its title as the example has it, then three steps.
  await select('editor.item.variant.before', 'before');
  await text('title', '改革前');
  await text('title_en', '');
  await add('editor.add.step.before', 'register', 'step');
  await text('name', '营业执照登记');
  await pick('kind', 'window');
  await pick('department', 'amr');
  await pick('service.dist', 'triangular');
  await num('service.high', 40);
  await num('service.mode', 20);
  await num('service.low', 10);
  await pick('review.dist', 'uniform');
  await num('review.high', 3);
  await num('review.low', 1);
  await pick('review.unit', 'working_days');
  await pick('needs', 'id_card', true);
  await pick('produces', 'license', true);
  await num('rework_probability', 0.2);
  await text('rework_reason', '经营范围表述不规范');
  await tick('online_allowed', true, (j) => j.variants.before.steps[0].online_allowed);
  await num('legal_limit_days', 15);

  await add('editor.add.step.before', 'fire_check', 'step');
  await text('name', '消防现场检查');
  await pick('kind', 'inspection');
  await pick('department', 'fire');
  await num('service.value', 60);
  await num('review.value', 5);
  await pick('review.unit', 'working_days');
  await pick('needs', 'license', true);
  await pick('produces', 'fire_ok', true);
  await pick('after', 'register', true);

  await add('editor.add.step.before', 'open', 'step');
  await text('name', '开业备案');
  await pick('department', 'amr');
  await pick('needs', 'license', true);
  await pick('after', ['register', 'fire_check'], true);

  // The branch with its two options.
  await add('editor.add.branch.before', 'fire_needed', 'branch');
  await text('question', '需要消防检查吗？');
  await pick('chooser', 'chance');
  await pick('after', 'register', true);
  for (const [i, id, label, p, steps] of [[0, 'yes', '需要', 0.4, ['fire_check']], [1, 'no', '不需要', 0.6, []]]) {
    await clickItem('editor.add_option', FORM);
    await waitEditor((e, n) => json(e).variants.before.branches[0].options.length === n, i + 1);
    await text(`option.${i}.id`, id);
    await text(`option.${i}.label`, label);
    await num(`options/${i}/probability`, p);
    if (steps.length) await pick(`option.${i}.steps`, steps, true);
  }

  // The derived variant with its two levers.
  await add('editor.add.variant', 'online', 'variant');
  await text('title', '一网通办');
  await text('title_en', 'Online');
  await pick('from', 'before');
  await pickAt('editor.add_lever', 'online');
  await pick('lever.0.steps', 'register', true);
  await pickAt('editor.add_lever', 'compress_time');
  await num('lever.1.factor', 0.5);
  await text('lever.1.note', '承诺时限减半');

  e = await waitEditor((e) => e.checked_version === e.version && !e.editing);
  assert.equal(e.ok, true, JSON.stringify(e.issues));
  assert.deepEqual(e.issues, [], 'the built scenario has no issue in the editor');

  // Saved into 我的文件 and downloaded.
  await click('editor.save');
  e = await waitEditor((e) => !e.dirty);
  assert.equal(e.file, 'shop-opening.json');
  const [download] = await Promise.all([page.waitForEvent('download'), click('editor.download')]);
  await download.saveAs(FILE);
  const built = fs.readFileSync(FILE, 'utf8');
  const seconds = (Date.now() - started) / 1000;
  console.log(`figures: the format page example built by clicks and typing in ${seconds.toFixed(1)} s ` +
    `(${e.undo} undo steps)`);

  // The doc is the oracle: its example, cut out of the .md, in canonical form.
  const example = path.join(OUTPUT, 'editor-build-doc-example.json');
  fs.writeFileSync(example, docExample());
  const canonical = peizou('validate', '--canonical', example);
  assert.equal(built, canonical, 'the download equals the canonical form of the format page example');
  const report = peizou('validate', FILE);  // throws on a non-zero exit
  assert.match(report, /valid \(0 个警告 \/ warnings\)\n$/);
  assert.equal(report.trim().split('\n').length, 1, `no issue listed: ${report}`);
});

test('the built scenario walked to the debrief by clicks and keys', async () => {
  await ui.selectEntry('user/scenarios/shop-opening.json');
  await click('tab.walkthrough');
  await waitState((s) => s.screen === 'walkthrough');
  await click('walkthrough.variant.before');
  await click('walkthrough.start');
  const walk = async () => (await state()).walkthrough;
  const waitWalk = async (fn, arg = null) => (await waitState((s, a) => fn(s.walkthrough, a), arg, 120000)).walkthrough;
  let w = await waitWalk((w) => w.phase === 'walking');
  assert.equal(w.scenario, 'shop-opening');
  for (let step = 0; step < 200; step++) {
    // The clock runs (Space skips the animation) until a decision waits or the walk ends.
    w = await walk();
    if (w.phase === 'debrief') break;
    if (!(w.decision && !w.animating)) {
      if (w.animating) await press('Space');
      await waitWalk((w) => w.phase === 'debrief' || (w.decision && !w.animating) || !w.animating);
      continue;
    }
    await decideAsCitizen(w, press, waitWalk);
    assert.equal((await walk()).message, '', 'no choice refused');
  }
  w = await waitWalk((w) => w.phase === 'debrief' && w.finished);
  assert.equal(w.result.finished, 1);
  assert.ok(w.measures.trips >= 1, 'the walk took a trip to the centre');
  await frames(3);
  await page.screenshot({ path: path.join(OUTPUT, 'editor-build-debrief.png') });
});

test('the built scenario compared by the Run button: the KPI table equals peizou compare', async () => {
  await ui.selectEntry('user/scenarios/shop-opening.json');
  await click('tab.compare');
  let c = (await waitState((s) => s.screen === 'compare' && s.compare.phase === 'setup')).compare;
  assert.deepEqual(c.variants, ['before', 'online']);
  await click('compare.run');
  c = (await waitState((s) => s.compare.phase === 'done', null, 240000)).compare;
  const table = JSON.parse(peizou('compare', FILE, '--variants', 'before,online', '--citizens', String(c.citizens),
    '--seed', String(c.seed), '--json'));
  assert.deepEqual(c.table, table, 'the KPI table shown equals `peizou compare --json` on the download');
  await frames(3);
  await page.screenshot({ path: path.join(OUTPUT, 'editor-build-compare.png') });
});
