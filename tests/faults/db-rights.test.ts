/**
 * A database user that may read but not write (issue 14.1, 14.7): every run fails with a message
 * that names the missing right and the GRANT to run, and leaves no connection open on the server;
 * the database test finds the missing rights before any run; the GRANT it suggests is enough.
 */
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../electron/engine/probes-db';
import { createSyncFixture, type SyncFixture } from '../helpers/sync-fixture';
import { MARIADB } from '../helpers/warehouse-fixtures';
import { mariadbMissing } from './needs';

const missing = await mariadbMissing();
const user = `ro_${randomBytes(4).toString('hex')}`;
const password = `pw-${randomBytes(6).toString('hex')}`;
let f: SyncFixture;
let admin: mysql.Connection;

/**
 * The user's connections the server still has. A connection the program closed can linger in
 * PROCESSLIST for a moment while the server handles its goodbye, so this waits (up to 5 s) for the
 * count to reach 0; a leaked connection stays open for good and is counted.
 */
async function openConnections(): Promise<number> {
  let n = 0;
  for (let i = 0; i < 50; i++) {
    const [rows] = await admin.query('SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = ?', [user]);
    n = Number((rows as { n: number }[])[0].n);
    if (n === 0) return 0;
    await new Promise((r) => setTimeout(r, 100));
  }
  return n;
}

beforeAll(async () => {
  if (missing) return;
  f = await createSyncFixture('mysql', { demo: { goods: 20 } });
  admin = await mysql.createConnection(MARIADB);
  const db = f.wpdb.connection.database;
  await admin.query(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
  await admin.query(`GRANT SELECT ON \`${db}\`.* TO '${user}'@'%'`);
  // The first run of a new installation: our lease table does not exist yet.
  await admin.query(`DROP TABLE \`${db}\`.sklad_sync_lease`);
  f.server = f.t.engine.servers.save({
    ...f.server,
    database: { ...f.server.database, user },
    secrets: { dbPassword: password },
  });
}, 60_000);

afterAll(async () => {
  await admin?.query(`DROP USER IF EXISTS '${user}'@'%'`);
  await admin?.end();
  await f?.cleanup();
});

describe.skipIf(missing)('a read-only database user', () => {
  it('10 failed runs leave no connection open, each naming the missing right and the GRANT', async () => {
    for (let i = 0; i < 10; i++) {
      const r = await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'import' });
      expect(r.state).toBe('failed');
      expect(r.error).not.toMatch(/ER_TABLEACCESS_DENIED_ERROR|Try again/);
      expect(r.error).toMatch(
        new RegExp(
          `user "${user}" lacks the rights the program needs: CREATE .*CREATE TABLE .*sklad_sync_lease.*GRANT SELECT, INSERT, UPDATE, DELETE ON`,
          's',
        ),
      );
    }
    expect(await openConnections()).toBe(0);
  });

  it('the database test names every missing right, and the GRANT it suggests makes the runs work', async () => {
    const conn = { ...f.server.database, user };
    const before = await testDatabase(conn, password, 'en');
    expect(await openConnections()).toBe(0);
    expect(before.canWrite).toBe(false);
    expect(before.missingRights).toEqual(
      expect.arrayContaining(['INSERT operations', 'INSERT partners', 'INSERT nextacct', 'CREATE ' + conn.database]),
    );
    expect(before.message).toMatch(/GRANT INSERT ON .*CREATE TABLE/s);
    // What the message tells the administrator to run, run as it stands.
    const statements = before.message
      .slice(before.message.indexOf('administrator to run: ') + 'administrator to run: '.length)
      .split(/;\s*/)
      .filter((sql) => /^(GRANT|CREATE)/.test(sql));
    expect(statements.length).toBeGreaterThanOrEqual(3);
    for (const sql of statements) await admin.query(sql);

    const after = await testDatabase(conn, password, 'en');
    expect(after.missingRights).toEqual([]);
    expect(after.canWrite).toBe(true);
    const r = await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'import' });
    expect(r.state, r.error ?? '').toBe('succeeded');
    expect(await openConnections()).toBe(0);
  });

  it('with the lease table there but no INSERT on operations: the order write fails the run naming INSERT on operations', async () => {
    const db = f.wpdb.connection.database;
    await admin.query(`REVOKE INSERT ON \`${db}\`.* FROM '${user}'@'%'`);
    await admin.query(`GRANT INSERT, UPDATE, DELETE ON \`${db}\`.sklad_sync_lease TO '${user}'@'%'`);
    const exported = await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'export' });
    expect(exported.state, exported.error ?? '').toBe('succeeded');
    const variant = [...f.sandbox.model.table('variants').values()].find((v) => v.attributes.barcode);
    f.sandbox.placeOrder({
      email: 'ro@example.bg',
      firstName: 'Само',
      lastName: 'Четене',
      lines: [{ barcode: String(variant?.attributes.barcode ?? ''), quantity: 1 }],
    });
    const r = await f.t.engine.sync.runToEnd({ serverId: f.server.id, task: 'import' });
    expect(r.state).toBe('failed');
    expect(r.error).toMatch(
      /lacks the rights the program needs: INSERT (operations|partners|nextacct).*GRANT INSERT ON/s,
    );
    expect(await openConnections()).toBe(0);
  });
});
