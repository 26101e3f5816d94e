// The user's own files: drag-and-drop onto the page. Each dropped file's name and text
// go to the wasm (peizou_file_opened), which stores it in "my files" and lists it, with
// its validation errors if it has any (src/platform/backend_web.cpp).
'use strict';
(function () {
  function send(name, text) {
    if (typeof Module !== 'undefined' && Module.ccall)
      Module.ccall('peizou_file_opened', null, ['string', 'string'], [name, text]);
  }
  window.peizouOpenFiles = function (files) {
    for (const f of files) {
      f.text().then((t) => send(f.name, t), () => send(f.name, ''));
    }
  };
  // dragover must be cancelled, or the browser opens the file itself instead.
  window.addEventListener('dragover', (e) => {
    if (!e.dataTransfer || ![...e.dataTransfer.types].includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('drop', (e) => {
    if (!e.dataTransfer || !e.dataTransfer.files.length) return;
    e.preventDefault();
    window.peizouOpenFiles(e.dataTransfer.files);
  });
})();
