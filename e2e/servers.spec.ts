/**
 * The first vertical slice in a real browser against a real serve host: server profiles are
 * created, listed after a reload, edited without touching the Key, and the Key never comes back
 * to the page, in its HTML or in any response or event the page receives.
 */
import { randomBytes } from 'node:crypto';
import type { Page, Response } from '@playwright/test';
import { expect, snap, test } from './fixtures';

/** Collects every response body and WebSocket frame the page receives. */
function recordTraffic(page: Page) {
  const bodies: Promise<string>[] = [];
  const frames: string[] = [];
  page.on('response', (response: Response) => {
    bodies.push(
      response.body().then(
        (b) => b.toString('utf8'),
        () => '',
      ),
    );
  });
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) =>
      frames.push(typeof payload === 'string' ? payload : payload.toString()),
    );
  });
  return { all: async () => [...(await Promise.all(bodies)), ...frames], count: () => bodies.length };
}

/** Console errors and uncaught exceptions of the page (CSP violations show up here too). */
function recordProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // A <meta> CSP cannot carry frame-ancestors (the host's X-Frame-Options covers framing), and a
    // refused save answers 409: the UI shows that at the field.
    if (/frame-ancestors/.test(text) || /status of 409/.test(text)) return;
    problems.push(text);
  });
  return problems;
}

async function expectNoLeak(page: Page, traffic: ReturnType<typeof recordTraffic>, secret: string) {
  expect(await page.content()).not.toContain(secret);
  const received = await traffic.all();
  expect(received.length).toBeGreaterThan(5);
  for (const body of received) expect(body).not.toContain(secret);
}

