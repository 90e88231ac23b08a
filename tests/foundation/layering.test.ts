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
});
