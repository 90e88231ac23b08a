/** One sub-command of `sklad-sync`: each lives in its own file under `commands/`. */
export interface CliCommand {
  name: string;
  /** One line for `sklad-sync --help`. */
  summary: string;
  /** The full `sklad-sync <name> --help` text. */
  usage: string;
  /** Runs the command; resolves to the process exit code (long-running commands resolve on stop). */
  run(args: string[]): Promise<number>;
}
