// The worker pool in the page (issue 17, web/pool.js): each worker instantiates the page's
// own compiled module (no other wasm is fetched or inlined). Compare for company deregistration
// (1,000 citizens) split across Web Workers gives the KPI table of `peizou compare --json`
// and the Shapley table of `peizou compare --shapley --json`, byte for byte; with the
// pool off (the test switch ?workers=0) the same tables come from the main thread's
// slices. A comparison started right after the first frame (the workers still starting)
// runs its variants on the pool, and so does a what-if pass, whose table is the main
// thread's. Cancel stops the
// workers' runs; dist/peizou.html from file:// starts its workers under its CSP, and
// with `worker-src blob:` taken out of that CSP the page falls back to the main thread
// and says nothing alarming. Prints the time with each worker count (a figure, never a
// bar: nothing here fails on time).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, serve } from './serve.mjs';
import { openPage, OUTPUT, assertSameOrigin } from './browser.mjs';

const SCENARIO = 'company-deregistration.json';
const VARIANTS = ['before', 'one_thing'];
const CITIZENS = 1000;
const SEED = 42;
const NATIVE = path.resolve(ROOT, process.env.PEIZOU_NATIVE || 'build/native');
const DIST = path.resolve(ROOT, process.env.PEIZOU_DIST || 'dist/peizou.html');

let server;
let expected;  // the CLI's attribution
let expectedTable;  // the CLI's KPI table
const figures = [];

function cli(...args) {
  return execFileSync(path.join(NATIVE, 'peizou'), args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 1 << 28 });
}

const pool = (page) => page.evaluate(() => window.peizouPool.info());
async function poolSettled(page) {
  await page.waitForFunction(() => {
    const p = window.peizouPool.info();
    return p.state === 'off' || p.ready === p.size;
  }, null, { timeout: 120000, polling: 100 });
  return pool(page);
}

// Runs Compare (with Shapley unless told) through the test API; resolves to {ms, compare
// state, tasks the workers ran}.
async function runShapley(page, shapley = true) {
  const tasksBefore = (await pool(page)).tasks;
  const t0 = Date.now();
  await page.evaluate((a) => window.peizou.act('compare.run', a),
    { scenario: SCENARIO, variants: VARIANTS, citizens: CITIZENS, seed: SEED, shapley });
  return settle(page, tasksBefore, t0);
}

async function settle(page, tasksBefore, t0) {
  await page.waitForFunction(() => window.peizou.state().compare.phase !== 'running', null,
    { timeout: 300000, polling: 50 });
  const ms = Date.now() - t0;
  const c = (await page.evaluate(() => window.peizou.state())).compare;
  return { ms, c, tasks: (await pool(page)).tasks - tasksBefore };
}

before(async () => {
  expectedTable = JSON.parse(cli('compare', `scenarios/${SCENARIO}`, '--variants', VARIANTS.join(','),
    '--citizens', String(CITIZENS), '--seed', String(SEED), '--json'));
  expected = JSON.parse(cli('compare', `scenarios/${SCENARIO}`, '--variants', VARIANTS.join(','),
    '--citizens', String(CITIZENS), '--seed', String(SEED), '--json', '--shapley')).shapley;
  server = await serve();
});

after(async () => {
  await server?.close();
  if (figures.length) {
    console.log(figures.map((l) => `# figure ${l}`).join('\n'));
    fs.appendFileSync(path.join(OUTPUT, 'e2e-figures.txt'), `${figures.join('\n')}\n`);
  }
});

