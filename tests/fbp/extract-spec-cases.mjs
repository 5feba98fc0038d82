// Extracts every .fbp text from the npm `fbp` package's own tests (spec/fbp.coffee) into
// tests/fbp/corpus/spec/NN-title.fbp, so the differential test runs fbp's cases too. CoffeeScript
// is not installed, so the strings are read the way CoffeeScript would compile them:
// "..." and """...""" (heredocs lose their common indentation), then JavaScript escapes apply.
// Cases parsed with caseSensitive:true get a .cs.fbp suffix (the test passes --case-sensitive).
//   node tests/fbp/extract-spec-cases.mjs
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const specPath = join(here, '../../node_modules/fbp/spec/fbp.coffee');
const outDir = join(here, 'corpus/spec');
const lines = readFileSync(specPath, 'utf-8').split('\n');

// Turns the raw characters between CoffeeScript double quotes into the JavaScript string value.
function evaluate(raw) {
  let js = '';
  for (let i = 0; i < raw.length; i += 1) {
    const c = raw[i];
    if (c === '\\' && i + 1 < raw.length) {
      js += c + raw[i + 1];
      i += 1;
    } else if (c === '"') js += '\\"';
    else if (c === '\n') js += '\\n';
    else js += c;
  }
  return JSON.parse(JSON.stringify(Function(`return "${js}";`)()));
}

function heredoc(bodyLines) {
  const indents = bodyLines.filter((l) => l.trim()).map((l) => l.match(/^ */)[0].length);
  const strip = indents.length ? Math.min(...indents) : 0;
  return bodyLines.map((l) => l.slice(strip)).join('\n');
}

const cases = [];
let title = 'case';
for (let i = 0; i < lines.length; i += 1) {
  const describe = lines[i].match(/^\s*describe '(.*)', ->/);
  if (describe) title = describe[1];
  const single = lines[i].match(/^\s*fbpData = "(.*)"\s*$/);
  const start = lines[i].match(/^\s*fbpData = """\s*$/);
  let source = null;
  if (start) {
    const body = [];
    for (i += 1; !lines[i].match(/^\s*"""\s*$/); i += 1) body.push(lines[i]);
    source = evaluate(heredoc(body));
  } else if (single && !single[1].startsWith('""')) {
    source = evaluate(single[1]);
  }
  if (source === null) continue;
  // The parse call that follows tells whether the case runs case-sensitively.
  let caseSensitive = false;
  for (let j = i + 1; j < Math.min(lines.length, i + 12); j += 1) {
    const call = lines[j].match(/parser\.parse fbpData(.*)$/);
    if (call) {
      caseSensitive = /caseSensitive\s*:\s*true/.test(call[1]);
      break;
    }
  }
  cases.push({ title, source, caseSensitive });
}

rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
cases.forEach((c, n) => {
  const slug = c.title
    .replace(/[^a-zA-Z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  const name = `${String(n + 1).padStart(2, '0')}-${slug}${c.caseSensitive ? '.cs' : ''}.fbp`;
  writeFileSync(join(outDir, name), c.source);
});
console.log(`extracted ${cases.length} cases into ${outDir}`);
