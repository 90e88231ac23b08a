/**
 * Issue 15 point 9 (B4) in a real browser against a real `sklad-sync serve` host, MariaDB and the
 * CloudCart sandbox: orders imported, one document deleted in Warehouse Pro; the "Сверка" tab shows
 * that order as missing, "Възстанови" (after its confirmation) writes it, the document is in the
 * database once, and a second recover of the same order writes nothing. Screenshots in bg and en.
 */
import { expect, snap, test } from './fixtures';
import type { SyncSettings } from '../shared/types/server-profile';
import { createSyncFixture } from '../tests/helpers/sync-fixture';

test.describe.configure({ timeout: 180_000 });

test('the reconciliation view shows a missing order and recovers it, exactly once', async ({
  page,
  serve,
}, testInfo) => {
  const f = await createSyncFixture('mysql', {
    demo: { goods: 12, problems: false },
    // Orders dated in 2026 before the server was saved: "import orders from" the year's start.
    settings: {
      orders: {
        statuses: ['authorized', 'paid', 'completed'],
        cashOnDelivery: true,
        from: '2026-01-01',
        importOnSince: null,
      },
    } as Partial<SyncSettings>,
  });
  try {
    // The shop as it is: goods in the store, three orders of November imported into Warehouse Pro.
    expect((await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'export' })).state).toBe('succeeded');
    const variants = [...f.sandbox.model.table('variants').values()];
    const ids = [1, 2, 3].map((n) => {
      const order = f.sandbox.placeOrder({
        email: `klient${n}@example.bg`,
        firstName: 'Клиент',
        lastName: String(n),
        lines: [{ barcode: String(variants[n].attributes.barcode), quantity: n }],
      });
      order.attributes.date_added = `2026-11-1${n} 09:30:00`;
      return String(order.id);
    });
    expect((await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'import' })).counts.ordersImported).toBe(3);
    const documents = async (id: string) =>
      (
        await f.db.conn.query<{ a: number }>(
          'SELECT DISTINCT Acct AS a FROM operations WHERE OperType = 19 AND PartnerID <> 0 AND Note LIKE ?',
          [`CloudCart%#${id}`],
        )
      ).map((r) => Number(r.a));
    const lost = ids[1];
    // Someone deletes that order's document in Warehouse Pro.
    await f.db.conn.run('DELETE FROM operations WHERE OperType = 19 AND Note LIKE ?', [`CloudCart%#${lost}`]);
    expect(await documents(lost)).toEqual([]);

    // The same server in the serve host (its own data folder), not started.
    await page.goto(serve.url);
    const profile = {
      name: 'Сверка',
      type: f.server.type,
      store: f.server.store,
      database: f.server.database,
      settings: f.server.settings,
      secrets: { apiKey: f.sandbox.apiKey },
    };
    const saved = await page.evaluate(async (body) => {
      const r = await fetch('/api/servers:save', { method: 'POST', body: JSON.stringify(body) });
      return (await r.json()) as { ok: boolean; value?: { id: string } };
    }, profile);
    expect(saved.ok).toBe(true);

    await page.getByRole('button', { name: 'Отвори „Сверка“' }).click();
    await page.getByRole('tab', { name: 'Сверка' }).click();
    await expect(page.getByText('Изберете период и натиснете „Сравни“.')).toBeVisible();
    await page.getByLabel('От дата').fill('2026-11-01');
    await page.getByLabel('До дата').fill('2026-11-30');
    await page.getByRole('button', { name: 'Сравни' }).click();
    const table = page.getByRole('table', { name: 'Сверка на поръчките' });
    const lostRow = table.getByRole('row', { name: new RegExp(`#${lost}`) });
    await expect(lostRow).toContainText('Липсва');
    await expect(table.getByRole('row', { name: new RegExp(`#${ids[0]}`) })).toContainText('Записана');
    await expect(page.getByRole('button', { name: 'Липсва (1)' })).toBeVisible();
    await snap(page, testInfo, 'bg-40-reconcile-missing.png');

    // The filter shows only the missing order.
    await page.getByRole('button', { name: 'Липсва (1)' }).click();
    await expect(table.getByRole('row')).toHaveCount(2); // the header and the one order

    // The CSV of the view downloads.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Изтегли CSV' }).click();
    expect((await download).suggestedFilename()).toBe('sklad-sync-reconcile-2026-11-01-2026-11-30.csv');

    // Recover, after the confirmation.
    await lostRow.getByRole('button', { name: `Възстанови поръчка № ${lost}` }).click();
    const dialog = page.getByRole('dialog', { name: `Възстановяване на поръчка № ${lost}` });
    await expect(dialog).toContainText('Записва се само веднъж');
    await snap(page, testInfo, 'bg-41-reconcile-confirm.png');
    await dialog.getByRole('button', { name: 'Възстанови' }).click();
    await expect(
      page.getByText(new RegExp(`Поръчка № ${lost} е записана в Склад Pro като поръчка № \\d+`)),
    ).toBeVisible({ timeout: 30_000 });
    const written = await documents(lost);
    expect(written).toHaveLength(1);
    // The view is read again: nothing is missing any more.
    await expect(page.getByRole('button', { name: 'Липсва (0)' })).toBeVisible();
    await page.getByRole('button', { name: /^Всички/ }).click();
    await expect(table.getByRole('row', { name: new RegExp(`#${lost}`) })).toContainText('Записана');
    await snap(page, testInfo, 'bg-42-reconcile-recovered.png');

    // A second recover of the same order (another window, a double click) writes nothing.
    const again = await page.evaluate(
      async (body) => {
        const r = await fetch('/api/orders:recover', { method: 'POST', body: JSON.stringify(body) });
        return (await r.json()) as { ok: boolean; value?: { created: boolean | null; acct: number | null } };
      },
      { serverId: saved.value!.id, orderId: lost },
    );
    expect(again.value).toMatchObject({ created: false, acct: written[0] });
    expect(await documents(lost)).toEqual(written);

    // English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect(page.getByRole('button', { name: 'Missing (0)' })).toBeVisible();
    await expect(
      page.getByText(new RegExp(`Order no. ${lost} was written to Warehouse Pro as order no. ${written[0]}`)),
    ).toBeVisible();
    await snap(page, testInfo, 'en-40-reconcile.png');
  } finally {
    await f.cleanup();
  }
});
