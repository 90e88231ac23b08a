/**
 * Saved secrets stay with their host (issue 14.5). A connection test, a reference read, a save or
 * a duplicate that names a saved server but another store address, or another database server,
 * port, user or file, never uses the saved secret. Checked with listeners of the test's own on
 * other ports: a "store" that records every header it receives, and a rogue MySQL server that
 * records the auth token and, through caching_sha2's public-key exchange, the password in clear.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/engine/ipc/dispatch';
import type { ServerProfileView } from '../../shared/types/server-profile';
import { startCli } from '../faults/cli-child';
import { startRogueMysql, type RogueMysql } from '../helpers/rogue-mysql';
import { startRecordingStore, type SilentStore } from '../helpers/stuck-peers';
import { createTempEngine, type TempEngine } from '../helpers/temp-engine';

const API_KEY = 'saved-key-4f7d1c9e2b6a8035';
const DB_PASSWORD = 'saved-pw-Zq8!x2';
const db = { kind: 'mysql' as const, host: '127.0.0.1', port: 3306, database: 'warehouse', user: 'shop_user' };

let t: TempEngine;
let store: SilentStore;
let rogue: RogueMysql;
let saved: ServerProfileView;

beforeAll(async () => {
  t = createTempEngine();
  store = await startRecordingStore();
  rogue = await startRogueMysql();
  saved = t.engine.servers.save({
    name: 'Магазин София',
    type: 'wp-import-export-cloudcart',
    store: { domain: 'shop.example.bg' },
    database: { ...db, instance: '', filePath: '' },
    settings: (await import('../../shared/types/server-profile')).SyncSettingsSchema.parse({}),
    secrets: { apiKey: API_KEY, dbPassword: DB_PASSWORD },
  });
});
afterAll(async () => {
  await rogue?.close();
  await store?.close();
  await t?.cleanup();
});

const call = (channel: string, payload: unknown) => dispatch(t.engine, channel, payload);
const rogueConnection = (patch: Partial<typeof db> = {}) => ({ ...db, port: rogue.port, ...patch });

/** Nothing the listeners got carries the saved key or password, in clear or as a token. */
function expectNothingLeaked(): void {
  for (const r of store.received) expect(JSON.stringify(r.headers)).not.toContain(API_KEY);
  for (const login of rogue.logins) {
    expect(login.password).not.toBe(DB_PASSWORD);
    expect(login.madeWith(DB_PASSWORD)).toBe(false);
  }
}

