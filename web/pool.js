// The worker pool (issue 17): one Web Worker per core (navigator.hardwareConcurrency,
// 1 … 8), each running the engine-only module peizou_worker.wasm, compiled once here and
// posted to every worker as a WebAssembly.Module. Workers are made from a blob: URL (the
// engine's glue + workerMain below), which the page's CSP allows with `worker-src blob:`,
// so this works from file:// with dist/peizou.html too. The app posts whole runs (a
// Shapley subset: src/app/pool_task.hpp) through window.peizouPool and gets each result
// back through _peizou_pool_done. Tasks posted while the workers start (a comparison
// begun right after the first frame) wait in the queue for them; available() counts the
// workers about to be ready. When workers cannot start (an old browser, a CSP that forbids
// them) available() is 0, whatever was queued comes back empty (the app runs it on the
// main thread) and the app slices the work on the main thread as before.
// Test switches: window.peizouWorkers = N (set before load) or ?workers=N; 0 = no pool.
'use strict';
(() => {
  // Runs inside each worker, after the engine's glue (which defines PeizouEngine).
  function workerMain() {
    let engine = null;
    self.onmessage = (ev) => {
      const m = ev.data;
      if (m.module) {
        PeizouEngine({
          instantiateWasm(imports, receive) {
            WebAssembly.instantiate(m.module, imports).then((instance) => receive(instance, m.module),
              (e) => self.postMessage({ failed: String(e) }));
            return {};
          },
          print() {},
          printErr() {},
        }).then((mod) => { engine = mod; self.postMessage({ ready: true }); },
          (e) => self.postMessage({ failed: String(e) }));
        return;
      }
      // The task text goes through malloc, not ccall's 'string' (that copies onto the
      // wasm stack, which a large scenario overflows); so does the result on the page.
      let result;
      let at = 0;
      try {
        const bytes = new TextEncoder().encode(m.task);
        at = engine._malloc(bytes.length + 1);
        engine.HEAPU8.set(bytes, at);
        engine.HEAPU8[at + bytes.length] = 0;
        const out = engine._peizou_worker_task(at);
        const heap = engine.HEAPU8;
        result = new TextDecoder().decode(heap.subarray(out, heap.indexOf(0, out)));
      } catch (e) {
        result = `error: ${e}`;
      } finally {
        if (at) engine._free(at);
      }
      self.postMessage({ id: m.id, result });
    };
  }

  const pool = { state: 'off', started: false, url: null, module: null, workers: [], queue: [], tasks: 0, size: 0, why: '' };
  const wanted = () => {
    const asked = new URLSearchParams(location.search).get('workers');
    const n = asked !== null ? Number(asked) : typeof window.peizouWorkers === 'number' ? window.peizouWorkers
      : navigator.hardwareConcurrency || 1;
    return Math.max(0, Math.min(8, Math.floor(n) || 0));
  };
  // Inline in the single file (scripts/dist.mjs, web/loader.js), else beside the page.
  function source(id, file) {
    const inline = window.peizouInlineBytes && window.peizouInlineBytes(id);
    if (inline) return inline;
    return fetch(file).then((r) => {
      if (!r.ok) throw new Error(`${file}: HTTP ${r.status}`);
      return r.arrayBuffer();
    }).then((b) => new Uint8Array(b));
  }

  function deliver(id, result) {
    window.peizouWasmCall('peizou_pool_done', [id, result]);
  }
  function pump() {
    for (const w of pool.workers) {
      if (!w.ready || w.task || pool.queue.length === 0) continue;
      w.task = pool.queue.shift();
      w.worker.postMessage({ id: w.task.id, task: w.task.task });
    }
  }
  // Without any worker left, the pool is off: what was queued goes back to the main thread.
  function off(why) {
    pool.state = 'off';
    pool.why = why;
    console.info(`peizou: runs stay on the main thread (${why})`);
    const queued = pool.queue;
    pool.queue = [];
    for (const t of queued) deliver(t.id, '');
  }
  function lost(w, why) {
    const i = pool.workers.indexOf(w);
    if (i < 0) return;
    pool.workers.splice(i, 1);
    w.worker.terminate();
    if (w.task) deliver(w.task.id, '');
    if (pool.workers.length === 0) off(why);
    else pump();
  }
  function spawn() {
    const w = { worker: new Worker(pool.url), ready: false, task: null };
    w.worker.onmessage = (ev) => {
      if (!pool.workers.includes(w)) return;  // stopped by cancel()
      const m = ev.data;
      if (m.ready) {
        w.ready = true;
        pool.state = 'ready';
        pump();
      } else if (m.failed) {
        lost(w, m.failed);
      } else if (w.task && w.task.id === m.id) {
        const t = w.task;
        w.task = null;
        pool.tasks++;
        deliver(t.id, m.result);
        pump();
      }
    };
    w.worker.onerror = (ev) => {
      ev.preventDefault();
      lost(w, ev.message || 'worker error');
    };
    w.worker.postMessage({ module: pool.module });
    return w;
  }

  const canStart = () => typeof Worker !== 'undefined' && typeof WebAssembly !== 'undefined';
  window.peizouPool = {
    ready: () => pool.workers.filter((w) => w.ready).length,
    // Workers that take tasks now or soon: the ready ones, or all of them while they start.
    available() {
      if (pool.state === 'ready') return window.peizouPool.ready();
      if (pool.state === 'starting') return pool.size;
      return !pool.started && canStart() ? wanted() : 0;
    },
    info: () => ({ state: pool.state, size: pool.size, ready: window.peizouPool.ready(), tasks: pool.tasks, why: pool.why }),
    post(id, task) {
      if (!pool.started) window.peizouPool.start();
      if (pool.state === 'off') return deliver(id, '');
      pool.queue.push({ id, task });
      pump();
    },
    // Cancel tasks `ids` (all without): none of them stays queued, and a worker running
    // one is replaced (its run is lost).
    cancel(ids) {
      const hit = (t) => !ids || ids.includes(t.id);
      pool.queue = pool.queue.filter((t) => !hit(t));
      pool.workers = pool.workers.map((w) => {
        if (!w.task || !hit(w.task)) return w;
        w.worker.terminate();
        try {
          return spawn();
        } catch (e) {
          return null;
        }
      }).filter(Boolean);
    },
    // A queued task that is no longer wanted (a newer what-if pass replaces it).
    drop(id) {
      pool.queue = pool.queue.filter((t) => t.id !== id);
    },
    // Called by loader.js after the first frame (nothing here delays it), or by the first post.
    start() {
      const n = wanted();
      if (pool.started || n === 0) return;
      pool.started = true;
      if (!canStart()) return off('no Web Workers');
      pool.state = 'starting';
      pool.size = n;
      Promise.all([source('peizou-worker-js', 'peizou_worker.js'), source('peizou-worker-wasm', 'peizou_worker.wasm')])
        .then(([glue, wasm]) => WebAssembly.compile(wasm).then((module) => {
          pool.module = module;
          const text = `${new TextDecoder().decode(glue)}\n(${workerMain.toString()})();\n`;
          pool.url = URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
          for (let i = 0; i < n; ++i) pool.workers.push(spawn());
        }))
        .catch((e) => {
          for (const w of pool.workers) w.worker.terminate();
          pool.workers = [];
          off(String((e && e.message) || e));
        });
    },
  };
})();
