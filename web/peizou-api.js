// window.peizou: the test API (docs/test-api.md). The wasm exports JSON-returning C
// functions (src/platform/backend_web.cpp); this wraps them as plain objects.
// window.peizouWasmCall: the one way JavaScript passes strings and bytes into the wasm.
'use strict';

// Calls the wasm export `name` with `args`: numbers as they are, strings as NUL-terminated
// UTF-8, a Uint8Array as two arguments (pointer, length). Strings and bytes are copied
// into the wasm heap with malloc — never through ccall's 'string' arguments, which copy
// onto the 5 MB wasm stack (a 1.5 MB scenario overflowed it: "memory access out of
// bounds"). `returns: 'string'` reads the result as a C string. Anything thrown from
// inside the wasm (a trap, abort(), an uncaught C++ exception) stops the app: the error
// panel says so (web/loader.js) and the exception is thrown on.
window.peizouWasmCall = (name, args = [], returns = 'number') => {
  const M = window.Module;
  const owned = [];
  const copy = (bytes, terminate) => {
    const at = M._malloc(bytes.length + (terminate ? 1 : 0) || 1);
    M.HEAPU8.set(bytes, at);  // HEAPU8 after malloc: memory may have grown
    if (terminate) M.HEAPU8[at + bytes.length] = 0;
    owned.push(at);
    return at;
  };
  const flat = [];
  for (const a of args) {
    if (typeof a === 'string') flat.push(copy(new TextEncoder().encode(a), true));
    else if (a instanceof Uint8Array) flat.push(copy(a, false), a.length);
    else flat.push(a);
  }
  try {
    const result = M[`_${name}`](...flat);
    return returns === 'string' ? M.UTF8ToString(result) : result;
  } catch (e) {
    if (window.peizouCrashed) window.peizouCrashed(e);
    throw e;
  } finally {
    for (const at of owned) M._free(at);
  }
};

window.peizou = (() => {
  let resolveReady;
  let rejectReady;
  const ready = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });
  ready.catch(() => {});  // a failed start is reported through peizou.error and the panel

  const call = (name, args = []) => JSON.parse(window.peizouWasmCall(name, args, 'string'));
  const frame = () => window.Module._peizou_frame_count();

  // Resolves once `n` more frames have been drawn.
  function frames(n = 1) {
    const target = frame() + n;
    return new Promise((resolve) => {
      const tick = () => (frame() >= target ? resolve() : requestAnimationFrame(tick));
      requestAnimationFrame(tick);
    });
  }

  return {
    ready,
    error: null,  // {zh, en} once start-up failed or the app stopped
    timing: {},   // navigation → first frame etc., in ms
    state: () => call('peizou_test_state'),
    rects: () => call('peizou_test_rects'),
    // Applies an action between frames; resolves after the UI has drawn its effect.
    async act(name, args = {}) {
      const result = call('peizou_test_act', [name, JSON.stringify(args)]);
      if (!result.ok) throw new Error(`peizou.act(${name}): ${result.error}`);
      await frames(2);
      return result;
    },
    frames,
    _started() { resolveReady(); },
    _failed(error) { this.error = error; rejectReady(new Error(error.en)); },
  };
})();
