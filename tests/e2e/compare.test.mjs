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
import { serve, ROOT } from './serve.mjs';
import { openBrowser, waitReady, OUTPUT, assertSameOrigin } from './browser.mjs';
import { decodePng, pixelStats } from './png.mjs';

const SCENARIO = 'company-deregistration.json';
const VARIANTS = ['before', 'one_thing'];
const CITIZENS = 1000;
const SEED = 42;
const NATIVE = path.join(ROOT, process.env.PEIZOU_NATIVE || 'build/native');

let server;
let browser;
let page;

const center = (r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });
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
async function click(name) {
  await page.evaluate(() => window.peizou.frames(1));
  const r = (await page.evaluate(() => window.peizou.rects()))[name];
  assert.ok(r && r.width > 0 && r.height > 0, `no rectangle for ${name}`);
  const p = center(r);
  await page.mouse.move(p.x, p.y);
  await page.evaluate(() => window.peizou.frames(1));
  await page.mouse.down();
  await page.evaluate(() => window.peizou.frames(1));
  await page.mouse.up();
  await page.evaluate(() => window.peizou.frames(1));
}

function cli(...args) {
  return execFileSync(path.join(NATIVE, 'peizou'), args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

async function download(name) {
  const [d] = await Promise.all([page.waitForEvent('download'), click(name)]);
  const file = path.join(OUTPUT, `compare-${d.suggestedFilename()}`);
  await d.saveAs(file);
  return { file, name: d.suggestedFilename(), bytes: fs.readFileSync(file) };
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
  const xes = (await download('compare.export.xes')).bytes.toString('utf8');
  assert.ok(xes.startsWith('<?xml version="1.0" encoding="UTF-8"?>'));
  assert.ok(xes.includes('<log xes.version="1.0"'));
  const traces = (xes.match(/<trace>/g) || []).length;
  assert.equal(traces, CITIZENS * VARIANTS.length, 'one trace per citizen and variant');
  assert.ok(xes.includes('<string key="concept:name" value="before-0"/>'));
  assert.ok(xes.includes('<string key="concept:name" value="one_thing-0"/>'));
});

test('the waterfall PNG download is a real chart image', async () => {
  await click('compare.chart.waterfall');
  await page.waitForFunction(() => window.peizou.state().compare.chart === 'waterfall', null, { timeout: 30000 });
  await page.evaluate(() => window.peizou.frames(3));
  await page.screenshot({ path: path.join(OUTPUT, 'compare-waterfall.png') });
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

test('no request went to another origin (issue 7)', () => assertSameOrigin(browser, server.url));
