// 对比 Compare in real Chromium (issue 6): open Compare for company deregistration,
// press the real Run button, wait for the runs (sliced per frame), and check that the
// KPI table and the Shapley attribution read through window.peizou.state() equal the
// native CLI's `peizou compare --json [--shapley]` for the same seed; download the CSV
// and the PNG and check their contents; a what-if slider recomputes; screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './serve.mjs';
import { openPage, OUTPUT, assertSameOrigin, clickRect, center } from './browser.mjs';
import { decodePng, pixelStats } from './png.mjs';

const SCENARIO = 'company-deregistration.json';
const VARIANTS = ['before', 'one_thing'];
const CITIZENS = 1000;
const SEED = 42;
const NATIVE = path.join(ROOT, process.env.PEIZOU_NATIVE || 'build/native');

let opened;
let server;
let browser;
let page;

const state = () => page.evaluate(() => window.peizou.state());
const compare = async () => (await state()).compare;

// Waits, frame by frame, until fn(state().compare) holds; returns that state.
async function waitCompare(fn, timeout = 240000) {
  const end = Date.now() + timeout;
  for (;;) {
    const c = await compare();
    if (fn(c)) return c;
    if (Date.now() > end) {
      fs.writeFileSync(path.join(OUTPUT, 'compare-timeout.json'), JSON.stringify(c, null, 1));
      throw new Error(`timed out waiting for ${fn} (state in test-output/compare-timeout.json)`);
    }
    await page.evaluate(() => window.peizou.frames(5));
  }
}

// A real click in the middle of the rectangle the app reported for `name`: move, then
// press and release on later frames (ImGui 1.86 reads the mouse once per frame).
const click = (name) => clickRect(page, name);

function cli(...args) {
  return execFileSync(path.join(NATIVE, 'peizou'), args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 1 << 28 });
}

async function download(name) {
  const [d] = await Promise.all([page.waitForEvent('download', { timeout: 240000 }), click(name)]);
  const file = path.join(OUTPUT, `compare-${d.suggestedFilename()}`);
  await d.saveAs(file);
  return { file, name: d.suggestedFilename(), bytes: fs.readFileSync(file) };
}

before(async () => {
  opened = await openPage();
  ({ server, browser, page } = opened);
});

after(async () => opened?.close());

test('Compare runs by the real button; the KPI table and Shapley equal peizou compare', async () => {
  await click(`library.item.${SCENARIO}`);
  await click('tab.compare');
  await page.waitForFunction(() => window.peizou.state().screen === 'compare', null, { timeout: 30000 });
  // The form (citizens and seed typed by a test would be slow through ImGui's fields).
  await page.evaluate((a) => window.peizou.act('compare.setup', a),
    { scenario: SCENARIO, variants: VARIANTS, citizens: CITIZENS, seed: SEED, shapley: true });
  let c = await compare();
  assert.equal(c.phase, 'setup');
  assert.deepEqual(c.variants, VARIANTS);
  await click('compare.run');
  c = await waitCompare((c) => c.phase !== 'setup');
  assert.equal(c.phase, 'running');
  assert.ok(c.progress < 1);
  c = await waitCompare((c) => c.phase === 'done');
  console.log(`compare: ${c.events} events in ${c.frames.count} frames, ` +
              `frame mean ${c.frames.mean_ms.toFixed(1)} ms, longest ${c.frames.max_ms.toFixed(1)} ms, ` +
              `longest work slice ${c.frames.work_max_ms.toFixed(1)} ms`);
  assert.ok(c.frames.count > 3, 'the runs took several frames (sliced), not one');
  assert.equal(c.progress, 1);

  const table = JSON.parse(cli('compare', `scenarios/${SCENARIO}`, '--variants', VARIANTS.join(','),
    '--citizens', String(CITIZENS), '--seed', String(SEED), '--json'));
  assert.deepEqual(c.table, table, 'the KPI table equals `peizou compare --json`');
  const withShapley = JSON.parse(cli('compare', `scenarios/${SCENARIO}`, '--variants', VARIANTS.join(','),
    '--citizens', String(CITIZENS), '--seed', String(SEED), '--json', '--shapley'));
  assert.deepEqual(c.shapley, withShapley.shapley, 'the lever attribution equals `peizou compare --shapley`');
  const a = c.shapley.one_thing;
  assert.equal(a.all_equals_variant_run, true);
  const sum = a.levers.reduce((s, l) => s + l.calendar_days, 0);
  assert.ok(Math.abs(sum - a.total.calendar_days) < 0.001 * a.levers.length, 'levers add up to the total');
  for (const m of c.median) {
    assert.ok(m.complete && m.citizen >= 0 && m.events > 0, `median citizen of ${m.variant} traced`);
    // the critical path is a chain of the variant's steps (from the after DAG; unit-tested)
    assert.ok(m.critical.length > 0 && new Set(m.critical).size === m.critical.length, `critical path of ${m.variant}`);
  }

  await page.evaluate(() => window.peizou.frames(3));
  await page.screenshot({ path: path.join(OUTPUT, 'compare-gantt.png') });
});

