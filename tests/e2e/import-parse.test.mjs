// "The text is parsed once on its way in" (issue 16), on the page in real Chromium: files
// arriving by real drop events — a scenario, a walk record, a BPMN diagram and a guide CSV —
// and the whole-document parses each cost from its arrival until it is kept and listed
// (test API user_files.way_in, counted where the JSON and XML readers parse:
// src/scenario/parse_count.hpp). Expected, by the path each takes:
//   scenario   1 JSON (the scenario reader), 0 XML
//   walk       1 JSON (the walk reader), 0 XML
//   BPMN       1 XML (pugixml), 1 JSON (the draft read back by the importer, then listed as is)
//   guide CSV  0 XML, 1 JSON (the draft read back; the CSV itself is no JSON/XML)
// and a scenario with a syntax error costs 2 JSON (the second parse locates the error):
// the counter sees a second parse when there is one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './serve.mjs';
import { openPage } from './browser.mjs';
import { until as untilState, drop as dropFile } from './import_page.mjs';

const FIX = path.join(ROOT, 'tests/fixtures/import');
let opened;
let page;

const state = () => page.evaluate(() => window.peizou.state());
const until = (fn, what) => untilState(page, fn, what, { dump: 'import-parse-timeout.json' });

// Drops a file on the canvas and waits until the page has taken it in; returns its way_in record.
async function drop(name, bytes) {
  const seen = (await state()).user_files.way_in.length;
  await dropFile(page, name, bytes);
  // way_in keeps the last 16: the new record is the last one once the count moved.
  const s = await until((s) => s.user_files.way_in.length !== seen || (seen === 16 &&
    s.user_files.way_in.at(-1).name === name), `${name} taken in`);
  const w = s.user_files.way_in.at(-1);
  assert.equal(w.name, name);
  return { json: w.json, xml: w.xml, state: s };
}

before(async () => {
  opened = await openPage();
  ({ page } = opened);
});

after(async () => opened?.close());

test('each opened file is parsed once on its way in', async () => {
  const scenario = fs.readFileSync(path.join(ROOT, 'scenarios/vehicle-annual-review.json'));
  let r = await drop('mine.json', scenario);
  assert.deepEqual([r.json, r.xml], [1, 0], 'a scenario: one JSON parse');
  assert.ok(r.state.user_files.scenarios.some((f) => f.file === 'user/scenarios/mine.json' && f.ok));

  const walk = '{"format": "peizou-walk/1", "scenario": "job-retention-refund", "variant": "no_application", ' +
    '"seed": 3, "choices": []}\n';
  r = await drop('one.walk.json', Buffer.from(walk));
  assert.deepEqual([r.json, r.xml], [1, 0], 'a walk record: one JSON parse');
  assert.ok(r.state.user_files.walks.some((w) => w.file === 'user/walks/one.walk.json' && w.ok));

  r = await drop('permit-lanes.bpmn', fs.readFileSync(path.join(FIX, 'permit-lanes.bpmn')));
  assert.deepEqual([r.xml, r.json], [1, 1], 'a BPMN: one XML parse, its draft read back once');
  assert.equal(r.state.import.ok, true);
  assert.ok(r.state.user_files.scenarios.some((f) => f.file === 'user/scenarios/permit-lanes.json' && f.ok));

  r = await drop('marriage-guide.csv', fs.readFileSync(path.join(FIX, 'marriage-guide.csv')));
  assert.deepEqual([r.xml, r.json], [0, 1], 'a guide CSV: its draft read back once');
  assert.equal(r.state.import.ok, true);
  assert.ok(r.state.user_files.scenarios.some((f) => f.file === 'user/scenarios/marriage-guide.json' && f.ok));
  // The Editor shows that draft (and checks its own copy when it draws: not on the way in).
  await until((s) => s.editor.file === 'marriage-guide.json', 'the Editor on the guide draft');

  // The counter sees a second parse: a broken scenario is read again to locate its error.
  r = await drop('broken.json', Buffer.from('{\n  "format": "peizou-scenario/1",\n  "id": nope\n}\n'));
  assert.deepEqual([r.json, r.xml], [2, 0], 'a broken scenario: parsed, then located');
  const entry = r.state.user_files.scenarios.find((f) => f.file === 'user/scenarios/broken.json');
  assert.ok(entry && !entry.ok && entry.issues[0].line === 3, JSON.stringify(entry));
});
