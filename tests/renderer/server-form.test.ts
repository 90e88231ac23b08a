/**
 * The server editor's form model (`renderer/src/forms/server-form.ts`): what a save request holds
 * for each database kind, how secrets are kept, typed or cleared, and which field each problem is
 * shown at. The form validates with the engine's own schema, so these are the answers the engine
 * would give too.
 */
import { describe, expect, it } from 'vitest';
import {
  SERVER_TYPE,
  ServerProfileInputSchema,
  SyncSettingsSchema,
  type ServerProfileView,
} from '../../shared/types/server-profile';
import {
  connectionOf,
  emptyForm,
  formFromView,
  formToInput,
  typedSecret,
  type ServerForm,
} from '../../renderer/src/forms/server-form';

const filled = (over: Partial<ServerForm> = {}): ServerForm => ({
  ...emptyForm(),
  name: 'Магазин София',
  domain: 'shop.example.bg',
  kind: 'mysql',
  host: '192.168.1.10',
  port: '3306',
  database: 'warehouse',
  user: 'sklad',
  ...over,
});

const errorsOf = (form: ServerForm) => {
  const result = formToInput(form);
  return result.ok ? {} : result.errors;
};

describe('the server form', () => {
  it('an empty form names every required field and sends nothing', () => {
    expect(formToInput(emptyForm()).ok).toBe(false);
    // The store may be filled in later; the name and the database (MySQL by default) may not.
    expect(errorsOf(emptyForm())).toEqual({
      name: 'required',
      'database.host': 'required',
      'database.database': 'required',
    });
  });

  it('a store address that is not a domain is named at the field; a pasted URL is taken', () => {
    expect(errorsOf(filled({ domain: 'моят магазин' }))['store.domain']).toBe('invalid_domain');
    const pasted = formToInput(filled({ domain: 'https://shop.example.bg/' }));
    expect(pasted.ok).toBe(true);
  });

  it('a filled MySQL form becomes a request the engine schema takes as it is', () => {
    const result = formToInput(filled({ apiKey: 'key-123456', dbPassword: 'pass-7890' }));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.input.database).toEqual({
      kind: 'mysql',
      host: '192.168.1.10',
      port: 3306,
      database: 'warehouse',
      user: 'sklad',
      instance: '',
      filePath: '',
    });
    expect(result.input.secrets).toEqual({ apiKey: 'key-123456', dbPassword: 'pass-7890' });
    expect(ServerProfileInputSchema.safeParse(result.input).success).toBe(true);
  });

  it('the port: empty is none, letters and out-of-range numbers are named at the port', () => {
    const none = formToInput(filled({ port: '' }));
    expect(none.ok && none.input.database.port).toBeNull();
    expect(errorsOf(filled({ port: '33o6' }))['database.port']).toBe('invalid_number');
    expect(errorsOf(filled({ port: '70000' }))['database.port']).toBe('invalid_port');
    expect(errorsOf(filled({ port: '0' }))['database.port']).toBe('invalid_port');
  });

  it('a kind sends only its own fields: a SQLite form drops host, user and the password', () => {
    const result = formToInput(
      filled({ kind: 'sqlite', filePath: 'C:\\Data\\warehouse.sqlite3', dbPassword: 'left-over-password' }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.input.database).toMatchObject({ kind: 'sqlite', host: '', user: '', port: null, database: '' });
    expect(result.input.database.filePath).toBe('C:\\Data\\warehouse.sqlite3');
    expect(result.input.secrets).toEqual({});
    // Access keeps its password (a protected .mdb), but no host.
    const access = formToInput(filled({ kind: 'access', filePath: 'D:\\wp.mdb', dbPassword: 'mdb-pass' }));
    expect(access.ok && access.input.secrets).toEqual({ dbPassword: 'mdb-pass' });
    expect(access.ok && access.input.database.host).toBe('');
  });

  it('secrets: untouched or emptied keeps the saved one, typed sets it, null clears it', () => {
    const keep = formToInput(filled({ apiKey: undefined, dbPassword: '' }));
    expect(keep.ok && keep.input.secrets).toEqual({});
    const clear = formToInput(filled({ apiKey: null }));
    expect(clear.ok && clear.input.secrets).toEqual({ apiKey: null });
    expect(typedSecret(undefined)).toBeUndefined();
    expect(typedSecret('')).toBeUndefined();
    expect(typedSecret(null)).toBeUndefined();
    expect(typedSecret('typed')).toBe('typed');
  });

  it('a saved server opens with its values and no secret, and saves back unchanged', () => {
    const view: ServerProfileView = {
      id: '2b1c7c7e-6f1e-4d7a-9a53-3f1d2c4b5a69',
      name: 'Склад Пловдив',
      type: SERVER_TYPE,
      store: { domain: 'plovdiv.example.bg' },
      database: {
        kind: 'mssql',
        host: 'sql.local',
        port: 1433,
        database: 'WP',
        user: 'sa',
        instance: 'SQLEXPRESS',
        filePath: '',
      },
      settings: SyncSettingsSchema.parse({}),
      secrets: { apiKey: 'set', dbPassword: 'set' },
      createdAt: '2026-11-01T10:00:00.000Z',
      updatedAt: '2026-11-01T10:00:00.000Z',
    } as unknown as ServerProfileView;
    const form = formFromView(view);
    expect(form.apiKey).toBeUndefined();
    expect(form.dbPassword).toBeUndefined();
    expect(form.port).toBe('1433');
    const result = formToInput(form);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.input).toMatchObject({ id: view.id, name: view.name, store: view.store, database: view.database });
    expect(result.input.secrets).toEqual({});
  });

  it('the connection to test is trimmed and carries only the fields of its kind', () => {
    expect(connectionOf(filled({ host: '  db.local ', port: 'x', instance: 'ignored' }))).toEqual({
      kind: 'mysql',
      host: 'db.local',
      port: null,
      database: 'warehouse',
      user: 'sklad',
      instance: '',
      filePath: '',
    });
  });
});
