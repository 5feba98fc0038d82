// Every component of the library has fbp-spec tests: each one is the topic of at least one
// suite with at least one case that is not skipped, in tests/protocol/specs (or a folder in
// it, such as activity/ for the specs that need the activity world). A new component without
// a spec fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { engine, root, session } from './helpers.mjs';

const yaml = createRequire(import.meta.url)('js-yaml');
const specsDir = join(root, 'tests/protocol/specs');

function specFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return specFiles(path);
    return entry.name.endsWith('.yaml') ? [path] : [];
  });
}

/** topic ("core/Timer") → cases that run, over every suite of every spec file. */
function casesByTopic() {
  const cases = new Map();
  for (const file of specFiles(specsDir)) {
    for (const suite of yaml.loadAll(readFileSync(file, 'utf8'))) {
      assert.ok(suite?.topic, `${file}: a suite without a topic`);
      assert.ok(Array.isArray(suite.cases) && suite.cases.length > 0, `${file}: no cases`);
      const running = suite.cases.filter((c) => !c.skip);
      cases.set(suite.topic, (cases.get(suite.topic) ?? 0) + running.length);
    }
  }
  return cases;
}

test('every library component has at least one fbp-spec case', async () => {
  const s = session(await engine(), { componentPrefix: 'core' });
  const components = s
    .send('component', 'list')
    .filter((m) => m.command === 'component')
    .map((m) => m.payload.name);
  s.close();
  assert.ok(components.length >= 34, `only ${components.length} components listed`);
  const cases = casesByTopic();
  const missing = components.filter((name) => !(cases.get(name) > 0));
  assert.deepEqual(missing, [], `components without a spec in tests/protocol/specs`);
  const unknown = [...cases.keys()].filter((topic) => !components.includes(topic));
  assert.deepEqual(unknown, [], 'spec topics that are not library components');
});
