/**
 * The server editor's form model and its conversion to a save request. Validation is the shared
 * zod schema (`ServerProfileInputSchema`), the same one the engine applies, so a form the UI
 * accepts is one the engine accepts; field problems are keyed by the schema path
 * (`store.domain`, `database.host`, ...), which is also how the engine reports them.
 */
import type { z } from 'zod';
import {
  ServerProfileInputSchema,
  SyncSettingsSchema,
  SERVER_TYPE,
  type DatabaseConnection,
  type DatabaseKind,
  type ServerProfileInput,
  type ServerProfileView,
  type SyncSettings,
} from '../../../shared/types/server-profile';

/**
 * A secret being edited: `undefined` keeps what is stored, a string is a new value being typed
 * (an empty one also keeps), `null` clears it.
 */
export type SecretDraft = string | null | undefined;

export interface ServerForm {
  id?: string;
  name: string;
  domain: string;
  kind: DatabaseKind;
  host: string;
  port: string;
  database: string;
  user: string;
  instance: string;
  filePath: string;
  apiKey: SecretDraft;
  dbPassword: SecretDraft;
  /** Task settings (S4-S18): edited on the editor's other tabs, validated by the same schema. */
  settings: SyncSettings;
}

/** Schema path -> message code (`required`, `invalid_domain`, `duplicate`, ...). */
export type FieldErrors = Record<string, string>;

/** The one server type's name, as Utility Center shows it (the same in both languages). */
export const SERVER_TYPE_LABEL = 'Warehouse Pro Import Export CloudCart';

export const DATABASE_KINDS: readonly DatabaseKind[] = ['mysql', 'mssql', 'access', 'sqlite'];
export const DEFAULT_PORTS: Partial<Record<DatabaseKind, number>> = { mysql: 3306, mssql: 1433 };

/** Which connection fields each database kind uses, in the order they are shown. */
export const KIND_FIELDS: Record<DatabaseKind, readonly ConnectionField[]> = {
  mysql: ['host', 'port', 'database', 'user', 'dbPassword'],
  mssql: ['host', 'port', 'instance', 'database', 'user', 'dbPassword'],
  access: ['filePath', 'dbPassword'],
  sqlite: ['filePath'],
};
export type ConnectionField = 'host' | 'port' | 'database' | 'user' | 'instance' | 'filePath' | 'dbPassword';

export function emptyForm(): ServerForm {
  return {
    name: '',
    domain: '',
    kind: 'mysql',
    host: '',
    port: '',
    database: '',
    user: '',
    instance: '',
    filePath: '',
    apiKey: undefined,
    dbPassword: undefined,
    settings: SyncSettingsSchema.parse({}),
  };
}

export function formFromView(view: ServerProfileView): ServerForm {
  const db = view.database;
  return {
    id: view.id,
    name: view.name,
    domain: view.store.domain,
    kind: db.kind,
    host: db.host,
    port: db.port === null ? '' : String(db.port),
    database: db.database,
    user: db.user,
    instance: db.instance,
    filePath: db.filePath,
    apiKey: undefined,
    dbPassword: undefined,
    settings: view.settings,
  };
}

export type FormResult = { ok: true; input: ServerProfileInput } | { ok: false; errors: FieldErrors };

/** Builds the save request, or says which fields are wrong. Nothing half-valid gets through. */
export function formToInput(form: ServerForm): FormResult {
  const errors: FieldErrors = {};
  const uses = new Set<ConnectionField>(KIND_FIELDS[form.kind]);
  const keep = (field: ConnectionField, value: string) => (uses.has(field) ? value : '');

  let port: number | null = null;
  const portText = keep('port', form.port).trim();
  if (portText !== '') {
    if (!/^\d+$/.test(portText)) errors['database.port'] = 'invalid_number';
    else if (Number(portText) < 1 || Number(portText) > 65535) errors['database.port'] = 'invalid_port';
    else port = Number(portText);
  }

  const input: ServerProfileInput = {
    ...(form.id ? { id: form.id } : {}),
    name: form.name,
    type: SERVER_TYPE,
    store: { domain: form.domain },
    database: {
      kind: form.kind,
      host: keep('host', form.host),
      port,
      database: keep('database', form.database),
      user: keep('user', form.user),
      instance: keep('instance', form.instance),
      filePath: keep('filePath', form.filePath),
    },
    settings: form.settings,
    secrets: {
      ...secretPatch('apiKey', form.apiKey),
      ...secretPatch('dbPassword', uses.has('dbPassword') ? form.dbPassword : undefined),
    },
  };

  const parsed = ServerProfileInputSchema.safeParse(input);
  if (!parsed.success) {
    for (const [path, code] of Object.entries(issuesToFields(parsed.error.issues))) errors[path] ??= code;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input };
}

/** The connection being edited, as the engine's connection tests and reference reader take it. */
export function connectionOf(form: ServerForm): DatabaseConnection {
  const uses = new Set<ConnectionField>(KIND_FIELDS[form.kind]);
  const keep = (field: ConnectionField, value: string) => (uses.has(field) ? value.trim() : '');
  const port = Number(keep('port', form.port));
  return {
    kind: form.kind,
    host: keep('host', form.host),
    port: Number.isInteger(port) && port > 0 && port < 65536 ? port : null,
    database: keep('database', form.database),
    user: keep('user', form.user),
    instance: keep('instance', form.instance),
    filePath: keep('filePath', form.filePath),
  };
}

/** The typed secret to test with; absent means "use the saved one". */
export function typedSecret(draft: SecretDraft): string | undefined {
  return typeof draft === 'string' && draft !== '' ? draft : undefined;
}

function secretPatch(name: 'apiKey' | 'dbPassword', draft: SecretDraft): Record<string, string | null> {
  if (draft === undefined || draft === '') return {}; // absent: the engine keeps what it has
  return { [name]: draft };
}

const OWN_CODES = new Set(['required', 'invalid_domain', 'invalid_time', 'duplicate']);

function issuesToFields(issues: z.ZodError['issues']): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '(root)';
    if (fields[path]) continue;
    if (OWN_CODES.has(issue.message)) fields[path] = issue.message;
    else if (issue.code === 'too_big') fields[path] = path === 'database.port' ? 'invalid_port' : 'too_long';
    else if (issue.code === 'too_small') fields[path] = path === 'database.port' ? 'invalid_port' : 'required';
    else fields[path] = 'invalid';
  }
  return fields;
}

/** The schema paths the editor shows at a field; any other reported path goes to the dialog's alert. */
export const FORM_PATHS = [
  'name',
  'store.domain',
  'secrets.apiKey',
  'database.kind',
  'database.host',
  'database.port',
  'database.database',
  'database.user',
  'database.instance',
  'database.filePath',
  'secrets.dbPassword',
] as const;
