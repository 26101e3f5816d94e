// A tiny static file server for the built page (build/web), on a free port.
// Records every request so tests can report what the page downloaded.
//   node tests/e2e/serve.mjs [--port N] [--root DIR]   (used by scripts/run too)
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.otf': 'font/otf',
  '.webmanifest': 'application/manifest+json',
};

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIR = path.join(ROOT, process.env.PEIZOU_WEB || 'build/web');

// Starts serving `root`; resolves to {url, port, requests, close()}.
export function serve({ root = WEB_DIR, port = 0, host = '127.0.0.1' } = {}) {
  const requests = [];  // {path, status, bytes, precache}: precache = the service worker's own copy
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.normalize(path.join(root, urlPath));
    if (!file.startsWith(path.resolve(root))) {
      res.writeHead(403).end();
      return;
    }
    if (urlPath.endsWith('/')) file = path.join(file, 'index.html');
    const precache = Boolean(req.headers['x-peizou-precache']);
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        requests.push({ path: urlPath, status: 404, bytes: 0, precache });
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      requests.push({ path: urlPath, status: 200, bytes: st.size, file, precache });
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
        'Content-Length': st.size,
        'Cache-Control': 'no-cache',
      });
      if (req.method === 'HEAD') res.end();
      else fs.createReadStream(file).pipe(res);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = server.address().port;
      resolve({
        url: `http://${host}:${actual}/`,
        port: actual,
        requests,
        close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(() => done()); }),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const s = await serve({ port: Number(arg('--port', 8080)), root: path.resolve(arg('--root', WEB_DIR)) });
  console.log(`serving ${arg('--root', WEB_DIR)} at ${s.url}`);
  const stop = () => s.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
