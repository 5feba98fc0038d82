// The virtual fridge: compartment temperature, thermometer reading, compressor and relay
// states, the door; with the inputs a user may change while it runs.
import type { FridgeInputs } from '../engine';
import { FridgeControls } from './FridgeControls';
import type { TraceSeries } from './traceSeries';

interface Props {
  trace: TraceSeries;
  dataVersion: number;
  enabled: boolean;
  onInputs: (inputs: FridgeInputs) => void;
}

const last = (trace: TraceSeries, key: string): number | null => {
  const s = trace.series[key];
  if (!s) return null;
  for (let i = s.length - 1; i >= 0; i--) if (Number.isFinite(s[i])) return s[i];
  return null;
};

const fmt = (v: number | null, unit: string, digits = 1) =>
  v === null ? '—' : `${v.toFixed(digits)} ${unit}`;

export function FridgeView({ trace, enabled, onInputs }: Props) {
  const air = last(trace, 'airC');
  const contents = last(trace, 'contentsC');
  const sensor = last(trace, 'sensorC');
  const ambient = last(trace, 'ambientC');
  const compressor = last(trace, 'compressorOn') === 1;
  const doorOpen = last(trace, 'doorOpen') === 1;
  const pin11 = last(trace, 'pin11');
  const pin12 = last(trace, 'pin12');
  // Cold blue at 0 °C to warm red at 12 °C.
  const hue = air === null ? 210 : Math.max(0, Math.min(210, 210 - (air / 12) * 210));

  return (
    <div className="fridge" data-testid="fridge-view">
      <svg viewBox="0 0 120 170" className="fridge-svg" aria-label="fridge">
        <rect x="10" y="6" width="80" height="140" rx="6" className="fridge-body" />
        <rect
          x="16"
          y="12"
          width="68"
          height="100"
          rx="3"
          fill={`hsl(${hue} 70% 45% / 0.35)`}
          className="fridge-inside"
        />
        <line x1="16" y1="45" x2="84" y2="45" className="fridge-shelf" />
        <line x1="16" y1="78" x2="84" y2="78" className="fridge-shelf" />
        <text x="50" y="36" className="fridge-temp" textAnchor="middle">
          {air === null ? '—' : `${air.toFixed(1)}°`}
        </text>
        {doorOpen ? (
          <path d="M 90 6 L 112 20 L 112 132 L 90 146 Z" className="fridge-door open" />
        ) : (
          <rect x="10" y="6" width="80" height="140" rx="6" className="fridge-door" />
        )}
        {!doorOpen && (
          <text x="50" y="70" className="fridge-temp" textAnchor="middle">
            {air === null ? '—' : `${air.toFixed(1)}°`}
          </text>
        )}
        <rect
          x="14"
          y="118"
          width="72"
          height="24"
          rx="3"
          className={`compressor${compressor ? ' on' : ''}`}
        />
        <text x="50" y="134" textAnchor="middle" className="compressor-label">
          {compressor ? 'COMPRESSOR ON' : 'compressor off'}
        </text>
        <rect x="10" y="150" width="80" height="14" rx="2" className="fridge-base" />
      </svg>
      <div className="fridge-readout">
        <dl className="readings">
          <dt>air</dt>
          <dd data-testid="fridge-air">{fmt(air, '°C')}</dd>
          <dt>contents</dt>
          <dd>{fmt(contents, '°C')}</dd>
          <dt>thermometer</dt>
          <dd>{fmt(sensor, '°C', 2)}</dd>
          <dt>ambient</dt>
          <dd>{fmt(ambient, '°C')}</dd>
        </dl>
        <div className="relays">
          <span
            className={`led${pin11 === 0 ? ' on' : ''}`}
            title="pin 11: SET relay (active low)"
          />{' '}
          ON relay
          <span
            className={`led${pin12 === 0 ? ' on' : ''}`}
            title="pin 12: RESET relay (active low)"
          />{' '}
          OFF relay
        </div>
        <FridgeControls doorOpen={doorOpen} enabled={enabled} onInputs={onInputs} />
      </div>
    </div>
  );
}
