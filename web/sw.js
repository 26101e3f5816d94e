// Service worker: caches every file of the page on first visit, then serves them from
// the cache, so the page reloads and works with the network (or the server) gone.
// scripts/dist.mjs writes the served copy (build/web/sw.js) with this build's hash and
// file list; a new build is a new cache, and the old one is deleted on activation.
'use strict';
const BUILD = '__PEIZOU_BUILD__';
const FILES = ['__PEIZOU_FILES__'];
const CACHE = `peizou-${BUILD}`;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE)
    // The header tells a test server the worker's own copies from the page's requests.
    .then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload', headers: { 'X-Peizou-Precache': BUILD } }))))
    .then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('peizou-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

// Same-origin GETs only (the page never asks another origin): cache first, then the
// network; a page navigation falls back to the cached index.html. Reads name this
// build's cache (caches.open would re-create an old build's cache just deleted).
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const hit = await caches.match(request, { cacheName: CACHE, ignoreSearch: true });
    if (hit) return hit;
    try {
      return await fetch(request);
    } catch (e) {
      if (request.mode === 'navigate') {
        const page = await caches.match('index.html', { cacheName: CACHE });
        if (page) return page;
      }
      throw e;
    }
  })());
});
