// Shared steps of the end-to-end tests.
import { expect, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';

export const SCREENSHOT_DIR = 'test-results/screenshots';

/** Saves a screenshot of the whole page under test-results/screenshots/. */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });
}

/**
 * Opens the app and waits until the engine is ready and a project is open. The first-run tour
 * counts as seen unless `firstRun` (tests of the tour itself).
 */
export async function openApp(
  page: Page,
  theme: 'dark' | 'light' = 'dark',
  { firstRun = false } = {},
): Promise<void> {
  await page.addInitScript(
    ([t, first]) => {
      if (!localStorage.getItem('emflow.theme')) localStorage.setItem('emflow.theme', t);
      if (!first && !localStorage.getItem('emflow.tourDone'))
        localStorage.setItem('emflow.tourDone', '1');
    },
    [theme, firstRun] as const,
  );
  await page.goto('./');
  await expect(page.getByTestId('engine-state')).toHaveText('engine ready', { timeout: 30_000 });
  await expect(page.getByTestId('graph-view')).toBeVisible();
}

/** Opens an example as a new project and waits until it is the open project. */
export async function openExample(page: Page, id: string): Promise<void> {
  const projects = page.getByTestId('project-item');
  await page.getByTestId('tab-projects').click();
  const before = await projects.count();
  await page.getByTestId('menu-examples').click();
  const item = page.getByTestId(`example-${id}`);
  const title = (await item.locator('span').first().textContent()) ?? '';
  await item.click();
  // The new project is listed and open (the previous one's nodes are on screen until then).
  await expect(projects).toHaveCount(before + 1);
  await expect(page.getByTestId('project-title')).toHaveValue(title);
  await page.getByTestId('tab-components').click();
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
}

/** Clicks a control that downloads a file and returns the file's text. */
export async function downloadText(
  page: Page,
  click: () => Promise<void>,
): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

export async function exportFbp(page: Page): Promise<string> {
  const file = await downloadText(page, async () => {
    await page.getByTestId('menu-export').click();
    await page.getByTestId('export-fbp').click();
  });
  return file.text;
}

/** Replaces the whole text of the Monaco .fbp editor (as a paste would). */
export async function replaceText(page: Page, text: string): Promise<void> {
  const editor = page.locator('.monaco-editor').first();
  await expect(editor).toBeVisible();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}
