// BPMN with another project's reader and writer: bpmn-moddle (npm, MIT; see
// tests/fixtures/import/NOTICE), the BPMN 2.0 model of bpmn.io and Camunda Modeler.
//
//   node tests/suites/bpmn_moddle.mjs read SCENARIO.json VARIANT EXPORT.bpmn
//     Reads `peizou export --format bpmn` back with bpmn-moddle: no warnings; every
//     element of the XML (counted in the text, independently of either reader) is read
//     back by id; every sequence flow's source and target resolve; every diagram shape
//     and edge points at an element read. When the variant lists its own steps in the
//     scenario file (not derived with "from"): one task per step, named as the step, and
//     each `after` dependency is a path of sequence flows through gateways and events.
//   node tests/suites/bpmn_moddle.mjs write OUT.bpmn
//     Writes a small process with bpmn-moddle (lanes, a user task, a service task, an
//     exclusive 补正 loop with a named flow back, a timer) for `peizou import` to read.
// Prints "ok" or one line per problem (at most 20); exits 0 only on "ok".
import fs from 'node:fs';
import { BpmnModdle } from 'bpmn-moddle';

const problems = [];
const problem = (s) => { if (problems.length < 20) problems.push(s); };
const moddle = new BpmnModdle();
const TASK = /^bpmn:(Task|UserTask|ManualTask|ServiceTask|ScriptTask|SendTask|ReceiveTask|BusinessRuleTask|CallActivity|SubProcess)$/;

async function read(scenarioFile, variantId, bpmnFile) {
  const xml = fs.readFileSync(bpmnFile, 'utf8');
  const { rootElement: defs, warnings, elementsById } = await moddle.fromXML(xml);
  for (const w of warnings) problem(`bpmn-moddle warning: ${w.message}`);
  if (defs.$type !== 'bpmn:Definitions') problem(`root is ${defs.$type}`);
  // Every id on a BPMN element in the text (bpmn: and bpmndi: prefixes, as we write them).
  const ids = [...xml.matchAll(/<(?:bpmn|bpmndi):[A-Za-z]+ id="([^"]+)"/g)].map((m) => m[1]);
  for (const id of ids) if (!elementsById[id]) problem(`element ${id} not read back`);
  const processes = defs.rootElements.filter((e) => e.$type === 'bpmn:Process');
  if (processes.length !== 1) { problem(`${processes.length} processes`); return; }
  const elements = processes[0].flowElements || [];
  const flows = elements.filter((e) => e.$type === 'bpmn:SequenceFlow');
  const nodes = elements.filter((e) => e.$type !== 'bpmn:SequenceFlow');
  const flowCount = (xml.match(/<bpmn:sequenceFlow /g) || []).length;
  if (flows.length !== flowCount) problem(`${flows.length} sequence flows read, ${flowCount} in the text`);
  for (const f of flows) {
    if (!f.sourceRef || !nodes.includes(f.sourceRef)) problem(`flow ${f.id}: source does not resolve`);
    if (!f.targetRef || !nodes.includes(f.targetRef)) problem(`flow ${f.id}: target does not resolve`);
  }
  const planes = (defs.diagrams || []).map((d) => d.plane);
  if (planes.length !== 1) problem(`${planes.length} diagrams`);
  for (const di of planes[0]?.planeElement || [])
    if (!di.bpmnElement) problem(`diagram element ${di.id} points at nothing`);
  const shown = new Set((planes[0]?.planeElement || []).map((di) => di.bpmnElement?.id));
  for (const e of [...nodes, ...flows]) if (!shown.has(e.id)) problem(`${e.id} has no shape or edge in the diagram`);
  const tasks = nodes.filter((e) => TASK.test(e.$type));
  const lanes = processes[0].laneSets?.[0]?.lanes || [];
  if (lanes.length === 0) problem('no lanes');
  for (const t of tasks) if (!lanes.some((l) => (l.flowNodeRef || []).includes(t))) problem(`task ${t.id} in no lane`);

  const variant = JSON.parse(fs.readFileSync(scenarioFile, 'utf8')).variants[variantId];
  if (!variant) { problem(`no variant ${variantId}`); return; }
  if (!variant.steps) return;  // derived ("from" + levers): its steps are the reader's to resolve
  if (tasks.length !== variant.steps.length) problem(`${tasks.length} tasks for ${variant.steps.length} steps`);
  const byName = new Map(tasks.map((t) => [t.name, t]));
  for (const st of variant.steps) if (!byName.has(st.name)) problem(`step ${st.id} "${st.name}": no task of that name`);
  // a ⇒ b: a path of flows from task a to task b whose inner nodes are not tasks.
  const reaches = (a, b) => {
    const seen = new Set(), todo = [a];
    while (todo.length) {
      const n = todo.pop();
      for (const f of flows.filter((f) => f.sourceRef === n)) {
        const t = f.targetRef;
        if (t === b) return true;
        if (!TASK.test(t.$type) && !seen.has(t)) { seen.add(t); todo.push(t); }
      }
    }
    return false;
  };
  const nameOf = new Map(variant.steps.map((st) => [st.id, st.name]));
  for (const st of variant.steps)
    for (const a of st.after || []) {
      const from = byName.get(nameOf.get(a)), to = byName.get(st.name);
      if (from && to && !reaches(from, to)) problem(`after: ${a} → ${st.id} has no path of flows`);
    }
}

