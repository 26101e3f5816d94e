// Launches Debian's Chromium (never a downloaded browser) headless, WebGL through
// SwiftShader, with a fresh profile (or a kept one, for a browser restart); collects
// console and page errors and every request of the context, service workers included.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';

export const CHROMIUM = process.env.PEIZOU_CHROMIUM || '/usr/bin/chromium';
export const FLAGS = [
  '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-gl=angle', '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

// Service workers' own fetches are reported as context requests too (Playwright 1.65
// does so by default; older versions need this variable, read at launch).
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

// A profile folder for openBrowser({profile}) that outlives one browser (a restart);
// the caller removes it.
export function newProfile() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'peizou-chromium-'));
}

// Resolves to {context, page, errors, requests, close()}; requests: every URL asked for.
// contextOptions: more Playwright context options (hasTouch, deviceScaleFactor, ...).
// profile: a folder from newProfile(), kept on close (default: a fresh one, removed).
export async function openBrowser({ extraFlags = [], viewport = { width: 1280, height: 720 }, contextOptions = {},
  profile: kept = null } = {}) {
  const profile = kept || newProfile();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...FLAGS, ...extraFlags],
    viewport,
    deviceScaleFactor: 1,
    ...contextOptions,
  });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = context.pages()[0] || (await context.newPage());
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return {
    context,
    page,
    errors,
    requests,
    async close() {
      await context.close();
      if (!kept) fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// The requests that went to another origin than `pageUrl`'s (for a file:// page: any
// that is not file:); data: and blob: URLs stay in the page.
export function foreignRequests(browser, pageUrl) {
  const own = new URL(pageUrl);
  return browser.requests.filter((u) => {
    if (/^(data|blob):/.test(u)) return false;
    const url = new URL(u);
    return own.protocol === 'file:' ? url.protocol !== 'file:' : url.origin !== own.origin;
  });
}

// "No request to another origin, ever" (issue 7); call at the end of every e2e file.
export function assertSameOrigin(browser, pageUrl) {
  assert.deepEqual(foreignRequests(browser, pageUrl), [], `requests to another origin than ${pageUrl}`);
  assert.ok(browser.requests.length > 0, 'requests were recorded');
}

export const center = (r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 });

// A click on the test rectangle `name` as a hand makes it: move there, then press and
// release on later frames (ImGui 1.86 reads the mouse once per frame; tabs need the
// hover of the previous frame). Fails when the rectangle is not drawn.
export async function clickRect(page, name) {
  const frame = () => page.evaluate(() => window.peizou.frames(1));
  await frame();
  const r = (await page.evaluate(() => window.peizou.rects()))[name];
  assert.ok(r && r.width > 0 && r.height > 0, `no rectangle for ${name}`);
  const p = center(r);
  await page.mouse.move(p.x, p.y);
  await frame();
  await page.mouse.down();
  await frame();
  await page.mouse.up();
  await frame();
}

// Waits for the app's first frame; fails fast (with the panel text) if it could not start.
export async function waitReady(page, timeout = 180000) {
  await page.waitForFunction(() => window.peizou && (window.peizou.error || window.peizou.timing.firstFrameMs),
    null, { timeout });
  const error = await page.evaluate(() => window.peizou.error);
  if (error) throw new Error(`the page did not start: ${error.en}`);
}

// The page-open boilerplate of every e2e file: serves build/web (or opens `url`, or uses a
// `server` the caller keeps), opens it in a fresh browser (openBrowser options: console
// and page errors collected in browser.errors) and waits for the first frame. Resolves to
// {server, browser, page, close()}; close() closes the browser, then the server it started.
export async function openPage({ url = null, server: given = null, ...options } = {}) {
  const server = given || (url ? null : await serve());
  const browser = await openBrowser(options);
  await browser.page.goto(url || server.url);
  await waitReady(browser.page);
  return {
    server, browser, page: browser.page,
    async close() {
      await browser.close();
      if (server && !given) await server.close();
    },
  };
}

export const OUTPUT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../test-output');
fs.mkdirSync(OUTPUT, { recursive: true });

// ---------------------------------------------------------------- walking by the test API
// For tests that need a walk to be somewhere (not how it got there): the clock skipped,
// decisions answered by a purposeful citizen.

// Lets the clock run (walkthrough.skip) until a decision waits or the walk ends; returns
// the walkthrough state.
export async function untilDecision(page) {
  for (let i = 0; i < 100; i++) {
    const w = await page.evaluate(() => window.peizou.state().walkthrough);
    if (w.phase === 'debrief' || (w.decision && !w.animating)) return w;
    if (w.animating) await page.evaluate(() => window.peizou.act('walkthrough.skip', {}));
    await page.evaluate(() => window.peizou.frames(1));
  }
  throw new Error('the walk never reached a decision');
}

// Answers the decision of walkthrough state `w` as a purposeful citizen: at a window,
// every needed paper in hand ticked; else a step whose papers are all in hand, else
// wait, else go home.
export async function answer(page, w) {
  const d = w.decision;
  const act = (a) => page.evaluate((x) => window.peizou.act('walkthrough.choose', x), a);
  if (d.kind === 'handover') {
    const held = new Set(w.held);
    return act({ materials: d.needed.filter((m) => held.has(m)) });
  }
  const have = new Set([...w.held, ...w.submitted]);
  let i = d.options.findIndex((o) => o.needs && o.needs.every((m) => have.has(m)));
  if (i < 0) i = d.options.findIndex((o) => o.id === 'wait');
  if (i < 0) i = d.options.findIndex((o) => o.id === 'home');
  return act({ option: Math.max(i, 0) });
}

// Walks on to the debrief; returns the walkthrough state there.
export async function walkToEnd(page) {
  for (let i = 0; i < 300; i++) {
    const w = await untilDecision(page);
    if (w.phase === 'debrief') return w;
    await answer(page, w);
  }
  throw new Error('the walk did not end in 300 decisions');
}
