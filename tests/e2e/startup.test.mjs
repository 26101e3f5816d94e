// Where the time to the first frame goes (issue 17), in a file of its own: node --test runs
// the e2e files one after the other, so no other browser (page.test.mjs keeps one open,
// drawing 60 frames a second) competes for the CPU while these loads are timed. Named to
// run after page.test.mjs, which starts test-output/e2e-figures.txt anew.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve, ROOT } from './serve.mjs';
import { openBrowser, waitReady, OUTPUT } from './browser.mjs';

let server;
before(async () => { server = await serve(); });
after(async () => server?.close());

// Where the time to the first frame goes (issue 17): the page's own marks
// (window.peizou.timing, set by web/loader.js and the platform's mark()), median of 5
// fresh loads (a new browser profile each), served and from file:// (dist/peizou.html,
// when built). A figure, not a bar: nothing here fails on time. With
// PEIZOU_WEB_BEFORE (another build's page folder) and/or PEIZOU_DIST_BEFORE (its
// peizou.html), the loads of the two builds alternate and both medians print.
test('figures: first-frame breakdown, median of 5 fresh loads, served and file://', async () => {
  const steps = [
    ['HTML + loader.js', (t) => t.startMs],
    ['wasm download / inline decode', (t) => t.wasmBytesMs - t.startMs],
    ['wasm compile + instantiate', (t) => t.instantiatedMs - t.wasmBytesMs],
    ['runtime start (IndexedDB sync) to main()', (t) => t.mainMs - t.instantiatedMs],
    ['main(): SDL, GL context, ImGui', (t) => t.glMs - t.mainMs],
    ['app init: UI font read, the strings\' characters', (t) => t.fontsInitMs - t.glMs],
    ['app init: built-in scenarios (index, or parse before)', (t) => t.libraryMs - t.fontsInitMs],
    ['app init: settings and my files', (t) => t.appInitMs - t.libraryMs],
    ['to the first frame + font atlas and GL objects', (t) => t.atlasMs - t.appInitMs],
    ['first layout (ImGui frame)', (t) => t.layoutMs - t.atlasMs],
    ['render + present', (t) => t.firstFrameMs - t.layoutMs],
    ['navigation to first frame', (t) => t.firstFrameMs],
    ['after it: built-in scenarios parsed (first frame → parsed)', (t) => (t.libraryParsedMs ? t.libraryParsedMs - t.firstFrameMs : NaN)],
  ];
  const median = (xs) => { const a = [...xs].sort((x, y) => x - y); return a[Math.floor(a.length / 2)]; };
  const dist = path.join(ROOT, process.env.PEIZOU_DIST || 'dist/peizou.html');
  const targets = [['served', server.url]];
  let beforeServer = null;
  if (process.env.PEIZOU_WEB_BEFORE) {
    beforeServer = await serve({ root: path.resolve(ROOT, process.env.PEIZOU_WEB_BEFORE) });
    targets.push(['served, before', beforeServer.url]);
  }
  if (fs.existsSync(dist)) targets.push(['file://', pathToFileURL(dist).href]);
  if (process.env.PEIZOU_DIST_BEFORE) targets.push(['file://, before', pathToFileURL(path.resolve(ROOT, process.env.PEIZOU_DIST_BEFORE)).href]);
  const loads = new Map(targets.map(([name]) => [name, []]));
  const lines = [`load average at the start: ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`];
  try {
    for (let i = 0; i < 5; ++i) {
      for (const [name, url] of targets) {  // the builds take turns
        const b = await openBrowser();
        try {
          await b.page.goto(url);
          await waitReady(b.page);
          // The built-in scenarios are parsed in the frames after the first (when this build does).
          if (!name.endsWith('before')) await b.page.waitForFunction(() => window.peizou.timing.libraryParsedMs, null, { timeout: 60000 });
          loads.get(name).push(await b.page.evaluate(() => ({ ...window.peizou.timing })));
          assert.deepEqual(b.errors, []);
        } finally {
          await b.close();
        }
      }
    }
  } finally {
    await beforeServer?.close();
  }
  for (const [name] of targets) {
    const runs = loads.get(name);
    for (const t of runs) for (const k of ['startMs', 'wasmBytesMs', 'instantiatedMs', 'mainMs', 'glMs', 'fontsInitMs', 'libraryMs', 'appInitMs', 'atlasMs', 'layoutMs', 'firstFrameMs'])
      assert.ok(Number.isFinite(t[k]), `${name}: timing.${k} is set`);
    lines.push(`first frame, ${name}, median of ${runs.length} fresh loads (ms):`);
    for (const [label, f] of steps) {
      const m = median(runs.map(f));
      if (Number.isFinite(m)) lines.push(`  ${label}: ${Math.round(m)}`);
    }
  }
  lines.push(`load average at the end: ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`);
  if (!fs.existsSync(dist)) lines.push(`first frame, file://: skipped, ${dist} not built (scripts/run --dist)`);
  console.log(lines.map((l) => `# figure ${l}`).join('\n'));
  fs.appendFileSync(path.join(OUTPUT, 'e2e-figures.txt'), `${lines.join('\n')}\n`);
});
