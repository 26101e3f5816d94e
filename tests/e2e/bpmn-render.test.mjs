// "Opens in bpmn.io" (issue 16), checked with bpmn.io's own reader: bpmn-js (npm, the
// library bpmn.io and Camunda Modeler are built on) renders `peizou export --format bpmn`
// of EVERY built-in scenario × variant in headless Chromium. For each export:
//  - importXML succeeds with zero warnings;
//  - every task, gateway and event of the exported XML has a rendered shape with the
//    bpmndi bounds the export wrote, and every sequence flow a rendered connection with the
//    waypoints it wrote, and no shape sits on a pool's or lane's name strip (its first 30 px,
//    where bpmn-js writes the name). The expected elements come from the XML itself, read with the
//    browser's DOMParser (not through bpmn-js): the oracle is the file's own text.
// One rendered export is kept as a screenshot (test-output/bpmn-render-*.png).
// Camunda Modeler itself (an Electron application) cannot run here; it reads BPMN with the
// same bpmn-js/bpmn-moddle code, so this is the same reader (docs/import.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './serve.mjs';
import { openBrowser, OUTPUT } from './browser.mjs';

const NATIVE = path.join(ROOT, process.env.PEIZOU_NATIVE || 'build/native');
const BPMN_JS = path.join(ROOT, 'node_modules/bpmn-js/dist');

let browser;
let page;

