import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS } from '../../shared/ipc/channels';
import { dispatch } from '../../electron/engine/ipc/dispatch';
import { createTempEngine, type TempEngine } from '../helpers/temp-engine';

/** Payloads no channel accepts: each must come back as a validation error, never a crash. */
const HOSTILE: unknown[] = [
  'a string',
  42,
  [],
  { id: 'not-a-uuid' },
  { __proto__: { polluted: true }, name: 7 },
  { id: "'; DROP TABLE servers; --", extra: true },
];

describe('every IPC channel validates its payload', () => {
  let t: TempEngine;
  beforeAll(() => {
    t = createTempEngine();
  });
  afterAll(async () => {
    await t.cleanup();
  });

  for (const channel of INVOKE_CHANNELS) {
    it(`${channel} rejects malformed payloads with invalid_payload`, async () => {
      for (const payload of HOSTILE) {
        const result = await dispatch(t.engine, channel, payload);
        expect(result.ok, `${channel} accepted ${JSON.stringify(payload)}`).toBe(false);
        if (!result.ok) expect(result.error.code).toBe('invalid_payload');
      }
    });
  }

  it('an unknown channel is refused by name', async () => {
    const result = await dispatch(t.engine, 'fs:readFile', { path: '/etc/passwd' });
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });
});
