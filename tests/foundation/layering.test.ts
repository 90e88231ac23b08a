/** The import-direction rules fail lint: each case is linted as if it were a file in that folder. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('layering rules', () => {
  const cases: [string, string, string][] = [
    [
      'shared imports the engine',
      'shared/ipc/bad.ts',
      "import { Engine } from '../../electron/engine/engine';\nexport type X = Engine;\n",
    ],
    [
      'shared imports a Node built-in',
      'shared/types/bad.ts',
      "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
    ],
    [
      'the renderer imports the engine',
      'renderer/src/bad.ts',
      "import { dispatch } from '../../electron/engine/ipc/dispatch';\nexport const x = dispatch;\n",
    ],
    [
      'the renderer imports electron',
      'renderer/src/bad2.ts',
      "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n",
    ],
    [
      'the engine imports electron',
      'electron/engine/bad.ts',
      "import { app } from 'electron';\nexport const x = app;\n",
    ],
    [
      'the engine imports the shell',
      'electron/engine/sync/bad.ts',
      "import { redactSecrets } from '../../shell/redact';\nexport const x = redactSecrets;\n",
    ],
    [
      'the engine imports the serve host',
      'electron/engine/bad.ts',
      "import { startServeHost } from '../headless/serve-host';\nexport const x = startServeHost;\n",
    ],
    [
      'the engine imports the command line',
      'electron/engine/ipc/bad.ts',
      "import { main } from '../../cli/main';\nexport const x = main;\n",
    ],
    [
      'the engine imports the demo',
      'electron/engine/wpdb/bad.ts',
      "import { createDemoSqlite } from '../../demo/demo-databases';\nexport const x = createDemoSqlite;\n",
    ],
    [
      'the engine imports the sandbox',
      'electron/engine/cloudcart-client/bad.ts',
      "import { startSandbox } from '../../cloudcart-sandbox/sandbox-server';\nexport const x = startSandbox;\n",
    ],
    [
      'a pure rule imports electron',
      'electron/engine/rules/bad.ts',
      "import { app } from 'electron';\nexport const x = app;\n",
    ],
    [
      'the serve host imports electron',
      'electron/headless/bad.ts',
      "import { app } from 'electron';\nexport const x = app;\n",
    ],
  ];
  for (const [name, file, code] of cases) {
    it(`fails lint when ${name}`, async () => {
      expect(await ruleIds(file, code)).toContain('no-restricted-imports');
    });
  }

  it('lets the shell import electron and the renderer import shared', async () => {
    expect(
      await ruleIds('electron/shell/ok.ts', "import { app } from 'electron';\nexport const x = app;\n"),
    ).not.toContain('no-restricted-imports');
    expect(
      await ruleIds(
        'renderer/src/ok.ts',
        "import { INVOKE_CHANNELS } from '../../shared/ipc/channels';\nexport const x = INVOKE_CHANNELS;\n",
      ),
    ).not.toContain('no-restricted-imports');
  });

  it('lets the demo build on the engine and the sandbox, and the hosts use the demo', async () => {
    expect(
      await ruleIds(
        'electron/demo/ok.ts',
        "import { ddl } from '../engine/wpdb/schema';\nimport { startSandbox } from '../cloudcart-sandbox/sandbox-server';\nexport const x = [ddl, startSandbox];\n",
      ),
    ).not.toContain('no-restricted-imports');
    expect(
      await ruleIds(
        'electron/headless/ok.ts',
        "import { startDemo } from '../demo/demo-setup';\nexport const x = startDemo;\n",
      ),
    ).not.toContain('no-restricted-imports');
  });
});
