/** Every command of `sklad-sync`, in the order `--help` lists them. Add a command by adding a file. */
import type { CliCommand } from '../command';
import { checkStoreCommand } from './check-store';
import { demoCommand } from './demo';
import { revertCommand } from './revert';
import { mappingCommand } from './mapping';
import { reconcileCommand } from './reconcile';
import { runCommand } from './run';
import { sandboxCommand } from './sandbox';
import { serveCommand } from './serve';
import { supportFileCommand } from './support-file';

export const COMMANDS: CliCommand[] = [
  serveCommand,
  demoCommand,
  runCommand,
  revertCommand,
  checkStoreCommand,
  mappingCommand,
  reconcileCommand,
  sandboxCommand,
  supportFileCommand,
];
