/**
 * Peers that stop answering, as real listeners of the test's own: a "store" that accepts every
 * request and never replies (recording what it was sent), and a TCP proxy in front of MariaDB
 * that forwards until `freeze()`, then keeps the connections open and swallows every byte (a
 * database that hangs with the connection still up).
 */
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import net from 'node:net';

export interface SilentStore {
  url: string;
  /** Requests received so far: method, path and headers. */
  received: { method: string; path: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

export async function startSilentStore(): Promise<SilentStore> {
  const received: SilentStore['received'] = [];
  const server: Server = createServer((req) => {
    received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    req.resume(); // read the body, answer nothing
  });
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface FreezingProxy {
  port: number;
  /** From now on nothing passes in either direction; the connections stay open. */
  freeze(): void;
  /** Freezes just before the first statement matching `match` would be forwarded. */
  freezeOn(match: RegExp): void;
  /** Statements (COM_QUERY text) the client sent, with whether they arrived frozen. */
  queries: { sql: string; frozen: boolean }[];
  close(): Promise<void>;
}

const COM_QUERY = 0x03;

export async function startFreezingProxy(target: { host: string; port: number }): Promise<FreezingProxy> {
  let frozen = false;
  let trigger: RegExp | null = null;
  const sockets = new Set<net.Socket>();
  const queries: FreezingProxy['queries'] = [];
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop);
    upstream.on('error', drop);
    client.on('close', drop);
    upstream.on('close', drop);
    upstream.on('data', (d: Buffer) => {
      if (!frozen) client.write(d);
    });
    client.on('data', (d: Buffer) => {
      // Good enough for a test: one packet per chunk when the statement is a COM_QUERY.
      if (d.length > 5 && d[4] === COM_QUERY) {
        const sql = d.subarray(5).toString('utf8');
        if (trigger?.test(sql)) frozen = true;
        queries.push({ sql, frozen });
      }
      if (!frozen) upstream.write(d);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    queries,
    freeze: () => {
      frozen = true;
    },
    freezeOn: (match) => {
      trigger = match;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface LyingStore {
  url: string;
  close(): Promise<void>;
}

/**
 * A proxy in front of a real store (the sandbox) that answers some requests itself: `lie`
 * returns true when it has answered `res`; everything else goes through unchanged.
 */
export async function startLyingStore(
  target: string,
  lie: (req: IncomingMessage, res: ServerResponse) => boolean,
): Promise<LyingStore> {
  const to = new URL(target);
  const server = createServer((req, res) => {
    if (lie(req, res)) {
      req.resume();
      return;
    }
    const up = request(
      { host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A "store" that answers every request at once with 401 and records what it was sent. */
export async function startRecordingStore(): Promise<SilentStore> {
  const received: SilentStore['received'] = [];
  const server = createServer((req, res) => {
    received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    req.resume();
    res.writeHead(401, { 'content-type': 'application/vnd.api+json' });
    res.end('{"errors":[{"status":"401","title":"Unauthorized"}]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    received,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