test('the comparison CSV download equals peizou export --format table', async () => {
  const csv = await download('compare.export.csv');
  assert.match(csv.name, /\.csv$/);
  const text = csv.bytes.toString('utf8');
  assert.ok(text.startsWith('measure,variant,mean,p50,p90,min,max,change_mean,change_mean_percent,change_p50\n'));
  const expected = cli('export', `scenarios/${SCENARIO}`, '--variants', VARIANTS.join(','),
    '--citizens', String(CITIZENS), '--seed', String(SEED), '--format', 'table');
  assert.equal(text, expected);
  // …and its numbers are the table's.
  const c = await compare();
  const mean = c.table.variants[1].measures.calendar_days.mean;
  assert.ok(text.includes(`calendar_days,one_thing,${mean},`), `calendar_days mean ${mean} in the CSV`);
});

test('JSON, per-citizen CSV and XES downloads', async () => {
  const json = JSON.parse((await download('compare.export.json')).bytes.toString('utf8'));
  const c = await compare();
  assert.deepEqual(json.variants, c.table.variants);
  assert.deepEqual(json.shapley, c.shapley);
  const cases = (await download('compare.export.cases')).bytes.toString('utf8').trimEnd().split('\n');
  assert.ok(cases[0].startsWith('case_id,start,finish,calendar_days,working_days,'));
  const finished = c.table.variants.reduce((n, v) => n + v.finished, 0);
  assert.equal(cases.length, 1 + finished, 'one line per finished citizen of every variant');
  // The event logs run every variant again, in slices: the download comes when done.
  const xesDownload = download('compare.export.xes');
  await waitCompare((c) => c.exporting !== null || c.exported.kind === 'xes');
  const xes = (await xesDownload).bytes.toString('utf8');
  assert.ok(xes.startsWith('<?xml version="1.0" encoding="UTF-8"?>'));
  assert.ok(xes.includes('<log xes.version="1.0"'));
  const traces = (xes.match(/<trace>/g) || []).length;
  assert.equal(traces, CITIZENS * VARIANTS.length, 'one trace per citizen and variant');
  assert.ok(xes.includes('<string key="concept:name" value="before-0"/>'));
  assert.ok(xes.includes('<string key="concept:name" value="one_thing-0"/>'));
});

const cliVariant = (variant, format) => cli('export', `scenarios/${SCENARIO}`, '--variant', variant,
  '--citizens', String(CITIZENS), '--seed', String(SEED), '--format', format);

