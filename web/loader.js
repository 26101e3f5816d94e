// Starts the wasm app: checks WebGL2, downloads peizou_web.wasm with a real progress
// bar, runs it, and shows a bilingual error panel instead of a blank page on failure.
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const started = performance.now();
  // dist/peizou.html carries the wasm and lazy files inline as base64 (scripts/dist.mjs):
  // nothing is fetched, so it works from file:// with no server.
  const inlineWasm = $('peizou-wasm');
  // The user's own files live in IndexedDB (all file:// pages share one origin: the
  // database is named after this namespaced mount point).
  const USER_DIR = '/peizou.user';

  function base64Bytes(text) {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; ++i) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
  // The bytes of an inline data block of the single file (a promise), or null when the
  // page has no such block (served). Blocks marked data-encoding="gzip" hold their file
  // gzipped (a smaller single file, issue 17), unpacked by the browser's DecompressionStream.
  window.peizouInlineBytes = (id) => {
    const block = $(id);
    if (!block) return null;
    return Promise.resolve().then(() => {
      const bytes = base64Bytes(block.textContent);
      if (block.dataset.encoding !== 'gzip') return bytes;
      if (typeof DecompressionStream === 'undefined') throw new Error('this browser has no DecompressionStream');
      const unpacked = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
      return new Response(unpacked).arrayBuffer().then((b) => new Uint8Array(b));
    });
  };
  // A file fetched on demand (the large font): inline in the single file, else null.
  window.peizouLazyFile = (name) => window.peizouInlineBytes(`peizou-lazy-${name}`);

  // stopped: the app had started and then failed (the panel's title and hint say so).
  function fail(zh, en, stopped = false) {
    if (window.peizou.error) return;
    $('loading').hidden = true;
    $('error-zh').textContent = zh;
    $('error-en').textContent = en;
    if (stopped) {
      $('error-title').textContent = '程序出错，已停止 · The app stopped';
      $('error-hint').hidden = true;
      $('error-reload').hidden = false;
    }
    $('error').hidden = false;
    window.peizou._failed({ zh, en });
  }

  // A failure inside the wasm after start-up — a trap (memory access out of bounds),
  // abort(), an uncaught C++ exception (a WebAssembly.Exception since the build uses wasm
  // exceptions; a number with JS-emulated ones) — leaves the canvas frozen: the error panel
  // replaces it. Called by peizouWasmCall for calls from JavaScript; errors thrown in the
  // app's own frames reach the window's error events.
  const cppException = (e) => typeof e === 'number' ||
    (typeof WebAssembly.Exception === 'function' && e instanceof WebAssembly.Exception);
  const fromWasm = (e) => e instanceof WebAssembly.RuntimeError || cppException(e) ||
    (e instanceof Error && /wasm-function|peizou_web/.test(String(e.stack)));
  const describe = (e) => (cppException(e) ? `C++ exception (${typeof e === 'number' ? e : 'uncaught'})`
    : String((e && e.message) || e));
  window.peizouCrashed = (e) => {
    console.warn(`peizou: the app stopped: ${describe(e)}`);
    fail(`程序内部出错：${describe(e)}。请刷新页面；“我的文件”已保存在本浏览器中。`,
      `Internal error: ${describe(e)}. Reload the page; "my files" are kept in this browser.`, true);
  };
  window.addEventListener('error', (ev) => { if (fromWasm(ev.error)) window.peizouCrashed(ev.error); });
  window.addEventListener('unhandledrejection', (ev) => { if (fromWasm(ev.reason)) window.peizouCrashed(ev.reason); });

  function progress(received, total) {
    const pct = total > 0 ? Math.min(100, (100 * received) / total) : 0;
    $('progress-bar').style.width = `${pct.toFixed(1)}%`;
    const mb = (n) => (n / 1048576).toFixed(1);
    $('progress-label').textContent = total > 0
      ? `正在加载 Loading… ${mb(received)} / ${mb(total)} MB`
      : `正在加载 Loading… ${mb(received)} MB`;
  }

  async function downloadWasm(url) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const total = Number(response.headers.get('Content-Length')) || 0;
    if (!response.body) return new Uint8Array(await response.arrayBuffer());
    const reader = response.body.getReader();
    const chunks = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      progress(received, total);
    }
    const bytes = new Uint8Array(received);
    let at = 0;
    for (const c of chunks) { bytes.set(c, at); at += c.length; }
    return bytes;
  }

  // Served: the wasm download starts at once, before the WebGL2 probe below. The probe's
  // first context makes the browser start its GPU side, which blocks this thread for a
  // while (1.7 s under load here, issue 17); the network fetch goes on meanwhile. Without
  // WebGL2 the bytes are simply never used.
  const early = inlineWasm ? null : downloadWasm('peizou_web.wasm');
  early?.catch(() => {});  // reported when instantiateWasm uses it

  // WebGL2 first: without it nothing can draw, so say so before running anything.
  const probe = document.createElement('canvas').getContext('webgl2');
  if (!probe) {
    fail('此浏览器或设备无法使用 WebGL2（可能被禁用或显卡不受支持），无法显示本程序。',
      'WebGL2 is not available in this browser or device (disabled or unsupported), so the app cannot be shown.');
    return;
  }
  const lose = probe.getExtension('WEBGL_lose_context');
  if (lose) lose.loseContext();

  const missing = (file) => fail(`缺少文件 ${file}，请重新构建或检查服务器。`,
    `The file ${file} is missing: rebuild, or check the server.`);

  window.Module = {
    canvas: $('canvas'),
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    instantiateWasm(imports, receive) {
      const bytes = inlineWasm ? window.peizouInlineBytes('peizou-wasm') : early;
      // Start-up timing (issue 17): window.peizou.timing.*Ms, performance.now() at each step.
      const timing = window.peizou.timing;
      bytes
        .then((bytes) => { timing.wasmBytesMs = performance.now(); return WebAssembly.instantiate(bytes, imports); })
        .then((result) => {
          timing.instantiatedMs = performance.now();
          // The worker pool instantiates this same compiled module (web/pool.js, issue 17):
          // it needs the module and the glue's name of each import (the wasm's are minified).
          const names = {};
          for (const [mod, fields] of Object.entries(imports)) {
            names[mod] = {};
            for (const [field, f] of Object.entries(fields)) if (typeof f === 'function') names[mod][field] = f.name;
          }
          window.peizouWasm = { module: result.module, imports: names };
          receive(result.instance, result.module);
        })
        .catch((e) => (/HTTP 404/.test(String(e)) ? missing('peizou_web.wasm')
          : fail(`加载失败：${e}`, `Loading failed: ${e}`)));
      return {};
    },
    // Mount the user's folder and load it from IndexedDB before main() runs. Without
    // IndexedDB (blocked, private mode) the app still starts and says so.
    preRun: [() => {
      const FS = window.Module.FS;
      try {
        FS.mkdir(USER_DIR);
        FS.mount(FS.filesystems.IDBFS, {}, USER_DIR);
      } catch (e) {
        window.Module.peizouStorageUnavailable = String(e);
        return;
      }
      window.Module.addRunDependency('peizou-user');
      try {
        FS.syncfs(true, (err) => {
          if (err) window.Module.peizouStorageUnavailable = String(err.message || err);
          window.Module.removeRunDependency('peizou-user');
        });
      } catch (e) {
        window.Module.peizouStorageUnavailable = String(e);
        window.Module.removeRunDependency('peizou-user');
      }
    }],
    onAbort: (what) => fail(`程序异常终止（abort）${what ? `：${what}` : ''}`, `The app stopped (abort)${what ? `: ${what}` : ''}`,
      Boolean(window.peizou.timing.firstFrameMs)),
    peizouMark: (name) => { window.peizou.timing[`${name}Ms`] = performance.now(); },
    peizouFirstFrame() {
      window.peizou.timing.firstFrameMs = performance.now();
      window.peizou.timing.startMs = started;
      $('loading').hidden = true;
      window.peizou._started();
      // The worker pool starts once the first frame is up (web/pool.js, issue 17).
      if (window.peizouPool) setTimeout(() => window.peizouPool.start(), 0);
    },
    peizouFatal: (zh, en) => fail(zh, en),
  };

  // Served over HTTP(S): a service worker keeps every file for offline reloads (web/sw.js).
  // Each load also asks for a newer sw.js (a new build), which then replaces the cache;
  // Chromium does not always check by itself on a reload. Offline, the check just fails.
  if (!inlineWasm && /^https?:$/.test(location.protocol) && 'serviceWorker' in navigator) {
    navigator.serviceWorker.register('sw.js').then((r) => r.update())
      .catch((e) => console.warn(`service worker: ${e}`));
  }

  // The single file has peizou_web.js inline after this script.
  if (!inlineWasm) {
    const script = document.createElement('script');
    script.src = 'peizou_web.js';
    script.onerror = () => missing('peizou_web.js');
    document.body.appendChild(script);
  }
})();
