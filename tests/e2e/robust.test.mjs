// The page survives any file and loses nothing (issue 19 item 5, issue 14 item 7):
//  - valid scenarios of 1.5 MB and 4 MiB − 1 open (a real drop and files.open); 4 MiB + 1
//    is refused with a bilingual message and nothing is kept; the app keeps drawing;
//  - a failure inside the wasm (abort, C++ exception, memory access out of bounds; from a
//    call or inside a frame) shows the error panel instead of a frozen canvas;
//  - opening a file whose name a kept file has never replaces it: both are kept
//    ("mine (2).json"), a bad file never replaces a good one, also after a reload;
//    names that clean alike do not collide;
//  - screens hold Library entries by key: deleting an earlier user file leaves the
//    Walkthrough, Compare and Presentation naming the scenario they named;
//  - walk records are read as strictly as `peizou replay` reads them (issue 19 item 10):
//    choices after the end, a refused choice, a repeated key, an impossible date, an
//    unknown scenario — each refused with a located bilingual message, and the walk on
//    screen is kept.
// The big files are generated here (never committed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './serve.mjs';
import { openPage, waitReady, OUTPUT, assertSameOrigin, untilDecision, answer, walkToEnd } from './browser.mjs';

const BASE = fs.readFileSync(path.join(ROOT, 'scenarios/company-deregistration.json'), 'utf8');
const LIMIT = 4 * 1048576;  // the scenario size limit (docs/scenario-format.md: 4 MiB)

// The base scenario with summary "y" × n, as compact JSON of exactly `bytes` bytes.
function scenarioOfSize(bytes) {
  const o = JSON.parse(BASE);
  o.summary = '';
  const base = Buffer.byteLength(JSON.stringify(o));
  o.summary = 'y'.repeat(bytes - base);
  const text = JSON.stringify(o);
  assert.equal(Buffer.byteLength(text), bytes);
  return text;
}

let opened;
let server;
let browser;
let page;
const state = () => page.evaluate(() => window.peizou.state());
const act = (name, args = {}) => page.evaluate(([n, a]) => window.peizou.act(n, a), [name, args]);
const waitFor = (fn, arg, timeout = 60000) => page.waitForFunction(fn, arg, { timeout });
const flushed = () => waitFor(() => (window.Module.peizouSyncPending || 0) === 0);
const userFiles = async () => (await state()).user_files.scenarios.map((f) => f.file).sort();

// Drops a file made in the page (so megabytes do not cross the test's wire): the summary
// of the page's copy of BASE is set to "y" × (bytes − rest).
async function dropOfSize(name, bytes) {
  const text = scenarioOfSize(bytes);
  await page.evaluate(([n, t]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], n, { type: 'application/json' }));
    const canvas = document.getElementById('canvas');
    canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, text]);
}

async function reload() {
  await flushed();
  await page.reload();
  await waitReady(page);
}

before(async () => {
  opened = await openPage({ contextOptions: { serviceWorkers: 'block' } });
  ({ server, browser, page } = opened);
});

after(async () => opened?.close());

test('scenarios of 1.5 MB and 4 MiB − 1 open; 4 MiB + 1 is refused; the app keeps drawing', async () => {
  await dropOfSize('big-1.5mb.json', 1500000);
  await waitFor(() => window.peizou.state().user_files.scenarios.some((f) => f.file === 'user/scenarios/big-1.5mb.json'));
  await flushed();
  let s = await state();
  assert.equal(s.user_files.scenarios.find((f) => f.file === 'user/scenarios/big-1.5mb.json').ok, true);
  assert.equal(s.selection, 'user/scenarios/big-1.5mb.json');
  assert.equal(s.library.panel.summary.length, JSON.parse(scenarioOfSize(1500000)).summary.length);
  // It keeps drawing: frames go on, each well under a second.
  const t0 = await page.evaluate(() => performance.now());
  await page.evaluate(() => window.peizou.frames(5));
  const ms = (await page.evaluate(() => performance.now())) - t0;
  assert.ok(ms < 5000, `5 frames with the 1.5 MB scenario shown took ${ms.toFixed(0)} ms`);
  await page.screenshot({ path: path.join(OUTPUT, 'robust-1.5mb.png') });

  // The same through files.open (the test API's strings go through malloc, not the stack).
  const r = await act('files.open', { name: 'big-open.json', text: scenarioOfSize(1500000) });
  assert.equal(r.saved, true);

  await dropOfSize('limit-minus-1.json', LIMIT - 1);
  await waitFor(() => window.peizou.state().user_files.scenarios.some((f) => f.file === 'user/scenarios/limit-minus-1.json'),
    null, 120000);
  s = await state();
  assert.equal(s.user_files.scenarios.find((f) => f.file === 'user/scenarios/limit-minus-1.json').ok, true);

  await dropOfSize('limit-plus-1.json', LIMIT + 1);
  await waitFor(() => window.peizou.state().user_files.message_is_error);
  s = await state();
  assert.match(s.user_files.message, /^文件太大，未打开：limit-plus-1\.json（上限 4 MiB）$/);
  assert.ok(!s.user_files.scenarios.some((f) => f.file === 'user/scenarios/limit-plus-1.json'), 'not kept');
  assert.equal(s.selection, 'user/scenarios/limit-minus-1.json', 'the selection stays');
  await act('language', { language: 'en' });
  assert.equal((await state()).user_files.message, 'File too large, not opened: limit-plus-1.json (the limit is 4 MiB)');
  await act('language', { language: 'zh' });
  const refused = await act('files.open', { name: 'too-big.json', text: scenarioOfSize(LIMIT + 1) });
  assert.equal(refused.saved, false);
  assert.equal(await page.evaluate(() => window.peizou.error), null);
  assert.equal(await page.isHidden('#error'), true);

  for (const f of ['big-1.5mb.json', 'big-open.json', 'limit-minus-1.json'])
    await act('files.delete', { file: `user/scenarios/${f}` });
  await flushed();
});