test('event-log CSV download: documented columns, equals peizou export --format csv; sliced with progress', async () => {
  const pending = download('compare.export.events');
  // The export runs in slices: its progress shows while the UI keeps drawing.
  const during = await waitCompare((c) => c.exporting !== null || c.exported.kind === 'events');
  if (during.exporting) {
    assert.equal(during.exporting.kind, 'events');
    const f0 = await page.evaluate(() => window.peizou.state().frame);
    await page.evaluate(() => window.peizou.frames(2));
    assert.ok((await page.evaluate(() => window.peizou.state().frame)) > f0, 'frames go on during the export');
  }
  const csv = await pending;
  assert.match(csv.name, /-events\.csv$/);
  const text = csv.bytes.toString('utf8');
  const lines = text.trimEnd().split('\n');
  // docs/exports.md: case_id,activity,timestamp,resource,department,step,detail,lifecycle,code
  assert.equal(lines[0], 'case_id,activity,timestamp,resource,department,step,detail,lifecycle,code');
  const expected = VARIANTS.map((v, i) => (i === 0 ? cliVariant(v, 'csv') : cliVariant(v, 'csv').split('\n').slice(1).join('\n'))).join('');
  assert.equal(text, expected, 'the UI event log equals the CLI\'s for every variant, one header');
  const ids = new Set(lines.slice(1).map((l) => l.split(',')[0]));
  assert.equal(ids.size, CITIZENS * VARIANTS.length, 'every process citizen of every variant');
  for (const l of lines.slice(1, 200)) {
    assert.match(l.split(',')[2], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/, `timestamp in ${l}`);
  }
});

test('per-citizen JSON download: its shape, and it equals peizou export --format cases-json', async () => {
  const c = await compare();
  const d = await download('compare.export.cases_json');
  assert.match(d.name, /-cases\.json$/);
  const json = JSON.parse(d.bytes.toString('utf8'));
  assert.equal(json.scenario, c.scenario);
  assert.deepEqual(json.variants.map((v) => v.variant), VARIANTS);
  for (const [i, v] of json.variants.entries()) {
    assert.equal(v.citizens, CITIZENS);
    assert.equal(v.seed, SEED);
    assert.equal(v.finished, c.table.variants[i].finished);
    assert.equal(v.cases.length, v.finished);
    const k = v.cases[0];
    for (const key of ['case_id', 'start', 'finish']) assert.equal(typeof k[key], 'string', key);
    for (const key of ['citizen', 'calendar_days', 'working_days', 'citizen_hours', 'agent_hours', 'trips', 'window_visits',
      'departments', 'submissions', 'repeat_submissions', 'rejections', 'fees_yuan']) assert.equal(typeof k[key], 'number', key);
    for (const key of ['one_trip', 'legal_limits_met']) assert.equal(typeof k[key], 'boolean', key);
    assert.deepEqual(v, JSON.parse(cliVariant(v.variant, 'cases-json')), `${v.variant} equals the CLI's`);
    const mean = v.cases.reduce((s, x) => s + x.calendar_days, 0) / v.cases.length;
    assert.ok(Math.abs(mean - c.table.variants[i].measures.calendar_days.mean) < 1e-3, 'the cases make the table');
  }
});

test('the waterfall PNG download is a real chart image', async () => {
  await click('compare.chart.waterfall');
  await page.waitForFunction(() => window.peizou.state().compare.chart === 'waterfall', null, { timeout: 30000 });
  await page.evaluate(() => window.peizou.frames(3));
  await page.screenshot({ path: path.join(OUTPUT, 'compare-waterfall.png') });
  // The Shapley caption is wrapped to the chart's width: its rectangle fits inside.
  const rects = await page.evaluate(() => window.peizou.rects());
  const chart = rects['compare.chart'], cap = rects['compare.waterfall.caption'];
  assert.ok(chart && cap, 'chart and caption rectangles');
  assert.ok(cap.height > 0 && cap.width > 0);
  assert.ok(cap.x >= chart.x - 0.5 && cap.x + cap.width <= chart.x + chart.width + 0.5,
    `caption ${JSON.stringify(cap)} inside the chart ${JSON.stringify(chart)} horizontally`);
  assert.ok(cap.y >= chart.y - 0.5 && cap.y + cap.height <= chart.y + chart.height + 0.5, 'and vertically');
  const viewport = page.viewportSize();
  assert.ok(cap.x + cap.width <= viewport.width, 'the caption is on screen');
  const png = await download('compare.export.png');
  assert.match(png.name, /waterfall\.png$/);
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const img = decodePng(png.bytes);
  assert.ok(img.width >= 600 && img.height >= 250, `PNG ${img.width}×${img.height}`);
  const stats = pixelStats(img);
  assert.ok(stats.colours > 50 && stats.variance > 100, `PNG has content: ${JSON.stringify(stats)}`);
  // The saving bars are green (46,160,90); text and axes are dark grey (anti-aliased).
  let green = 0, dark = 0;
  for (let i = 0; i < img.width * img.height; i++) {
    const [r, g, b] = [img.pixels[i * img.channels], img.pixels[i * img.channels + 1], img.pixels[i * img.channels + 2]];
    if (Math.abs(r - 46) < 8 && Math.abs(g - 160) < 8 && Math.abs(b - 90) < 8) green++;
    if (r < 120 && g < 120 && b < 130) dark++;
  }
  assert.ok(green > 200, `green saving bars in the PNG (${green} px)`);
  assert.ok(dark > 500, `text and axes in the PNG (${dark} px)`);

  // The Gantt as PNG too (another chart, same path).
  await click('compare.chart.gantt');
  await page.waitForFunction(() => window.peizou.state().compare.chart === 'gantt', null, { timeout: 30000 });
  const gantt = await download('compare.export.png');
  assert.match(gantt.name, /gantt\.png$/);
  assert.ok(pixelStats(decodePng(gantt.bytes)).colours > 50);
});

