// The worker pool (issue 17): one Web Worker per core (navigator.hardwareConcurrency,
// 1 … 8), each running the engine in its own instance of the page's own WebAssembly
// module: loader.js keeps the module the page compiled (window.peizouWasm), and it is
// posted to every worker, which instantiates it without the UI's JavaScript glue: the
// engine's path needs only memory growth, memcpy, the clock and abort (workerImports
// below); every other import (GL, SDL, DOM, files) is a stub that throws a clear error.
// The worker runs the static constructors (__wasm_call_ctors), never main(). Workers are
// made from a blob: URL, which the page's CSP allows with `worker-src blob:`, so this
// works from file:// with dist/peizou.html too. The app posts whole runs (a Shapley
// subset, a variant's pass: src/app/pool_task.hpp) through window.peizouPool and gets
// each result back through _peizou_pool_done. Tasks posted while the workers start (a
// comparison begun right after the first frame) wait in the queue for them; available()
// counts the workers about to be ready. When workers cannot start (an old browser, a CSP
// that forbids them) available() is 0, whatever was queued comes back empty (the app runs
// it on the main thread) and the app slices the work on the main thread as before.
// Test switches: window.peizouWorkers = N (set before load) or ?workers=N; 0 = no pool.
'use strict';
(() => {
  // Runs inside each worker (its source is the worker's blob).
  function workerMain() {
    let run = null;  // run(task text) → result text, once the module is instantiated
    // What the engine's path imports, under the glue's names; m.imports maps each
    // [module][field] of the (minified) wasm imports to the glue's name.
    function importObject(m, state) {
      const heap = () => new Uint8Array(state.memory.buffer);
      const known = {
        _abort: () => { throw new Error('abort() in a worker'); },
        _emscripten_memcpy_big: (dest, src, num) => { heap().copyWithin(dest, src, src + num); },
        // As Emscripten's: the request, or the heap + 20% (at most + 96 MB) if more; < 2 GB.
        _emscripten_resize_heap(requested) {
          requested >>>= 0;
          const old = state.memory.buffer.byteLength;
          const max = 2147483648 - 65536;
          if (requested > max) return 0;
          for (let cut = 1; cut <= 4; cut *= 2) {
            const over = Math.min(old * (1 + 0.2 / cut), requested + 100663296);
            const size = Math.min(max, Math.ceil(Math.max(requested, over) / 65536) * 65536);
            try {
              state.memory.grow((size - old) / 65536);
              return 1;
            } catch (e) { /* a smaller step next */ }
          }
          return 0;
        },
        _emscripten_get_now: () => performance.now(),
        _clock_gettime(clock, at) {  // struct timespec of 32-bit fields
          const now = clock === 0 ? Date.now() : performance.now();
          const v = new Int32Array(state.memory.buffer, at, 2);
          v[0] = (now / 1000) | 0;
          v[1] = ((now % 1000) * 1000 * 1000) | 0;
          return 0;
        },
        _setTempRet0: (v) => { state.tempRet0 = v; },
        _getTempRet0: () => state.tempRet0,
        // libc's start-up reads the environment: there is none.
        _environ_sizes_get(count, size) {
          new Uint32Array(state.memory.buffer).set([0], count >> 2);
          new Uint32Array(state.memory.buffer).set([0], size >> 2);
          return 0;
        },
        _environ_get: () => 0,
        // printf and friends: the bytes are dropped, the count is what the caller checks.
        _fd_write(fd, iov, count, written) {
          const v = new Uint32Array(state.memory.buffer);
          let n = 0;
          for (let i = 0; i < count; ++i) n += v[(iov >> 2) + 2 * i + 1];
          v[written >> 2] = n;
          return 0;
        },
      };
      const imports = {};
      for (const imp of WebAssembly.Module.imports(m.module)) {
        if (imp.kind !== 'function') throw new Error(`wasm import ${imp.module}.${imp.name} is a ${imp.kind}`);
        const name = (m.imports[imp.module] || {})[imp.name] || `${imp.module}.${imp.name}`;
        (imports[imp.module] ||= {})[imp.name] = known[name] || (() => {
          throw new Error(`${name} is not available in a worker (the engine's path must not call it)`);
        });
      }
      return imports;
    }
    // Instantiates the page's module and runs its static constructors (never main()).
    function instantiate(m) {
      const state = { memory: null, tempRet0: 0 };
      return WebAssembly.instantiate(m.module, importObject(m, state)).then((instance) => {
        const exports = instance.exports;
        state.memory = Object.values(exports).find((e) => e instanceof WebAssembly.Memory);
        const fn = (what) => {
          const f = exports[m.exports[what]];
          if (typeof f !== 'function') throw new Error(`the page's module has no export ${what}`);
          return f;
        };
        const [task, malloc, free] = [fn('peizou_worker_task'), fn('malloc'), fn('free')];
        fn('__wasm_call_ctors')();
        // The task text goes through malloc, not onto the wasm stack (a large scenario
        // would overflow it); so does the result on the page.
        return (text) => {
          const bytes = new TextEncoder().encode(text);
          const at = malloc(bytes.length + 1);
          try {
            const heap = new Uint8Array(state.memory.buffer);
            heap.set(bytes, at);
            heap[at + bytes.length] = 0;
            const out = task(at);
            const after = new Uint8Array(state.memory.buffer);  // the task may have grown it
            return new TextDecoder().decode(after.subarray(out, after.indexOf(0, out)));
          } finally {
            free(at);
          }
        };
      });
    }
    self.onmessage = (ev) => {
      const m = ev.data;
      if (m.module) {
        Promise.resolve(m).then(instantiate).then((r) => {
          run = r;
          self.postMessage({ ready: true });
        }, (e) => self.postMessage({ failed: String((e && e.message) || e) }));
        return;
      }
      let result;
      try {
        result = run(m.task);
      } catch (e) {
        result = `error: ${e}`;
      }
      self.postMessage({ id: m.id, result });
    };
  }

  // The glue's names of the page module's imports, and the minified names of the exports
  // a worker calls, read from the running page (the glue keeps each function's name).
  function moduleNames() {
    const asm = window.Module.asm;
    const exports = {};
    for (const what of ['peizou_worker_task', 'malloc', 'free', '__wasm_call_ctors']) {
      const f = window.Module[`_${what}`];
      let key = asm && Object.keys(asm).find((k) => asm[k] === f);
      if (!key && typeof f === 'function') key = (/Module\["asm"\]\["([^"]+)"\]/.exec(f.toString()) || [])[1];
      if (!key) throw new Error(`the page's module does not export ${what}`);
      exports[what] = key;
    }
    return { imports: window.peizouWasm.imports, exports };
  }

  const pool = { state: 'off', started: false, url: null, init: null, workers: [], queue: [], tasks: 0, size: 0, why: '' };
  const wanted = () => {
    const asked = new URLSearchParams(location.search).get('workers');
    const n = asked !== null ? Number(asked) : typeof window.peizouWorkers === 'number' ? window.peizouWorkers
      : navigator.hardwareConcurrency || 1;
    return Math.max(0, Math.min(8, Math.floor(n) || 0));
  };
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
    w.worker.postMessage(pool.init);
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
      try {
        if (!window.peizouWasm) throw new Error('the page has no compiled module');
        pool.init = { module: window.peizouWasm.module, ...moduleNames() };
        pool.url = URL.createObjectURL(new Blob([`(${workerMain.toString()})();\n`], { type: 'text/javascript' }));
        for (let i = 0; i < n; ++i) pool.workers.push(spawn());
      } catch (e) {
        for (const w of pool.workers) w.worker.terminate();
        pool.workers = [];
        off(String((e && e.message) || e));
      }
    },
  };
})();