test('opening a file named like a kept one keeps both; a bad file never replaces a good one', async () => {
  const good = BASE;
  await act('files.open', { name: 'mine.json', text: good });
  await waitFor(() => window.peizou.state().user_files.message === '已保存到我的文件：mine.json');
  await act('files.open', { name: 'mine.json', text: '{ this is not json' });
  await waitFor(() => /^已保存到我的文件：mine \(2\)\.json/.test(window.peizou.state().user_files.message));
  let s = await state();
  assert.equal(s.user_files.message, '已保存到我的文件：mine (2).json（已有同名的另一个文件 mine.json，两个都保留）');
  assert.equal(s.selection, 'user/scenarios/mine (2).json');
  const check = (u) => {
    assert.equal(u.scenarios.find((f) => f.file === 'user/scenarios/mine.json').ok, true, 'the good file is untouched');
    assert.equal(u.scenarios.find((f) => f.file === 'user/scenarios/mine (2).json').ok, false, 'the bad one is kept beside it');
  };
  check(s.user_files);
  // The same bytes again: the file already kept, no third copy.
  await act('files.open', { name: 'mine.json', text: good });
  assert.equal((await state()).selection, 'user/scenarios/mine.json');

  // Names that clean alike stay apart: a hidden name keeps its dot as '_'; a folder is
  // dropped, and then the name another file has gets " (2)".
  await act('files.open', { name: 'bad-syntax.json', text: good });
  await act('files.open', { name: 'sub/dir/.bad-syntax', text: '{ this is not json' });
  await act('files.open', { name: 'other/bad-syntax.json', text: '{"format": 1}' });
  await flushed();
  const expected = ['user/scenarios/_bad-syntax.json', 'user/scenarios/bad-syntax (2).json',
    'user/scenarios/bad-syntax.json', 'user/scenarios/mine (2).json', 'user/scenarios/mine.json'];
  assert.deepEqual(await userFiles(), expected);

  await reload();  // IndexedDB holds the same: nothing replaced
  s = await state();
  assert.deepEqual(s.user_files.scenarios.map((f) => f.file).sort(), expected);
  check(s.user_files);
  assert.equal(s.user_files.scenarios.find((f) => f.file === 'user/scenarios/bad-syntax.json').ok, true);
  for (const f of expected) await act('files.delete', { file: f });
  await flushed();
});

test('screens hold Library entries by key: deleting an earlier user file changes none', async () => {
  const base = JSON.parse(BASE);
  const copy = (letter) => JSON.stringify({ ...base, title: `${base.title}（${letter}）`, title_en: `${base.title_en} (${letter})` });
  for (const letter of ['A', 'B', 'C']) await act('files.open', { name: `k${letter}.json`, text: copy(letter) });
  const C = 'user/scenarios/kC.json';
  // C chosen in each screen's setup; the Library selects A.
  await act('walkthrough.start', { file: C, variant: 'before' });
  await act('walkthrough.setup');
  await act('compare.setup', { scenario: C });
  await act('presentation.select', { entry: C });
  await act('library.select', { file: 'user/scenarios/kA.json' });
  const named = async () => {
    const s = await state();
    return [s.walkthrough.setup_file, s.compare.setup_file, s.presentation.setup_file];
  };
  assert.deepEqual(await named(), [C, C, C]);
  const titles = async () => {
    const s = await state();
    return [s.walkthrough.setup_title, s.compare.setup_title, s.presentation.setup_title];
  };
  assert.deepEqual(await titles(), [`${base.title}（C）`, `${base.title}（C）`, `${base.title}（C）`]);

  await act('files.delete', { file: 'user/scenarios/kB.json' });  // before C in the list
  assert.deepEqual(await named(), [C, C, C]);
  assert.deepEqual(await titles(), [`${base.title}（C）`, `${base.title}（C）`, `${base.title}（C）`]);
  assert.equal((await state()).selection, 'user/scenarios/kA.json');
  await act('files.delete', { file: 'user/scenarios/kA.json' });  // the Library's own selection
  let s = await state();
  assert.equal(s.selection, null);
  assert.deepEqual(await named(), [C, C, C]);
  // The walkthrough starts on C (not on whatever took C's place in the list).
  await act('screen', { name: 'walkthrough' });
  await act('walkthrough.start', { variant: 'before' });
  s = await state();
  assert.equal(s.walkthrough.file, C);
  await act('walkthrough.setup');
  // Deleting C itself: each screen falls back to the Library's selection (none).
  await act('files.delete', { file: C });
  assert.deepEqual(await named(), [null, null, null]);
  await flushed();
  assert.deepEqual(browser.errors, []);
});

