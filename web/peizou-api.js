// window.peizou: the test API (docs/test-api.md). The wasm exports JSON-returning C
// functions (src/platform/backend_web.cpp); this wraps them as plain objects.
'use strict';
window.peizou = (() => {
  let resolveReady;
  let rejectReady;
  const ready = new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; });
  ready.catch(() => {});  // a failed start is reported through peizou.error and the panel

  const call = (name, types = [], args = []) =>
    JSON.parse(window.Module.ccall(name, 'string', types, args));
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
    error: null,  // {zh, en} once start-up failed
    timing: {},   // navigation → first frame etc., in ms
    state: () => call('peizou_test_state'),
    rects: () => call('peizou_test_rects'),
    // Applies an action between frames; resolves after the UI has drawn its effect.
    async act(name, args = {}) {
      const result = call('peizou_test_act', ['string', 'string'], [name, JSON.stringify(args)]);
      if (!result.ok) throw new Error(`peizou.act(${name}): ${result.error}`);
      await frames(2);
      return result;
    },
    frames,
    _started() { resolveReady(); },
    _failed(error) { this.error = error; rejectReady(new Error(error.en)); },
  };
})();
