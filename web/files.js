// The user's own files: drag-and-drop onto the page. Each dropped file's name and bytes
// go to the wasm (peizou_file_opened), which stores it in "my files" and lists it, with
// its validation errors if it has any (src/platform/backend_web.cpp).
'use strict';
(function () {
  // Files above the import limit (16 MiB; a scenario: 4 MiB) are refused by the app; one byte more
  // than the larger limit is enough for it to say so, however large the file is.
  const READ_AT_MOST = 16 * 1048576 + 1;
  function send(name, bytes) {
    if (typeof Module !== 'undefined' && Module._peizou_file_opened)
      window.peizouWasmCall('peizou_file_opened', [name, bytes]);
  }
  // All files of one drop or one selection are read first, then sent in one go, so they
  // arrive in the same frame (a BPMN dropped with its Prosimos parameters is imported with them).
  window.peizouOpenFiles = function (files) {
    const list = [...files];
    Promise.all(list.map((f) => f.slice(0, READ_AT_MOST).arrayBuffer()
      .then((b) => new Uint8Array(b), () => new Uint8Array(0))))
      .then((all) => all.forEach((b, i) => send(list[i].name, b)));
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
