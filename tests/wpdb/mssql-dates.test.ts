/**
 * SQL Server dates (issue 13.1): tedious sends a JavaScript Date as UTC unless told otherwise, so
 * on a Bulgarian PC an order placed at 00:30 would be dated the day before and UserRealTime would
 * be 2-3 hours off. No SQL Server runs here, so the check is on the bytes the driver would send:
 * our pool settings go through mssql's own conversion into a tedious connection's options, and
 * tedious's own DATETIME encoder turns the order's date into the parameter it puts on the wire.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mssqlPoolConfig } from '../../electron/engine/wpdb/mssql-conn';

const TZ = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Europe/Sofia';
});
afterAll(() => {
  process.env.TZ = TZ;
});

/** SQL Server DATETIME on the wire: days since 1900-01-01 and 1/300 s since midnight. */
function decodeDatetime(bytes: Buffer): string {
  const days = bytes.readInt32LE(0);
  const ticks = bytes.readUInt32LE(4);
  const day = new Date(Date.UTC(1900, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);
  const seconds = Math.round(ticks / 300);
  const hh = String(Math.floor(seconds / 3600)).padStart(2, '0');
  const mm = String(Math.floor(seconds / 60) % 60).padStart(2, '0');
  return `${day} ${hh}:${mm}`;
}

async function wireDate(value: Date): Promise<string> {
  const mssql = (await import('mssql')).default as unknown as {
    ConnectionPool: new (c: unknown) => { _config(): Record<string, unknown> };
    getTypeByValue?: (v: unknown) => { name?: string };
  };
  const tedious = await import('tedious');
  // The options tedious's connection ends up with, from our settings, through mssql's own mapping.
  const options = new mssql.ConnectionPool(
    mssqlPoolConfig({ host: 'sql.example', database: 'wp', user: 'u' }),
  )._config().options as { useUTC?: boolean };
  const connection = new tedious.Connection({
    server: 'sql.example',
    options: { ...options, useUTC: options.useUTC },
    authentication: { type: 'default', options: { userName: 'u', password: 'p' } },
  });
  const effective = (connection as unknown as { config: { options: { useUTC: boolean } } }).config.options;
  // mssql sends a Date as DATETIME; tedious encodes it with the connection's options.
  const chunks = [
    ...tedious.TYPES.DateTime.generateParameterData(
      { value, type: tedious.TYPES.DateTime } as never,
      effective as never,
    ),
  ];
  return decodeDatetime(Buffer.concat(chunks as Buffer[]));
}

describe('SQL Server gets the local date and time of an order', () => {
  it('an order at 00:30 in Sofia is sent as 00:30 that day, not 22:30 the day before', async () => {
    const orderTime = new Date(2026, 10, 29, 0, 30);
    expect(orderTime.toISOString()).toBe('2026-11-28T22:30:00.000Z');
    expect(await wireDate(orderTime)).toBe('2026-11-29 00:30');
    // The document date: midnight, local.
    expect(await wireDate(new Date(2026, 10, 29))).toBe('2026-11-29 00:00');
  });
});
