/**
 * Serve mode survives hostile and broken requests (issue 14.4): each case goes to a real
 * `sklad-sync serve` process, gets a 4xx (or a closed socket), and then a normal API call must
 * still work. Cookies are shared by every port of a host, so another local program's cookie with a
 * stray `%` in it is not an attack at all: just another day on a shop's PC.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { rawExchange, startServeProcess, type ServeProcess } from '../helpers/serve-process';

let root: string;
let serve: ServeProcess;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sklad-serve-survives-'));
  serve = await startServeProcess(root);
});
afterAll(async () => {
  serve?.kill();
  rmSync(root, { recursive: true, force: true });
});

const host = () => `127.0.0.1:${serve.port}`;
const upgradeHeaders =
  'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n';

/** The process is alive and a normal authorised call still works. */
async function expectStillServing(): Promise<void> {
  expect(serve.isRunning(), serve.output().stderr).toBe(true);
  const res = await serve.api('servers:list');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ ok: true, value: [] });
}

function statusOf(reply: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0);
}

describe('serve mode survives', () => {
  it("an unauthenticated WebSocket upgrade carrying another program's cookie with a % gets 401", async () => {
    const reply = await rawExchange(
      serve.port,
      `GET /events HTTP/1.1\r\nHost: ${host()}\r\n${upgradeHeaders}Cookie: other_app=%E0%A4%A; theme=50%\r\n\r\n`,
    );
    expect(statusOf(reply)).toBe(401);
    await expectStillServing();
  });

  it('the request line "GET http://[" gets 400', async () => {
    const reply = await rawExchange(
      serve.port,
      `GET http://[ HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`,
    );
    expect(statusOf(reply)).toBe(400);
    await expectStillServing();
  });

  it('a WebSocket upgrade with the request line "GET http://[" gets 400', async () => {
    const reply = await rawExchange(serve.port, `GET http://[ HTTP/1.1\r\nHost: ${host()}\r\n${upgradeHeaders}\r\n`);
    expect(statusOf(reply)).toBe(400);
    await expectStillServing();
  });

  it("our own cookie still works beside another program's broken one", async () => {
    const reply = await rawExchange(
      serve.port,
      `POST /api/servers:list HTTP/1.1\r\nHost: ${host()}\r\nOrigin: http://${host()}\r\n` +
        `Cookie: other_app=%zz%; sklad_sync_token=${serve.token}; x=%\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
    );
    expect(statusOf(reply)).toBe(200);
    expect(reply).toContain('{"ok":true,"value":[]}');
    await expectStillServing();
  });

  it('a broken percent-encoding in an API channel or a file path gets 400, with the token', async () => {
    const auth = `Authorization: Bearer ${serve.token}\r\nConnection: close\r\n`;
    const api = await rawExchange(
      serve.port,
      `POST /api/servers%E0%A4%A HTTP/1.1\r\nHost: ${host()}\r\n${auth}Content-Length: 2\r\n\r\n{}`,
    );
    expect(statusOf(api)).toBe(400);
    const file = await rawExchange(serve.port, `GET /assets/%E0%A4%A.js HTTP/1.1\r\nHost: ${host()}\r\n${auth}\r\n`);
    expect(statusOf(file)).toBe(400);
    await expectStillServing();
  });

  it('a garbage Host, Origin or URL token gets 403 or 401', async () => {
    const badHost = await rawExchange(serve.port, `GET / HTTP/1.1\r\nHost: [%\r\nConnection: close\r\n\r\n`);
    expect(statusOf(badHost)).toBe(403);
    const badOrigin = await rawExchange(
      serve.port,
      `GET / HTTP/1.1\r\nHost: ${host()}\r\nOrigin: %%\r\nConnection: close\r\n\r\n`,
    );
    expect(statusOf(badOrigin)).toBe(403);
    const badToken = await rawExchange(
      serve.port,
      `GET /?token=%E0%A4%A HTTP/1.1\r\nHost: ${host()}\r\nConnection: close\r\n\r\n`,
    );
    expect(statusOf(badToken)).toBe(401);
    await expectStillServing();
  });

  it('an authorised event socket sending an oversized or invalid frame is closed, the process lives', async () => {
    for (const payload of [Buffer.alloc(200 * 1024, 0x61), Buffer.from([0xff, 0xfe, 0xfd])]) {
      const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/events`, {
        headers: { authorization: `Bearer ${serve.token}` },
      });
      await new Promise((resolve, reject) => {
        ws.on('open', resolve);
        ws.on('error', reject);
      });
      const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
      ws.on('error', () => undefined);
      ws.send(payload, { binary: false });
      expect([1007, 1009]).toContain(await closed);
    }
    await expectStillServing();
  });
});
