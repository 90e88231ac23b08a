/**
 * Issue 15 in a real browser: an order imported, then cancelled in the store; after the next
 * import, History shows the run with "Анулирани документи: 1" and its details name the order and
 * the annulment, and the document is gone from MariaDB. The server is saved and the runs started
 * through the page's own `window.api`, as the UI does; what is checked is what the user sees.
 */
import { createConnection } from 'mysql2/promise';
import type { Page } from '@playwright/test';
import { startSandbox } from '../electron/cloudcart-sandbox/sandbox-server';
import { createTestDatabase, MARIADB } from '../tests/helpers/warehouse-fixtures';
import { expect, snap, test } from './fixtures';

test.describe.configure({ timeout: 180_000 });

/** One call of the serve host's API from the page (its session cookie), as the UI's transport makes it. */
async function call(page: Page, channel: string, request: unknown): Promise<unknown> {
  const result = (await page.evaluate(
    async ([channel, request]) => {
      const res = await fetch(`/api/${encodeURIComponent(channel as string)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
        credentials: 'same-origin',
      });
      return res.json();
    },
    [channel, request] as const,
  )) as { ok: boolean; value?: unknown; error?: unknown };
  expect(result.ok, JSON.stringify(result.error)).toBe(true);
  return result.value;
}

/** Starts a run through the page's API and waits until it has ended. */
async function runToEnd(page: Page, serverId: string, task: 'export' | 'import'): Promise<string> {
  const { runId } = (await call(page, 'sync:run', { serverId, task, dryRun: false })) as { runId: string };
  await expect
    .poll(async () => ((await call(page, 'runs:items', { runId, limit: 1 })) as { run: { state: string } }).run.state, {
      timeout: 60_000,
    })
    .toMatch(/succeeded|partial|failed/);
  return runId;
}

test('an imported order cancelled in the store: History shows its document annulled', async ({
  page,
  serve,
}, testInfo) => {
  const sandbox = await startSandbox({ rateLimit: 3000, windowMs: 60_000 });
  const db = await createTestDatabase('mysql', { goods: 30 });
  try {
    await page.goto(serve.url);
    const saved = (await call(page, 'servers:save', {
      name: 'Следене',
      type: 'wp-import-export-cloudcart',
      store: { domain: sandbox.url },
      database: db.connection,
      settings: { operationsObjectId: 2, operatorId: 2, exportTask: { objectGroups: ['AAA'] } },
      secrets: { apiKey: sandbox.apiKey },
    })) as { id: string };
    await runToEnd(page, saved.id, 'export');
    const variant = [...sandbox.model.table('variants').values()].find((v) => Number(v.attributes.quantity) >= 2)!;
    const order = sandbox.placeOrder({
      email: 'otkaz@example.bg',
      firstName: 'Иван',
      lastName: 'Отказов',
      lines: [{ variantId: variant.id as number, quantity: 2 }],
    });
    await runToEnd(page, saved.id, 'import');
    sandbox.changeOrder(order.id, { status: 'cancelled' });
    await runToEnd(page, saved.id, 'import');

    await page.getByRole('button', { name: 'Отвори „Следене“' }).click();
    await page.getByRole('tab', { name: 'История' }).click();
    const runs = page.getByRole('table', { name: 'Изпълнения' });
    await expect(runs).toContainText('Анулирани документи: 1', { timeout: 30_000 });
    await snap(page, testInfo, 'follow-01-history.png');
    await page
      .getByRole('row', { name: /Анулирани документи: 1/ })
      .getByRole('button', { name: 'Детайли за изпълнението' })
      .click();
    const items = page.getByRole('dialog').getByRole('table');
    await expect(items).toContainText(String(order.id));
    await expect(items).toContainText('анулиране'); // the item's action, in the user's language
    await expect(items).toContainText('анулиран');
    await snap(page, testInfo, 'follow-02-run-items.png');
    await page.getByRole('dialog').getByRole('button', { name: 'Затвори' }).click();

    // The editor's Tasks tab: the follow-up switch, on, and which of Warehouse Pro's own orders reserve.
    await page.getByRole('button', { name: 'Редакция', exact: true }).click();
    const editor = page.getByRole('dialog', { name: /Редакция/ });
    await editor.getByRole('tab', { name: 'Задачи' }).click();
    await expect(editor.getByRole('switch', { name: 'Проследявай внесените поръчки' })).toBeChecked();
    await expect(editor.getByRole('combobox', { name: 'Поръчки, въведени в Склад Pro' })).toContainText(
      'По-нови от N дни',
    );
    await expect(editor.getByRole('textbox', { name: 'Брой дни (N)' })).toHaveValue('30');
    await snap(page, testInfo, 'follow-03-editor-tasks.png');
    await editor.getByRole('textbox', { name: 'Брой дни (N)' }).scrollIntoViewIfNeeded();
    await snap(page, testInfo, 'follow-04-editor-own-orders.png');

    const conn = await createConnection({ ...MARIADB, database: db.connection.database });
    try {
      const [rows] = await conn.query('SELECT COUNT(*) AS n FROM operations WHERE OperType = 19 AND Note LIKE ?', [
        `%#${order.id}`,
      ]);
      expect(Number((rows as { n: number }[])[0].n)).toBe(0);
    } finally {
      await conn.end();
    }
  } finally {
    await sandbox.close();
    await db.drop();
  }
});
