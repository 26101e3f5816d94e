// Launches Debian's Chromium (never a downloaded browser) headless, WebGL through
// SwiftShader, with a fresh profile; collects console and page errors.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.PEIZOU_CHROMIUM || '/usr/bin/chromium';
export const FLAGS = [
  '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--use-gl=angle', '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

// Resolves to {context, page, errors, close()}.
// contextOptions: more Playwright context options (hasTouch, deviceScaleFactor, ...).
export async function openBrowser({ extraFlags = [], viewport = { width: 1280, height: 720 }, contextOptions = {} } = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'peizou-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...FLAGS, ...extraFlags],
    viewport,
    deviceScaleFactor: 1,
    ...contextOptions,
  });
  const page = context.pages()[0] || (await context.newPage());
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Waits for the app's first frame; fails fast (with the panel text) if it could not start.
export async function waitReady(page, timeout = 180000) {
  await page.waitForFunction(() => window.peizou && (window.peizou.error || window.peizou.timing.firstFrameMs),
    null, { timeout });
  const error = await page.evaluate(() => window.peizou.error);
  if (error) throw new Error(`the page did not start: ${error.en}`);
}

export const OUTPUT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../test-output');
fs.mkdirSync(OUTPUT, { recursive: true });
