import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** Builds the commander program. Command modules load lazily so `--help` and `--version` stay fast. */
export function createProgram(): Command {
  const program = new Command('payprobe')
    .description('Go-live tests for wallet payment integrations, against faithful offline provider sandboxes.')
    .version(pkg.version, '-v, --version')
    .showHelpAfterError()
    .configureOutput({ outputError: (s, write) => write(s) })
    .exitOverride();

  program
    .command('run')
    .description('Start the sandbox (and the merchant, if configured), run scenarios, report.')
    .argument('[paths...]', 'scenario files, folders or globs (default: the built-in suite plus the config\'s scenarios)')
    .option('-c, --config <path>', 'config file', 'payprobe.config.yaml')
    .option('-r, --reporter <name=path>', 'pretty or json; json=path writes to a file (repeatable)', collect, [])
    .option('-g, --grep <pattern>', 'only scenarios whose id or name matches this regular expression')
    .option('--seed <seed>', 'seed for deterministic sandbox ids')
    .addHelpText(
      'after',
      `
Examples:
  $ payprobe run                                   # built-in suite for the configured providers
  $ payprobe run scenarios/my-refund.yaml          # one file
  $ payprobe run --grep refund --reporter pretty --reporter json=reports/payprobe.json

Exit codes: 0 passed, 1 a scenario failed, 2 invalid config or scenario, 3 could not run, 130 interrupted.`,
    )
    .action(async (paths: string[], opts) => {
      const { runCommand } = await import('./run.js');
      program.setOptionValue('exitCode', await runCommand(paths, opts));
    });

  program
    .command('validate')
    .description('Check the config and scenario files; print every problem with file:line:col.')
    .argument('[paths...]', 'scenario files, folders or globs (default: those `run` would use)')
    .option('-c, --config <path>', 'config file', 'payprobe.config.yaml')
    .addHelpText('after', '\nExample:\n  $ payprobe validate scenarios/*.yaml\n\nExit codes: 0 valid, 2 problems found.')
    .action(async (paths: string[], opts) => {
      const { validateCommand } = await import('./validate.js');
      program.setOptionValue('exitCode', await validateCommand(paths, opts));
    });

  return program;
}

/** Runs the CLI with `argv` (process.argv shape) and resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    throw error;
  }
  return (program.getOptionValue('exitCode') as number | undefined) ?? 0;
}
