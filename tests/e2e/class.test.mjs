// The 培训班 Class screen (issue 18) and the walk setup's start date and trainee name:
//  - walk records made in the page (test API: start with a date and a name, flag, record);
//  - a bad start date is refused in both languages and the form keeps what was typed;
//  - six files dropped at once on the Class screen by a real drop event (DataTransfer):
//    three counted, one of another scenario, one of another version of the file, one
//    broken — set apart with their reason and line;
//  - the page's state equals `peizou class --json` of the same files (and with --names);
//  - the CSV download starts with the UTF-8 BOM; the class is kept in my files and reopens;
//  - screenshots zh/en at 1280×720, scale 1.0 and 2.0 (test-output/class-*.png);
//  - a .zip of the records (written here with node's zlib: deflate and stored entries)
//    dropped on the page reads as the records themselves, a second class of the same
//    scenario is kept beside the first, and the comparison column says 改革前 for a
//    trainee who walked the reform.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import zlib from 'node:zlib';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './serve.mjs';
import { openPage, waitReady, OUTPUT, clickRect, center } from './browser.mjs';

const NATIVE = path.join(ROOT, process.env.PEIZOU_NATIVE || 'build/native');
const SCENARIO = 'job-retention-refund';

let opened;
let server;
let browser;
let recorded;  // the records dropped in the second test, zipped in the last
let page;
const state = () => page.evaluate(() => window.peizou.state());
// peizou.act throws on a refusal: {ok: false, error} here instead.
const act = (name, args = {}) => page.evaluate(async ([n, a]) => {
  try { return await window.peizou.act(n, a); } catch (e) { return { ok: false, error: String(e.message) }; }
}, [name, args]);
const waitFor = (fn, arg, timeout = 60000) => page.waitForFunction(fn, arg, { timeout });

const click = (name) => clickRect(page, name);

// A walk of the 免申即享 variant (no decision to make) with a name, a start date and flags.
async function record(seed, trainee, startDate, flags) {
  const r = await act('walkthrough.start', { file: `${SCENARIO}.json`, variant: 'no_application', seed, trainee,
                                             start_date: startDate });
  assert.equal(r.ok, true, JSON.stringify(r));
  await act('walkthrough.skip');
  const w = (await state()).walkthrough;
  assert.equal(w.phase, 'debrief');
  for (const [category, note] of flags) await act('walkthrough.flag', { category, note });  // on the last step
  return (await act('walkthrough.record')).json;
}

before(async () => {
  opened = await openPage();
  ({ server, browser, page } = opened);
});

after(async () => opened?.close());

test('the walk setup refuses a start date outside the calendar, in both languages, keeping the form', async () => {
  await act('screen', { name: 'walkthrough' });
  await act('walkthrough.setup');
  let r = await act('walkthrough.start', { file: `${SCENARIO}.json`, start_date: '2025-02-30', trainee: '张三' });
  assert.equal(r.ok, false);
  assert.match(r.error, /Start date '2025-02-30' is not valid: .* covers \(\d{4}–\d{4}\)/);
  let w = (await state()).walkthrough;
  assert.equal(w.phase, 'setup');
  assert.equal(w.setup_start_date, '2025-02-30', 'what was typed stays');
  assert.equal(w.trainee, '张三');
  assert.match(w.message, /开始日期“2025-02-30”无效/);
  r = await act('walkthrough.start', { file: `${SCENARIO}.json`, start_date: '1999-03-01' });
  assert.equal(r.ok, false, 'a year the holiday data does not cover');
  r = await act('walkthrough.start', { file: `${SCENARIO}.json`, variant: 'no_application', start_date: '2025-10-13' });
  assert.equal(r.ok, true);
  w = (await state()).walkthrough;
  assert.match(w.start, /^2025-10-13 /);
  const rec = JSON.parse((await act('walkthrough.record')).json);
  assert.equal(rec.trainee, '张三');
  assert.match(rec.start, /^2025-10-13T/);
});

