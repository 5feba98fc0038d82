// What a user changes on the virtual fridge while (or before) it runs: the door, the room
// temperature and an extra heat load. A slider sends its value when released.
import { useState } from 'react';
import type { FridgeInputs } from '../engine';

interface Props {
  doorOpen: boolean;
  enabled: boolean;
  onInputs: (inputs: FridgeInputs) => void;
}

export function FridgeControls({ doorOpen, enabled, onInputs }: Props) {
  const [ambientInput, setAmbient] = useState(22);
  const [load, setLoad] = useState(0);
  return (
    <div className="fridge-controls">
      <button
        className={`btn small${doorOpen ? ' active' : ''}`}
        disabled={!enabled}
        onClick={() => onInputs({ doorOpen: !doorOpen })}
        data-testid="door-toggle"
      >
        {doorOpen ? 'Close door' : 'Open door'}
      </button>
      <label>
        <span>ambient {ambientInput} °C</span>
        <input
          type="range"
          min={5}
          max={40}
          step={1}
          value={ambientInput}
          disabled={!enabled}
          onChange={(e) => setAmbient(Number(e.target.value))}
          onPointerUp={() => onInputs({ ambientC: ambientInput })}
          onKeyUp={() => onInputs({ ambientC: ambientInput })}
          aria-label="Ambient temperature"
        />
      </label>
      <label>
        <span>load {load} W</span>
        <input
          type="range"
          min={0}
          max={300}
          step={10}
          value={load}
          disabled={!enabled}
          onChange={(e) => setLoad(Number(e.target.value))}
          onPointerUp={() => onInputs({ loadW: load })}
          onKeyUp={() => onInputs({ loadW: load })}
          aria-label="Thermal load"
        />
      </label>
    </div>
  );
}
