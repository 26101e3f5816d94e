// Reads a Peizou XES log back with another project's XES reader (PM4JS's XesImporter, npm
// "pm4js", BSD-3-Clause; see NOTICE) and checks it against the CSV log of the same run:
// the same cases in order, the same events with the same activity, instant, lifecycle,
// resource, department, step, detail and code. Then checks the declarations: every
// attribute key with a prefix has its <extension>, the standard keys are used where IEEE
// 1849-2016 clause 7 defines them (level and type), and every peizou: key is declared at
// its level with its type in docs/xes/peizou.xesext, whose uri is the log's.
//   node tests/suites/xes_read.mjs LOG.xes LOG.csv EXTENSION.xesext
// Prints "ok" or one line per problem (at most 20), and exits 0 only on "ok".
import fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
require("pm4js/pm4js/objects/log/importer/xes/importer.js"); // defines global XesImporter, DOMParser
const [xesFile, csvFile, extFile] = process.argv.slice(2);
const problems = [];
const problem = (s) => { if (problems.length < 20) problems.push(s); };

// ---------------------------------------------------------------- the CSV (RFC 4180 quoting)
function csvRows(text) {
  const rows = [];
  let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n") { row.push(field); rows.push(row); row = []; field = ""; }
    else field += c;
  }
  if (field !== "" || row.length) { row.push(field); rows.push(row); }
  return rows;
}
const [header, ...lines] = csvRows(fs.readFileSync(csvFile, "utf8"));
const col = Object.fromEntries(header.map((h, i) => [h, i]));

// ---------------------------------------------------------------- read back with PM4JS
const xesText = fs.readFileSync(xesFile, "utf8");
const log = globalThis.XesImporter.apply(xesText);
const value = (element, key) => (key in element.attributes ? element.attributes[key].value : undefined);

// The CSV lists events in time order; the XES groups them by case, cases in order of
// their first event. Rebuild that grouping from the CSV.
const byCase = new Map();
for (const l of lines) {
  if (!byCase.has(l[col.case_id])) byCase.set(l[col.case_id], []);
  byCase.get(l[col.case_id]).push(l);
}
if (log.traces.length !== byCase.size) problem(`${log.traces.length} traces read, CSV has ${byCase.size} cases`);
const cases = [...byCase.entries()];
log.traces.forEach((trace, t) => {
  if (t >= cases.length) return;
  const [caseId, rows] = cases[t];
  if (value(trace, "concept:name") !== caseId) problem(`trace ${t}: concept:name ${value(trace, "concept:name")}, CSV ${caseId}`);
  if (trace.events.length !== rows.length) problem(`trace ${caseId}: ${trace.events.length} events, CSV ${rows.length}`);
  trace.events.forEach((e, i) => {
    const r = rows[i];
    if (!r) return;
    const at = `${caseId} event ${i}`;
    const time = value(e, "time:timestamp");
    if (!(time instanceof Date) || time.getTime() !== new Date(r[col.timestamp]).getTime())
      problem(`${at}: time:timestamp ${time}, CSV ${r[col.timestamp]}`);
    const same = [["concept:name", "activity"], ["lifecycle:transition", "lifecycle"], ["org:resource", "resource"],
      ["org:group", "department"], ["peizou:step", "step"], ["peizou:detail", "detail"], ["peizou:code", "code"]];
    for (const [key, column] of same) {
      const v = value(e, key) ?? "";  // absent in the XES = empty in the CSV
      if (v !== r[col[column]]) problem(`${at}: ${key} "${v}", CSV ${column} "${r[col[column]]}"`);
    }
  });
});

// ---------------------------------------------------------------- declarations
const doc = new globalThis.DOMParser().parseFromString(xesText, "text/xml");
const extensions = new Map(); // prefix → uri
for (const x of Array.from(doc.getElementsByTagName("extension"))) extensions.set(x.getAttribute("prefix"), x.getAttribute("uri"));
// IEEE 1849-2016 clause 7: the standard extensions' keys this log uses, level → type.
const standard = {
  "concept:name": { log: "string", trace: "string", event: "string" },
  "concept:instance": { event: "string" },
  "time:timestamp": { event: "date" },
  "lifecycle:model": { log: "string" },
  "lifecycle:transition": { event: "string" },
  "org:resource": { event: "string" }, "org:role": { event: "string" }, "org:group": { event: "string" },
};
const extDoc = new globalThis.DOMParser().parseFromString(fs.readFileSync(extFile, "utf8"), "text/xml");
const extRoot = extDoc.documentElement;
const ownPrefix = extRoot.getAttribute("prefix");
const own = {};
for (const level of ["log", "trace", "event", "meta"]) {
  for (const section of Array.from(extRoot.getElementsByTagName(level))) {
    for (const k of Array.from(section.childNodes).filter((n) => n.nodeType === 1)) {
      const key = `${ownPrefix}:${k.getAttribute("key")}`;
      (own[key] ??= {})[level] = k.tagName;
    }
  }
}
if (extensions.get(ownPrefix) !== extRoot.getAttribute("uri"))
  problem(`the log declares ${ownPrefix}: as ${extensions.get(ownPrefix)}, the XESEXT's uri is ${extRoot.getAttribute("uri")}`);
const types = new Set(["string", "date", "int", "float", "boolean", "id", "list"]);
let checked = 0;
for (const a of Array.from(doc.getElementsByTagName("*")).filter((n) => types.has(n.tagName))) {
  const parent = a.parentNode.tagName;
  if (parent === "global") continue; // a global's defaults are checked where they are used
  const key = a.getAttribute("key");
  if (!key.includes(":")) continue;
  checked++;
  const prefix = key.split(":")[0];
  if (!extensions.has(prefix)) { problem(`${key} on a ${parent}: no <extension> declares prefix ${prefix}`); continue; }
  const defined = prefix === ownPrefix ? own[key] : standard[key];
  if (!defined) problem(`${key} on a ${parent}: not a key of extension ${prefix}`);
  else if (defined[parent] !== a.tagName) problem(`${key} on a ${parent} as <${a.tagName}>: defined ${JSON.stringify(defined)}`);
}
if (checked === 0) problem("no prefixed attribute checked");

console.log(problems.length ? problems.join("\n") : "ok");
process.exit(problems.length ? 1 : 0);
