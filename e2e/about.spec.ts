/**
 * The About dialog in a real browser: the version, the update state and "Save a support file".
 * In plain serve mode the browser downloads the support zip and is told that this copy does not
 * update itself; against a host with the desktop updater (e2e/update-host.ts) the header says
 * "update ready", the dialog shows the release notes, and "Restart now" installs after the drain.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, snap, test } from './fixtures';

test('serve mode: the version, no self-update, and the support file as a download', async ({
  page,
  serve,
}, testInfo) => {
  await page.goto(serve.url);
  await expect(page.getByTestId('header-version')).toHaveText(/^v\d+\.\d+\.\d+/);
  await page.getByRole('button', { name: 'За програмата, обновления и поддръжка' }).click();
  const dialog = page.getByRole('dialog', { name: 'За Sklad Sync' });
  await expect(dialog.getByTestId('app-version')).toHaveText(/^Версия \d+\.\d+\.\d+/);
  await expect(dialog).toContainText('В браузъра програмата не се обновява сама');
  await snap(page, testInfo, 'about-serve-bg.png');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Запази файл за поддръжка' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^sklad-sync-support-\d{8}-\d{6}\.zip$/);
  const zip = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(zip);
  const listing = execFileSync('unzip', ['-l', zip], { encoding: 'utf8' });
  console.log(listing);
  for (const name of ['README.txt', 'app.json', 'settings.json', 'runs.json', 'attention.json']) {
    expect(listing).toContain(name);
  }
  const app = JSON.parse(execFileSync('unzip', ['-p', zip, 'app.json'], { encoding: 'utf8' }));
  expect(app).toMatchObject({ name: 'Sklad Sync', madeBy: 'serve', dataDir: serve.dataDir });
  await expect(page.getByText(/Файлът за поддръжка sklad-sync-support-.*\.zip е изтеглен/)).toBeVisible();

  await dialog.getByRole('button', { name: 'Затвори' }).click();
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'About, updates and support' }).click();
  const english = page.getByRole('dialog', { name: 'About Sklad Sync' });
  await expect(english.getByRole('button', { name: 'Save a support file' })).toBeVisible();
  await expect(english).toContainText('In the browser the program does not update itself');
  await snap(page, testInfo, 'about-serve-en.png');
});

test('the desktop updater: "update ready" with its notes, and "restart now" installs after the drain', async ({
  page,
  updateServe,
}, testInfo) => {
  await page.goto(updateServe.url);
  const badge = page.getByRole('button', { name: 'Обновление 0.2.0 е готово: покажи' });
  await expect(badge).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('header-version')).toHaveText('v0.1.0');
  await snap(page, testInfo, 'update-ready-header.png');
  await badge.click();
  const dialog = page.getByRole('dialog', { name: 'За Sklad Sync' });
  await expect(dialog.getByRole('status')).toContainText('Обновление 0.2.0 е готово');
  await expect(dialog.getByTestId('release-notes')).toContainText('Поръчките от магазина идват до минута.');
  await expect(dialog.getByText('Какво ново във версия 0.2.0')).toBeVisible();
  await expect(dialog.getByLabel('Автоматични обновления')).toBeChecked();
  await snap(page, testInfo, 'update-ready-dialog.png');

  await dialog.getByRole('button', { name: 'Рестартирай сега' }).click();
  await expect(dialog.getByRole('status')).toContainText('Инсталиране на версия 0.2.0');
  const marker = join(updateServe.dataDir, 'installed-version');
  await expect.poll(() => existsSync(marker), { timeout: 20_000 }).toBe(true);
  expect(readFileSync(marker, 'utf8').trim()).toBe('0.2.0');
  await snap(page, testInfo, 'update-installing.png');
});