test('a what-if change recomputes the after variant in slices', async () => {
  const before = await compare();
  await page.evaluate(() => window.peizou.act('compare.whatif', { variant: 'one_thing', background: 1.6, review: 1.5 }));
  const c = await waitCompare((c) => c.phase === 'done');
  assert.equal(c.whatif.variant, 'one_thing');
  assert.equal(c.whatif.active, true);
  assert.ok(c.whatif.ms > 0, 'the what-if update time is reported');
  console.log(`what-if update: ${c.whatif.ms.toFixed(1)} ms of simulation for ${CITIZENS} citizens`);
  const was = before.table.variants[1].measures.calendar_days.mean;
  const now = c.table.variants[1].measures.calendar_days.mean;
  assert.ok(now > was, `slower reviews and more load take longer (${was} → ${now})`);
  assert.deepEqual(c.table.variants[0], before.table.variants[0], 'the reference variant is untouched');
  await page.evaluate(() => window.peizou.frames(3));
  await page.screenshot({ path: path.join(OUTPUT, 'compare-whatif.png') });
  // Back to the variant as written: the table is the CLI's again.
  await page.evaluate(() => window.peizou.act('compare.whatif', { variant: 'one_thing', background: 1, review: 1 }));
  const back = await waitCompare((c) => c.phase === 'done');
  assert.deepEqual(back.table, before.table);
});

// Scrolls the left panel (mouse wheel over the KPI table, as a hand would) until the
// rectangle `name` is drawn and fully inside the window.
async function scrollTo(name) {
  const viewport = page.viewportSize();
  for (let i = 0; i < 40; i++) {
    const rects = await page.evaluate(() => window.peizou.rects());
    const r = rects[name];
    if (r && r.y >= 0 && r.y + r.height <= viewport.height - 4) return r;
    // over the left panel (KPI table, departments, what-if), below the setup rows
    await page.mouse.move(30, viewport.height * 0.7);
    await page.mouse.wheel(0, r && r.y < 0 ? -120 : 120);
    await page.evaluate(() => window.peizou.frames(2));
  }
  throw new Error(`could not scroll ${name} into view`);
}

