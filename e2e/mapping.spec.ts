/**
 * Issue 17 (B9) in a real browser against a real `serve` host, a SQLite Warehouse Pro database and
 * the CloudCart sandbox: a good linked by hand in "Съответствия" to a product the merchant made is
 * exported to it without a duplicate product; a mapping CSV is imported after its report.
 * Screenshots land in test-results/screenshots/.
 */
import { startSandbox } from '../electron/cloudcart-sandbox/sandbox-server';
import { openWarehouse } from '../electron/engine/wpdb/open-warehouse';
import { createTestDatabase } from '../tests/helpers/warehouse-fixtures';
import { expect, snap, test } from './fixtures';

test.describe.configure({ timeout: 180_000 });

const SETTINGS = {
  compareBy: 'barcode',
  operationsObjectId: 2,
  operatorId: 2,
  partner: { mode: 'by-email' },
  exportTask: { objectGroups: ['AAA'], goodsGroups: [], priceColumn: 2 },
  currency: { database: 'EUR', store: 'EUR' },
};

test('a good linked by hand is exported without a duplicate; a mapping CSV is imported after its report', async ({
  page,
  serve,
}, testInfo) => {
  const sandbox = await startSandbox({ rateLimit: 100_000, windowMs: 60_000 });
  const db = await createTestDatabase('sqlite', { goods: 16, problems: false });
  const wp = await openWarehouse(db.connection, null);
  try {
    const goods = (await wp.goodsForExport([], 2)).filter((g) => !g.catalogs.some((c) => c.includes('-')));
    const [good, other] = goods;
    const { model } = sandbox;
    const merchant = (name: string, sku: string) => {
      const cat = model.insert('categories', { name: 'От търговеца', parent_id: null });
      const p = model.insert(
        'products',
        { name, active: 'yes', category_id: cat.id },
        { category: ['categories', cat.id] },
      );
      const v = model.insert(
        'variants',
        { item_id: p.id, sku, barcode: null, price: 100, quantity: 1 },
        { product: ['products', p.id], option1: null, option2: null, option3: null },
      );
      return v.id as number;
    };
    const handMade = merchant('Ръчно въведена чаша', 'HAND-1');

    await page.goto(serve.url);
    const saved = await page.evaluate(
      async ({ domain, apiKey, filePath, settings }) => {
        const body = {
          name: 'Съответствия',
          store: { domain },
          database: { kind: 'sqlite', filePath },
          settings,
          secrets: { apiKey },
        };
        const r = await fetch('/api/servers:save', {
          method: 'POST',
          body: JSON.stringify(body),
          credentials: 'same-origin',
        });
        return (await r.json()) as { ok: boolean; value: { id: string } };
      },
      { domain: sandbox.url, apiKey: sandbox.apiKey, filePath: db.connection.filePath, settings: SETTINGS },
    );
    expect(saved.ok).toBe(true);
    await page.getByRole('button', { name: 'Отвори „Съответствия“' }).click();
    await page.getByRole('tab', { name: 'Съответствия' }).click();
    await expect(page.getByTestId('mapping-snapshot')).toContainText('Магазинът още не е прочетен');

    // Reading the store costs requests, and the view says how many.
    await page.getByRole('button', { name: 'Прочети магазина' }).click();
    await expect(page.getByText(/Магазинът е прочетен с \d+ заявки/)).toBeVisible();
    await expect(page.getByTestId('mapping-snapshot')).toContainText('(от този изглед): 1 варианта');

    // Link the good to the merchant's variant, found by search.
    await page.getByLabel('Търсене (име, код, баркод, SKU)').fill(good.barcode1.trim());
    const table = page.getByRole('table', { name: 'Съответствия' });
    const row = table.getByRole('row').filter({ hasText: good.name }).first();
    await expect(row).toContainText('не е свързана');
    await row.getByRole('button', { name: 'Свържи…' }).click();
    const dialog = page.getByRole('dialog', { name: /Свързване на/ });
    await dialog.getByLabel(/Търсене на вариант/).fill('HAND-1');
    await dialog.getByRole('button', { name: /Ръчно въведена чаша/ }).click();
    await expect(page.getByText(/е свързана\. Следващият експорт/)).toBeVisible();
    await page.getByLabel('Търсене (име, код, баркод, SKU)').fill('');
    await expect(table.getByRole('row').filter({ hasText: good.name }).first()).toContainText('Ръчно въведена чаша');
    await snap(page, testInfo, 'bg-40-mapping-linked.png');

    // The export sends to that variant and creates no product for the good.
    await page.getByRole('button', { name: 'Изпълни сега задача на „Съответствия“' }).click();
    await page
      .getByRole('menuitem', { name: /^Експорт/ })
      .first()
      .click();
    await page.getByRole('tab', { name: 'Изпълнение' }).click();
    await expect(page.locator('[data-last-run="export"]')).toContainText('успешно', { timeout: 90_000 });
    const named = [...model.table('products').values()].filter((p) => p.attributes.name === good.name);
    expect(named).toHaveLength(0);
    expect(model.table('variants').get(handMade)!.attributes.price).toBe(Math.round(good.price * 100));

    // A CSV moves another good to a second hand-made variant; one row names no known good.
    merchant('Ръчно въведена купа', 'HAND-2');
    await page.getByRole('tab', { name: 'Съответствия' }).click();
    await page.getByRole('button', { name: 'Прочети магазина' }).click();
    await expect(page.getByText(/Магазинът е прочетен с \d+ заявки/).last()).toBeVisible();
    await page.getByRole('button', { name: 'Импорт от CSV…' }).click();
    const importer = page.getByRole('dialog', { name: 'Импорт на съответствия от CSV' });
    const csv = `\uFEFFbarcode;sku\r\n${other.barcode1.trim()};HAND-2\r\n"0000000000000";HAND-1\r\n`;
    await importer.getByTestId('mapping-csv-input').setInputFiles({
      name: 'links.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await expect(importer.getByRole('table', { name: 'Редове на файла' })).toContainText('ще пренасочи');
    await expect(importer.getByRole('table', { name: 'Редове на файла' })).toContainText('няма такава стока');
    await expect(importer).toContainText('1 реда не могат да бъдат приложени');
    await snap(page, testInfo, 'bg-41-mapping-import-report.png');
    await importer.getByRole('button', { name: 'Приложи 1' }).click();
    await expect(page.getByText('Приложени 1 съответствия.')).toBeVisible();
    await page.getByLabel('Търсене (име, код, баркод, SKU)').fill(other.barcode1.trim());
    await expect(table.getByRole('row').filter({ hasText: other.name }).first()).toContainText('Ръчно въведена купа');

    // The whole view, filtered to what needs a look, in both languages.
    await page.getByLabel('Търсене (име, код, баркод, SKU)').fill('');
    await snap(page, testInfo, 'bg-42-mapping-view.png');
    await page.getByRole('tab', { name: 'История' }).click();
    await expect(page.getByRole('table', { name: 'Изпълнения' })).toContainText('Съответствия (ръчно)');

    // The variant the CSV moved the good away from is now a variant without a good.
    await page.getByRole('tab', { name: 'Съответствия' }).click();
    await page.getByRole('combobox', { name: 'Покажи' }).click();
    await page.getByRole('option', { name: /Варианти без стока \(1\)/ }).click();
    await expect(table.getByRole('row').nth(1)).toContainText(other.name);
    await expect(table.getByRole('row').nth(1)).toContainText('никоя стока не е свързана');
    await snap(page, testInfo, 'bg-43-mapping-filter.png');
    await page.getByRole('button', { name: 'EN' }).click();
    await expect(page.getByRole('table', { name: 'Mapping' })).toContainText('no good linked');
    await snap(page, testInfo, 'en-43-mapping-filter.png');
  } finally {
    await wp.close();
    await sandbox.close();
    await db.drop();
  }
});
