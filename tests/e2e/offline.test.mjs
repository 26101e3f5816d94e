// Offline delivery (issue 7) in real Chromium:
//  - dist/peizou.html opened from file:// with every network route aborted: starts,
//    draws the Library, takes a real click, walks a scenario to its debrief, downloads
//    its 问题清单, runs a small comparison and downloads it, loads the large font from
//    its inline chunk; prints its size and time to first frame;
//  - the served page with its service worker: load, STOP the static server process by
//    its pid, reload, and it still starts and lists the Library;
//  - a new build served in place of the old: its worker takes over, the old cache is
//    deleted and the changed file is served;
//  - every request of every run stays on the page's own origin (none for file://).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { ROOT, WEB_DIR, serve } from './serve.mjs';
import { openBrowser, waitReady, OUTPUT, assertSameOrigin } from './browser.mjs';

const DIST = path.join(ROOT, process.env.PEIZOU_DIST || 'dist/peizou.html');
const SCENARIO = 'company-deregistration.json';
const open = [];
after(async () => { for (const b of open) await b.close(); });

const center = (r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });

// A character the small font lacks and the large one has: needs the lazy chunk.
function rareCharacter() {
  const small = new Set(fs.readFileSync(path.join(WEB_DIR, 'fonts/ui.otf.chars.txt'), 'utf8'));
  for (const c of fs.readFileSync(path.join(WEB_DIR, 'fonts/large.otf.chars.txt'), 'utf8')) {
    if (c.codePointAt(0) > 0x4e00 && !small.has(c)) return c;
  }
  throw new Error('no character only in the large font');
}

// A purposeful walker: a step whose papers are all in hand; else wait or go home.
function pickStep(w) {
  const have = new Set([...w.held, ...w.submitted]);
  const opts = w.decision.options;
  let i = opts.findIndex((o) => o.needs && o.needs.every((m) => have.has(m)));
  if (i < 0) i = opts.findIndex((o) => o.id === 'wait');
  if (i < 0) i = opts.findIndex((o) => o.id === 'home');
  return i < 0 ? 0 : i;
}

// Walks through the test API to the debrief; returns the number of decisions made.
async function walkToDebrief(page) {
  const act = (name, args) => page.evaluate(([n, a]) => window.peizou.act(n, a), [name, args]);
  for (let i = 0; i < 300; i++) {
    const w = await page.evaluate(() => window.peizou.state().walkthrough);
    if (w.finished || w.phase === 'debrief') return w.choices;
    const d = w.decision;
    if (!d || w.animating) {
      await act('walkthrough.skip', {});
    } else if (d.kind === 'handover') {
      await act('walkthrough.choose', { materials: d.needed });
    } else if (d.kind === 'next_step') {
      await act('walkthrough.choose', { option: pickStep(w) });
    } else if (d.kind === 'channel') {
      await act('walkthrough.choose', { option: Math.max(0, d.options.findIndex((o) => o.id === 'in_person')) });
    } else {
      await act('walkthrough.choose', { option: 0 });
    }
  }
  throw new Error('the walk did not finish');
}

