// The reference for emflow's .fbp parser: runs the npm `fbp` parser (1.8) on FILE and prints
// what its own CLI prints (JSON.stringify(graph, null, 2)). On a parse error prints
// {"error": message, "line": L, "column": C} (line/column null when fbp gives none), exit 1.
//   node tests/fbp/reference-parse.mjs FILE [--case-sensitive]
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const fbp = require('../../node_modules/fbp');

const [file, flag] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tests/fbp/reference-parse.mjs FILE [--case-sensitive]');
  process.exit(2);
}
const source = readFileSync(file, 'utf-8');
try {
  const graph = fbp.parse(source, { caseSensitive: flag === '--case-sensitive' });
  console.log(JSON.stringify(graph, null, 2));
} catch (error) {
  const start = error.location ? error.location.start : null;
  console.log(
    JSON.stringify({
      error: String(error.message),
      line: start ? start.line : null,
      column: start ? start.column : null,
    }),
  );
  process.exit(1);
}