describe('saved secrets stay with their host', () => {
  it('store:test with the saved server but another store address does not send the saved key', async () => {
    const res = await call('store:test', { serverId: saved.id, domain: store.url });
    expect(res).toMatchObject({ ok: true, value: { ok: false } });
    expect((res as { value: { message: string } }).value.message).toMatch(/Въведете API ключа отново/);
    expectNothingLeaked();
  });

  it('store:test with the saved server but http:// instead of https:// does not send the saved key', async () => {
    const res = await call('store:test', { serverId: saved.id, domain: 'http://shop.example.bg' });
    expect((res as { value: { ok: boolean; message: string } }).value.message).toMatch(/Въведете API ключа отново/);
  });

  it('database:test with the saved server but another port never gives the rogue server the password', async () => {
    const res = await call('database:test', { serverId: saved.id, connection: rogueConnection() });
    expect(res).toMatchObject({ ok: true, value: { ok: false } });
    expect((res as { value: { message: string } }).value.message).toMatch(/Въведете паролата отново/);
    // It was tried, without any password: a database may need none.
    expect(rogue.logins.map((l) => l.token.length)).toEqual([0]);
    expectNothingLeaked();
  });

  it('database:test with only the user changed never uses the saved password', async () => {
    const before = rogue.logins.length;
    await call('database:test', { serverId: saved.id, connection: rogueConnection({ user: 'root' }) });
    expect(rogue.logins.slice(before).map((l) => l.user)).toEqual(['root']);
    expectNothingLeaked();
  });

  it('database:reference with a changed host is refused with the field to retype', async () => {
    const res = await call('database:reference', { serverId: saved.id, connection: rogueConnection() });
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'conflict', fields: { 'secrets.dbPassword': 'retype' } },
    });
    expectNothingLeaked();
  });

  it('a typed secret is used as typed, wherever it goes', async () => {
    const before = rogue.logins.length;
    await call('database:test', { serverId: saved.id, connection: rogueConnection(), password: 'typed-now' });
    // The login was made with the typed password (its token proves it); mysql2 no longer hands
    // even a typed password over in clear to a server without TLS (no public-key retrieval).
    const logins = rogue.logins.slice(before);
    expect(logins).toHaveLength(1);
    expect(logins[0].madeWith('typed-now')).toBe(true);
    expect(logins[0].password).toBeNull();
  });

  it('save with a changed store address, database host, port or user and no secret typed is refused; nothing changes', async () => {
    const input = (patch: { domain?: string; database?: Partial<typeof db> }) => ({
      id: saved.id,
      name: saved.name,
      store: { domain: patch.domain ?? saved.store.domain },
      database: { ...saved.database, ...patch.database },
      settings: saved.settings,
    });
    const cases: [Parameters<typeof input>[0], string][] = [
      [{ domain: store.url }, 'secrets.apiKey'],
      [{ database: { host: 'db.elsewhere.example' } }, 'secrets.dbPassword'],
      [{ database: { port: rogue.port } }, 'secrets.dbPassword'],
      [{ database: { user: 'root' } }, 'secrets.dbPassword'],
    ];
    for (const [patch, field] of cases) {
      const res = await call('servers:save', input(patch));
      expect(res, JSON.stringify(patch)).toMatchObject({
        ok: false,
        error: { code: 'conflict', fields: { [field]: 'retype' } },
      });
    }
    expect(t.engine.servers.get(saved.id)).toMatchObject({ store: saved.store, database: saved.database });
    // The same address written differently keeps the secrets; a typed one replaces them.
    expect(await call('servers:save', input({ domain: 'https://SHOP.example.bg/' }))).toMatchObject({ ok: true });
    const moved = await call('servers:save', {
      ...input({ database: { port: rogue.port } }),
      secrets: { dbPassword: 'new-pw' },
    });
    expect(moved).toMatchObject({ ok: true, value: { secrets: { dbPassword: 'set' } } });
    expect(t.engine.servers.readSecret(saved.id, 'dbPassword')).toBe('new-pw');
    expect(t.engine.servers.readSecret(saved.id, 'apiKey')).toBe(API_KEY);
  });

  it('a duplicate keeps the secrets for the same host, and its copy cannot carry them to another host', async () => {
    const copy = (await call('servers:duplicate', { id: saved.id, name: 'Копие' })) as {
      ok: true;
      value: ServerProfileView;
    };
    expect(copy.value.secrets).toEqual({ apiKey: 'set', dbPassword: 'set' });
    const res = await call('servers:save', {
      id: copy.value.id,
      name: copy.value.name,
      store: { domain: store.url },
      database: copy.value.database,
      settings: copy.value.settings,
    });
    expect(res).toMatchObject({ ok: false, error: { fields: { 'secrets.apiKey': 'retype' } } });
    const test = await call('store:test', { serverId: copy.value.id, domain: store.url });
    expect((test as { value: { ok: boolean } }).value.ok).toBe(false);
    expectNothingLeaked();
  });

  it('`sklad-sync run --profile` whose file now names another database server does not carry the saved password there', async () => {
    const root = mkdtempSync(join(tmpdir(), 'sklad-secrets-cli-'));
    try {
      const file = join(root, 'profile.json');
      const write = (port: number) =>
        writeFileSync(
          file,
          JSON.stringify({ name: 'От файл', store: { domain: 'shop.example.bg' }, database: { ...db, port } }),
        );
      write(3306);
      const first = await startCli(
        ['run', '--profile', file, '--task', 'import', '--json', '--data-dir', join(root, 'data')],
        {
          root,
          apiKey: API_KEY,
          env: { SKLAD_SYNC_DB_PASSWORD: DB_PASSWORD },
        },
      ).done;
      expect(first.code).toBe(1); // no such user on the real MariaDB: the run fails, the profile is saved
      write(rogue.port);
      const before = rogue.logins.length;
      const second = await startCli(
        ['run', '--profile', file, '--task', 'import', '--json', '--data-dir', join(root, 'data')],
        {
          root,
          apiKey: API_KEY,
          env: { SKLAD_SYNC_DB_PASSWORD: '' },
        },
      ).done;
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/Type the password again.*SKLAD_SYNC_DB_PASSWORD/);
      expect(rogue.logins.slice(before)).toEqual([]);
      expectNothingLeaked();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