test('Compare and Shapley on the worker pool equal peizou compare, and the main thread alone does too', async () => {
  const runs = [];
  const plains = [];
  const whatifs = [];
  for (const workers of [null, 0]) {  // null: one per core (navigator.hardwareConcurrency)
    const opened = await openPage({ url: workers === null ? server.url : `${server.url}?workers=${workers}` });
    try {
      const { page, browser } = opened;
      // Started at once after the first frame: the workers may not be up yet.
      const early = await pool(page);
      const plain = await runShapley(page, false);
      assert.equal(plain.c.phase, 'done');
      assert.deepEqual(plain.c.table, expectedTable, 'the KPI table equals `peizou compare --json`');
      if (workers === null) {
        assert.equal(plain.tasks, VARIANTS.length, `every variant ran on the pool (it was ${early.state} at the start)`);
      } else {
        assert.equal(plain.tasks, 0, 'no worker ran anything');
      }
      plains.push({ workers: workers === null ? `${early.state} pool` : 'main thread only', ms: plain.ms });
      // A what-if pass is a whole run of the after variant: on a worker when there is one.
      const tasksBefore = (await pool(page)).tasks;
      await page.evaluate(() => window.peizou.act('compare.whatif', { variant: 'one_thing', background: 1.6, review: 1.5 }));
      const wi = await settle(page, tasksBefore, Date.now());
      assert.equal(wi.c.whatif.active, true);
      assert.equal(wi.tasks, workers === null ? 1 : 0, 'the what-if pass ran on a worker');
      assert.deepEqual(wi.c.table.variants[0], expectedTable.variants[0], 'the reference variant is untouched');
      assert.notDeepEqual(wi.c.table.variants[1], expectedTable.variants[1], 'the knobs changed the after variant');
      whatifs.push(wi.c.table);
      const p = await poolSettled(page);
      const cores = await page.evaluate(() => navigator.hardwareConcurrency);
      if (workers === null) {
        assert.equal(p.state, 'ready', `the pool started (${p.why})`);
        assert.equal(p.size, Math.max(1, Math.min(8, cores)), 'one worker per core, 1 … 8');
      } else {
        assert.equal(p.state, 'off');
      }
      const r = await runShapley(page);
      assert.equal(r.c.phase, 'done');
      assert.deepEqual(r.c.shapley, expected, 'the attribution equals `peizou compare --shapley --json`');
      if (workers === null) assert.ok(r.tasks > 0, 'the subsets ran on the workers');
      else assert.equal(r.tasks, 0, 'no worker ran anything');
      runs.push({ workers: workers === null ? p.size : 0, ms: r.ms, events: r.c.events });
      // The workers instantiate the page's own compiled module: no other wasm or script is fetched.
      const wasms = browser.requests.filter((u) => /\.wasm$/.test(new URL(u).pathname));
      assert.deepEqual([...new Set(wasms.map((u) => path.basename(new URL(u).pathname)))], ['peizou_web.wasm']);
      assert.ok(!browser.requests.some((u) => /peizou_worker/.test(u)), 'no separate worker module');
      assert.deepEqual(browser.errors, []);
      assertSameOrigin(browser, server.url);
    } finally {
      await opened.close();
    }
  }
  assert.equal(runs[0].events, runs[1].events, 'the same events were simulated');
  assert.deepEqual(whatifs[0], whatifs[1], 'the what-if table on a worker equals the main thread\'s');
  figures.push(`page Compare, ${SCENARIO}, ${CITIZENS} citizens, started right after load: ` +
    `${plains[0].workers} ${plains[0].ms} ms, ${plains[1].workers} ${plains[1].ms} ms ` +
    `(×${(plains[1].ms / plains[0].ms).toFixed(2)})`);
  const [pooled, single] = runs;
  figures.push(`page Compare + Shapley, ${SCENARIO}, ${CITIZENS} citizens, ${pooled.events} events: ` +
    `${pooled.workers} workers ${pooled.ms} ms, main thread only ${single.ms} ms ` +
    `(×${(single.ms / pooled.ms).toFixed(2)})`);
});

test('cancel stops the workers: nothing of the cancelled run comes back, and the next run is right', async () => {
  const opened = await openPage({ server });
  try {
    const { page, browser } = opened;
    assert.equal((await poolSettled(page)).state, 'ready');
    await page.evaluate((a) => window.peizou.act('compare.run', a),
      { scenario: SCENARIO, variants: VARIANTS, citizens: 20000, seed: SEED, shapley: true });
    await page.waitForFunction(() => window.peizouPool.info().tasks > 0 || window.peizou.state().compare.progress > 0.05,
      null, { timeout: 120000, polling: 50 });
    await page.evaluate(() => window.peizou.act('compare.cancel', {}));
    const c = (await page.evaluate(() => window.peizou.state())).compare;
    assert.equal(c.phase, 'cancelled');
    const tasks = (await pool(page)).tasks;
    // A few frames later no worker has delivered anything more: the busy ones were stopped.
    await page.evaluate(() => window.peizou.frames(20));
    assert.equal((await pool(page)).tasks, tasks, 'no task finished after the cancel');
    assert.equal((await page.evaluate(() => window.peizou.state())).compare.phase, 'cancelled');
    // The pool is whole again and the next comparison gives the CLI's numbers.
    assert.equal((await poolSettled(page)).state, 'ready');
    const r = await runShapley(page);
    assert.deepEqual(r.c.shapley, expected);
    assert.ok(r.tasks > 0);
    assert.deepEqual(browser.errors, []);
  } finally {
    await opened.close();
  }
});

test('dist/peizou.html from file:// runs its workers under its CSP, and falls back quietly without worker-src', async (t) => {
  if (!fs.existsSync(DIST)) return t.skip(`${DIST} not built`);
  const html = fs.readFileSync(DIST, 'utf8');
  assert.match(html, /worker-src blob:/);
  // One wasm in the file, the page's: the workers instantiate it too (no peizou_worker module).
  assert.deepEqual(html.match(/<script type="application\/octet-stream" id="[^"]*"/g).map((t) => /id="([^"]*)"/.exec(t)[1]),
    ['peizou-wasm', 'peizou-lazy-large.otf']);
  const strict = path.join(OUTPUT, 'peizou-no-worker-src.html');
  fs.writeFileSync(strict, html.replace('; worker-src blob:', ''));
  for (const [file, workers] of [[DIST, true], [strict, false]]) {
    const url = pathToFileURL(file).href;
    const opened = await openPage({ url });
    try {
      const { page, browser } = opened;
      const p = await poolSettled(page);
      assert.equal(p.state, workers ? 'ready' : 'off', `pool: ${JSON.stringify(p)}`);
      const r = await runShapley(page);
      assert.deepEqual(r.c.shapley, expected);
      assert.equal(r.tasks > 0, workers);
      // Nothing alarming: no error panel; the only console error is the browser's own CSP report.
      assert.equal(await page.evaluate(() => window.peizou.error), null);
      const ours = browser.errors.filter((e) => !/Content Security Policy/.test(e));
      assert.deepEqual(ours, []);
      assertSameOrigin(browser, url);
      figures.push(`file:// Compare + Shapley, ${workers ? `${p.size} workers` : 'no worker-src: main thread'}: ${r.ms} ms`);
    } finally {
      await opened.close();
    }
  }
});
