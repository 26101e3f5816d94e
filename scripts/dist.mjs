// Makes the offline deliverables from a built page directory (build/web):
//   <web>/sw.js         the service worker, versioned by a hash of every file it caches
//   dist/peizou.html    one file: wasm, data, fonts, scripts and styles inlined, for file://
// Usage: node scripts/dist.mjs [--web build/web] [--out dist/peizou.html]
// The single file's CSP allows its inline scripts and style by sha256 hash only.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const web = path.resolve(ROOT, arg('--web', 'build/web'));
const out = path.resolve(ROOT, arg('--out', 'dist/peizou.html'));
const read = (rel) => fs.readFileSync(path.join(web, rel));
const sha256 = (text) => crypto.createHash('sha256').update(text).digest('base64');

// ---------------------------------------------------------------- service worker
// Everything the served page ever requests; the worker caches all of it on install.
const CACHED = ['index.html', 'web/peizou-api.js', 'web/text_input.js', 'web/files.js', 'web/loader.js', 'web/pool.js',
  'web/peizou.css', 'web/icon.svg', 'peizou_web.js', 'peizou_web.wasm', 'fonts/large.otf'];
const version = crypto.createHash('sha256');
for (const f of CACHED) version.update(f).update(read(f));
const build = version.digest('hex').slice(0, 16);
const sw = fs.readFileSync(path.join(ROOT, 'web/sw.js'), 'utf8')
  .replace('__PEIZOU_BUILD__', build)
  .replace("['__PEIZOU_FILES__']", JSON.stringify(['./', ...CACHED]));
fs.writeFileSync(path.join(web, 'sw.js'), sw);

// ---------------------------------------------------------------- single file
let html = read('index.html').toString('utf8');
const scripts = [];  // inline script texts, in page order, for their hashes
const inlineScript = (text) => {
  if (/<\/script/i.test(text)) throw new Error('an inlined script contains </script');
  scripts.push(text);
  return `<script>${text}</script>`;
};
const replaceOnce = (pattern, replacement) => {
  if (!pattern.test(html)) throw new Error(`index.html: ${pattern} not found`);
  html = html.replace(pattern, () => replacement);
};

const css = read('web/peizou.css').toString('utf8');
replaceOnce(/<link rel="stylesheet" href="web\/peizou\.css">/, `<style>${css}</style>`);
replaceOnce(/<link rel="icon" href="web\/icon\.svg"[^>]*>/,
  `<link rel="icon" href="data:image/svg+xml;base64,${read('web/icon.svg').toString('base64')}">`);
for (const name of ['peizou-api.js', 'text_input.js', 'files.js', 'pool.js', 'loader.js']) {
  replaceOnce(new RegExp(`<script src="web/${name.replace('.', '\\.')}"></script>`),
    inlineScript(read(`web/${name}`).toString('utf8')));
}
// Data blocks (never executed, so the CSP does not apply to them), then the app itself.
// The large font is decoded only if a character needs it (loader.js: peizouLazyFile).
// The wasm (the workers instantiate the page's own module, web/pool.js) and the large
// font gzipped inside their base64 (issue 17): base64 of
// raw wasm gzips to ~1.35× the wasm's own gzip, base64 of gzip stays at ~1.0×.
// web/loader.js (peizouInlineBytes) unpacks them with the browser's DecompressionStream.
// Packed with zopfli (Debian's zopfli, scripts/setup): a gzip stream any inflater reads,
// 4% smaller than zlib's level 9 (the wasm: 982 → 938 KB, issue 17) for a few seconds here.
function gzipSmallest(bytes) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peizou-dist-'));
  const file = path.join(dir, 'blob');
  fs.writeFileSync(file, bytes);
  const z = spawnSync('zopfli', ['--i5', '-c', file], { maxBuffer: 64 << 20 });
  fs.rmSync(dir, { recursive: true, force: true });
  if (z.error || z.status !== 0) {
    throw new Error(`dist: zopfli failed (${z.error?.message || z.stderr}); run scripts/setup, which installs it`);
  }
  if (!zlib.gunzipSync(z.stdout).equals(bytes)) throw new Error('dist: zopfli output does not unpack to its input');
  return z.stdout;
}
const packedSizes = {};  // id → base64 characters, for the summary below
const packed = (id, bytes) => {
  const text = gzipSmallest(bytes).toString('base64');
  packedSizes[id] = text.length;
  return `<script type="application/octet-stream" id="${id}" data-encoding="gzip">${text}</script>\n`;
};
replaceOnce(/<noscript>/, `${packed('peizou-wasm', read('peizou_web.wasm'))}${packed('peizou-lazy-large.otf', read('fonts/large.otf'))}<noscript>`);
replaceOnce(/<\/body>/, `${inlineScript(read('peizou_web.js').toString('utf8'))}\n</body>`);

const scriptHashes = scripts.map((s) => `'sha256-${sha256(s)}'`).join(' ');
const csp = `default-src 'none'; script-src ${scriptHashes} 'wasm-unsafe-eval'; style-src 'sha256-${sha256(css)}'; ` +
  "img-src data: blob:; object-src 'none'; base-uri 'none'; form-action 'none'; worker-src blob:";
replaceOnce(/<meta http-equiv="Content-Security-Policy" content="[^"]*">/,
  `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
// Tells loader.js (and the tests) which build this is.
replaceOnce(/<html lang="zh-CN">/, `<html lang="zh-CN" data-build="${build}">`);

fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, html);
const raw = Buffer.byteLength(html);
const gz = zlib.gzipSync(html, { level: 9 }).length;
const mb = (n) => (n / 1048576).toFixed(2);
console.log(`dist: ${path.relative(process.cwd(), out) || out}  ${mb(raw)} MB raw, ${mb(gz)} MB gzip  (build ${build})`);
console.log(`dist: of which, gzipped in base64: large font ${mb(packedSizes['peizou-lazy-large.otf'])} MB, ` +
  `wasm ${mb(packedSizes['peizou-wasm'])} MB`);
