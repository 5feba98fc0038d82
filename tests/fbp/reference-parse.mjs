// The reference for emflow's .fbp parser: runs the npm `fbp` parser (1.8) on .fbp files.
//   node tests/fbp/reference-parse.mjs FILE [--case-sensitive]
//     prints what fbp's own CLI prints (JSON.stringify(graph, null, 2)); on a parse error
//     prints {"error": message, "line": L, "column": C} (null when fbp gives none), exit 1.
//   node tests/fbp/reference-parse.mjs --batch FILE...
//     one JSON array, an entry per file: {file, text} or {file, error, line, column}. Files
//     named *.cs.fbp are parsed with {caseSensitive: true}. One Node start for a whole corpus.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const fbp = require('../../node_modules/fbp');

function parseFile(file, caseSensitive) {
  const source = readFileSync(file, 'utf-8');
  try {
    const graph = fbp.parse(source, { caseSensitive });
    return { file, text: JSON.stringify(graph, null, 2) };
  } catch (error) {
    const start = error.location ? error.location.start : null;
    return {
      file,
      error: String(error.message),
      line: start ? start.line : null,
      column: start ? start.column : null,
    };
  }
}

const args = process.argv.slice(2);
if (args[0] === '--batch') {
  const results = args.slice(1).map((file) => parseFile(file, file.endsWith('.cs.fbp')));
  console.log(JSON.stringify(results));
} else if (args[0]) {
  const result = parseFile(args[0], args[1] === '--case-sensitive');
  if (result.text !== undefined) {
    console.log(result.text);
  } else {
    const { error, line, column } = result;
    console.log(JSON.stringify({ error, line, column }));
    process.exit(1);
  }
} else {
  console.error(
    'usage: node tests/fbp/reference-parse.mjs FILE [--case-sensitive] | --batch FILE...',
  );
  process.exit(2);
}
