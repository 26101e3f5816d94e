// Validates scenario files against docs/scenario.schema.json with ajv.
//   node tests/schema/check.mjs [--reject] FILE...
// Each file is one check: it must pass the schema (or, after --reject, must fail it).
// The last line is "N passed, N failed"; the exit status is 1 if any check failed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// Resolve ajv from the project's node_modules whatever the working directory.
const require = createRequire(path.join(root, 'package.json'));
const Ajv = require('ajv');

const schema = JSON.parse(readFileSync(path.join(root, 'docs/scenario.schema.json'), 'utf8'));
// strictRequired is off: `required` inside if/not names properties defined one level up.
const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
const validate = ajv.compile(schema);

let passed = 0, failed = 0, expectValid = true;
for (const arg of process.argv.slice(2)) {
  if (arg === '--reject') { expectValid = false; continue; }
  let ok, detail = '';
  try {
    ok = validate(JSON.parse(readFileSync(arg, 'utf8')));
    if (!ok) detail = ajv.errorsText(validate.errors, { separator: '\n    ' });
  } catch (e) {
    ok = false;
    detail = String(e.message);
  }
  if (ok === expectValid) {
    passed++;
    console.log(`ok   ${arg}${expectValid ? '' : ' (rejected as expected)'}`);
  } else {
    failed++;
    console.log(`FAIL ${arg}: ${expectValid ? 'does not match the schema' : 'accepted but should be rejected'}`);
    if (detail) console.log('    ' + detail);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
