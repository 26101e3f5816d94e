// Starts the wasm app: checks WebGL2, downloads peizou_web.wasm with a real progress
// bar, runs it, and shows a bilingual error panel instead of a blank page on failure.
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const started = performance.now();

  function fail(zh, en) {
    if (window.peizou.error) return;
    $('loading').hidden = true;
    $('error-zh').textContent = zh;
    $('error-en').textContent = en;
    $('error').hidden = false;
    window.peizou._failed({ zh, en });
  }

  function progress(received, total) {
    const pct = total > 0 ? Math.min(100, (100 * received) / total) : 0;
    $('progress-bar').style.width = `${pct.toFixed(1)}%`;
    const mb = (n) => (n / 1048576).toFixed(1);
    $('progress-label').textContent = total > 0
      ? `正在加载 Loading… ${mb(received)} / ${mb(total)} MB`
      : `正在加载 Loading… ${mb(received)} MB`;
  }

  // WebGL2 first: without it nothing can draw, so say so before downloading anything.
  const probe = document.createElement('canvas').getContext('webgl2');
  if (!probe) {
    fail('此浏览器或设备无法使用 WebGL2（可能被禁用或显卡不受支持），无法显示本程序。',
      'WebGL2 is not available in this browser or device (disabled or unsupported), so the app cannot be shown.');
    return;
  }
  const lose = probe.getExtension('WEBGL_lose_context');
  if (lose) lose.loseContext();

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

  const missing = (file) => fail(`缺少文件 ${file}，请重新构建或检查服务器。`,
    `The file ${file} is missing: rebuild, or check the server.`);

  window.Module = {
    canvas: $('canvas'),
    print: (text) => console.log(text),
    printErr: (text) => console.warn(text),
    instantiateWasm(imports, receive) {
      downloadWasm('peizou_web.wasm')
        .then((bytes) => WebAssembly.instantiate(bytes, imports))
        .then((result) => receive(result.instance, result.module))
        .catch((e) => (/HTTP 404/.test(String(e)) ? missing('peizou_web.wasm')
          : fail(`加载失败：${e}`, `Loading failed: ${e}`)));
      return {};
    },
    onAbort: (what) => fail(`程序异常终止：${what}`, `The app stopped: ${what}`),
    peizouFirstFrame() {
      window.peizou.timing.firstFrameMs = performance.now();
      window.peizou.timing.startMs = started;
      $('loading').hidden = true;
      window.peizou._started();
    },
    peizouFatal: (zh, en) => fail(zh, en),
  };

  const script = document.createElement('script');
  script.src = 'peizou_web.js';
  script.onerror = () => missing('peizou_web.js');
  document.body.appendChild(script);
})();
