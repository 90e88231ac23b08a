// A stand-in for the Windows Access helper (electron/engine/wpdb/access-host/host-script.ts): the
// same JSON-lines protocol, answered from a SQLite file with the Warehouse Pro schema, so the Node
// side (AccessHostConn, the Access dialect's single-row inserts, transactions, the file lock) runs
// for real here. SQLite accepts the [bracket] quoting that Jet SQL uses. Run: node twin.mjs
import Database from 'better-sqlite3';
import { createInterface } from 'node:readline';

let db = null;
const send = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);
const value = (p) => (p.t === 'z' ? null : p.v);

createInterface({ input: process.stdin }).on('line', (line) => {
  const req = JSON.parse(line);
  // A helper that hangs (a locked file, a hung share): this statement gets no answer, ever.
  if (process.env.TWIN_SILENT_ON && String(req.sql ?? '').includes(process.env.TWIN_SILENT_ON)) return;
  try {
    switch (req.op) {
      case 'open': {
        const file = /Data Source=([^;]+);/.exec(req.connectionString)?.[1];
        if (process.env.TWIN_PROVIDER && !req.connectionString.includes(process.env.TWIN_PROVIDER))
          throw new Error('The provider is not registered on the local machine.');
        db = new Database(file, { fileMustExist: true });
        db.pragma('busy_timeout = 10000');
        // Jet's own functions the writers use where SQLite has another name.
        db.function('LCase', (v) => (v === null ? null : String(v).toLowerCase()));
        return send({ id: req.id, ok: true });
      }
      case 'query': {
        const rows = db.prepare(req.sql).all(...req.params.map(value));
        // As PowerShell does: a lone row comes back as an object.
        return send({ id: req.id, ok: true, rows: rows.length === 1 ? rows[0] : rows });
      }
      case 'run': {
        const r = db.prepare(req.sql).run(...req.params.map(value));
        return send({ id: req.id, ok: true, affected: r.changes, insertId: Number(r.lastInsertRowid) });
      }
      case 'begin':
        db.exec('BEGIN IMMEDIATE');
        return send({ id: req.id, ok: true });
      case 'commit':
        db.exec('COMMIT');
        return send({ id: req.id, ok: true });
      case 'rollback':
        if (db.inTransaction) db.exec('ROLLBACK');
        return send({ id: req.id, ok: true });
      case 'close':
        db?.close();
        send({ id: req.id, ok: true });
        return process.exit(0);
      default:
        return send({ id: req.id, ok: false, error: 'unknown op' });
    }
  } catch (err) {
    send({ id: req.id, ok: false, error: err.message });
  }
});
