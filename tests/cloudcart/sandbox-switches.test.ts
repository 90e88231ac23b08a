/**
 * The sandbox's behaviour switches are named options and `sklad-sync sandbox` flags (for the store
 * check that flips them): the CLI takes each, prints the behaviour in force and answers it on
 * GET /__sandbox/behaviour; a wrong value names the flag.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  behaviourFromFlags,
  DEFAULT_BEHAVIOUR,
  SANDBOX_SWITCHES,
} from '../../electron/cloudcart-sandbox/sandbox-behaviour';

describe('sandbox switches', () => {
  it('every option has a flag, and the flags parse to the options', () => {
    expect(SANDBOX_SWITCHES.map((s) => s.option).sort()).toEqual(Object.keys(DEFAULT_BEHAVIOUR).sort());
    expect(
      behaviourFromFlags({
        'lookup-miss': 'not-found',
        'variants-in-plan': 'no',
        'timeout-above-page-size': '30',
        'time-zone': 'Asia/Tokyo',
      }),
    ).toEqual({ lookupMiss: 'not-found', variantsInPlan: false, timeoutAbovePageSize: 30, timeZone: 'Asia/Tokyo' });
    expect(behaviourFromFlags({ 'timeout-above-page-size': 'off' })).toEqual({ timeoutAbovePageSize: null });
    expect(() => behaviourFromFlags({ 'featured-form': 'bool' })).toThrow(
      /--featured-form: expected tinyint \| yes-no/,
    );
    expect(() => behaviourFromFlags({ 'time-zone': 'Mars/Olympus' })).toThrow(/--time-zone/);
  });

  it('sklad-sync sandbox takes the flags, prints the behaviour and answers it', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(process.cwd(), 'electron/cli/main.ts'),
        'sandbox',
        '--default-variant',
        'created-with-product',
        '--duplicate-default-variant',
        'conflict',
        '--prices-include-vat',
        'no',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0]);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const info = JSON.parse(line);
      const want = {
        ...DEFAULT_BEHAVIOUR,
        defaultVariant: 'created-with-product',
        duplicateDefaultVariant: 'conflict',
        pricesIncludeVat: false,
      };
      expect(info.behaviour).toEqual(want);
      expect(await (await fetch(`${info.url}/__sandbox/behaviour`)).json()).toEqual(want);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
