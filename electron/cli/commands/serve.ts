/** `sklad-sync serve`: the engine with the browser UI on 127.0.0.1, until Ctrl+C. */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultPaths } from '../../engine/paths';
import { attachEngineLog } from '../../shell/engine-log';
import { RotatingLog } from '../../shell/rotating-log';
import { createHeadlessEngine } from '../../headless/headless-engine';
import { findRendererDir } from '../../headless/renderer-dir';
import { startServeHost } from '../../headless/serve-host';
import { DEMO_SERVER_NAME, startDemo, type Demo } from '../../demo/demo-setup';
import type { CliCommand } from '../command';
import { DEFAULT_STOP_TIMEOUT_MS, runUntilStopped } from '../signals';

const usage = `Usage: sklad-sync serve [options]

Runs the sync engine headless and serves the same UI as the desktop window in a browser,
on the loopback interface only, behind a random token printed at start.

Options:
  --port N          port to listen on (default 0: any free port)
  --host ADDR       interface to listen on (default 127.0.0.1). Anything but loopback exposes
                    the UI to the network: only for a shop server behind a firewall.
  --data-dir DIR    where the state database lives (default: the user's data folder,
                    or $SKLAD_SYNC_DATA_DIR)
  --json            print one JSON line {"url","port","token"} instead of text
  --demo-if-empty   with no server configured yet, set up and start the demo (as the demo command does)
  --stop-timeout S  on Ctrl+C or SIGTERM, how long running syncs may take to finish their current
                    step before the process exits anyway (default ${DEFAULT_STOP_TIMEOUT_MS / 1000}); exit code 1 then
  -h, --help        this help`;

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'run the engine headless with the UI in a browser on 127.0.0.1',
  usage,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
        'demo-if-empty': { type: 'boolean', default: false },
        'stop-timeout': { type: 'string', default: String(DEFAULT_STOP_TIMEOUT_MS / 1000) },
      },
      strict: true,
    });
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      console.error(`sklad-sync serve: --port must be a number from 0 to 65535, not "${values.port}"`);
      return 2;
    }
    const stopTimeout = Number(values['stop-timeout']);
    if (!Number.isFinite(stopTimeout) || stopTimeout < 0) {
      console.error(`sklad-sync serve: --stop-timeout must be a number of seconds, not "${values['stop-timeout']}"`);
      return 2;
    }
    const rendererDir = findRendererDir();
    if (!rendererDir) {
      console.error('sklad-sync serve: the UI is not built. Run `npm run build` first.');
      return 1;
    }
    // The first-start screen offers the demo too ("demo:start"); one demo per process.
    let demo: Demo | null = null;
    // The same log file as the desktop app's (`<data folder>/logs`), so the support file and the
    // "internal error, id X" message point at one place whichever way the program runs.
    const dataDir = values['data-dir'] ?? defaultPaths().dataDir;
    const log = new RotatingLog({ dir: join(dataDir, 'logs') });
    const engine = createHeadlessEngine({
      dataDir,
      log: (level, message) => log.write(level, message),
      startDemo: async (e) => {
        demo ??= await startDemo(e, { sampleOrderAfterMs: 20_000 });
        return { serverId: demo.serverId };
      },
    });
    log.maskSecrets(() => engine.servers.knownSecrets());
    const detachLog = attachEngineLog(engine, log);
    log.info(`Sklad Sync serve starting (${process.platform}, Node ${process.versions.node})`);
    if (values['demo-if-empty'] && engine.servers.list().every((s) => s.name === DEMO_SERVER_NAME)) {
      demo = await startDemo(engine, { sampleOrderAfterMs: 20_000 });
    }
    const host = await startServeHost({ engine, rendererDir, port, host: values.host });
    if (values.json) {
      console.log(JSON.stringify({ url: host.url, port: host.port, token: host.token }));
    } else {
      console.log(`Sklad Sync is serving its UI. Open: ${host.url}`);
      console.log('Stop with Ctrl+C.');
    }
    return runUntilStopped(
      'serve',
      async () => {
        await host.close();
        await demo?.stop();
        await engine.close();
        detachLog();
        log.close();
      },
      stopTimeout * 1000,
    );
  },
};