test('a what-if slider dragged with the real mouse stays on screen while the results recompute', async () => {
  const before = await waitCompare((c) => c.phase === 'done');
  assert.equal(before.whatif.active, false);
  if (!(await page.evaluate(() => window.peizou.rects()['compare.whatif.background']))) {
    await scrollTo('compare.whatif');
    await click('compare.whatif');  // opens the what-if header
  }
  const r = await scrollTo('compare.whatif.background');
  // Press on the slider's left part (≈ 0.5×) and drag right across many frames.
  const y = r.y + r.height / 2;
  const x0 = r.x + r.width * 0.25, x1 = r.x + r.width * 0.92;
  await page.mouse.move(x0, y);
  await page.evaluate(() => window.peizou.frames(2));
  await page.mouse.down();
  await page.evaluate(() => window.peizou.frames(2));
  const seen = [];
  const steps = 12;
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(x0 + (x1 - x0) * i / steps, y);
    await page.evaluate(() => window.peizou.frames(1));
    const [rects, c] = await page.evaluate(() => [window.peizou.rects(), window.peizou.state().compare]);
    assert.ok(rects['compare.whatif.background'], `the slider is drawn on frame ${i} of the drag`);
    assert.ok(rects['compare.kpi'], `the KPI table stays on screen on frame ${i}`);
    assert.notEqual(c.table, null, 'the previous results stay while recomputing');
    seen.push({ background: c.whatif.background, recomputing: c.whatif.recomputing, restarts: c.whatif.restarts });
  }
  await page.mouse.up();
  const values = seen.map((s) => s.background);
  for (let i = 1; i < values.length; i++) assert.ok(values[i] >= values[i - 1], `the value follows the mouse: ${values}`);
  assert.ok(values.at(-1) > 1.6, `dragged to the right: ${values}`);
  // On the worker pool (issue 17) a pass can finish between two sampled frames, so the
  // restarts counted during the drag show it too, not only a 'recomputing' seen.
  assert.ok(seen.some((s) => s.recomputing) || seen.at(-1).restarts > seen[0].restarts,
    'the run restarted while dragging (recomputing shown, or restarts counted)');
  const c = await waitCompare((c) => c.phase === 'done' && !c.whatif.recomputing);
  assert.ok(c.whatif.restarts >= 3, `each change restarted the run (${c.whatif.restarts})`);
  assert.equal(c.whatif.background, values.at(-1), 'the latest value won');
  const was = before.table.variants[1].measures.calendar_days.mean;
  const now = c.table.variants[1].measures.calendar_days.mean;
  assert.ok(now > was, `more background load takes longer (${was} → ${now})`);
  assert.deepEqual(c.table.variants[0], before.table.variants[0], 'the reference variant is untouched');
  console.log(`what-if update (drag, ${CITIZENS} citizens): ${c.whatif.ms.toFixed(1)} ms of simulation = ` +
              `Monte Carlo ${c.whatif.main_ms.toFixed(1)} ms + median citizen ${c.whatif.median_ms.toFixed(1)} ms; ` +
              `${c.whatif.wall_ms.toFixed(0)} ms from the last change until shown; ${c.whatif.restarts} restarts`);
  assert.ok(Math.abs(c.whatif.ms - c.whatif.main_ms - c.whatif.median_ms) < 1e-6, 'both passes counted');
  await page.screenshot({ path: path.join(OUTPUT, 'compare-whatif-drag.png') });
});

test('windows per department cannot go below 1 (slider or action)', async () => {
  const c0 = await compare();
  const dept = Object.keys(c0.whatif.windows).find((d) => c0.whatif.windows[d] > 0);
  assert.ok(dept, 'a department with windows');
  const r = await scrollTo(`compare.whatif.windows.${dept}`);
  // Drag the slider far past its left end.
  await page.mouse.move(r.x + r.width * 0.5, r.y + r.height / 2);
  await page.evaluate(() => window.peizou.frames(2));
  await page.mouse.down();
  await page.evaluate(() => window.peizou.frames(1));
  for (const f of [0.3, 0.1, -0.5, -2]) {
    await page.mouse.move(r.x + r.width * f, r.y + r.height / 2);
    await page.evaluate(() => window.peizou.frames(1));
  }
  await page.mouse.up();
  let c = await waitCompare((c) => c.phase === 'done' && !c.whatif.recomputing);
  assert.equal(c.whatif.windows[dept], 1, 'the slider stops at one window');
  await page.evaluate((d) => window.peizou.act('compare.whatif', { windows: { [d]: 0 } }), dept);
  c = await waitCompare((c) => c.phase === 'done' && !c.whatif.recomputing);
  assert.equal(c.whatif.windows[dept], 1, 'the action is clamped to one window too');
  assert.ok(c.table.variants[1].finished > 0, 'citizens still finish');
  await page.evaluate(() => window.peizou.act('compare.whatif', { background: 1, review: 1, rework: 1, windows: {} }));
});