test('walk records are read strictly: each bad record refused, located, bilingual; the walk on screen kept', async () => {
  await act('walkthrough.start', { file: 'company-deregistration', variant: 'before', seed: 42 });
  await walkToEnd(page);
  const good = JSON.parse((await act('walkthrough.record')).json);
  const used = good.choices.length;
  // Something on screen to lose: a fresh walk two decisions in.
  await act('walkthrough.start', { file: 'company-deregistration', variant: 'before', seed: 7 });
  for (let i = 0; i < 2; i++) await answer(page, await untilDecision(page));
  const kept = (await state()).walkthrough;
  const text = JSON.stringify(good, null, 2);
  const bad = {
    // the walk ends after `used` choices; one more is refused at /choices/used
    extra: [JSON.stringify({ ...good, choices: [...good.choices, good.choices[0]] }, null, 2),
      new RegExp(`/choices/${used} 流程在第 ${used} 个选择后已结束，记录却还有 1 个选择`),
      new RegExp(`/choices/${used} the walk ends after choice ${used} but the record has 1 more choices`)],
    // the first choice answered with an option the walk does not offer
    refused: [JSON.stringify({ ...good, choices: [{ ...good.choices[0], value: 'no_such_step' }, ...good.choices.slice(1)] }, null, 2),
      /\/choices\/0 第 1 个选择无效/, /\/choices\/0 choice 1 is refused/],
    repeated: [text.replace('"variant": "before",', '"variant": "before", "variant": "before",'),
      /\d+:\d+ \/variant /, /\d+:\d+ \/variant .*more than once/],
    date: [JSON.stringify({ ...good, flags: [{ category: 'other', note: '', step: '', time: '2025-02-31T10:00:00' }] }, null, 2),
      /\d+:\d+ \/flags\/0\/time/, /\d+:\d+ \/flags\/0\/time/],
    scenario: [JSON.stringify({ ...good, scenario: 'no-such-scenario' }, null, 2), /no-such-scenario/, /no-such-scenario/],
  };
  for (const [what, [record, zh, en]] of Object.entries(bad)) {
    await assert.rejects(act('walkthrough.import', { text: record }), (e) => en.test(e.message), `${what}: English, located`);
    const w = (await state()).walkthrough;
    assert.match(w.message, zh, `${what}: Chinese, located: ${w.message}`);
    assert.match(w.message, /^导入失败/, what);
    assert.equal(w.phase, kept.phase, `${what}: the walk on screen is kept`);
    assert.equal(w.choices, kept.choices, `${what}: the walk on screen is kept`);
    assert.equal(w.seed, kept.seed, what);
  }
  // The good record still imports.
  await act('walkthrough.import', { text });
  assert.equal((await state()).walkthrough.choices, used);
});

test('a failure inside the wasm shows the error panel, not a frozen canvas', async () => {
  const cases = [
    { kind: 'abort', when: 'now', message: /abort/i },
    { kind: 'exception', when: 'now', message: /C\+\+ exception/ },
    { kind: 'oob', when: 'now', message: /memory access out of bounds/ },
    { kind: 'oob', when: 'frame', message: /memory access out of bounds/ },
    { kind: 'exception', when: 'frame', message: /C\+\+ exception/ },
  ];
  for (const c of cases) {
    await page.reload();
    await waitReady(page);
    assert.equal(await page.isHidden('#error'), true);
    // The call itself may throw (a trap inside it), and after a crash in a frame no frame
    // follows, so act() never settles: not awaited. The panel must show either way.
    await page.evaluate((a) => { window.peizou.act('test.crash', a).catch(() => {}); }, { kind: c.kind, when: c.when });
    await page.waitForSelector('#error:not([hidden])', { timeout: 30000 });
    const zh = await page.textContent('#error-zh');
    const en = await page.textContent('#error-en');
    assert.match(await page.textContent('#error-title'), /程序出错，已停止 · The app stopped/);
    assert.match(en, c.message, `${c.kind}/${c.when}: ${en}`);
    assert.match(zh, /程序/);
    assert.ok(await page.evaluate(() => window.peizou.error !== null));
    assert.equal(await page.isHidden('#error-hint'), true, 'no WebGL2 advice for a crash');
    if (c.kind === 'oob' && c.when === 'frame')
      await page.screenshot({ path: path.join(OUTPUT, 'robust-crash-panel.png') });
  }
  assertSameOrigin(browser, server.url);
});
