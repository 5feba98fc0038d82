// Everyday words for what a component is used for, so palette search finds "fan", "relay",
// "LED" or "thermostat" although the engine's catalog names the component by what it does
// (DigitalWrite, HysteresisLatch). Kept beside the editor's component model: the engine's
// component messages (FBP protocol) carry no tags.
export const COMPONENT_TAGS: Readonly<Record<string, readonly string[]>> = {
  AnalogRead: ['sensor', 'potentiometer', 'light sensor', 'ADC', 'accelerometer', 'input'],
  AnomalyScore: ['machine learning', 'model', 'outlier', 'anomaly detection'],
  ArduinoUno: ['board', 'pins', 'Uno', 'pin map'],
  BooleanAnd: ['logic', 'and', 'both'],
  BooleanOr: ['logic', 'or', 'either'],
  BreakBeforeMake: ['relay interlock', 'contactor', 'two relays', 'compressor', 'motor direction'],
  Classify: ['machine learning', 'model', 'classifier', 'prediction'],
  Compare: ['comparator', 'greater', 'less', 'condition'],
  Constrain: ['clamp', 'limit', 'range'],
  Count: ['counter', 'tally'],
  DigitalRead: ['button', 'switch', 'door', 'reed', 'input', 'motion sensor'],
  DigitalWrite: ['LED', 'fan', 'relay', 'motor', 'heater', 'pump', 'buzzer', 'lamp', 'output'],
  Drop: ['discard', 'sink', 'ignore'],
  Forward: ['pass', 'relay packets'],
  Gate: ['enable', 'valve', 'pass when'],
  HysteresisLatch: ['thermostat', 'hysteresis', 'on/off control', 'deadband', 'switch point'],
  InvertBoolean: ['not', 'negate', 'active low'],
  MapLinear: ['scale', 'convert', 'calibrate', 'map'],
  Max: ['maximum', 'peak'],
  Merge: ['join', 'combine'],
  Min: ['minimum'],
  MonitorPin: ['feedback', 'input', 'watch pin'],
  NumberEquals: ['equals', 'match'],
  PwmWrite: ['PWM', 'dimmer', 'LED brightness', 'fan speed', 'motor speed', 'servo', 'output'],
  ReadDallasTemperature: ['thermometer', 'temperature', 'DS18B20', 'sensor', 'one-wire'],
  Regress: ['machine learning', 'model', 'regression', 'prediction'],
  Repeat: ['repeat', 'resend'],
  Route: ['switch', 'select', 'demultiplex'],
  SerialOut: ['print', 'log', 'serial', 'debug', 'console'],
  Split: ['fan out', 'copy', 'duplicate'],
  Threshold: ['alarm', 'thermostat', 'limit', 'comparator', 'trip'],
  Timer: ['clock', 'interval', 'periodic', 'blink', 'tick', 'schedule'],
  ToggleBoolean: ['blink', 'flip', 'alternate'],
  WindowFeatures: ['features', 'statistics', 'window', 'accelerometer', 'signal processing'],
};

export const tagsOf = (component: string): readonly string[] => COMPONENT_TAGS[component] ?? [];

/**
 * How well a component matches a search (0: not at all): its name first, then a tag, then its
 * description or a port — so "fan" lists DigitalWrite and PwmWrite before a description that
 * merely contains the letters.
 */
export function searchScore(
  c: { name: string; description: string; inPorts: { id: string }[]; outPorts: { id: string }[] },
  query: string,
): number {
  const q = query.trim().toLowerCase();
  if (!q) return 1;
  if (c.name.toLowerCase() === q) return 5;
  if (c.name.toLowerCase().includes(q)) return 4;
  const tags = tagsOf(c.name).map((t) => t.toLowerCase());
  if (tags.some((t) => t === q)) return 3;
  if (tags.some((t) => t.includes(q))) return 2.5;
  const words = new RegExp(`\\b${q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i');
  if (words.test(c.description)) return 2;
  if ([...c.inPorts, ...c.outPorts].some((p) => p.id.includes(q))) return 1;
  return 0;
}
