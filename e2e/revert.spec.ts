/**
 * Reverting an export run (B10) in a real browser against a real serve host, a SQLite Warehouse Pro
 * database and the CloudCart sandbox: History -> "Върни" opens the revert's plan with the price the
 * merchant changed in the store since listed as left alone; "Приложи този план" sets the other
 * prices back in the store and leaves that one as the merchant set it.
 */
import Database from 'better-sqlite3';
import { startSandbox } from '../electron/cloudcart-sandbox/sandbox-server';
import { createTestDatabase } from '../tests/helpers/warehouse-fixtures';
import { expect, snap, test } from './fixtures';

test.describe.configure({ timeout: 180_000 });

test('History -> Върни -> the plan with a "left alone" row -> Apply -> the store values are back', async ({
  page,
  serve,
}, testInfo) => {
  const sandbox = await startSandbox({ rateLimit: 100_000, windowMs: 60_000 });
  const db = await createTestDatabase('sqlite', { goods: 20, problems: false, variantShare: 0 });
  const token = new URL(serve.url).searchParams.get('token')!;
  const api = async <T>(channel: string, body: unknown): Promise<T> => {
    const res = await fetch(`${serve.origin}/api/${channel}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { ok: boolean; value?: T; error?: unknown };
    if (!json.ok) throw new Error(`${channel}: ${JSON.stringify(json.error)}`);
    return json.value as T;
  };
  const exportToEnd = async (serverId: string) => {
    const { runId } = await api<{ runId: string }>('sync:run', { serverId, task: 'export' });
    await expect
      .poll(async () => (await api<{ run: { state: string } }>('runs:items', { runId })).run.state, { timeout: 60_000 })
      .toBe('succeeded');
  };
  try {
    const server = await api<{ id: string }>('servers:save', {
      name: 'Връщане',
      type: 'wp-import-export-cloudcart',
      store: { domain: sandbox.url },
      database: db.connection,
      settings: {
        operationsObjectId: 2,
        operatorId: 2,
        exportTask: { objectGroups: ['AAA'], exportGoods: true, exportQuantities: true, priceColumn: 2 },
      },
      secrets: { apiKey: sandbox.apiKey },
    });
    await exportToEnd(server.id);
    const variantOf = (barcode: string) =>
      [...sandbox.model.table('variants').values()].find((v) => v.attributes.barcode === barcode)!;
    const wp = new Database(db.connection.filePath);
    const goods = wp
      .prepare('SELECT ID AS id, BarCode1 AS barcode, Name AS name FROM goods WHERE ID IN (2, 3)')
      .all() as {
      id: number;
      barcode: string;
      name: string;
    }[];
    const before = new Map(goods.map((g) => [g.id, Number(variantOf(g.barcode).attributes.price)]));
    wp.prepare('UPDATE goods SET PriceOut2 = PriceOut2 + 3 WHERE ID IN (2, 3)').run();
    wp.close();
    await exportToEnd(server.id);
    const [two, three] = [goods.find((g) => g.id === 2)!, goods.find((g) => g.id === 3)!];
    expect(Number(variantOf(two.barcode).attributes.price)).not.toBe(before.get(2));
    // The merchant sets good 3's price by hand in the store after that run.
    const patched = await fetch(`${sandbox.url}/api/v2/variants/${variantOf(three.barcode).id}`, {
      method: 'PATCH',
      headers: {
        'x-cloudcart-apikey': sandbox.apiKey,
        'content-type': 'application/vnd.api+json',
        accept: 'application/vnd.api+json',
      },
      body: JSON.stringify({ data: { type: 'variants', attributes: { price: 4321 } } }),
    });
    expect(patched.status).toBe(200);

    await page.goto(serve.url);
    await page.getByRole('button', { name: 'Отвори „Връщане“' }).click();
    await page.getByRole('tab', { name: 'История' }).click();
    const row = page.getByRole('row', { name: /Цени: 2/ });
    await expect(row).toBeVisible();
    await snap(page, testInfo, 'revert-01-history.png');
    await row.getByRole('button', { name: 'Върни' }).click();

    // The revert's plan: one price set back, one left alone (changed in the store since).
    await expect(page.getByRole('tab', { name: 'План' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('plan-summary')).toContainText('1 промени ще бъдат направени', { timeout: 30_000 });
    await expect(page.getByTestId('plan-revert-of')).toContainText('Връщане на изпълнението от');
    await expect(page.getByRole('table', { name: 'Цени' })).toContainText(two.name);
    await expect(page.getByRole('table', { name: 'Цени' })).toContainText(`→ ${(before.get(2)! / 100).toFixed(2)}`);
    await snap(page, testInfo, 'revert-02-plan.png');
    await page.getByRole('tab', { name: 'Оставени (1)' }).click();
    const leftAlone = page.getByRole('table', { name: 'Оставени' });
    await expect(leftAlone).toContainText(three.name);
    await expect(leftAlone).toContainText('43.21');
    await expect(leftAlone).toContainText('Променено в магазина след това изпълнение');
    expect(Number(variantOf(two.barcode).attributes.price)).not.toBe(before.get(2));
    await snap(page, testInfo, 'revert-03-left-alone.png');

    await page.locator('#plan-apply').click();
    await expect.poll(() => Number(variantOf(two.barcode).attributes.price), { timeout: 60_000 }).toBe(before.get(2));
    expect(Number(variantOf(three.barcode).attributes.price)).toBe(4321);
    await page.getByRole('tab', { name: 'История' }).click();
    await expect(page.getByRole('table', { name: 'Изпълнения' })).toContainText('Върнати цени: 1', { timeout: 30_000 });
    await snap(page, testInfo, 'revert-04-history-after.png');

    // In English the plan and its reasons follow the language switch.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('tab', { name: 'Plan' }).click();
    await page.getByRole('tab', { name: 'Left alone (1)' }).click();
    await expect(page.getByRole('table', { name: 'Left alone' })).toContainText('Changed in the store since that run');
    await snap(page, testInfo, 'revert-05-plan-en.png');
  } finally {
    await sandbox.close();
    await db.drop();
  }
});
