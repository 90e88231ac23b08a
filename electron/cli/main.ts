/** `sklad-sync`: the command line of the headless engine. Each command lives in `commands/`. */
import { COMMANDS } from './commands/index';
import { APP_VERSION } from '../engine/version';

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `Sklad Sync ${APP_VERSION}: keeps a Microinvest Warehouse Pro database and a CloudCart store in sync.`,
    '',
    'Usage: sklad-sync <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `sklad-sync <command> --help` for the options of a command.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    console.log(APP_VERSION);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    console.error(`sklad-sync: unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    console.error(`sklad-sync ${name}: ${message}`);
    return 1;
  }
}

/**
 * Every command ends the process once it has reported (or, for serve, once it has stopped): a
 * database connection a driver left open, or a timer, must not keep `sklad-sync run` hanging after
 * it printed "failed". Output is flushed first, so a pipe or a file gets the whole report.
 */
function exitAfterFlush(code: number): void {
  process.exitCode = code;
  let waiting = 2;
  const done = () => {
    if (--waiting === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

main(process.argv.slice(2)).then(exitAfterFlush, (err: unknown) => {
  console.error(err);
  exitAfterFlush(1);
});
