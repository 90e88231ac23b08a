/** `sklad-sync demo`: the embedded demo shop and sandbox store, synced by a ready "Demo" server, with the UI. */
import { parseArgs } from 'node:util';
import { startDemo } from '../../demo/demo-setup';
import { createHeadlessEngine } from '../../headless/headless-engine';
import { findRendererDir } from '../../headless/renderer-dir';
import { startServeHost } from '../../headless/serve-host';
import type { CliCommand } from '../command';
import { runUntilStopped } from '../signals';

const usage = `Usage: sklad-sync demo [options]

Creates (once) an embedded SQLite Warehouse Pro database of a demo shop, starts an in-process
CloudCart sandbox store, makes a "Demo" server that syncs the two, starts it, and serves the UI on
127.0.0.1. Nothing outside this machine is touched.

Options:
  --port N          UI port (default 0: any free port)
  --data-dir DIR    where the state and the demo files live
  --json            print one JSON line {"url","port","token","storeUrl"}
  -h, --help        this help`;

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'run the demo: embedded shop database + sandbox store + a started "Demo" server, with the UI',
  usage,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        port: { type: 'string', default: '0' },
        'data-dir': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    });
    const rendererDir = findRendererDir();
    if (!rendererDir) {
      console.error('sklad-sync demo: the UI is not built. Run `npm run build` first.');
      return 1;
    }
    const engine = createHeadlessEngine({ dataDir: values['data-dir'] });
    const demo = await startDemo(engine, { sampleOrderAfterMs: 20_000 });
    const host = await startServeHost({ engine, rendererDir, port: Number(values.port) });
    if (values.json)
      console.log(JSON.stringify({ url: host.url, port: host.port, token: host.token, storeUrl: demo.sandbox.url }));
    else {
      console.log(`Sklad Sync demo is running. Open: ${host.url}`);
      console.log(`Demo store (CloudCart sandbox): ${demo.sandbox.url}`);
      console.log('Stop with Ctrl+C.');
    }
    return runUntilStopped('demo', async () => {
      await host.close();
      await demo.stop();
      await engine.close();
    });
  },
};