test('records dropped at once on the Class screen: the page shows what peizou class --json prints', async () => {
  const files = {
    't1.json': await record(3, '张三', '', [['long_review', '等了很久'], ['lost', '没人告诉我']]),
    't2.json': await record(4, '李四', '2025-10-13', [['long_review', '不知道进度']]),
    't3.json': await record(5, '', '', []),
  };
  const other = JSON.parse(files['t3.json']);
  other.scenario = 'vehicle-annual-review';
  files['t4-other.json'] = JSON.stringify(other, null, 2);
  files['t5-changed.json'] = files['t3.json'].replace(/"scenario_sha256": "[0-9a-f]{64}"/, `"scenario_sha256": "${'0'.repeat(64)}"`);
  files['t0-broken.json'] = '{\n  "format": "peizou-walk/1",\n  "seed": nope\n}\n';
  assert.notEqual(files['t5-changed.json'], files['t3.json']);
  recorded = files;

  await act('language', { language: 'zh' });
  await click('tab.class');
  await waitFor(() => window.peizou.state().screen === 'class');
  await page.evaluate((all) => {
    const dt = new DataTransfer();
    for (const [name, text] of Object.entries(all)) dt.items.add(new File([text], name, { type: 'application/json' }));
    const canvas = document.getElementById('canvas');
    canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
  await waitFor(() => {
    const c = window.peizou.state().class;
    return c.files.length === 6 && !c.pending && c.report;
  });
  const page_report = (await state()).class.report;

  const dir = fs.mkdtempSync(path.join(OUTPUT, 'class-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const names = Object.keys(files).map((n) => path.join(dir, n));
  const cli = (extra) => JSON.parse(execFileSync(path.join(NATIVE, 'peizou'), ['class', ...names, '--json', ...extra],
                                                 { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString());
  assert.deepEqual(page_report, cli([]), 'the page state is peizou class --json');
  assert.equal(page_report.trainees.length, 3);
  assert.deepEqual(page_report.trainees.map((t) => t.label), ['学员 1', '学员 2', '学员 3']);
  assert.equal(page_report.trainees[1].start, '2025-10-13');
  const apart = Object.fromEntries(page_report.set_apart.map((a) => [a.file, a.reason]));
  assert.deepEqual(apart, { 't0-broken.json': 'malformed', 't4-other.json': 'other_scenario',
                            't5-changed.json': 'other_version' });
  assert.equal(page_report.set_apart.find((a) => a.file === 't0-broken.json').line, 3);
  const row = page_report.problems.find((p) => p.category === 'long_review');
  assert.equal(row.trainees, 2);

  // The heat map is the shared process graph (as the Editor draws it): a box per step of
  // the walked variant, all of one size, named class.heat.VARIANT.STEP; a variant nobody
  // walked gets none.
  await page.evaluate(() => window.peizou.frames(2));
  const rects = await page.evaluate(() => window.peizou.rects());
  const boxes = ['eligibility_review', 'publicity', 'finance_review', 'payment']
    .map((id) => rects[`class.heat.no_application.${id}`]);
  for (const b of boxes) assert.ok(b && b.width > 20 && b.height > 10, JSON.stringify(Object.keys(rects).filter((k) => k.startsWith('class.heat'))));
  assert.ok(boxes.every((b) => Math.abs(b.height - boxes[0].height) < 1), 'one box size, as the graph draws it');
  assert.equal(Object.keys(rects).filter((k) => k.startsWith('class.heat.before.')).length, 0);

  for (const [lang, scale] of [['zh', 1], ['en', 1], ['zh', 2], ['en', 2]]) {
    await act('language', { language: lang });
    await act('scale', { scale });
    await page.evaluate(() => window.peizou.frames(3));
    await waitFor(() => window.peizou.state().fonts.large !== 'loading');
    await page.evaluate(() => window.peizou.frames(2));
    const missing = (await state()).fonts.missing;
    assert.equal(missing, '', `no character missing (${lang}, ${scale}×)`);
    await page.screenshot({ path: path.join(OUTPUT, `class-${lang}-${scale}x.png`) });
  }
  await act('scale', { scale: 1 });
  await act('language', { language: 'zh' });

  // Show names: by a real click on the tick, as --names.
  await click('class.show_names');
  await waitFor(() => window.peizou.state().class.show_names && !window.peizou.state().class.pending);
  const named = (await state()).class.report;
  assert.deepEqual(named.trainees.map((t) => t.label), ['张三', '李四', '学员 3']);
  assert.deepEqual(named, cli(['--names']));

  const csv = await act('class.export', { format: 'csv' });
  assert.equal(csv.ok, true);
  assert.ok(csv.text.startsWith('\uFEFF#,方案,环节,类别,人数,说明,责任部门,整改措施,时限,状态'), csv.text.slice(0, 60));
  const md = await act('class.export', { format: 'md' });
  assert.match(md.text, /## 问题清单/);
});

test('the class is kept in my files as one file and reopens', async () => {
  let c = (await state()).class;
  assert.ok(c.saved.includes(`${SCENARIO}.class.json`), JSON.stringify(c.saved));
  const kept = c.report;
  await act('class.clear');
  assert.equal((await state()).class.files.length, 0);
  await page.waitForFunction(() => (window.Module.peizouSyncPending || 0) === 0, null, { timeout: 30000 });
  await page.reload();
  await waitReady(page);
  await act('screen', { name: 'class' });
  await page.evaluate(() => window.peizou.frames(2));
  c = (await state()).class;
  assert.ok(c.saved.includes(`${SCENARIO}.class.json`), 'still there after a reload');
  await click(`class.reopen.${SCENARIO}.class.json`);
  await waitFor(() => window.peizou.state().class.files.length === 6 && window.peizou.state().class.report);
  assert.deepEqual((await state()).class.report, kept);
});

// A .zip written here (APPNOTE: local headers, central directory, end record) with node's
// zlib for deflate — another implementation than the app's reader.
function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; ++k) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
}
function zip(entries) { // [[name, text, deflate?]]
  const locals = [], centrals = [];
  let offset = 0;
  for (const [name, text, deflate] of entries) {
    const data = Buffer.from(text), packed = deflate ? zlib.deflateRawSync(data) : data;
    const nameBytes = Buffer.from(name);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0); head.writeUInt16LE(20, 4); head.writeUInt16LE(0x800, 6);
    head.writeUInt16LE(deflate ? 8 : 0, 8); head.writeUInt32LE(crc32(data), 14);
    head.writeUInt32LE(packed.length, 18); head.writeUInt32LE(data.length, 22); head.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8); central.writeUInt16LE(deflate ? 8 : 0, 10); central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20); central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(head, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const cd = Buffer.concat(centrals), end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

test('a .zip of records reads as the records; a second class of the scenario is kept beside the first', async () => {
  assert.ok(recorded, 'the records of the drop test');
  const entries = [['walks/t1.json', recorded['t1.json'], true], ['walks/t2.json', recorded['t2.json'], false],
                   ['walks/t3.json', recorded['t3.json'], true], ['walks/readme.txt', '学员记录', true]];
  const bytes = zip(entries);
  const dir = fs.mkdtempSync(path.join(OUTPUT, 'class-zip-'));
  fs.writeFileSync(path.join(dir, 'class.zip'), bytes);
  for (const [name, text] of entries) fs.writeFileSync(path.join(dir, path.basename(name)), text);
  const cli = (files) => JSON.parse(execFileSync(path.join(NATIVE, 'peizou'), ['class', ...files.map((f) => path.join(dir, f)), '--json'],
                                                 { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString());

  await act('class.clear');
  await act('screen', { name: 'class' });
  await act('class.names', { show: false });  // the reopened class had names shown; this one not
  await page.evaluate((b64) => {
    const bin = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bin], 'class.zip', { type: 'application/zip' }));
    const canvas = document.getElementById('canvas');
    canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, bytes.toString('base64'));
  await waitFor(() => {
    const c = window.peizou.state().class;
    return c.files.length === 4 && !c.pending && c.report;
  });
  const c = (await state()).class;
  assert.deepEqual(c.files, ['class.zip/walks/t1.json', 'class.zip/walks/t2.json', 'class.zip/walks/t3.json',
                             'class.zip/walks/readme.txt']);
  const report = c.report;
  assert.deepEqual(report, cli(['class.zip']), 'the page state is peizou class class.zip --json');
  // The oracle: the same records unzipped by hand give the same trainees.
  const plain = cli(['t1.json', 't2.json', 't3.json']);
  assert.deepEqual(report.trainees.map((t) => [t.walked, t.model, t.reform]),
                   plain.trainees.map((t) => [t.walked, t.model, t.reform]));
  assert.deepEqual(report.set_apart.map((a) => [a.file, a.reason]), [['class.zip/walks/readme.txt', 'unreadable']]);
  // Every trainee walked the reform (免申即享): the comparison column is the before, and says so.
  for (const t of report.trainees) {
    assert.equal(t.reform_variant, 'before');
    assert.equal(t.reform_side, 'before');
  }
  // A second class of the same scenario: a file of its own beside the first.
  assert.ok(c.saved.includes(`${SCENARIO}.class.json`), JSON.stringify(c.saved));
  assert.ok(c.saved.includes(`${SCENARIO}-2.class.json`), JSON.stringify(c.saved));
  await act('class.reopen', { file: `${SCENARIO}.class.json` });
  await waitFor(() => window.peizou.state().class.files.length === 6 && !window.peizou.state().class.pending);
  await act('class.reopen', { file: `${SCENARIO}-2.class.json` });
  await waitFor(() => window.peizou.state().class.files.length === 4 && !window.peizou.state().class.pending);
  assert.deepEqual((await state()).class.report, report);
  // Looked at: two kept classes listed, the zip's records, 改革前 in the comparison column.
  await act('scale', { scale: 2 });
  await page.evaluate(() => window.peizou.frames(3));
  await page.screenshot({ path: path.join(OUTPUT, 'class-zip-zh-2x.png') });
  await act('scale', { scale: 1 });
});
