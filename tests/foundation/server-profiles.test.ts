import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/engine/ipc/dispatch';
import { createTempEngine, SAMPLE_PROFILE, type TempEngine } from '../helpers/temp-engine';

const API_KEY = 'cc_live_9f8e7d6c5b4a3210PLAINTEXTKEY';
const DB_PASSWORD = 'Пар0ла-за-базата!';

describe('server profiles in the state database', () => {
  let t: TempEngine;
  beforeEach(() => {
    t = createTempEngine();
  });
  afterEach(async () => {
    await t.cleanup();
  });

  async function call(channel: string, payload: unknown) {
    const result = await dispatch(t.engine, channel, payload);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as Record<string, unknown> & { id: string };
  }

  it('creates, lists, renames and deletes a profile, with seed defaults for the tasks', async () => {
    const saved = await call('servers:save', { ...SAMPLE_PROFILE, secrets: { apiKey: API_KEY } });
    expect(saved.name).toBe('Магазин София');
    expect(saved.secrets).toEqual({ apiKey: 'set', dbPassword: 'unset' });
    const settings = saved.settings as { importTask: { startMode: unknown }; exportTask: { priceColumn: number } };
    expect(settings.importTask.startMode).toEqual({ kind: 'on-start' });
    expect(settings.exportTask.priceColumn).toBe(2);

    const list = (await dispatch(t.engine, 'servers:list', {})) as { ok: true; value: { id: string }[] };
    expect(list.value.map((s) => s.id)).toEqual([saved.id]);

    const renamed = await call('servers:rename', { id: saved.id, name: 'Магазин Пловдив' });
    expect(renamed.name).toBe('Магазин Пловдив');

    expect(await call('servers:delete', { id: saved.id })).toEqual({ deleted: true });
    const missing = await dispatch(t.engine, 'servers:get', { id: saved.id });
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.error.code).toBe('not_found');
      expect(missing.error.message).toMatch(/не е намерен/);
    }
  });

  it('never returns a secret, keeps it when absent from an edit, and clears it with null', async () => {
    const saved = await call('servers:save', {
      ...SAMPLE_PROFILE,
      secrets: { apiKey: API_KEY, dbPassword: DB_PASSWORD },
    });
    expect(JSON.stringify(saved)).not.toContain(API_KEY);
    expect(JSON.stringify(saved)).not.toContain(DB_PASSWORD);

    // An edit that keeps the addresses keeps the secrets (another address needs them typed again:
    // tests/harden/secrets-stay.test.ts).
    const edited = await call('servers:save', { ...SAMPLE_PROFILE, id: saved.id, name: 'Магазин Варна' });
    expect(edited.secrets).toEqual({ apiKey: 'set', dbPassword: 'set' });
    expect(t.engine.servers.readSecret(saved.id, 'apiKey')).toBe(API_KEY);
    expect(t.engine.servers.readSecret(saved.id, 'dbPassword')).toBe(DB_PASSWORD);

    const cleared = await call('servers:save', { ...SAMPLE_PROFILE, id: saved.id, secrets: { dbPassword: null } });
    expect(cleared.secrets).toEqual({ apiKey: 'set', dbPassword: 'unset' });
  });

  it('stores secrets encrypted: the state files hold no plaintext, the key file is 0600 and elsewhere', async () => {
    await call('servers:save', { ...SAMPLE_PROFILE, secrets: { apiKey: API_KEY, dbPassword: DB_PASSWORD } });
    const files = readdirSync(t.dataDir).map((f) => join(t.dataDir, f));
    expect(files.some((f) => f.endsWith('state.sqlite3'))).toBe(true);
    for (const file of files) {
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from(API_KEY))).toBe(false);
      expect(bytes.includes(Buffer.from(DB_PASSWORD))).toBe(false);
    }
    expect(statSync(t.keyFile).mode & 0o777).toBe(0o600);
    expect(t.keyFile.startsWith(t.dataDir)).toBe(false);
  });

  it('refuses a duplicate name and a half-valid profile, saving nothing', async () => {
    await call('servers:save', SAMPLE_PROFILE);
    const dup = await dispatch(t.engine, 'servers:save', { ...SAMPLE_PROFILE, name: 'магазин софия' });
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.error.code).toBe('conflict');

    const invalid = await dispatch(t.engine, 'servers:save', {
      ...SAMPLE_PROFILE,
      name: 'Без база',
      database: { kind: 'mysql', host: '' },
    });
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) {
      expect(invalid.error.code).toBe('invalid_payload');
      expect(Object.keys(invalid.error.fields ?? {})).toEqual(
        expect.arrayContaining(['database.host', 'database.database']),
      );
    }
    const list = await dispatch(t.engine, 'servers:list', {});
    expect(list.ok && (list.value as unknown[]).length).toBe(1);
  });

  it('answers in the chosen language', async () => {
    await call('settings:set', { locale: 'en' });
    const missing = await dispatch(t.engine, 'servers:get', { id: '00000000-0000-4000-8000-000000000000' });
    expect(!missing.ok && missing.error.message).toMatch(/Server not found/);
  });
});