async function write(out) {
  const m = (type, props) => moddle.create(type, props);
  const start = m('bpmn:StartEvent', { id: 'start' });
  const apply = m('bpmn:UserTask', { id: 'apply', name: '窗口受理' });
  const check = m('bpmn:ExclusiveGateway', { id: 'check', name: '材料齐全？' });
  const review = m('bpmn:ServiceTask', { id: 'review', name: '审查' });
  const wait = m('bpmn:IntermediateCatchEvent', {
    id: 'wait', name: '公示', eventDefinitions: [m('bpmn:TimerEventDefinition', {
      id: 'wait_def', timeDuration: m('bpmn:FormalExpression', { body: 'P5D' }) })] });
  const issue = m('bpmn:UserTask', { id: 'issue', name: '发证' });
  const end = m('bpmn:EndEvent', { id: 'end' });
  const flow = (id, source, target, name) => m('bpmn:SequenceFlow', { id, sourceRef: source, targetRef: target, ...(name ? { name } : {}) });
  const flows = [flow('f1', start, apply), flow('f2', apply, check), flow('f3', check, review, '齐全'),
    flow('f4', check, apply, '补正'), flow('f5', review, wait), flow('f6', wait, issue), flow('f7', issue, end)];
  const hall = m('bpmn:Lane', { id: 'hall', name: '政务服务中心', flowNodeRef: [start, apply, check, issue, end] });
  const office = m('bpmn:Lane', { id: 'office', name: '审批科', flowNodeRef: [review, wait] });
  const process = m('bpmn:Process', { id: 'permit', name: '许可', isExecutable: false,
    laneSets: [m('bpmn:LaneSet', { id: 'lanes', lanes: [hall, office] })],
    flowElements: [start, apply, check, review, wait, issue, end, ...flows] });
  const defs = m('bpmn:Definitions', { id: 'defs', targetNamespace: 'https://peizou.example/test', rootElements: [process] });
  const { xml } = await moddle.toXML(defs, { format: true });
  fs.writeFileSync(out, xml);
}

const [mode, ...args] = process.argv.slice(2);
try {
  if (mode === 'read') await read(...args);
  else if (mode === 'write') await write(...args);
  else problem('usage: bpmn_moddle.mjs read SCENARIO VARIANT FILE | write OUT');
} catch (e) {
  problem(`exception: ${e.message}`);
}
console.log(problems.length ? problems.join('\n') : 'ok');
process.exit(problems.length ? 1 : 0);
