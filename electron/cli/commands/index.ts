/** Every command of `sklad-sync`, in the order `--help` lists them. Add a command by adding a file. */
import type { CliCommand } from '../command';
import { runCommand } from './run';
import { serveCommand } from './serve';

export const COMMANDS: CliCommand[] = [serveCommand, runCommand];
