// The firmware dialog with a graph's model, against the size files the build ships (fetched
// from web/public/firmware): the model's row with its flash, the Uno's and the Mega's line, and
// the download button off, saying why, on a board the models cannot fit. jsdom has no Web
// Workers: the cycles say they are not measured here (the Playwright test measures them).
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { documentFromText } from '../state/document';
import { FirmwareDialog } from './FirmwareDialog';

// (Not test-support/genericFirmware's repoRoot: jsdom's URL is not one node:url takes.)
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../../');
const activityText = readFileSync(`${repoRoot}examples/activity.fbp`, 'utf8');
const activityBlob = new Uint8Array(readFileSync(`${repoRoot}examples/models/activity.bin`));
/** A 40 000-byte blob with the activity model's header: too big for the Uno, not the Mega. */
const bigBlob = new Uint8Array(40_000);
bigBlob.set(activityBlob.slice(0, 16));

beforeEach(() => {
  vi.stubGlobal('fetch', async (url: string) => {
    const name = String(url).replace(/^.*\/firmware\//, '');
    return new Response(readFileSync(`${repoRoot}web/public/firmware/${name}`, 'utf8'));
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function open(blob: Uint8Array) {
  return render(
    <FirmwareDialog
      fbpText={activityText}
      sourceName="activity.fbp"
      models={[{ id: 1, name: 'activity', blob }]}
      graph={documentFromText(activityText).graph}
      datasets={[]}
      onClose={() => undefined}
      onExported={() => undefined}
    />,
  );
}

describe('the firmware dialog with a model node', () => {
  it("shows the model's flash and that it fits both boards", async () => {
    const shipped = JSON.parse(
      readFileSync(`${repoRoot}web/public/firmware/model-meter-uno.json`, 'utf8'),
    );
    const engine = shipped.engine.uno['forest-float'].flash as number;
    open(activityBlob);
    const row = await screen.findByTestId('firmware-model-1');
    await waitFor(() => expect(row.textContent).toContain(`${engine + 4785} B`));
    expect(row.textContent).toContain(`engine ${engine} + blob 4785`);
    expect(row.textContent).toContain('classify');
    // No rows kept with this model and no dataset: not measured, and why.
    expect(row.textContent).toContain('not measured: no rows with its 30 features');
    await waitFor(() =>
      expect(screen.getByTestId('firmware-fit').textContent).toContain(
        `Arduino Uno: the models take ${engine + 4785} B of 32256 B flash`,
      ),
    );
    expect((screen.getByTestId('firmware-download') as HTMLButtonElement).disabled).toBe(false);
  });

  it('says "does not fit" with the numbers and turns the download off, for the Uno only', async () => {
    open(bigBlob);
    const fit = await screen.findByTestId('firmware-fit');
    await waitFor(() => expect(fit.textContent).toMatch(/does not fit: the models need \d+ B/));
    expect(fit.textContent).toContain('the Arduino Uno has 32256 B');
    const button = screen.getByTestId('firmware-download') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.textContent).toBe('Does not fit this board');
    expect(button.title).toMatch(/^No download for this board: does not fit: the models need \d+ B/);
    // The Mega holds it: its line has the numbers, and choosing it turns the download on.
    expect(screen.getByTestId('firmware-models').textContent).toMatch(
      /Arduino Mega 2560: the models take \d+ B of 253952 B flash/,
    );
    fireEvent.change(screen.getByTestId('firmware-board'), { target: { value: 'mega' } });
    await waitFor(() => expect(button.disabled).toBe(false));
    expect(button.textContent).toBe('Download .zip');
  });
});
