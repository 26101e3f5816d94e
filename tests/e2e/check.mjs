// Loads the built page once in headless Chromium and prints what it saw.
// Used by `scripts/run --check` (and to take docs/screenshot.png):
//   node tests/e2e/check.mjs [--screenshot FILE] [--select FILE.json] [--language en]
// Serves build/web itself on a free port and stops everything before exiting.
import path from 'node:path';
import { serve } from './serve.mjs';
import { openBrowser, waitReady, OUTPUT } from './browser.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const shot = path.resolve(arg('--screenshot', path.join(OUTPUT, 'check.png')));

const server = await serve();
const browser = await openBrowser();
const { page } = browser;
let failed = false;
try {
  console.log(`check: serving ${server.url}`);
  await page.goto(server.url);
  await waitReady(page);
  const timing = await page.evaluate(() => window.peizou.timing);
  if (arg('--language')) await page.evaluate((language) => window.peizou.act('language', { language }), arg('--language'));
  let s = await page.evaluate(() => window.peizou.state());
  const file = arg('--select', s.library.files[0]?.file);
  if (file) {
    // A real click on the entry, as a user would.
    const r = (await page.evaluate(() => window.peizou.rects()))[`library.item.${file}`];
    const p = { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    await page.mouse.move(p.x, p.y);
    await page.evaluate(() => window.peizou.frames(2));
    await page.mouse.click(p.x, p.y);
    await page.waitForFunction((f) => window.peizou.state().selection === f, file, { timeout: 60000 });
    await page.evaluate(() => window.peizou.frames(3));
    s = await page.evaluate(() => window.peizou.state());
  }
  await page.screenshot({ path: shot });
  console.log(`check: page title: ${await page.title()}`);
  console.log(`check: first frame after ${Math.round(timing.firstFrameMs)} ms`);
  console.log(`check: screen ${s.screen}, language ${s.language}, scale ${s.scale}`);
  console.log(`check: library: ${s.library.files.length} scenarios`);
  for (const f of s.library.files) console.log(`check:   ${f.ok ? 'ok    ' : 'FAILED'} ${f.file}  ${f.title}`);
  if (s.library.panel) {
    console.log(`check: selected ${s.library.panel.file}: ${s.library.panel.title}`);
    console.log(`check:   ${s.library.panel.summary.slice(0, 80)}…`);
    console.log(`check:   ${s.library.panel.sources.length} sources`);
  }
  console.log(`check: font atlas ${s.fonts.glyphs} glyphs, missing: ${s.fonts.missing ? JSON.stringify(s.fonts.missing) : 'none'}`);
  console.log(`check: screenshot ${shot}`);
  if (browser.errors.length) {
    failed = true;
    for (const e of browser.errors) console.log(`check: ERROR ${e}`);
  }
  if (s.fonts.missing) failed = true;
} catch (e) {
  failed = true;
  console.log(`check: FAILED ${e.message}`);
} finally {
  await browser.close();
  await server.close();
}
console.log(failed ? 'check: FAILED' : 'check: ok');
process.exit(failed ? 1 : 0);