test('with three variants the user picks whose attribution the waterfall shows', async () => {
  const file = 'industrial-project-start.json';
  const three = ['before', 'green_channel', 'helper_team'];
  await page.evaluate((a) => window.peizou.act('compare.run', a),
    { scenario: file, variants: three, citizens: 200, seed: SEED, shapley: true });
  let c = await waitCompare((c) => c.phase === 'done');
  const cliJson = JSON.parse(cli('compare', `scenarios/${file}`, '--variants', three.join(','), '--citizens', '200',
    '--seed', String(SEED), '--json', '--shapley'));
  assert.deepEqual(c.shapley, cliJson.shapley);
  await page.evaluate(() => window.peizou.act('compare.chart', { name: 'waterfall' }));
  c = await compare();
  assert.equal(c.waterfall.variant, 'green_channel', 'the first after variant by default');
  await page.evaluate(() => window.peizou.frames(2));
  assert.ok((await page.evaluate(() => window.peizou.rects()))['compare.waterfall.variant'], 'the variant chooser is shown');
  await page.evaluate(() => window.peizou.act('compare.chart', { name: 'waterfall', variant: 'helper_team' }));
  c = await compare();
  assert.equal(c.waterfall.variant, 'helper_team');
  // The failed subsets listed are exactly the CLI's, each with its reason.
  const failed = cliJson.shapley.helper_team.failed_subsets || [];
  assert.equal(c.waterfall.failed.length, failed.length);
  for (const f of c.waterfall.failed) assert.ok(f.reason.length > 0, 'a reason for every failed subset');
  await page.evaluate(() => window.peizou.frames(3));
  const rects = await page.evaluate(() => window.peizou.rects());
  const chart = rects['compare.chart'], cap = rects['compare.waterfall.caption'];
  assert.ok(cap.y + cap.height <= chart.y + chart.height + 0.5 && cap.x + cap.width <= chart.x + chart.width + 0.5,
    'caption and failed list inside the chart');
  await page.screenshot({ path: path.join(OUTPUT, 'compare-waterfall-three.png') });
  console.log(`three variants: helper_team attribution shown, ${failed.length} failed subsets listed`);
});

test('a lever naming the window an earlier lever creates: the subsets that cannot apply are listed', async () => {
  // Opened as a user file, the way a designer brings their own scenario.
  const fixture = 'tests/fixtures/two-stage-window.json';
  const name = path.basename(fixture);
  await page.evaluate((a) => window.peizou.act('files.open', a), { name, text: fs.readFileSync(path.join(ROOT, fixture), 'utf8') });
  await page.evaluate((a) => window.peizou.act('compare.run', a),
    { scenario: `user/scenarios/${name}`, variants: ['before', 'after'], citizens: 200, seed: SEED, shapley: true });
  let c = await waitCompare((c) => c.phase === 'done');
  const cliJson = JSON.parse(cli('compare', fixture, '--variants', 'before,after', '--citizens', '200',
    '--seed', String(SEED), '--json', '--shapley'));
  assert.deepEqual(c.shapley, cliJson.shapley, 'the attribution equals `peizou compare --shapley`');
  assert.equal(cliJson.shapley.after.failed_subsets.length, 2);
  await page.evaluate(() => window.peizou.act('compare.chart', { name: 'waterfall' }));
  c = await compare();
  // {2} and {2,3}: lever 2 merges 人社 into the window lever 1 creates.
  assert.deepEqual(c.waterfall.failed.map((f) => [f.mask, f.failed_lever]), [[0b010, 2], [0b110, 2]]);
  for (const f of c.waterfall.failed) assert.match(f.reason, /comprehensive/);
  await page.evaluate(() => window.peizou.frames(3));
  const rects = await page.evaluate(() => window.peizou.rects());
  const chart = rects['compare.chart'], cap = rects['compare.waterfall.caption'];
  assert.ok(cap && cap.height > 0, 'the caption and failed-subset lines are drawn');
  assert.ok(cap.y + cap.height <= chart.y + chart.height + 0.5 && cap.x + cap.width <= chart.x + chart.width + 0.5,
    'caption and failed list inside the chart');
  await page.screenshot({ path: path.join(OUTPUT, 'compare-waterfall-failed-subsets.png') });
});

