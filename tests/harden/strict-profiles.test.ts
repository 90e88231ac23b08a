/**
 * Strict profiles (issue 14.6): an unknown or misspelt field in a profile file, or in a save over
 * the IPC contract, is an error that names the field by its path and suggests the field it
 * probably means, instead of a default silently taking its place.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/engine/ipc/dispatch';
import { ServerProfileInputSchema, SyncSettingsSchema } from '../../shared/types/server-profile';
import { closestKey } from '../../shared/types/strict-fields';
import { startCli } from '../faults/cli-child';
import { createTempEngine, SAMPLE_PROFILE } from '../helpers/temp-engine';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'sklad-strict-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const base = {
  name: 'Магазин от файл',
  store: { domain: 'shop.example.bg' },
  database: { kind: 'sqlite', filePath: '/nowhere/warehouse.sqlite3' },
};

async function runWith(profile: unknown, name: string) {
  const file = join(root, `${name}.json`);
  writeFileSync(file, JSON.stringify(profile));
  const dataDir = join(root, `data-${name}`);
  const result = await startCli(['run', '--profile', file, '--task', 'export', '--json', '--data-dir', dataDir], {
    root,
    apiKey: 'key',
  }).done;
  return { ...result, dataDir };
}

describe('strict profiles', () => {
  it('a misspelt setting in a profile file is an error naming it, with the field it probably means', async () => {
    const r = await runWith({ ...base, settings: { exportTask: { priceColum: 3 } } }, 'typo');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown field "settings.exportTask.priceColum" (did you mean "priceColumn"?)');
    // Nothing ran and nothing was saved under the default price column.
    expect(r.stdout).toBe('');
    const t = createTempEngine();
    try {
      expect(t.engine.servers.list()).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });

  it('unknown fields at every level are named; a field far from any known one gets no guess', async () => {
    const r = await runWith(
      {
        ...base,
        secret: { apiKey: 'x' },
        database: { ...base.database, hots: '127.0.0.1' },
        settings: { importTask: { startMode: { kind: 'daily', time: '08:00', tz: 'EET' } }, colour: 'red' },
      },
      'many',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('unknown field "secret" (did you mean "secrets"?)');
    expect(r.stderr).toContain('unknown field "database.hots" (did you mean "host"?)');
    expect(r.stderr).toContain('unknown field "settings.importTask.startMode.tz"');
    expect(r.stderr).toMatch(/unknown field "settings\.colour"(?! \(did)/);
  });

  it('a save over the IPC contract with an unknown field is refused with that field', async () => {
    const t = createTempEngine();
    try {
      const res = await dispatch(t.engine, 'servers:save', {
        ...SAMPLE_PROFILE,
        database: { ...SAMPLE_PROFILE.database, usr: 'sync' },
      });
      expect(res).toMatchObject({
        ok: false,
        error: { code: 'invalid_payload', fields: { 'database.usr': 'unknown_field' } },
      });
      expect((res as { error: { message: string } }).error.message).toContain(
        'непознато поле „database.usr“ (може би „user“?)',
      );
      expect(t.engine.servers.list()).toEqual([]);
    } finally {
      await t.cleanup();
    }
  });

  it('the example in docs/profile-file.md is valid under the strict schema', () => {
    const doc = readFileSync(join(process.cwd(), 'docs/profile-file.md'), 'utf8');
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)![1];
    const parsed = ServerProfileInputSchema.safeParse(JSON.parse(example));
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('a profile stored by an older version with a setting since removed still reads', async () => {
    const t = createTempEngine();
    try {
      const saved = t.engine.servers.save(ServerProfileInputSchema.parse(SAMPLE_PROFILE));
      const row = t.engine.db.prepare('SELECT config_json FROM servers WHERE id = ?').get(saved.id) as {
        config_json: string;
      };
      const config = JSON.parse(row.config_json);
      config.settings.retiredSetting = true;
      config.settings.exportTask.oldFlag = 1;
      t.engine.db.prepare('UPDATE servers SET config_json = ? WHERE id = ?').run(JSON.stringify(config), saved.id);
      const defaults = SyncSettingsSchema.parse({});
      // The one value the engine sets itself: when the server was saved with its import on.
      const since = saved.settings.orders.importOnSince;
      expect(since).not.toBeNull();
      expect(t.engine.servers.get(saved.id).settings).toEqual({
        ...defaults,
        orders: { ...defaults.orders, importOnSince: since },
      });
    } finally {
      await t.cleanup();
    }
  });

  it('suggests only near misses', () => {
    const known = ['priceColumn', 'objectGroups', 'goodsGroups', 'quantityBuffer'];
    expect(closestKey('pricecolumn', known)).toBe('priceColumn');
    expect(closestKey('price_column', known)).toBe('priceColumn');
    expect(closestKey('objectGrups', known)).toBe('objectGroups');
    expect(closestKey('warehouse', known)).toBeNull();
  });

  it('every object the profile is read with is strict, so a field added later is covered too', () => {
    type Def = {
      type: string;
      innerType?: unknown;
      in?: unknown;
      shape?: Record<string, unknown>;
      options?: unknown[];
      element?: unknown;
      catchall?: { def: { type: string } };
    };
    const loose: string[] = [];
    const walk = (schema: unknown, path: string) => {
      const def = (schema as { def: Def }).def;
      if (def.type === 'object') {
        if (def.catchall?.def.type !== 'never') loose.push(path || '(root)');
        for (const [key, child] of Object.entries(def.shape ?? {})) walk(child, path ? `${path}.${key}` : key);
      }
      for (const inner of [def.innerType, def.in, def.element]) if (inner) walk(inner, path);
      for (const option of def.options ?? []) walk(option, path);
    };
    walk(ServerProfileInputSchema, '');
    expect(loose).toEqual([]);
  });
});
