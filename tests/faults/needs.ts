/** What a fault case needs from this machine; a case that cannot run here is skipped with the reason printed. */
import mysql from 'mysql2/promise';
import { MARIADB } from '../helpers/warehouse-fixtures';

/** null when MariaDB answers at MARIADB_HOST:MARIADB_PORT, else why not. */
export async function mariadbMissing(): Promise<string | null> {
  try {
    const c = await mysql.createConnection({ ...MARIADB, connectTimeout: 3000 });
    await c.end();
    return null;
  } catch (err) {
    const reason = `MariaDB at ${MARIADB.host}:${MARIADB.port} is not reachable (${(err as Error).message})`;
    console.log(`skipped: ${reason}`);
    return reason;
  }
}
