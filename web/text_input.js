// A DOM <input> laid over an ImGui text field, so Chinese can be typed with the
// system IME (SDL2's Emscripten backend has none). The wasm side calls show() every
// frame the field is visible (platform::text_overlay_show); the input hides itself
// when those calls stop. Every edit, Enter and Escape go back to the wasm through
// the exported function peizou_text_input(text, event).
//
// The input's life is counted in animation frames, not wall time: it hides only after
// two frames in a row without a show(), i.e. the app no longer draws the field. A slow
// frame (a 10,000-citizen preview, a big validation) delays the next frame but is not a
// missed show(), so the input stays focused and every key typed meanwhile lands in it.
// (Before: it hid when 500 ms passed since the last show(); after one slow frame the
// next show() re-filled it with the app's older text and a character was lost.)
'use strict';
(function () {
  let input = null;
  let shown = false;   // show() came since the last watch tick
  let missed = 0;      // watch ticks in a row without a show()
  let sent = '';       // the value last sent to the wasm

  function send(event) {
    sent = input.value;
    if (typeof Module !== 'undefined' && Module.ccall)
      Module.ccall('peizou_text_input', null, ['string', 'number'], [input.value, event]);
  }

  // Hides the input; what it holds and the wasm has not had yet goes there first.
  function conceal() {
    if (input.value !== sent) send(0);
    input.style.display = 'none';
  }

  function make() {
    input = document.createElement('input');
    input.type = 'text';
    input.id = 'peizou-text-input';
    input.autocomplete = 'off';
    input.spellcheck = false;
    Object.assign(input.style, {
      position: 'fixed', zIndex: '20', boxSizing: 'border-box', margin: '0',
      border: '2px solid #2f67b1', borderRadius: '3px', padding: '0 6px',
      background: '#fff', color: '#111', display: 'none', outline: 'none',
      fontFamily: '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif',
    });
    // Keys stay in the input: SDL listens on window and would swallow Backspace/Tab
    // and act on Space or digits.
    for (const type of ['keydown', 'keyup', 'keypress']) {
      input.addEventListener(type, (e) => {
        e.stopPropagation();
        if (type !== 'keydown' || e.isComposing) return;
        if (e.key === 'Enter') { e.preventDefault(); send(1); }
        else if (e.key === 'Escape') { e.preventDefault(); send(2); }
      });
    }
    input.addEventListener('input', () => send(0));
    input.addEventListener('compositionend', () => send(0));
    document.body.appendChild(input);
    const watch = () => {
      missed = shown ? 0 : missed + 1;
      shown = false;
      if (input.style.display !== 'none' && missed >= 2) conceal();
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
  }

  window.peizouTextInput = {
    // x, y, width, height, fontPx: logical (CSS) pixels relative to the canvas.
    show(x, y, width, height, fontPx, text) {
      if (!input) make();
      const canvas = document.getElementById('canvas');
      const r = canvas ? canvas.getBoundingClientRect() : { left: 0, top: 0 };
      Object.assign(input.style, {
        left: (r.left + x) + 'px', top: (r.top + y) + 'px',
        width: width + 'px', height: height + 'px', fontSize: fontPx + 'px',
      });
      if (input.style.display === 'none') {
        input.value = text;
        sent = text;
        input.style.display = 'block';
        input.focus();
      }
      shown = true;
      missed = 0;
    },
    hide() {
      if (!input) return;
      conceal();
      input.blur();
      const canvas = document.getElementById('canvas');
      if (canvas) canvas.focus();
    },
  };
})();
