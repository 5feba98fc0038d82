// BoardWorld: the simulator's worlds on a virtual board's pins (wasm/bindings_board_world.cpp,
// docs/board-worlds.md) — opened with simulateWorld's options, stepped by the host, driven by
// the board's output levels, its DS18B20 answering as the world's Ds18b20Model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engine } from './helpers.mjs';

const module = await engine();
const ROM = [0x28, 0xaf, 0x1c, 0xb2, 0x04, 0x00, 0x00, 0x33];
const UNDRIVEN = 0xffff;

function opened(options) {
  const world = new module.BoardWorld();
  const result = JSON.parse(world.open(JSON.stringify(options)));
  return { world, result };
}

test('the fridge: door switch, thermometer on pin 9, relays drive the compressor', () => {
  const { world, result } = opened({ world: 'fridge', seed: 1 });
  assert.deepEqual(result, { ok: true, error: '' });
  assert.equal(world.name(), 'fridge');
  assert.deepEqual(world.thermometers(), [{ pin: 9, rom: ROM }]);
  const pins = Array.from(world.advanceTo(0));
  assert.equal(pins.length, 40);
  assert.equal(pins[2], 0, 'the door switch reads LOW while the door is closed');
  assert.equal(pins[11], UNDRIVEN, 'the relay pins are the board’s');
  // A conversion is sampled 750 ms after it starts, with the world's noise, at 1/16 °C.
  assert.equal(world.startConversion(9, ROM), 'ok');
  world.advanceTo(749);
  assert.equal(world.readTemperature(9, ROM).status, 'not ready');
  world.advanceTo(750);
  const reading = world.readTemperature(9, ROM);
  assert.equal(reading.status, 'ok');
  assert.ok(Math.abs(reading.raw / 16 - 5) < 0.2, `5 °C air read as ${reading.raw / 16}`);
  assert.equal(world.startConversion(9, [...ROM.slice(0, 7), 0]), 'no sensor');
  // turnOn (pin 11) LOW energises the SET coil: the compressor runs from the next physics step.
  assert.equal(world.writePin(11, false), true);
  world.advanceTo(1000);
  const sample = JSON.parse(world.sample());
  assert.equal(sample.compressorOn, 1);
  assert.equal(sample.pin11, 0);
  assert.deepEqual(JSON.parse(world.setInput('doorOpen', 1)), { ok: true, error: '' });
  assert.equal(world.advanceTo(1001)[2], 1);
  assert.match(JSON.parse(world.setInput('ambientC', 99)).error, /ambientC must be/);
  assert.equal(world.writePin(20, true), false);
  world.delete();
});

test('the activity world puts the accelerometer on A0..A2', () => {
  const { world } = opened({ world: 'activity', seed: 1 });
  const counts = [];
  for (let ms = 0; ms < 2000; ms += 40) counts.push(Array.from(world.advanceTo(ms).slice(34, 37)));
  assert.ok(counts.every((c) => c.every((v) => v > 0 && v < 1023)));
  assert.ok(new Set(counts.map((c) => c[0])).size > 3, 'the readings move');
  assert.ok(world.truth() >= 0 && world.truth() < 5);
  world.delete();
});

test('refused options name the argument; a world opens once', () => {
  assert.match(opened({ world: 'moon' }).result.error, /world must be one of/);
  assert.match(opened({ world: 'replay' }).result.error, /data is required/);
  assert.match(
    opened({ world: 'replay', data: 'nonsense' }).result.error,
    /^BoardWorld\.open: data:/,
  );
  const { world } = opened({ world: 'none' });
  assert.match(JSON.parse(world.open('{"world":"fridge"}')).error, /already open/);
  // The bench attaches a DS18B20 when its T<n> input is set.
  assert.deepEqual(world.thermometers(), []);
  assert.deepEqual(JSON.parse(world.setInput('T9', 21.5)), { ok: true, error: '' });
  assert.equal(world.thermometers()[0].pin, 9);
  world.delete();
});