test('dist/peizou.html: one file from file://, no network, walks to a debrief', async () => {
  assert.ok(fs.existsSync(DIST), `${DIST} is built (scripts/run --dist)`);
  const html = fs.readFileSync(DIST);
  const text = html.toString('utf8');
  // Strict CSP: inline code allowed by hash only.
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(text)[1];
  assert.match(csp, /script-src 'sha256-[^']+'/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  assert.doesNotMatch(text, /<script[^>]* src=/, 'no external script');

  const browser = await openBrowser();
  open.push(browser);
  const { context, page } = browser;
  const aborted = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    aborted.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(DIST).href);
  await waitReady(page);
  const firstFrameMs = await page.evaluate(() => window.peizou.timing.firstFrameMs);
  const s = await page.evaluate(() => window.peizou.state());
  assert.equal(s.screen, 'library');
  assert.ok(s.library.files.filter((f) => !f.user).length >= 3, 'the built-in scenarios are listed');
  assert.ok(s.library.files.every((f) => f.user || f.ok), 'every built-in scenario loads');

  // A real click on a Library entry.
  await page.evaluate(() => window.peizou.frames(2));
  const r = (await page.evaluate(() => window.peizou.rects()))[`library.item.${SCENARIO}`];
  assert.ok(r, 'the entry is on screen');
  await page.mouse.move(center(r).x, center(r).y);
  await page.evaluate(() => window.peizou.frames(2));
  await page.mouse.click(center(r).x, center(r).y);
  await page.waitForFunction((f) => window.peizou.state().selection === f, SCENARIO, { timeout: 30000 });
  await page.screenshot({ path: path.join(OUTPUT, 'offline-file-library.png') });

  // A short walk, start to debrief.
  await page.evaluate((f) => window.peizou.act('walkthrough.start', { file: f, variant: 'after' }), SCENARIO);
  const choices = await walkToDebrief(page);
  const w = await page.evaluate(() => window.peizou.state().walkthrough);
  assert.ok(w.finished, 'the walk finished');
  assert.equal(w.result.finished, 1);
  await page.evaluate(() => window.peizou.frames(2));
  await page.screenshot({ path: path.join(OUTPUT, 'offline-file-debrief.png') });

  // The large font comes from its inline chunk (no fetch from file://).
  const rare = rareCharacter();
  await page.evaluate((t) => window.peizou.act('show_text', { text: t }), rare);
  await page.waitForFunction(() => ['loaded', 'failed'].includes(window.peizou.state().fonts.large), null,
    { timeout: 30000 });
  assert.equal((await page.evaluate(() => window.peizou.state().fonts)).large, 'loaded');
  assert.equal((await page.evaluate((t) => window.peizou.act('glyphs_missing', { text: t }), rare)).missing, '');

  // Downloads work from file:// too: the 问题清单 by its real button, then the scenario.
  const problems = await page.evaluate(() => window.peizou.act('walkthrough.problems', {}));
  assert.match(problems.markdown, /^# 问题清单：/);
  assert.match(problems.csv, /^#,/);
  const rmd = (await page.evaluate(() => window.peizou.rects()))['walkthrough.export.md'];
  assert.ok(rmd, 'the 问题清单 button is on screen');
  await page.mouse.move(center(rmd).x, center(rmd).y);
  await page.evaluate(() => window.peizou.frames(2));
  const [md] = await Promise.all([page.waitForEvent('download'), page.mouse.click(center(rmd).x, center(rmd).y)]);
  assert.match(md.suggestedFilename(), /-problems\.md$/);
  assert.equal(fs.readFileSync(await md.path(), 'utf8'), problems.markdown);
  const download = page.waitForEvent('download');
  await page.evaluate((f) => window.peizou.act('files.download', { file: f }), SCENARIO);
  assert.equal((await download).suggestedFilename(), SCENARIO);

  // A small comparison (100 citizens) runs to the end, and its table downloads.
  await page.evaluate(() => window.peizou.act('screen', { name: 'compare' }));
  await page.evaluate((f) => window.peizou.act('compare.run',
    { scenario: f, variants: ['before', 'one_thing'], citizens: 100, seed: 7, shapley: false }), SCENARIO);
  await page.waitForFunction(() => window.peizou.state().compare.phase === 'done', null, { timeout: 120000 });
  const c = (await page.evaluate(() => window.peizou.state())).compare;
  assert.ok(c.table, 'the KPI table is there');
  assert.ok(c.events > 0);
  const [csv] = await Promise.all([page.waitForEvent('download'),
    page.evaluate(() => window.peizou.act('compare.export', { format: 'csv' }))]);
  assert.match(csv.suggestedFilename(), /\.csv$/);
  const csvText = fs.readFileSync(await csv.path(), 'utf8');
  assert.ok(csvText.split('\n').length > 3, `a comparison table: ${csvText.slice(0, 200)}`);

  assert.deepEqual(aborted, [], 'no request left the file');
  assertSameOrigin(browser, pathToFileURL(DIST).href);
  assert.deepEqual(browser.errors, []);
  const gz = zlib.gzipSync(html, { level: 9 }).length;
  console.log(`figures: dist/peizou.html ${(html.length / 1048576).toFixed(2)} MB raw, ` +
    `${(gz / 1048576).toFixed(2)} MB gzip; first frame from file:// ${firstFrameMs.toFixed(0)} ms; ` +
    `walk of ${choices} decisions to the debrief`);
});

// The static server in its own process, so the test can stop it by pid.
function startServer() {
  const child = spawn(process.execPath, [path.join(ROOT, 'tests/e2e/serve.mjs'), '--port', '0', '--root', WEB_DIR],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = / at (http:\/\/[^\s]+)/.exec(out);
      if (m) resolve({ child, url: m[1] });
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
  });
}

