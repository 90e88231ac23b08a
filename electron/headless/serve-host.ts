/**
 * Serve mode: the same IPC contract over HTTP (POST /api/<channel>) and a WebSocket (/events) on
 * the loopback interface, plus the built renderer, so the UI of the Electron window runs unchanged
 * in a browser. Every request must pass the guard (token, Host, Origin) first.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ErrorCode, IpcResult } from '../../shared/ipc/errors';
import type { Engine } from '../engine/engine';
import { dispatch } from '../engine/ipc/dispatch';
import { describeUnexpected, internalErrorText, newErrorId } from '../engine/errors';
import { pick } from '../../shared/i18n/localized';
import {
  checkOrigin,
  presentedToken,
  requestUrl,
  safeDecode,
  tokenCookie,
  tokenMatches,
  type GuardOptions,
} from './serve-guard';
import { SECURITY_HEADERS, sendStatic } from './static-files';

export interface ServeOptions {
  engine: Engine;
  /** Directory of the built renderer (index.html). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Loopback unless the user asked explicitly for another interface. */
  host?: string;
  token?: string;
}

export interface ServeHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

// A mapping CSV of 10,000 links is about 1 MB; 4 MiB leaves room and still bounds a request.
const MAX_BODY = 4 * 1024 * 1024;
const STATUS: Partial<Record<ErrorCode, number>> = {
  invalid_payload: 400,
  unknown_channel: 404,
  not_found: 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  internal: 500,
};

/** What a refused request is told, in the user's language. */
const REFUSALS = {
  invalid_payload: {
    bg: 'Заявката е повредена (адресът ѝ не може да бъде прочетен) и е отказана. Отворете програмата от отпечатания адрес.',
    en: 'The request is malformed (its address cannot be read) and was refused. Open the program from the printed address.',
  },
  unauthorized: {
    bg: 'Нужен е ключ за достъп. Отворете адреса, който програмата отпечата при стартиране (с ?token=...).',
    en: 'An access token is needed. Open the address the program printed at start (with ?token=...).',
  },
  forbidden: {
    bg: 'Заявката идва от непознат адрес и е отказана. Отворете програмата от http://127.0.0.1.',
    en: 'The request comes from an unknown address and was refused. Open the program from http://127.0.0.1.',
  },
} as const;

export async function startServeHost(options: ServeOptions): Promise<ServeHost> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const guard: GuardOptions = { token, port: 0, allowedHosts: allowedHostNames(host) };
  const { engine } = options;
  const sockets = new Set<WebSocket>();

  // Every handler is guarded: whatever a request carries, it gets an answer and the process lives.
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      try {
        const id = newErrorId();
        engine.log(
          'error',
          `internal error ${id} serving ${req.method} ${requestUrl(req.url)?.pathname}: ${describeUnexpected(err)}`,
        );
        const message = pick(internalErrorText(id), engine.locale);
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message, id } });
        else res.end();
      } catch {
        res.destroy();
      }
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestUrl(req.url);
    // A request line no URL parser takes (`GET http://[`), or a path that is not valid
    // percent-encoding, is the client's mistake: 400, before anything else reads it.
    if (!url || safeDecode(url.pathname) === null) return refuse(res, 400, 'invalid_payload');
    const origin = checkOrigin(req, guard);
    if (!origin.ok) return refuse(res, origin.status, 'forbidden');
    if (!tokenMatches(presentedToken(req, url), token)) return refuse(res, 401, 'unauthorized');

    if (url.searchParams.has('token')) {
      // Trade the one-time URL token for a cookie and drop it from the address bar.
      res.writeHead(303, { ...SECURITY_HEADERS, 'set-cookie': tokenCookie(token), location: '/' });
      res.end();
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendJson(res, 405, error('invalid_payload', 'use POST'));
      const channel = safeDecode(url.pathname.slice('/api/'.length)) ?? '';
      const body = await readJson(req);
      const result = body.ok ? await dispatch(engine, channel, body.value) : body;
      return sendJson(res, result.ok ? 200 : (STATUS[result.error.code] ?? 422), result);
    }
    if (req.method === 'GET' && sendStatic(options.rendererDir, url.pathname, res)) return;
    if (req.method === 'GET' && !url.pathname.includes('.') && sendStatic(options.rendererDir, '/', res)) return;
    sendJson(res, 404, error('not_found', 'not found'));
  }

  function refuse(res: ServerResponse, status: 400 | 401 | 403, code: keyof typeof REFUSALS): void {
    sendJson(res, status, { ok: false, error: { code, message: REFUSALS[code][engine.locale] } });
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket: Duplex, head) => {
    // A client that resets mid-handshake must not become an unhandled 'error'.
    socket.on('error', () => socket.destroy());
    const refuseUpgrade = (status: 400 | 401 | 403) => {
      const reason = status === 400 ? 'Bad Request' : 'Refused';
      socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n\r\n`);
      socket.destroy();
    };
    try {
      const url = requestUrl(req.url);
      if (!url) return refuseUpgrade(400);
      const verdict = checkOrigin(req, guard);
      const authorised = verdict.ok && tokenMatches(presentedToken(req, url), token);
      if (url.pathname !== '/events' || !authorised) return refuseUpgrade(verdict.ok ? 401 : 403);
      wss.handleUpgrade(req, socket, head, (ws) => {
        sockets.add(ws);
        ws.on('close', () => sockets.delete(ws));
        // An oversized or invalid frame closes this socket (ws sends 1009/1007); it is not a crash.
        ws.on('error', () => ws.terminate());
        // The event socket is one-way: anything the page sends is ignored.
        ws.on('message', () => undefined);
      });
    } catch {
      refuseUpgrade(400);
    }
  });

  const unsubscribe = engine.onEvent((event) => {
    const text = JSON.stringify(event);
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  guard.port = port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}/?token=${token}`,
    port,
    token,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The Host names a page may use: the bound address, plus `localhost` when bound to loopback. */
function allowedHostNames(host: string): string[] {
  if (host === '127.0.0.1' || host === 'localhost') return ['127.0.0.1', 'localhost'];
  if (host === '::1') return ['[::1]', 'localhost'];
  return [host.includes(':') ? `[${host}]` : host];
}

function error(code: ErrorCode, message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<IpcResult<unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return error('invalid_payload', 'request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return error('invalid_payload', 'request body is not valid JSON');
  }
}
