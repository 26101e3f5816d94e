// Helpers of the import e2e files (import.test.mjs, import-parse.test.mjs).
import fs from 'node:fs';
import path from 'node:path';
import { OUTPUT } from './browser.mjs';

// Waits, frame by frame, until fn(state) holds; returns that state. On timeout the last
// state is written to test-output/<dump>.
export async function until(page, fn, what, { timeout = 120000, dump = 'import-timeout.json' } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const s = await page.evaluate(() => window.peizou.state());
    if (fn(s)) return s;
    if (Date.now() > end) {
      fs.writeFileSync(path.join(OUTPUT, dump), JSON.stringify(s, null, 1));
      throw new Error(`timed out waiting for ${what} (state in test-output/${dump})`);
    }
    await page.evaluate(() => window.peizou.frames(2));
  }
}

// Drops a file on the canvas: the page's own drop handler (web/files.js) takes it, as a
// DataTransfer with a File from the desktop.
export async function drop(page, name, bytes) {
  await page.evaluate(([n, b]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(b)], n));
    const canvas = document.getElementById('canvas');
    canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, [...bytes]]);
}

// Drops several files at once (one DataTransfer, as a hand dragging a selection): `files`
// is [[name, bytes], …].
export async function dropMany(page, files) {
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const [n, b] of list) dt.items.add(new File([new Uint8Array(b)], n));
    const canvas = document.getElementById('canvas');
    canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files.map(([n, b]) => [n, [...b]]));
}