test('served: the service worker keeps the page working after the server is stopped', async () => {
  const { child, url } = await startServer();
  const browser = await openBrowser();
  open.push(browser);
  const { page } = browser;
  try {
    await page.goto(url);
    await waitReady(page);
    // Installed (every file cached) and controlling this page.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60000 });
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const cache = await caches.open(names.find((n) => n.startsWith('peizou-')));
      return { names, files: (await cache.keys()).map((r) => new URL(r.url).pathname) };
    });
    assert.equal(cached.names.filter((n) => n.startsWith('peizou-')).length, 1, 'one versioned cache');
    for (const f of ['/index.html', '/peizou_web.wasm', '/peizou_web.js', '/fonts/large.otf'])
      assert.ok(cached.files.includes(f), `${f} is cached`);
  } finally {
    // Stop the server process itself (Playwright's offline mode would not cover the
    // service worker's own fetches).
    const exited = new Promise((done) => child.once('exit', done));
    process.kill(child.pid, 'SIGTERM');
    await exited;
  }
  await assert.rejects(fetch(url), 'the server is really gone');

  await page.reload();
  await waitReady(page);
  const s = await page.evaluate(() => window.peizou.state());
  assert.ok(s.frame >= 1);
  assert.equal(s.screen, 'library');
  assert.ok(s.library.files.length >= 3, 'the Library is listed offline');
  // The lazily fetched font also comes from the cache.
  await page.evaluate((t) => window.peizou.act('show_text', { text: t }), rareCharacter());
  await page.waitForFunction(() => ['loaded', 'failed'].includes(window.peizou.state().fonts.large), null,
    { timeout: 30000 });
  assert.equal((await page.evaluate(() => window.peizou.state().fonts)).large, 'loaded');
  await page.screenshot({ path: path.join(OUTPUT, 'offline-served-after-stop.png') });

  assertSameOrigin(browser, url);
  assert.deepEqual(browser.errors.filter((e) => !/service worker|Failed to load resource/.test(e)), []);
  console.log(`figures: served page, ${browser.requests.length} requests recorded, all to ${new URL(url).origin}`);
});

// The build hash the worker of `dir` caches under (scripts/dist.mjs writes it into sw.js).
const buildOf = (dir) => /const BUILD = '([0-9a-f]+)'/.exec(fs.readFileSync(path.join(dir, 'sw.js'), 'utf8'))[1];

test('served: a new build replaces the old cache cleanly', async () => {
  // Build A: a copy of build/web, served from a folder the test may change.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peizou-build-'));
  fs.cpSync(WEB_DIR, dir, { recursive: true });
  const dist = (out) => execFileSync(process.execPath, [path.join(ROOT, 'scripts/dist.mjs'), '--web', dir, '--out', out]);
  dist(path.join(dir, 'peizou-a.html'));
  const a = buildOf(dir);
  const server = await serve({ root: dir });
  const browser = await openBrowser();
  open.push(browser);
  const { page } = browser;
  const cacheNames = () => page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('peizou-')));
  try {
    await page.goto(server.url);
    await waitReady(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60000 });
    assert.deepEqual(await cacheNames(), [`peizou-${a}`]);

    // Build B: one file changed, the worker rewritten with the new hash.
    const marker = `/* build B ${Date.now()} */`;
    fs.appendFileSync(path.join(dir, 'web/peizou.css'), `\n${marker}\n`);
    dist(path.join(dir, 'peizou-b.html'));
    const b = buildOf(dir);
    assert.notEqual(b, a, 'a changed file is a new build');

    // The page asks for a newer worker as it loads (web/loader.js), and the test repeats
    // that check after each reload (Chromium skips some); B installs, activates, deletes
    // A's cache and takes over. Reload until it controls the page.
    let names;
    for (let i = 0; i < 10; i++) {
      await page.reload();
      await waitReady(page);
      await page.evaluate(async () => {
        const r = await navigator.serviceWorker.ready;
        await r.update().catch(() => {});
      });
      names = await cacheNames();
      const controlling = await page.evaluate(async () => {
        const r = await navigator.serviceWorker.getRegistration();
        return Boolean(navigator.serviceWorker.controller && r && r.active && !r.installing && !r.waiting);
      });
      if (controlling && names.length === 1 && names[0] === `peizou-${b}`) break;
    }
    assert.deepEqual(names, [`peizou-${b}`], 'only the new build\'s cache is left');
    // The changed file is served (from the new cache), and the page works.
    const css = await page.evaluate(() => fetch('web/peizou.css').then((r) => r.text()));
    assert.ok(css.includes(marker), 'the new file is served');
    const fromCache = await page.evaluate(async (name) => {
      const hit = await (await caches.open(name)).match('web/peizou.css', { ignoreSearch: true });
      return hit ? hit.text() : '';
    }, `peizou-${b}`);
    assert.ok(fromCache.includes(marker), 'the new cache holds the new file');
    assert.equal((await page.evaluate(() => window.peizou.state())).screen, 'library');
    assertSameOrigin(browser, server.url);
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
