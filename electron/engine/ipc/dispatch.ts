/**
 * The boundary both transports share: a channel name and an untrusted payload in, an `IpcResult`
 * out. Unknown channels and invalid payloads become `{code, message}` errors, never exceptions.
 */
import { INVOKE_CHANNELS, type InvokeChannel } from '../../../shared/ipc/channels';
import { invokeContract } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/errors';
import { unknownFields, unknownFieldText } from '../../../shared/types/strict-fields';
import type { z } from 'zod';
import type { Engine } from '../engine';
import { toIpcError } from '../errors';
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
    return { ok: false, error: toIpcError(err, locale) };
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

function safeLocale(engine: Engine): 'bg' | 'en' {
  try {
    return engine.locale;
  } catch {
    return 'bg';
  }
}
