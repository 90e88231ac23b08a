/**
 * The boundary both transports share: a channel name and an untrusted payload in, an `IpcResult`
 * out. Unknown channels and invalid payloads become `{code, message}` errors, never exceptions.
 * An error that is not an `AppError` is a bug or a surprise: the UI gets only a short id, and the
 * log gets the same id with the stack (secrets masked), so the one leads to the other.
 */
import { INVOKE_CHANNELS, type InvokeChannel } from '../../../shared/ipc/channels';
import { invokeContract } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/errors';
import { unknownFields, unknownFieldText } from '../../../shared/types/strict-fields';
import type { z } from 'zod';
import type { Engine } from '../engine';
import { AppError, describeUnexpected, newErrorId, toIpcError } from '../errors';
import { handlers } from './handlers';

const known = new Set<string>(INVOKE_CHANNELS);

export function isInvokeChannel(channel: string): channel is InvokeChannel {
  return known.has(channel);
}

export async function dispatch(engine: Engine, channel: string, payload: unknown): Promise<IpcResult<unknown>> {
  const locale = safeLocale(engine);
  if (!isInvokeChannel(channel)) {
    return {
      ok: false,
      error: {
        code: 'unknown_channel',
        message: locale === 'bg' ? `Непознат канал „${channel}“.` : `Unknown channel "${channel}".`,
      },
    };
  }
  const spec = invokeContract[channel];
  const parsed = spec.request.safeParse(payload ?? {});
  if (!parsed.success) {
    return { ok: false, error: invalidPayload(spec.request, parsed.error, locale) };
  }
  try {
    const handler = handlers[channel] as (engine: Engine, request: unknown) => unknown;
    const value = await handler(engine, parsed.data);
    return { ok: true, value: spec.response.parse(value) };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err.toIpc(locale) };
    const id = newErrorId();
    logSafely(engine, `internal error ${id} in ${channel}: ${describeUnexpected(err)}`);
    return { ok: false, error: toIpcError(err, locale, id) };
  }
}

function invalidPayload(schema: z.ZodType, error: z.ZodError, locale: 'bg' | 'en') {
  const fields: Record<string, string> = {};
  // An unknown field is named by its own path (with the field it probably means), not its parent's.
  const unknown = unknownFields(schema, error.issues);
  for (const field of unknown) fields[field.path] ??= 'unknown_field';
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') continue;
    const path = issue.path.join('.') || '(root)';
    fields[path] ??= issue.message;
  }
  const list = [
    ...unknown.map((f) => unknownFieldText(f)[locale]),
    ...Object.keys(fields).filter((path) => fields[path] !== 'unknown_field'),
  ].join(', ');
  return {
    code: 'invalid_payload' as const,
    message:
      locale === 'bg'
        ? `Невалидни данни в полетата: ${list}. Поправете ги и опитайте отново.`
        : `Invalid data in: ${list}. Correct them and try again.`,
    fields,
  };
}

/** A log that fails (disk full, engine closing) must not turn the answer into a crash. */
function logSafely(engine: Engine, line: string): void {
  try {
    engine.log('error', line);
  } catch {
    // the renderer still gets the id; the line is lost with the log
  }
}

function safeLocale(engine: Engine): 'bg' | 'en' {
  try {
    return engine.locale;
  } catch {
    return 'bg';
  }
}
