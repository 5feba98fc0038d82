// Storage problems end to end in Chromium: damaged records in IndexedDB do not blank the app
// (the list, a message, the other projects still open), and a save refused by a full disk
// keeps the edit, says so, offers Export now and never switches away silently.
import { expect, test } from '@playwright/test';
import { downloadText, openApp, openExample, snap } from './helpers';

test('damaged records in IndexedDB: the app starts, says which, and the other projects open', async ({
  page,
}) => {
  await openApp(page);
  await openExample(page, 'blink');
  // Two damaged records as an old version or a failed write could leave them; the worst one
  // is the project used last, so the app tries it first on every load.
  await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('emflow');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const tx = db.transaction(['projects', 'meta'], 'readwrite');
    const projects = tx.objectStore('projects');
    projects.put({ id: 'p-damaged-1', name: 'Greenhouse', graph: null, text: '', createdAt: 1 });
    projects.put({
      id: 'p-damaged-2',
      name: 'Old pump',
      graph: { edges: [], iips: [] },
      text: 'x',
      createdAt: 1,
      updatedAt: 2,
    });
    tx.objectStore('meta').put('p-damaged-1', 'lastOpened');
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  });
  await page.reload();

  // Not blank: the editor shows a sound project, and the message names the damaged ones.
  await expect(page.getByTestId('graph-view')).toBeVisible();
  await expect(page.getByTestId('project-title')).toHaveValue('Blink');
  const notice = page.getByTestId('damaged-notice');
  await expect(notice).toContainText('2 saved projects could not be opened');
  await expect(notice).toContainText('“Greenhouse” (graph is null)');
  await expect(notice).toContainText('“Old pump” (graph.nodes is missing, not a list)');
  await expect(notice).toContainText('set aside, not deleted');
  await page.getByTestId('show-damaged').click();
  await expect(page.getByTestId('project-list')).toBeVisible();
  await expect(page.getByTestId('project-item')).toHaveCount(2);
  await expect(page.getByTestId('damaged-item')).toHaveCount(2);
  await snap(page, 'damaged-records');

  // The raw data of a damaged record can be downloaded.
  const file = await downloadText(page, () =>
    page
      .getByTestId('damaged-item')
      .filter({ hasText: 'Greenhouse' })
      .getByTestId('damaged-export')
      .click(),
  );
  expect(file.name).toBe('greenhouse.damaged.emflow.json');
  expect(JSON.parse(file.text)).toMatchObject({
    format: 'emflow-project',
    damaged: ['graph is null', 'updatedAt is missing, not a time'],
    project: { id: 'p-damaged-1', name: 'Greenhouse', graph: null },
  });

  // The other projects open as before.
  await page.getByTestId('project-item').filter({ hasText: 'Fridge' }).getByTitle('Open').click();
  await expect(page.getByTestId('project-title')).toHaveValue('Fridge');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
});

test('a full disk: the edit is kept, the user is told, Export now works, no silent switch', async ({
  page,
}) => {
  // Chromium's IndexedDB refuses project writes while the test says the disk is full, as it
  // does with QuotaExceededError when the site's quota is used up.
  await page.addInitScript(() => {
    const realPut = IDBObjectStore.prototype.put;
    const w = window as unknown as { __diskFull: boolean };
    w.__diskFull = false;
    IDBObjectStore.prototype.put = function (
      this: IDBObjectStore,
      ...args: [unknown, IDBValidKey?]
    ) {
      if (w.__diskFull && this.name === 'projects')
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return realPut.apply(this, args);
    };
  });
  await openApp(page);
  await openExample(page, 'blink');
  await page.evaluate(() => ((window as unknown as { __diskFull: boolean }).__diskFull = true));

  const title = page.getByTestId('project-title');
  await title.fill('Blink edited');
  await title.press('Enter');
  const failing = page.getByTestId('save-failing');
  await expect(failing).toContainText('Your latest changes are not saved');
  await expect(failing).toContainText("the browser's storage for this site is full");
  await expect(page.getByTestId('save-state')).toHaveText('NOT SAVED');

  // Switching projects is refused with the reason; the edit stays on screen.
  await page.getByTestId('tab-projects').click();
  await expect(page.getByTestId('project-item').first()).toContainText('Blink edited');
  await page.getByTestId('project-item').filter({ hasText: 'Fridge' }).getByTitle('Open').click();
  await expect(page.getByTestId('storage-notice')).toContainText(
    'Did not open another project: the latest changes to “Blink edited” are not saved yet',
  );
  await expect(title).toHaveValue('Blink edited');
  await snap(page, 'save-failing');

  // Export now downloads the project as shown, from memory.
  const file = await downloadText(page, () => failing.getByTestId('export-now').click());
  expect(file.name).toBe('blink-edited.emflow.json');
  const exported = JSON.parse(file.text);
  expect(exported.project.name).toBe('Blink edited');
  expect(exported.project.text).toContain('Blink edited');

  // Storage works again: Retry now saves, and the switch goes through; a reload has the edit.
  await page.evaluate(() => ((window as unknown as { __diskFull: boolean }).__diskFull = false));
  await page.getByTestId('retry-save').click();
  await expect(page.getByTestId('save-state')).toHaveText('saved');
  await expect(failing).toBeHidden();
  await page.getByTestId('project-item').filter({ hasText: 'Fridge' }).getByTitle('Open').click();
  await expect(title).toHaveValue('Fridge');
  await page.reload();
  await page.getByTestId('tab-projects').click();
  await expect(page.getByTestId('project-item').filter({ hasText: 'Blink edited' })).toBeVisible();

  // The exported file imports back as a new project.
  await page.getByTestId('import-input').setInputFiles({
    name: file.name,
    mimeType: 'application/json',
    buffer: Buffer.from(file.text),
  });
  await expect(page.getByTestId('project-item').filter({ hasText: 'Blink edited' })).toHaveCount(2);
  await expect(title).toHaveValue('Blink edited');
  await expect(page.locator('.react-flow__node[data-id="timer"]')).toBeVisible();
});
