/** `sklad-sync sandbox`: the CloudCart stand-in, for trying the program and for tests. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { behaviourFromFlags, DEFAULT_BEHAVIOUR, SANDBOX_SWITCHES } from '../../cloudcart-sandbox/sandbox-behaviour';
import { startSandbox } from '../../cloudcart-sandbox/sandbox-server';
import type { LimiterKind, ResetFormat } from '../../cloudcart-sandbox/sandbox-rate-limit';
import type { CliCommand } from '../command';
import { runUntilStopped } from '../signals';

const switches = SANDBOX_SWITCHES.map(
  (s) =>
    `  ${`${s.flag} ${s.values.join('|')}`.padEnd(38)} default ${String(DEFAULT_BEHAVIOUR[s.option] ?? 'off')}: ${s.models}`,
).join('\n');

const usage = `Usage: sklad-sync sandbox [options]

Starts a CloudCart sandbox store on 127.0.0.1: the subset of CloudCart's JSON-API v2 the sync
uses, plus test-only admin routes under /__sandbox/ (place an order, read the state, inject
faults). Prints one JSON line {"url","apiKey","port","behaviour"}; runs until Ctrl+C.

Options:
  --port N          port (default 0: any free port)
  --seed FILE       a state file to start from and keep the store in (JSON)
  --rate-limit N    the plan's limit per window (default 100, as CC Pro; limit - 1 pass)
  --window-ms N     the rate window's length in ms (default 60000, as CloudCart)
  --limiter KIND    sliding (default, as CloudCart documents), fixed or average
  --reset-format F  X-RateLimit-Reset as epoch (default), seconds, date or none
  --primary-host H  answer limit 0 to any other Host, as CloudCart does for www. or a
                    service subdomain
  --api-key KEY     the key to accept (default: a random one)
  -h, --help        this help

Behaviour switches (where CloudCart's knowledge base leaves a behaviour open):
${switches}`;

export const sandboxCommand: CliCommand = {
  name: 'sandbox',
  summary: 'start a CloudCart sandbox store on 127.0.0.1 (for trying and testing)',
  usage,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        port: { type: 'string', default: '0' },
        seed: { type: 'string' },
        'rate-limit': { type: 'string', default: '100' },
        'window-ms': { type: 'string', default: '60000' },
        limiter: { type: 'string', default: 'sliding' },
        'reset-format': { type: 'string', default: 'epoch' },
        'primary-host': { type: 'string' },
        'api-key': { type: 'string' },
        ...Object.fromEntries(SANDBOX_SWITCHES.map((s) => [s.flag.replace(/^--/, ''), { type: 'string' as const }])),
      },
      strict: true,
    });
    if (values.seed) JSON.parse(readFileSync(values.seed, 'utf8')); // fail early on a broken file
    const sandbox = await startSandbox({
      port: Number(values.port),
      stateFile: values.seed,
      rateLimit: Number(values['rate-limit']),
      windowMs: Number(values['window-ms']),
      limiter: values.limiter as LimiterKind,
      resetFormat: values['reset-format'] as ResetFormat,
      primaryHost: values['primary-host'] ?? null,
      apiKey: values['api-key'],
      ...behaviourFromFlags(values as Record<string, string | undefined>),
    });
    console.log(
      JSON.stringify({ url: sandbox.url, apiKey: sandbox.apiKey, port: sandbox.port, behaviour: sandbox.behaviour }),
    );
    return runUntilStopped('sandbox', () => sandbox.close());
  },
};
