/**
 * For the updater tests: a generic update feed on 127.0.0.1 (a `latest.yml` and the files beside
 * it, as electron-builder publishes them), and the two stand-ins electron-updater needs where no
 * Electron runs: an `app` adapter (version, paths, `app-update.yml`) and a Node HTTP transport in
 * place of its Chromium `net` one. Everything else in the tests is electron-updater's own code.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { configureRequestOptions, configureRequestUrl, HttpExecutor, type DownloadOptions } from 'builder-util-runtime';
import type { AppAdapter } from 'electron-updater/out/AppAdapter';

export interface Feed {
  url: string;
  /** Paths requested, in order (without the query electron-updater adds against caches). */
  requests: string[];
  files: Map<string, Buffer>;
  close(): Promise<void>;
}

export async function startFeed(files: Record<string, string | Buffer>): Promise<Feed> {
  const map = new Map(Object.entries(files).map(([k, v]) => [k, Buffer.isBuffer(v) ? v : Buffer.from(v)]));
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://feed').pathname);
    requests.push(path);
    const body = map.get(path);
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/updates/`,
    requests,
    files: map,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const sha512 = (data: Buffer | string) => createHash('sha512').update(data).digest('base64');

/** A `latest.yml` as electron-builder writes it for one installer (updateInfoBuilder.createUpdateInfo). */
export function latestYml(version: string, file: string, data: Buffer | string, notes: string, hash = sha512(data)) {
  const size = Buffer.byteLength(data);
  const indented = notes
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${file}`,
    `    sha512: ${hash}`,
    `    size: ${size}`,
    `path: ${file}`,
    `sha512: ${hash}`,
    `releaseDate: '2026-12-01T10:00:00.000Z'`,
    'releaseNotes: |-',
    indented,
    '',
  ].join('\n');
}

/** Electron's `app` as electron-updater's AppAdapter sees it, over a temp folder. */
export function stubApp(dir: string, version: string, feedUrl: string): AppAdapter {
  mkdirSync(dir, { recursive: true });
  const appUpdateConfigPath = join(dir, 'app-update.yml');
  // What electron-builder writes into resources/ from electron-builder.yml's `publish`.
  writeFileSync(appUpdateConfigPath, `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: sklad-sync-updater\n`);
  return {
    version,
    name: 'Sklad Sync',
    isPackaged: true,
    appUpdateConfigPath,
    userDataPath: join(dir, 'userData'),
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  };
}

/** The same HttpExecutor electron-updater's Electron transport extends, over node:http. */
export class NodeTransport extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    return request(options, callback);
  }

  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: (options.headers as RequestOptions['headers']) ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error == null ? resolve(destination) : reject(error)),
          responseHandler: null,
        },
        0,
      );
    });
  }
}