test('creates a server with a key, finds it after a reload, edits it, and the key never comes back', async ({
  page,
  serve,
}, testInfo) => {
  const key = `cc-key-${randomBytes(12).toString('hex')}`;
  const traffic = recordTraffic(page);
  const problems = recordProblems(page);

  await page.goto(serve.url);
  await expect(page).toHaveURL(`${serve.origin}/`); // the token was traded for a cookie
  await expect(page.getByRole('heading', { name: 'Сървъри', exact: true })).toBeVisible();
  await expect(page.getByText('Все още няма сървъри')).toBeVisible();
  await snap(page, testInfo, 'servers-empty-bg.png');

  await page.getByRole('button', { name: 'Нов сървър' }).click();
  const dialog = page.getByRole('dialog', { name: 'Нов сървър' });
  await expect(dialog).toBeVisible();

  // Nothing is saved half-valid: the shared schema flags the fields before anything is sent.
  await dialog.getByLabel('API Идентификатор').fill('https://shop.example.bg/admin/x');
  await dialog.getByRole('button', { name: 'Запази', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('Поправете отбелязаните полета');
  await expect(dialog.getByText('Задължително поле.').first()).toBeVisible();
  await expect(dialog.getByText('Въведете домейн като shop.example.bg')).toBeVisible();
  await expect(page.getByLabel('Име на сървъра')).toBeFocused();
  await snap(page, testInfo, 'editor-errors-bg.png');

  await dialog.getByLabel('Име на сървъра').fill('Магазин София');
  await dialog.getByLabel('API Идентификатор').fill('sofia.example.bg');
  await dialog.getByLabel('Ключ').fill(key);
  await dialog.getByLabel('Сървър на базата (хост)').fill('127.0.0.1');
  await dialog.getByLabel('Порт').fill('3306');
  await dialog.getByLabel('Име на базата данни').fill('warehouse');
  await dialog.getByLabel('Потребител').fill('root');
  await dialog.getByRole('button', { name: 'Запази', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Сървърът „Магазин София“ е записан.')).toBeVisible();

  await page.reload();
  const row = page.getByRole('row', { name: /Магазин София/ });
  await expect(row).toBeVisible();
  await expect(row).toContainText('sofia.example.bg');
  await expect(row).toContainText('MySQL');
  await expect(row).toContainText('зададен');
  await expect(row).toContainText('Warehouse Pro Import Export CloudCart');

  // Edit: rename and change the domain; the Key shows "set" until the domain changes, then asks again.
  await row.getByRole('button', { name: 'Редакция на „Магазин София“' }).click();
  const editor = page.getByRole('dialog', { name: /Редакция/ });
  await expect(editor.getByLabel('Име на сървъра')).toHaveValue('Магазин София');
  const keyGroup = editor.getByRole('group', { name: 'Ключ' });
  await expect(keyGroup).toContainText('зададен');
  await expect(keyGroup.getByRole('button', { name: 'Замени: Ключ' })).toBeVisible();
  // The Key is never pre-filled: no input for it until "Replace", and every secret input is empty.
  await expect(editor.locator('#server-api-key')).toHaveCount(0);
  for (const input of await editor.locator('input[data-secret]').all()) await expect(input).toHaveValue('');
  await editor.getByLabel('Име на сървъра').fill('Магазин Пловдив');
  await editor.getByLabel('API Идентификатор').fill('plovdiv.example.bg');
  // The key was saved for sofia.example.bg: it does not follow to another store; it is typed again.
  await expect(editor.locator('#server-api-key-moved')).toContainText('Адресът на магазина се промени');
  await expect(editor.locator('#server-api-key-moved')).toContainText('sofia.example.bg');
  await snap(page, testInfo, 'editor-edit-bg.png');
  await editor.getByRole('button', { name: 'Запази', exact: true }).click();
  await expect(editor.getByText('Въведете я отново: адресът се промени след запазването.')).toBeVisible();
  await expect(editor.getByRole('alert')).toContainText('Въведете API ключа отново');
  await editor.locator('#server-api-key').fill(key);
  await editor.getByRole('button', { name: 'Запази', exact: true }).click();
  await expect(editor).toBeHidden();

  const edited = page.getByRole('row', { name: /Магазин Пловдив/ });
  await expect(edited).toContainText('plovdiv.example.bg');
  await expect(edited).toContainText('зададен');
  await expect(page.getByRole('row', { name: /Магазин София/ })).toHaveCount(0);
  const listed = await page.evaluate(async () => {
    const response = await fetch('/api/servers:list', { method: 'POST', body: '{}', credentials: 'same-origin' });
    return (await response.json()) as { ok: boolean; value: { name: string; secrets: { apiKey: string } }[] };
  });
  expect(listed.value.map((s) => [s.name, s.secrets.apiKey])).toEqual([['Магазин Пловдив', 'set']]);

  await snap(page, testInfo, 'servers-bg.png');
  await expectNoLeak(page, traffic, key);

  // English, kept across a reload (saved by the engine), then back to Bulgarian.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Servers', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Servers', exact: true })).toBeVisible();
  await expect(page.getByRole('row', { name: /Магазин Пловдив/ })).toContainText('set');
  await snap(page, testInfo, 'servers-en.png');
  await page
    .getByRole('row', { name: /Магазин Пловдив/ })
    .getByRole('button', { name: /^Edit/ })
    .click();
  await expect(page.getByRole('group', { name: 'Key' })).toContainText('set');
  await snap(page, testInfo, 'editor-edit-en.png');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Български' }).click();
  await expect(page.getByRole('heading', { name: 'Сървъри', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'bg');
  await expectNoLeak(page, traffic, key);
  expect(problems).toEqual([]);
});

test('renames, refuses a duplicate name at the field, replaces a key, and deletes after confirmation', async ({
  page,
  serve,
}, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  const firstKey = `first-${randomBytes(8).toString('hex')}`;
  const secondKey = `second-${randomBytes(8).toString('hex')}`;
  const traffic = recordTraffic(page);
  const problems = recordProblems(page);
  await page.goto(serve.url);
  await expect(page.getByText('Все още няма сървъри')).toBeVisible();

  // Keyboard only: Tab reaches "Нов сървър" from the top of the page.
  const newButton = page.getByRole('button', { name: 'Нов сървър' });
  for (let i = 0; i < 5 && !(await newButton.evaluate((el) => el.matches(':focus'))); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(newButton).toBeFocused();
  await page.keyboard.press('Enter');

  const dialog = page.getByRole('dialog', { name: 'Нов сървър' });
  await expect(dialog.getByLabel('Име на сървъра')).toBeFocused();
  await page.keyboard.type('Демо');
  await dialog.getByLabel('API Идентификатор').fill('demo.example.bg');
  await dialog.getByLabel('Ключ').fill(firstKey);
  await dialog.getByRole('combobox', { name: 'Вид на базата данни' }).click();
  await page.getByRole('option', { name: 'SQLite (демо)' }).click();
  await expect(dialog.getByLabel('Сървър на базата (хост)')).toHaveCount(0);
  await dialog.getByLabel('Файл на демо базата (SQLite)').fill('/tmp/demo.sqlite');
  await page.keyboard.press('Enter'); // Enter submits the form
  await expect(dialog).toBeHidden();

  // A second server with the same name: the engine refuses it and the UI shows it at the name.
  await page.getByRole('button', { name: 'Нов сървър' }).click();
  const second = page.getByRole('dialog', { name: 'Нов сървър' });
  await second.getByLabel('Име на сървъра').fill('демо');
  await second.getByRole('combobox', { name: 'Вид на базата данни' }).click();
  await page.getByRole('option', { name: 'MS Access' }).click();
  await second.getByLabel('Файл на базата (.mdb / .accdb)').fill('C:\\Microinvest\\Warehouse.mdb');
  await second.getByRole('button', { name: 'Запази', exact: true }).click();
  await expect(second.getByText('Вече има сървър с това име.')).toBeVisible();
  await expect(second.getByRole('alert')).toContainText('Вече има сървър с име');
  await snap(page, testInfo, 'editor-duplicate-1024.png');
  await second.getByLabel('Име на сървъра').fill('Склад Access');
  await second.getByRole('button', { name: 'Запази', exact: true }).click();
  await expect(second).toBeHidden();
  await expect(page.getByRole('row', { name: /Склад Access/ })).toContainText('не е зададен');
  await expect(page.getByRole('row', { name: /Склад Access/ })).toContainText('Warehouse.mdb');

  // Replace the first server's key with a new one.
  await page.getByRole('button', { name: 'Редакция на „Демо“' }).click();
  const editor = page.getByRole('dialog', { name: /Редакция/ });
  await editor.getByRole('button', { name: 'Замени: Ключ' }).click();
  await expect(editor.getByLabel('Ключ: Нова стойност')).toBeFocused();
  await page.keyboard.type(secondKey);
  await snap(page, testInfo, 'editor-replace-key-1024.png');
  await editor.getByRole('button', { name: 'Запази', exact: true }).click();
  await expect(editor).toBeHidden();
  await expect(page.getByRole('row', { name: /Демо/ })).toContainText('зададен');

  // Rename through the small dialog.
  await page.getByRole('button', { name: 'Преименуване на „Демо“' }).click();
  const rename = page.getByRole('dialog', { name: 'Преименуване на сървър' });
  await rename.getByLabel('Ново име').fill('Демо магазин');
  await rename.getByRole('button', { name: 'Преименувай' }).click();
  await expect(rename).toBeHidden();
  await expect(page.getByRole('row', { name: /Демо магазин/ })).toBeVisible();
  await snap(page, testInfo, 'servers-1024.png');

  // Delete asks first; Cancel keeps the server, Delete removes it.
  await page.getByRole('button', { name: 'Изтриване на „Демо магазин“' }).click();
  const confirm = page.getByRole('dialog', { name: 'Изтриване на сървър' });
  await expect(confirm).toContainText('Демо магазин');
  await expect(confirm.getByRole('button', { name: 'Отказ' })).toBeFocused();
  await snap(page, testInfo, 'delete-confirm-1024.png');
  await confirm.getByRole('button', { name: 'Отказ' }).click();
  await expect(page.getByRole('row', { name: /Демо магазин/ })).toBeVisible();
  await page.getByRole('button', { name: 'Изтриване на „Демо магазин“' }).click();
  await confirm.getByRole('button', { name: 'Изтрий' }).click();
  await expect(page.getByRole('row', { name: /Демо магазин/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Изтриване на „Склад Access“' }).click();
  await confirm.getByRole('button', { name: 'Изтрий' }).click();
  await expect(page.getByText('Все още няма сървъри')).toBeVisible();

  for (const secret of [firstKey, secondKey]) await expectNoLeak(page, traffic, secret);
  expect(problems).toEqual([]);
});

test('follows changes made elsewhere through the event socket', async ({ page, serve }) => {
  await page.goto(serve.url);
  await expect(page.getByText('Все още няма сървъри')).toBeVisible();
  // Another client (same cookie, another tab) saves a server; this page hears servers:changedEvent.
  const other = await page.context().newPage();
  await other.goto(`${serve.origin}/`);
  await other.evaluate(async () => {
    const body = {
      name: 'От друг прозорец',
      store: { domain: 'other.example.bg' },
      database: { kind: 'sqlite', filePath: '/tmp/x.sqlite' },
      secrets: { apiKey: 'other-window-key' },
    };
    await fetch('/api/servers:save', { method: 'POST', body: JSON.stringify(body), credentials: 'same-origin' });
  });
  await expect(page.getByRole('row', { name: /От друг прозорец/ })).toContainText('зададен');
  await other.close();
});
