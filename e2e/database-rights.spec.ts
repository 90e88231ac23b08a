/**
 * The database test in the editor for a user that may only read (issue 14.1): the result names the
 * missing rights and shows the statements to give them, and says whether the prices include VAT.
 * Screenshot: test-results/screenshots/bg-database-rights.png.
 */
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { startSandbox } from '../electron/cloudcart-sandbox/sandbox-server';
import { createTestDatabase, MARIADB } from '../tests/helpers/warehouse-fixtures';
import { expect, snap, test } from './fixtures';

test('a read-only database user: the test names the missing rights and the GRANT to run', async ({
  page,
  serve,
}, testInfo) => {
  const sandbox = await startSandbox();
  const db = await createTestDatabase('mysql', { goods: 10 });
  const admin = await createConnection(MARIADB);
  const user = `e2e_ro_${randomBytes(3).toString('hex')}`;
  try {
    await admin.query(`CREATE USER '${user}'@'%' IDENTIFIED BY 'четене'`);
    await admin.query(`GRANT SELECT ON \`${db.connection.database}\`.* TO '${user}'@'%'`);
    await page.goto(serve.url);
    await page.getByRole('button', { name: 'Нов сървър' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Нов сървър' });
    await dialog.getByLabel('Име на сървъра').fill('Само четене');
    await dialog.getByLabel('API Идентификатор').fill(sandbox.url);
    await dialog.getByLabel('Сървър на базата (хост)').fill(MARIADB.host);
    await dialog.getByLabel('Порт').fill(String(MARIADB.port));
    await dialog.getByLabel('Име на базата данни').fill(db.connection.database);
    await dialog.getByLabel('Потребител').fill(user);
    await dialog.getByLabel('Парола', { exact: true }).fill('четене');
    await dialog.locator('#test-database').click();
    const result = dialog.getByTestId('database-test-result');
    await expect(result).toContainText('Връзката е успешна');
    await expect(result).toContainText('Цените в базата са с ДДС');
    await expect(dialog.getByTestId('database-rights')).toContainText('INSERT operations');
    await expect(dialog.getByTestId('database-rights')).toContainText(
      `GRANT INSERT ON \`${db.connection.database}\`.*`,
    );
    await dialog.getByTestId('database-rights').scrollIntoViewIfNeeded();
    await snap(page, testInfo, 'bg-database-rights.png');
  } finally {
    await admin.query(`DROP USER IF EXISTS '${user}'@'%'`);
    await admin.end();
    await db.drop();
    await sandbox.close();
  }
});
