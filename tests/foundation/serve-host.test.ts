import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServeHost, type ServeHost } from '../../electron/headless/serve-host';
import { createTempEngine, SAMPLE_PROFILE, type TempEngine } from '../helpers/temp-engine';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so the test controls Host and Origin exactly as an attacker's page would. */
function raw(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return new Promise<RawResponse>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers, setHost: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.body) req.write(options.body);
    req.end();
  });
}

describe('serve mode host', () => {
  let t: TempEngine;
  let host: ServeHost;
  let hostHeader: string;

  beforeAll(async () => {
    t = createTempEngine();
    const rendererDir = join(t.root, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Sklad Sync</title>');
    host = await startServeHost({ engine: t.engine, rendererDir, port: 0 });
    hostHeader = `127.0.0.1:${host.port}`;
  });
  afterAll(async () => {
    await host.close();
    await t.cleanup();
  });

  const api = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
    raw(host.port, `/api/${channel}`, {
      method: 'POST',
      headers: { host: hostHeader, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  it('listens on loopback only and prints a URL with its token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers 401 to a request without the token, for the API and the page', async () => {
    const res = await api('servers:list', {});
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await raw(host.port, '/', { headers: { host: hostHeader } })).status).toBe(401);
    expect((await api('servers:list', {}, { authorization: 'Bearer wrong-token' })).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the right token', async () => {
    const res = await api(
      'servers:list',
      {},
      { host: `evil.example:${host.port}`, authorization: `Bearer ${host.token}` },
    );
    expect(res.status).toBe(403);
    expect(res.body).toContain('forbidden');
  });

  it('refuses a foreign Origin even with the right token', async () => {
    const res = await api('servers:list', {}, { origin: 'http://evil.example', authorization: `Bearer ${host.token}` });
    expect(res.status).toBe(403);
  });

  it('trades the URL token for an HttpOnly cookie and serves the page with it', async () => {
    const first = await raw(host.port, `/?token=${host.token}`, { headers: { host: hostHeader } });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']).split(';')[0];
    expect(String(first.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const page = await raw(host.port, '/', { headers: { host: hostHeader, cookie } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Sklad Sync');
    const list = await api('servers:list', {}, { cookie, origin: `http://${hostHeader}` });
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body)).toEqual({ ok: true, value: [] });
  });

  it('turns invalid JSON and invalid payloads into 400 validation errors', async () => {
    const auth = { authorization: `Bearer ${host.token}` };
    const bad = await raw(host.port, '/api/servers:save', {
      method: 'POST',
      headers: { host: hostHeader, ...auth },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    const invalid = await api('servers:save', { name: '' }, auth);
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body).error.code).toBe('invalid_payload');
    expect((await api('nope:nothing', {}, auth)).status).toBe(404);
  });

  it('pushes engine events over the WebSocket only to an authorised page', async () => {
    const refused = new WebSocket(`ws://127.0.0.1:${host.port}/events`);
    const refusedError = await new Promise<string>((resolve) => refused.on('error', (e) => resolve(String(e))));
    expect(refusedError).toMatch(/401/);

    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/events`, {
      headers: { authorization: `Bearer ${host.token}` },
    });
    await new Promise((resolve, reject) => {
      ws.on('open', resolve);
      ws.on('error', reject);
    });
    const message = new Promise<{ channel: string; payload: { ids: string[] } }>((resolve) =>
      ws.on('message', (data) => resolve(JSON.parse(String(data)))),
    );
    const saved = await api('servers:save', SAMPLE_PROFILE, { authorization: `Bearer ${host.token}` });
    const id = JSON.parse(saved.body).value.id;
    expect(await message).toEqual({ channel: 'servers:changedEvent', payload: { ids: [id] } });
    ws.close();
  });
});
