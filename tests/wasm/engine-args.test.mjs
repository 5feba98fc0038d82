// Every engine call refuses a missing or mistyped argument with {ok: false, error} naming the
// call and the argument (wasm/engine_args.h), and the module keeps working afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { engine, refusal, root } from './helpers.mjs';

const module = await engine();
const fridgeFbp = readFileSync(join(root, 'examples/fridge.fbp'), 'utf8');
const MAX_SEED = '9223372036854775807';

test('simulateWorld names the argument that is wrong', () => {
  const error = (options) => refusal(module.simulateWorld(fridgeFbp, options));
  assert.equal(
    error('{"durationMs": "1h"}'),
    'simulateWorld: durationMs must be a whole number from 0 to 4233600000, got "1h"',
  );
  assert.equal(
    error('{"durationMs": 1.5}'),
    'simulateWorld: durationMs must be a whole number from 0 to 4233600000, got 1.5',
  );
  assert.equal(
    error('{"sampleMs": 0}'),
    'simulateWorld: sampleMs must be a whole number from 1 to 4233600000, got 0',
  );
  assert.equal(error('{"world": 3}'), 'simulateWorld: world must be a string, got 3');
  assert.equal(
    error('{"world": "moon"}'),
    'simulateWorld: world must be one of fridge, activity, replay, none, got "moon"',
  );
  assert.equal(
    error('{"world": "replay"}'),
    'simulateWorld: data is required: the replay world replays a recording',
  );
  assert.equal(
    error('{"seed": -1}'),
    `simulateWorld: seed must be a whole number from 0 to ${MAX_SEED}, got -1`,
  );
  assert.equal(error('[1]'), 'simulateWorld: the options must be a JSON object, got [1]');
  assert.match(
    error('nope'),
    /^simulateWorld: the options must be a JSON object \(not valid JSON: /,
  );
  // A recording passed where a name belongs is quoted short, not whole.
  const long = error(JSON.stringify({ world: 'x'.repeat(5000) }));
  assert.ok(long.length < 200, long);
  // A world's own options by their keys, with the ranges of its registry entry.
  assert.equal(
    error('{"world": "fridge", "ambientC": 99}'),
    'simulateWorld: ambientC must be a number from -40 to 60, got 99',
  );
  // ...and the same call then runs.
  const ok = module.simulateWorld(fridgeFbp, '{"durationMs": 60000, "sampleMs": 1000}');
  assert.equal(ok.error, '');
  assert.equal(ok.summary.durationMs, 60000);
});

test('simulateFridge checks its world options by name and range', () => {
  const error = (options) => refusal(module.simulateFridge(fridgeFbp, options));
  assert.equal(
    error('{"ambientC": 99}'),
    'simulateFridge: ambientC must be a number from -40 to 60, got 99',
  );
  assert.equal(
    error('{"loadW": "hot"}'),
    'simulateFridge: loadW must be a number from -1000 to 1000, got "hot"',
  );
  assert.equal(
    error('{"doorSchedule": 5}'),
    'simulateFridge: doorSchedule must be a string, got 5',
  );
  assert.match(
    error('{"doorSchedule": "sometimes"}'),
    /^simulateFridge: doorSchedule is refused: door opening 'sometimes' needs the form /,
  );
  // The fridge's options are its world registry entry's, as `emflow run --sensor` reads them.
  assert.equal(
    error('{"sensor": "floor"}'),
    'simulateFridge: sensor is refused: must be air or contents',
  );
  // The graph's own problems keep their location, after the arguments passed.
  assert.match(refusal(module.simulateFridge('a(Nope)', '{}')), /^1:\d+: /);
});

test('recordActivity and recordWorldPins name the argument', () => {
  assert.equal(
    refusal(module.recordActivity('{"seed": "x"}')),
    `recordActivity: seed must be a whole number from 0 to ${MAX_SEED}, got "x"`,
  );
  assert.equal(
    refusal(module.recordActivity('{"segments": {}}')),
    'recordActivity: segments must be an array, got {}',
  );
  assert.equal(
    refusal(module.recordActivity('{"segments": [{"activity": "walking"}]}')),
    'recordActivity: segments[0].durationS must be a number of seconds, got null',
  );
  assert.match(
    refusal(module.recordActivity('{"segments": [3]}')),
    /^recordActivity: segments\[0\]\.activity must be an activity \(lying, /,
  );
  assert.equal(
    refusal(module.recordWorldPins('{"pins": ["A0"]}')),
    'recordWorldPins: durationMs is required',
  );
  assert.equal(
    refusal(module.recordWorldPins('{"durationMs": 1000, "pins": "A0"}')),
    'recordWorldPins: pins must be an array of strings, got "A0"',
  );
  assert.equal(
    refusal(module.recordWorldPins('{"durationMs": 1000, "pins": ["A0"], "world": false}')),
    'recordWorldPins: world must be a string, got false',
  );
});

test('the runtime names the argument: constructor, reset, setWorldInputs', () => {
  const optionsError = (options) => {
    const runtime = new module.EngineRuntime(options);
    const status = JSON.parse(runtime.status());
    runtime.delete();
    return status.optionsError;
  };
  assert.equal(
    optionsError('{"timeInEvents": 1}'),
    'EngineRuntime: timeInEvents must be true or false, got 1',
  );
  assert.equal(optionsError('{"secret": 42}'), 'EngineRuntime: secret must be a string, got 42');
  assert.equal(
    optionsError('{"seed": "x"}'),
    `EngineRuntime: seed must be a whole number from 0 to ${MAX_SEED}, got "x"`,
  );
  assert.equal(optionsError('{"world": "none"}'), undefined);

  const runtime = new module.EngineRuntime('{}');
  assert.equal(refusal(runtime.reset('{"world": 5}')), 'reset: world must be a string, got 5');
  assert.equal(refusal(runtime.reset('{"data": 5}')), 'reset: data must be a string, got 5');
  assert.equal(
    refusal(runtime.reset('{"world": "moon"}')),
    'reset: world must be one of fridge, activity, replay, none, got "moon"',
  );
  assert.equal(
    refusal(runtime.setWorldInputs('[1]')),
    'setWorldInputs: the inputs must be a JSON object {name: value}',
  );
  // The runtime's own refusals get the call's name too (fridge.test.mjs has the inputs').
  assert.equal(
    refusal(runtime.setWorldInputs('{"ambientC": 30}')),
    'setWorldInputs: no graph yet: send graph:clear first',
  );
  assert.equal(JSON.parse(runtime.reset('{"world": "activity", "seed": 3}')).ok, true);
  assert.equal(JSON.parse(runtime.status()).world, 'activity');
  runtime.delete();
});

test('generateModelCode and exportFirmware name the argument', () => {
  const bytes = new Uint8Array(0);
  assert.equal(
    refusal(module.generateModelCode(bytes, 'm', '{"maxNodes": 0}')),
    'generateModelCode: maxNodes must be a whole number from 1 to 100000, got 0',
  );
  assert.equal(
    refusal(module.generateModelCode(bytes, 'm', '{"source": ["a"]}')),
    'generateModelCode: source must be a string, got ["a"]',
  );
  assert.equal(
    refusal(module.exportFirmware(fridgeFbp, 'fridge.fbp', 'uno', { 'core/a.h': 5 })),
    'exportFirmware: sources["core/a.h"] must be the file\'s text',
  );
});