// Every built-in scenario × variant, as `peizou export --format bpmn` writes it.
function exports() {
  const out = [];
  for (const f of fs.readdirSync(path.join(ROOT, 'scenarios')).filter((f) => f.endsWith('.json')).sort()) {
    const file = path.join(ROOT, 'scenarios', f);
    for (const v of Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')).variants)) {
      const xml = execFileSync(path.join(NATIVE, 'peizou'), ['export', file, '--variant', v, '--format', 'bpmn'],
        { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
      out.push({ name: `${path.basename(f, '.json')}-${v}`, xml });
    }
  }
  return out;
}

before(async () => {
  assert.ok(fs.existsSync(path.join(NATIVE, 'peizou')), 'the native CLI is built');
  assert.ok(fs.existsSync(path.join(BPMN_JS, 'bpmn-viewer.production.min.js')), 'bpmn-js is installed (npm ci)');
  browser = await openBrowser({ viewport: { width: 1600, height: 900 } });
  page = browser.page;
  await page.setContent('<!doctype html><meta charset="utf-8"><body style="margin:0">' +
    '<div id="canvas" style="width:1600px;height:900px"></div></body>');
  for (const css of ['diagram-js.css', 'bpmn-js.css', 'bpmn-font/css/bpmn.css'])
    await page.addStyleTag({ path: path.join(BPMN_JS, 'assets', css) });
  await page.addScriptTag({ path: path.join(BPMN_JS, 'bpmn-viewer.production.min.js') });
  assert.equal(await page.evaluate(() => typeof window.BpmnJS), 'function', 'the viewer bundle defines BpmnJS');
});

after(async () => browser?.close());

// In the page: the expected elements from DOMParser, the rendered ones from bpmn-js.
async function render(xml) {
  return page.evaluate(async (text) => {
    const MODEL = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
    const DI = 'http://www.omg.org/spec/BPMN/20100524/DI';
    const DC = 'http://www.omg.org/spec/DD/20100524/DC';
    const DDI = 'http://www.omg.org/spec/DD/20100524/DI';
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    const process = doc.getElementsByTagNameNS(MODEL, 'process')[0];
    const nodes = [], flows = [];
    for (const e of process.children) {
      if (e.namespaceURI !== MODEL) continue;
      if (e.localName === 'sequenceFlow') flows.push({ id: e.getAttribute('id'), source: e.getAttribute('sourceRef'),
        target: e.getAttribute('targetRef') });
      else if (/Task$|Gateway$|Event$|^task$/.test(e.localName)) nodes.push({ id: e.getAttribute('id'), type: e.localName });
    }
    const shapes = {}, edges = {};
    for (const s of doc.getElementsByTagNameNS(DI, 'BPMNShape')) {
      const b = s.getElementsByTagNameNS(DC, 'Bounds')[0];
      shapes[s.getAttribute('bpmnElement')] = ['x', 'y', 'width', 'height'].map((k) => Number(b.getAttribute(k)));
    }
    for (const e of doc.getElementsByTagNameNS(DI, 'BPMNEdge'))
      edges[e.getAttribute('bpmnElement')] = [...e.getElementsByTagNameNS(DDI, 'waypoint')]
        .map((w) => [Number(w.getAttribute('x')), Number(w.getAttribute('y'))]);

    document.getElementById('canvas').innerHTML = '';
    const viewer = new window.BpmnJS({ container: '#canvas' });
    let warnings;
    try {
      ({ warnings } = await viewer.importXML(text));
    } catch (err) {
      return { error: String(err.message || err), warnings: (err.warnings || []).map((w) => w.message) };
    }
    const reg = viewer.get('elementRegistry');
    const problems = [];
    for (const n of nodes) {
      const el = reg.get(n.id);
      const want = shapes[n.id];
      if (!el || el.waypoints) { problems.push(`${n.id} (${n.type}): no rendered shape`); continue; }
      if (!want) { problems.push(`${n.id}: no BPMNShape written`); continue; }
      if (el.businessObject.$type !== `bpmn:${n.type[0].toUpperCase()}${n.type.slice(1)}`)
        problems.push(`${n.id}: rendered as ${el.businessObject.$type}, written ${n.type}`);
      const got = [el.x, el.y, el.width, el.height];
      if (got.join() !== want.join()) problems.push(`${n.id}: bounds ${got} rendered, ${want} written`);
      if (!reg.getGraphics(n.id)) problems.push(`${n.id}: no SVG`);
      // Not on a name strip: bpmn-js writes a lane's (and the pool's) name in its first 30 px.
      for (const l of reg.filter((e) => e.type === 'bpmn:Lane' || e.type === 'bpmn:Participant'))
        if (el.y < l.y + l.height && el.y + el.height > l.y && el.x < l.x + 30 && el.x + el.width > l.x)
          problems.push(`${n.id}: drawn on the name strip of ${l.id}`);
    }
    for (const f of flows) {
      const el = reg.get(f.id);
      if (!el || !el.waypoints) { problems.push(`${f.id}: no rendered connection`); continue; }
      if (el.source?.id !== f.source || el.target?.id !== f.target)
        problems.push(`${f.id}: ${el.source?.id}→${el.target?.id} rendered, ${f.source}→${f.target} written`);
      const got = el.waypoints.map((p) => [p.x, p.y]);
      if (JSON.stringify(got) !== JSON.stringify(edges[f.id])) problems.push(`${f.id}: waypoints ${JSON.stringify(got)} ≠ ${JSON.stringify(edges[f.id])}`);
    }
    viewer.get('canvas').zoom('fit-viewport');
    return { warnings: warnings.map((w) => w.message), nodes: nodes.length, flows: flows.length,
      lanes: reg.filter((e) => e.type === 'bpmn:Lane').length, problems };
  }, xml);
}

test('bpmn-js renders every built-in export with zero warnings, every shape at its written bounds', async () => {
  const all = exports();
  assert.ok(all.length >= 14, `${all.length} exports`);
  let nodes = 0, flows = 0;
  for (const { name, xml } of all) {
    const r = await render(xml);
    assert.equal(r.error, undefined, `${name}: importXML failed: ${r.error} ${r.warnings}`);
    assert.deepEqual(r.warnings, [], `${name}: bpmn-js warnings`);
    assert.deepEqual(r.problems, [], `${name}: rendered differently from what was written`);
    assert.ok(r.nodes >= 3 && r.flows >= 2 && r.lanes >= 1, `${name}: ${JSON.stringify(r)}`);
    nodes += r.nodes;
    flows += r.flows;
  }
  console.log(`# bpmn-js rendered ${all.length} exports: ${nodes} tasks/gateways/events, ${flows} sequence flows`);
  // One rendered export kept to look at (a branch, lanes, parallel joins).
  const shown = all.find((e) => e.name === 'company-startup-before') || all[0];
  await render(shown.xml);
  await page.screenshot({ path: path.join(OUTPUT, `bpmn-render-${shown.name}.png`) });
});

test('the checks can fail: a missing shape, a dangling reference, a missing edge are all seen', async () => {
  const { xml } = exports()[0];
  // A task without its BPMNShape is not drawn: the check names it.
  const noShape = await render(xml.replace(/<bpmndi:BPMNShape id="Step_1_di"[^\n]*\n/, ''));
  assert.ok(noShape.problems.some((p) => p.startsWith('Step_1 (') && p.endsWith('no rendered shape')),
    JSON.stringify(noShape.problems));
  // A flow whose target does not exist: bpmn-js warns (or fails).
  const broken = await render(xml.replace(/targetRef="EndEvent_1"/, 'targetRef="Nowhere_1"'));
  assert.ok(broken.error || broken.warnings.length > 0, 'a dangling reference is reported');
  // A sequence flow without its BPMNEdge is not rendered: the check names it.
  const noEdge = await render(xml.replace(/<bpmndi:BPMNEdge id="Flow_1_di"[^\n]*\n/, ''));
  assert.ok(noEdge.problems.some((p) => p.startsWith('Flow_1: no rendered connection')), JSON.stringify(noEdge.problems));
});
