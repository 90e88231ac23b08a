/**
 * `--profile FILE | --server NAME`, as `run` and `check-store` take them: a profile file is
 * validated strictly and saved by name (so mappings, watermarks and check reports carry over);
 * a server is found by name or id among the saved ones.
 */
import { readFileSync } from 'node:fs';
import { ServerProfileInputSchema, type ServerProfileView } from '../../shared/types/server-profile';
import { unknownFields, unknownFieldText } from '../../shared/types/strict-fields';
import type { Engine } from '../engine/engine';
import { AppError } from '../engine/errors';

export function saveProfileFile(engine: Engine, file: string): ServerProfileView {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the profile file ${file}: ${(err as Error).message}`);
  }
  const parsed = ServerProfileInputSchema.safeParse(raw);
  if (!parsed.success) {
    // Unknown (often misspelt) fields first, each named with the field it probably means.
    const unknown = unknownFields(ServerProfileInputSchema, parsed.error.issues).map((f) => unknownFieldText(f).en);
    const other = parsed.error.issues
      .filter((i) => i.code !== 'unrecognized_keys')
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`the profile file ${file} is not valid: ${[...unknown, ...other].join('; ')}`);
  }
  const input = parsed.data;
  const save = () =>
    engine.servers.save({
      ...input,
      id: engine.servers.list().find((s) => s.name === input.name)?.id,
      secrets: {
        apiKey: input.secrets.apiKey ?? process.env.SKLAD_SYNC_API_KEY,
        dbPassword: input.secrets.dbPassword ?? process.env.SKLAD_SYNC_DB_PASSWORD,
      },
    });
  try {
    try {
      return save();
    } catch (err) {
      // Another copy started with the same file on this data folder saved it a moment ago (a
      // scheduled task beside a person's run): update that profile instead of failing.
      if (err instanceof AppError && err.fields?.name === 'duplicate') return save();
      throw err;
    }
  } catch (err) {
    // The file names another store or database than the saved profile: its saved secret stays behind.
    if (err instanceof AppError && Object.values(err.fields ?? {}).includes('retype'))
      throw new Error(
        `${err.text.en} Give it in the file's "secrets" or in $SKLAD_SYNC_API_KEY / $SKLAD_SYNC_DB_PASSWORD.`,
      );
    throw err;
  }
}

export function findServer(engine: Engine, nameOrId: string): ServerProfileView {
  const found = engine.servers.list().find((s) => s.id === nameOrId || s.name === nameOrId);
  if (!found)
    throw new Error(
      `no saved server named "${nameOrId}". Saved: ${
        engine.servers
          .list()
          .map((s) => s.name)
          .join(', ') || 'none'
      }`,
    );
  return found;
}
