/**
 * "Check compatibility" in the editor (B20) in a real browser against a real serve host and the
 * CloudCart sandbox: the write test is an explicit opt-in behind a warning; the table shows a row
 * per behaviour with ok / not ok, follows the language switch, names what does not hold and what
 * to do, and the throwaway product is gone from the store afterwards.
 */
import { startSandbox } from '../electron/cloudcart-sandbox/sandbox-server';
import { expect, snap, test } from './fixtures';

test.describe.configure({ timeout: 120_000 });

test('the editor checks the store: read-only, then with the write test, in Bulgarian and English', async ({
  page,
  serve,
}, testInfo) => {
  // A store in Tokyo's time, with a product and an order: the time-zone row will not hold
  // against the editor's default zone (Europe/Sofia), and says what to set.
  const sandbox = await startSandbox({
    rateLimit: 5000,
    timeZone: 'Asia/Tokyo',
    defaultVariant: 'created-with-product',
  });
  try {
    const category = sandbox.model.insert('categories', { name: 'Всичко' });
    const product = sandbox.model.insert(
      'products',
      { name: 'Чаша', active: 'yes' },
      { category: ['categories', category.id] },
    );
    sandbox.model.insert(
      'variants',
      { sku: 'MUG-1', price: 500, quantity: 9, item_id: product.id },
      { product: ['products', product.id] },
    );
    sandbox.placeOrder({ email: 'ivan@example.bg', lines: [{ sku: 'MUG-1', quantity: 1 }] });

    await page.goto(serve.url);
    await page.getByRole('button', { name: 'Нов сървър' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Нов сървър' });
    await dialog.getByLabel('Име на сървъра').fill('Проверка');
    await dialog.getByLabel('API Идентификатор').fill(sandbox.url);
    await dialog.getByLabel('Ключ').fill(sandbox.apiKey);

    // Read-only first: no write-test rows, nothing written.
    await dialog.locator('#check-store').click();
    await expect(dialog.getByTestId('check-store-summary')).toContainText(
      'Всичко, на което разчита синхронизацията, е в ред',
    );
    await expect(dialog.getByTestId('check-row-write-test')).toContainText('не е пусната');
    await expect(dialog.getByTestId('check-row-default-variant')).toHaveCount(0);
    expect(sandbox.model.table('products').size).toBe(1);

    // The write test asks for a conscious choice and says what it does to the live store.
    await expect(dialog.getByTestId('check-store-write-warning')).toHaveCount(0);
    await dialog.getByLabel('С проба със запис').check();
    await expect(dialog.getByTestId('check-store-write-warning')).toContainText('истинския магазин');
    await dialog.locator('#check-store').click();
    const summary = dialog.getByTestId('check-store-summary');
    await expect(summary).toContainText('Не е в ред: Часова зона на датите на магазина');
    const zone = dialog.getByTestId('check-row-time-zone');
    await expect(zone).toHaveAttribute('data-ok', 'false');
    await expect(zone).toContainText('UTC+09:00');
    await expect(zone).toContainText('Изберете в „Часова зона на магазина“');
    const variant = dialog.getByTestId('check-row-default-variant');
    await expect(variant).toHaveAttribute('data-ok', 'true');
    await expect(variant).toContainText('да: прави го магазинът; синхронизацията го попълва');
    await expect(dialog.getByTestId('check-row-delete')).toHaveAttribute('data-ok', 'true');
    await expect(dialog.getByTestId('check-store-result')).toContainText('check-store-');
    // The throwaway product is gone: only the merchant's own product is left.
    expect([...sandbox.model.table('products').values()].map((p) => p.attributes.name)).toEqual(['Чаша']);
    // A tall window, so the whole table fits in the dialog for the screenshot.
    await page.setViewportSize({ width: 1280, height: 3000 });
    await snap(page, testInfo, 'check-store-bg.png');
    await page.setViewportSize({ width: 1280, height: 800 });

    // The table follows the language switch without checking again.
    const requests = sandbox.requests.total;
    await dialog.getByRole('button', { name: 'Отказ' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'New server' }).first().click();
    const english = page.getByRole('dialog', { name: 'New server' });
    await english.getByLabel('API Identifier').fill(sandbox.url);
    await english.getByLabel('Key').fill(sandbox.apiKey);
    await english.getByLabel('With a write test').check();
    await english.locator('#check-store').click();
    await expect(english.getByTestId('check-store-summary')).toContainText(
      "Does not hold: The time zone of the store's dates",
    );
    await expect(english.getByTestId('check-row-time-zone')).toContainText('the setting Europe/Sofia is UTC+0');
    await expect(english.getByTestId('check-row-featured-form')).toContainText('0/1 (1 accepted)');
    expect(sandbox.requests.total).toBeGreaterThan(requests);
    expect(sandbox.model.table('products').size).toBe(1);
    await page.setViewportSize({ width: 1280, height: 3000 });
    await snap(page, testInfo, 'check-store-en.png');
  } finally {
    await sandbox.close();
  }
});
