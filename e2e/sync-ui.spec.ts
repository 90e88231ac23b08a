/**
 * The whole product in a real browser: a server made through the editor against a real MariaDB
 * Warehouse Pro database and the CloudCart sandbox (both connection tests, lists and trees read
 * from the database), a dry run read as a plan and applied, Start, progress to the end, the
 * products found in the store, an order placed in the store and found in History and in the
 * database; the download wizard on an empty database; the demo offered on a first start.
 * Screenshots of every screen land in test-results/screenshots/.
 */
import { createConnection, type Connection } from 'mysql2/promise';
import type { Page } from '@playwright/test';
import { startSandbox, type Sandbox } from '../electron/cloudcart-sandbox/sandbox-server';
import { createTestDatabase, MARIADB, type TestDatabase } from '../tests/helpers/warehouse-fixtures';
import { createSyncFixture } from '../tests/helpers/sync-fixture';
import { expect, snap, test } from './fixtures';

test.describe.configure({ timeout: 240_000 });

async function fillNewServer(page: Page, name: string, sandbox: Sandbox, db: TestDatabase) {
  await page.getByRole('button', { name: 'Нов сървър' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Нов сървър' });
  await dialog.getByLabel('Име на сървъра').fill(name);
  await dialog.getByLabel('API Идентификатор').fill(sandbox.url);
  await dialog.getByLabel('Ключ').fill(sandbox.apiKey);
  await dialog.getByLabel('Сървър на базата (хост)').fill(MARIADB.host);
  await dialog.getByLabel('Порт').fill(String(MARIADB.port));
  await dialog.getByLabel('Име на базата данни').fill(db.connection.database);
  await dialog.getByLabel('Потребител').fill('root');
  return dialog;
}

async function mysql(db: TestDatabase): Promise<Connection> {
  return createConnection({ ...MARIADB, database: db.connection.database });
}

test('server from the editor: both tests, trees, plan, apply, Start, order imported into History and MariaDB', async ({
  page,
  serve,
}, testInfo) => {
  const sandbox = await startSandbox({ rateLimit: 3000, windowMs: 60_000 });
  const db = await createTestDatabase('mysql', { goods: 60 });
  try {
    await page.goto(serve.url);
    await expect(page.getByText('Все още няма сървъри')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Пробвай с демо' })).toBeVisible();
    await snap(page, testInfo, 'bg-01-first-start.png');

    const dialog = await fillNewServer(page, 'Тест UI', sandbox, db);
    await dialog.locator('#test-store').click();
    await expect(dialog.getByTestId('store-test-result')).toContainText('Връзката е успешна');
    await expect(dialog.getByTestId('store-test-result')).toContainText('3000 заявки в минута');
    await dialog.locator('#test-database').click();
    await expect(dialog.getByTestId('database-test-result')).toContainText('Връзката е успешна');
    await expect(dialog.getByTestId('database-test-result')).toContainText('60 стоки');
    await snap(page, testInfo, 'bg-02-editor-connections.png');

    // Lists and trees come from the database just tested.
    await dialog.getByRole('tab', { name: 'Склад Pro' }).click();
    await dialog.getByRole('combobox', { name: 'Обект за операции' }).click();
    await page.getByRole('option', { name: 'Магазин София' }).click();
    await dialog.getByRole('combobox', { name: 'Оператор' }).click();
    await page.getByRole('option', { name: 'Оператор Онлайн' }).click();
    await dialog.getByRole('checkbox', { name: 'Облекло (AAA)' }).check();
    // A checked group includes its subgroups: they show checked and locked.
    await expect(dialog.getByRole('checkbox', { name: 'Тениски (AAAAAA)' })).toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: 'Тениски (AAAAAA)' })).toBeDisabled();
    await expect(dialog.getByTestId('goods-groups-summary')).toContainText(/Избраните групи съдържат \d+ стоки/);
    await dialog.getByRole('checkbox', { name: 'Магазини (AAA)' }).check();
    await expect(dialog.getByTestId('object-groups-summary')).toContainText('2 обекта');
    await snap(page, testInfo, 'bg-03-editor-warehouse.png');
    await dialog.getByRole('tab', { name: 'Задачи' }).click();
    await expect(dialog.getByText('Кои поръчки стават документи')).toBeVisible();
    await expect(dialog.getByRole('checkbox', { name: 'Платена (paid)' })).toBeChecked();
    await expect(dialog.getByRole('checkbox', { name: 'Очаква плащане (pending)' })).not.toBeChecked();
    await snap(page, testInfo, 'bg-04-editor-tasks.png');
    await dialog.getByRole('tab', { name: 'Магазин' }).click();
    await snap(page, testInfo, 'bg-05-editor-store.png');
    await dialog.getByRole('button', { name: 'Запази', exact: true }).click();
    await expect(page.getByText('Сървърът „Тест UI“ е записан.')).toBeVisible();
    await snap(page, testInfo, 'bg-06-servers.png');

    // The plan: a dry run changes nothing in the store.
    await page.getByRole('button', { name: 'Отвори „Тест UI“' }).click();
    await page.getByRole('tab', { name: 'План' }).click();
    await page.getByRole('button', { name: 'Нов пробен план' }).click();
    await expect(page.getByTestId('plan-summary')).toContainText(/\d+ промени ще бъдат направени/, { timeout: 30_000 });
    expect(sandbox.model.table('products').size).toBe(0);
    const summary = (await page.getByTestId('plan-summary').locator('..').innerText()).replace(/\s+/g, ' ');
    const products = Number(/Нови продукти: (\d+)/.exec(summary)?.[1]);
    const variants = Number(/Нови варианти: (\d+)/.exec(summary)?.[1]);
    expect(products).toBeGreaterThan(0);
    expect(variants).toBeGreaterThanOrEqual(products);
    await page.getByRole('tab', { name: /Нови продукти \(\d+\)/ }).click();
    await expect(page.getByRole('table', { name: 'Нови продукти' })).toBeVisible();
    await snap(page, testInfo, 'bg-07-plan.png');

    // Apply runs exactly that plan; the run view shows it to the end.
    await page.locator('#plan-apply').click();
    await expect(page.getByRole('tab', { name: 'Изпълнение' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('[data-last-run="export"]')).toContainText('успешно', { timeout: 90_000 });
    // The live log speaks the user's language: phase keys become words, each line names its task.
    const log = page.getByRole('log');
    await expect(log).toContainText('[Експорт към магазина] Създаване на продукти');
    await expect(log).toContainText('[Експорт към магазина] Готово');
    await page.getByLabel('Търсене').fill('готово');
    await expect(log).not.toContainText('Създаване на продукти');
    await snap(page, testInfo, 'bg-08-activity.png');
    await page.getByLabel('Търсене').fill('');
    expect(sandbox.model.table('products').size).toBe(products);
    expect(sandbox.model.table('variants').size).toBe(variants);

    // A shopper orders; Start runs the import at once (start mode "on server start").
    const variant = [...sandbox.model.table('variants').values()].find((v) => Number(v.attributes.quantity) >= 2)!;
    const order = sandbox.placeOrder({
      email: 'e2e.klient@example.bg',
      firstName: 'Мария',
      lastName: 'Петрова',
      lines: [{ variantId: variant.id as number, quantity: 2 }],
    });
    await page.getByRole('button', { name: 'Старт на „Тест UI“' }).click();
    await expect(page.getByRole('button', { name: 'Стоп на „Тест UI“' })).toBeVisible();
    await expect(page.locator('[data-last-run="import"]')).toContainText('успешно', { timeout: 60_000 });
    await page.getByRole('tab', { name: 'История' }).click();
    await expect(page.getByRole('table', { name: 'Изпълнения' })).toContainText('Внесени поръчки: 1', {
      timeout: 30_000,
    });
    await snap(page, testInfo, 'bg-09-history.png');
    await page
      .getByRole('row', { name: /Внесени поръчки: 1/ })
      .getByRole('button', { name: 'Детайли за изпълнението' })
      .click();
    const items = page.getByRole('dialog');
    await expect(items.getByRole('table')).toContainText(String(order.id));
    await snap(page, testInfo, 'bg-10-run-items.png');
    await items.getByRole('button', { name: 'Затвори' }).click();

    // "Fetch orders from date": a one-off import from the chosen day.
    await page.getByRole('button', { name: 'Изпълни сега задача на „Тест UI“' }).click();
    await page.getByRole('menuitem', { name: /Изтегли поръчки от дата/ }).click();
    const fromDialog = page.getByRole('dialog', { name: 'Изтегли поръчки от дата' });
    await expect(fromDialog.getByRole('button', { name: 'Изтегли' })).toBeDisabled();
    await fromDialog.getByLabel('От ден (по часа на магазина)').fill('2026-01-01');
    await snap(page, testInfo, 'bg-11-orders-from.png');
    await fromDialog.getByRole('button', { name: 'Отказ' }).click();

    const conn = await mysql(db);
    try {
      const [rows] = await conn.query(
        'SELECT COUNT(DISTINCT Acct) AS docs, SUM(Qtty) AS qtty FROM operations WHERE OperType = 19 AND Note LIKE ?',
        [`%#${order.id}%`],
      );
      expect((rows as { docs: number; qtty: string }[])[0]).toMatchObject({ docs: 1 });
      expect(Number((rows as { qtty: string }[])[0].qtty)).toBe(2);
    } finally {
      await conn.end();
    }

    await page.getByRole('tab', { name: /За внимание/ }).click();
    // Either the items with their fixes, or the all-clear: the tab's badge says which to expect.
    const badge = Number((await page.getByRole('tab', { name: /За внимание/ }).innerText()).replace(/\D/g, '') || 0);
    if (badge > 0) await expect(page.locator('[data-attention]')).toHaveCount(badge);
    else await expect(page.getByText('Няма нищо, което да изисква внимание.')).toBeVisible();
    await snap(page, testInfo, 'bg-11-attention.png');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('tab', { name: 'History' }).click();
    await expect(page.getByRole('table', { name: 'Runs' })).toContainText('Orders imported: 1');
    await snap(page, testInfo, 'en-01-history.png');
    await page.getByRole('button', { name: 'Български' }).click();

    await page.getByRole('button', { name: 'Стоп на „Тест UI“' }).click();
    await expect(page.getByRole('button', { name: 'Старт на „Тест UI“' })).toBeVisible({ timeout: 30_000 });
  } finally {
    await sandbox.close();
    await db.drop();
  }
});

test('download wizard on an empty database: report, confirm, goods created, the setting back at "no"', async ({
  page,
  serve,
}, testInfo) => {
  // A store filled by an export of another shop's database, and an empty Warehouse Pro database.
  const filled = await createSyncFixture('mysql', { demo: { goods: 30, problems: false } });
  await filled.t.engine.sync.runToEnd(filled.server.id, 'export', false);
  const storeVariants = filled.sandbox.model.table('variants').size;
  const empty = await createTestDatabase('mysql', { goods: 30, problems: false });
  const conn = await mysql(empty);
  try {
    await conn.query('DELETE FROM operations');
    await conn.query('DELETE FROM store WHERE GoodID > 1');
    await conn.query('DELETE FROM goods WHERE ID > 1');

    await page.goto(serve.url);
    const dialog = await fillNewServer(page, 'Първи ден', filled.sandbox, empty);
    await dialog.getByRole('tab', { name: 'Задачи' }).click();
    await dialog.getByLabel('Изтегли стоки от CloudCart').check();
    await dialog.getByRole('button', { name: 'Запази', exact: true }).click();
    await expect(page.getByText('Сървърът „Първи ден“ е записан.')).toBeVisible();

    await page.getByRole('button', { name: 'Отвори „Първи ден“' }).click();
    await page.getByRole('button', { name: 'Изпълни сега задача на „Първи ден“' }).click();
    await page.getByRole('menuitem', { name: /Изтегляне на стоки от CloudCart/ }).click();
    const wizard = page.getByRole('dialog', { name: /Изтегляне на стоки от CloudCart/ });
    await expect(wizard).toContainText('нищо не се записва, преди да потвърдите');
    await snap(page, testInfo, 'bg-20-wizard-explain.png');
    await wizard.getByRole('button', { name: 'Направи отчет' }).click();
    const report = wizard.getByTestId('match-report');
    await expect(report).toContainText(`${storeVariants}Ще бъдат създадени`, { timeout: 30_000 });
    await expect(report).toContainText('0Съвпадат');
    await snap(page, testInfo, 'bg-21-wizard-report.png');
    const [before] = await conn.query('SELECT COUNT(*) AS n FROM goods WHERE ID > 1');
    expect((before as { n: number }[])[0].n).toBe(0); // the report wrote nothing

    await wizard.getByRole('button', { name: 'Потвърди и изтегли' }).click();
    await expect(wizard.getByTestId('wizard-result')).toContainText(`създадени са ${storeVariants} стоки`, {
      timeout: 60_000,
    });
    await expect(wizard.getByTestId('wizard-setting-off')).toBeVisible();
    await snap(page, testInfo, 'bg-22-wizard-done.png');
    const [after] = await conn.query('SELECT COUNT(*) AS n FROM goods WHERE ID > 1');
    expect((after as { n: number }[])[0].n).toBe(storeVariants);
    await wizard.getByRole('button', { name: 'Затвори' }).click();
  } finally {
    await conn.end();
    await empty.drop();
    await filled.cleanup();
  }
});

test('a first start offers the demo, which opens a started server with its first export running', async ({
  page,
  serve,
}, testInfo) => {
  await page.goto(serve.url);
  await page.getByRole('button', { name: 'Пробвай с демо' }).click();
  await expect(page.getByRole('heading', { name: 'Demo', level: 1 })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Стоп на „Demo“' })).toBeVisible();
  // The demo's export of 300 goods paces at 300 requests a minute: watch it move, not finish.
  const phase = page.getByTestId('run-phase').first();
  await expect(phase).toContainText(/\d+\/\d+/, { timeout: 30_000 });
  await snap(page, testInfo, 'bg-30-demo-running.png');
  await page.getByRole('button', { name: 'Стоп на „Demo“' }).click();
  await expect(page.getByRole('button', { name: 'Старт на „Demo“' })).toBeVisible({ timeout: 30_000 });
});