test('the cancel button, clicked for real, stops a large run; the UI stays responsive', async () => {
  await page.evaluate((a) => window.peizou.act('compare.run', a),
    { scenario: SCENARIO, variants: VARIANTS, citizens: 50000, seed: SEED, shapley: true });
  let c = await waitCompare((c) => c.phase === 'running' && c.progress > 0 && c.frames.count >= 5);
  // Frame times show while the run goes on, not only after it.
  await page.evaluate(() => window.peizou.frames(1));
  assert.ok((await page.evaluate(() => window.peizou.rects()))['compare.frames'], 'frame times on screen during the run');
  assert.ok(c.frames.mean_ms > 0);
  console.log(`during a 50,000-citizen run: frame mean ${c.frames.mean_ms.toFixed(1)} ms, longest ${c.frames.max_ms.toFixed(1)} ms ` +
              `over ${c.frames.count} frames, longest work slice ${c.frames.work_max_ms.toFixed(1)} ms`);
  await page.screenshot({ path: path.join(OUTPUT, 'compare-running.png') });
  await click('compare.cancel');
  c = await waitCompare((c) => c.phase !== 'running', 60000);
  assert.equal(c.phase, 'cancelled');
  assert.ok(c.progress < 1, `stopped part-way (${c.progress})`);
  // On the worker pool (issue 17) both variant runs may have finished before the click
  // (the Shapley subsets had not): a finished pass stays shown. Without workers, no table.
  const pooled = await page.evaluate(() => (window.peizouPool ? window.peizouPool.info().tasks : 0));
  if (pooled === 0) assert.equal(c.table, null, 'no table from a run that did not finish');
  const events = c.events;
  const f0 = (await state()).frame;
  await page.evaluate(() => window.peizou.frames(5));
  c = await compare();
  assert.equal(c.events, events, 'no more simulation after the cancel');
  assert.ok((await state()).frame >= f0 + 5, 'frames keep coming');
  // The UI answers a real click: the Run button starts again.
  await page.evaluate((a) => window.peizou.act('compare.setup', a), { citizens: 100 });
  await click('compare.run');
  c = await waitCompare((c) => c.phase === 'done');
  assert.equal(c.citizens, 100);
  assert.notEqual(c.table, null);
  await page.screenshot({ path: path.join(OUTPUT, 'compare-after-cancel.png') });
});

// The scenarios added for issue 22 (all five new ones): every variant of each compared by
// the real Run button; the KPI table equals `peizou compare --json`, and each after variant
// takes fewer working days than the before.
for (const [file, variants] of [
  ['company-startup-half-day.json', ['before', 'one_window', 'half_day']],
  ['construction-permit-social-investment.json', ['before', 'four_stages', 'local_90', 'industrial_30']],
  ['company-info-change-one-thing.json', ['before', 'one_thing']],
  ['newborn-one-thing.json', ['before', 'one_thing']],
  ['catering-one-thing.json', ['before', 'one_thing']],
]) {
  test(`compare ${file}: every variant by the Run button equals peizou compare`, async () => {
    await page.evaluate((a) => window.peizou.act('compare.setup', a),
      { scenario: file, variants, citizens: 200, seed: SEED, shapley: false });
    let c = await compare();
    assert.deepEqual(c.variants, variants);
    await click('compare.run');
    // (the last run's table stays until this one is done: wait for this scenario's)
    const id = file.replace(/\.json$/, '');
    c = await waitCompare((c) => c.phase === 'done' && c.table && c.table.scenario === id);
    const table = JSON.parse(cli('compare', `scenarios/${file}`, '--variants', variants.join(','),
      '--citizens', '200', '--seed', String(SEED), '--json'));
    assert.deepEqual(c.table, table, 'the KPI table equals `peizou compare --json`');
    const days = c.table.variants.map((v) => v.measures.working_days.mean);
    for (let i = 1; i < days.length; i++) assert.ok(days[i] < days[0], `${variants[i]}: ${days[i]} < ${days[0]}`);
    await page.evaluate(() => window.peizou.frames(3));
    await page.screenshot({ path: path.join(OUTPUT, `compare-${file.replace(/\.json$/, '')}.png`) });
  });
}

test('no request went to another origin (issue 7)', () => assertSameOrigin(browser, server.url));
