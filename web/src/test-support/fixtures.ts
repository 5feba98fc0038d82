// Shared test data: the reference fridge graph (ARCHITECTURE.md) and a small component library
// with the port types of the real one.
import type { ComponentInfo } from '../graph-doc/components';

export const FRIDGE_FBP = `# @name Fridge
timer(Timer) OUT -> TRIGGER thermometer(ReadDallasTemperature)
thermometer() OUT -> IN hysteresis(HysteresisLatch)
hysteresis() OUT -> IN switch(BreakBeforeMake)
switch() OUT1 -> IN ia(InvertBoolean) OUT -> IN turnOn(DigitalWrite)
switch() OUT2 -> IN ic(InvertBoolean) OUT -> IN turnOff(DigitalWrite)
turnOn() OUT -> IN ib(InvertBoolean) OUT -> MONITOR1 switch()
turnOff() OUT -> IN id(InvertBoolean) OUT -> MONITOR2 switch()
'5000' -> INTERVAL timer()
'2' -> LOWTHRESHOLD hysteresis()
'5' -> HIGHTHRESHOLD hysteresis()
'["0x28", "0xAF", "0x1C", "0xB2", "0x04", "0x00", "0x00", "0x33"]' -> ADDRESS thermometer()
board(ArduinoUno) PIN9 -> PIN thermometer()
board() PIN12 -> PIN turnOff()
board() PIN11 -> PIN turnOn()
`;

const port = (id: string, type: string) => ({ id, type });
const component = (
  name: string,
  inPorts: [string, string][],
  outPorts: [string, string][],
): ComponentInfo => ({
  name,
  description: `${name} (test)`,
  subgraph: false,
  inPorts: inPorts.map(([id, type]) => port(id, type)),
  outPorts: outPorts.map(([id, type]) => port(id, type)),
});

export const LIBRARY: ComponentInfo[] = [
  component(
    'Timer',
    [
      ['interval', 'int'],
      ['enable', 'boolean'],
      ['reset', 'bang'],
    ],
    [['out', 'bang']],
  ),
  component(
    'ReadDallasTemperature',
    [
      ['trigger', 'bang'],
      ['pin', 'int'],
      ['address', 'array'],
    ],
    [['out', 'number']],
  ),
  component(
    'HysteresisLatch',
    [
      ['in', 'number'],
      ['lowthreshold', 'number'],
      ['highthreshold', 'number'],
    ],
    [['out', 'boolean']],
  ),
  component(
    'BreakBeforeMake',
    [
      ['in', 'boolean'],
      ['monitor1', 'boolean'],
      ['monitor2', 'boolean'],
    ],
    [
      ['out1', 'boolean'],
      ['out2', 'boolean'],
    ],
  ),
  component('InvertBoolean', [['in', 'boolean']], [['out', 'boolean']]),
  component(
    'DigitalWrite',
    [
      ['in', 'boolean'],
      ['pin', 'int'],
    ],
    [['out', 'boolean']],
  ),
  component(
    'ArduinoUno',
    [],
    [
      ['pin9', 'int'],
      ['pin11', 'int'],
      ['pin12', 'int'],
      ['pin13', 'int'],
    ],
  ),
  component('ToString', [['in', 'all']], [['out', 'string']]),
];
