import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
const list = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const EXIT_CODES = 'Exit codes: 0 passed, 1 a scenario failed, 2 invalid config or scenario, 3 could not run, 130 interrupted.';

/** Builds the commander program. Command modules load lazily so `--help` and `--version` stay fast. */
export function createProgram(): Command {
  const program = new Command('payprobe')
    .description('Go-live tests for wallet payment integrations, against faithful offline provider sandboxes.')
    .version(pkg.version, '-v, --version')
    .showHelpAfterError()
    .configureOutput({ outputError: (s, write) => write(s) })
    .exitOverride();
  const done = (code: number) => program.setOptionValue('exitCode', code);
  const configOption = () => new Option('-c, --config <path>', 'config file').default('payprobe.config.yaml');

  program
    .command('init')
    .description('Scaffold payprobe in a merchant project: config, sandbox keys, env file, a first scenario.')
    .option('-y, --yes', 'do not ask; take the flags and defaults (also what happens without a terminal)')
    .option('--dir <folder>', 'where to write (default: the current folder)')
    .option('--providers <ids>', 'providers to set up, comma-separated (alipay)', list)
    .option('--base-url <url>', 'where the merchant app listens (default: http://127.0.0.1:3000)')
    .option('--start <command>', 'command that starts the merchant app (optional)')
    .option('--ready <path>', 'path that answers 2xx once the app is ready (default: /)')
    .option('--hook <name=method path>', 'a hook, e.g. "checkout=POST /orders" (repeatable; defaults for the rest)', collect)
    .option('--callback <provider=path>', 'callback path per provider, e.g. alipay=/notify/alipay (repeatable)', collect)
    .option('--force', 'overwrite files that exist')
    .addHelpText('after', '\nExamples:\n  $ payprobe init                                   # asks, in a terminal\n  $ payprobe init --yes --providers alipay --base-url http://127.0.0.1:8080 --start "npm start"\n\nExit codes: 0 set up (existing files are kept unless --force), 2 invalid flags or an invalid existing config, 130 cancelled.')
    .action(async (opts) => {
      const { initCommand } = await import('./init.js');
      done(await initCommand(opts));
    });

  program
    .command('run')
    .description('Start the sandbox (and the merchant, if configured), run scenarios, report.')
    .argument('[paths...]', "scenario files, folders or globs (default: the built-in suite plus the config's scenarios)")
    .addOption(configOption())
    .option('-r, --reporter <name[=path]>', 'pretty, json, junit or github; name=path writes to a file (repeatable)', collect)
    .option('-g, --grep <pattern>', 'only scenarios whose id or name matches this regular expression')
    .option('-t, --tag <tag>', 'only scenarios with this tag or category (repeatable)', collect)
    .option('-p, --provider <id>', 'only scenarios of this provider (repeatable)', collect)
    .option('--bail', 'stop after the first scenario that fails')
    .option('--shard <i/n>', 'run only shard i of n (e.g. 2/4), to spread the suite over CI runners')
    .option('--seed <seed>', 'seed for deterministic sandbox ids')
    .option('--host <host>', 'interface the sandbox binds (default 127.0.0.1)')
    .option('--stripe-fixture <file>', 'run a Stripe CLI fixture file offline; its events go to the merchant (repeatable; alone, only fixtures run)', collect)
    .addHelpText(
      'after',
      `
Examples:
  $ payprobe run                                   # built-in suite for the configured providers
  $ payprobe run scenarios/my-refund.yaml          # one file
  $ payprobe run --grep refund --reporter pretty --reporter json=reports/payprobe.json
  $ payprobe run --reporter junit=reports/junit.xml --reporter github   # in CI
  $ payprobe run --stripe-fixture fixtures/payment_intent.succeeded.json

${EXIT_CODES}`,
    )
    .action(async (paths: string[], opts) => {
      const { runCommand } = await import('./run.js');
      done(await runCommand(paths, opts));
    });

  program
    .command('sandbox')
    .description('Run a stateful sandbox for manual work, with a live log of every request and callback.')
    .addOption(configOption())
    .option('--json', 'one JSON ready line on stdout, then one JSON line per journal entry')
    .option('--host <host>', 'interface to bind (default 127.0.0.1)')
    .option('--seed <seed>', 'seed for deterministic ids')
    .addHelpText('after', '\nExamples:\n  $ payprobe sandbox\n  $ payprobe sandbox --json | tee sandbox.log\n\nCtrl-C stops it. Exit codes: 0 stopped, 2 invalid config, 3 a port is taken.')
    .action(async (opts) => {
      const { sandboxCommand } = await import('./sandbox.js');
      done(await sandboxCommand(opts));
    });

  program
    .command('trigger')
    .description('Send one signed callback to the merchant, as the provider would, and show its answer.')
    .argument('<provider>', 'provider id, e.g. alipay')
    .argument('<event>', 'event, e.g. trade.success')
    .addOption(configOption())
    .option('--order <id>', "an order the running sandbox knows (the merchant's or the provider's id); default: its latest")
    .option('--variant <variant>', 'genuine, forged, other-key, unsigned, tampered, stale, duplicate, concurrent', 'genuine')
    .option('--set <field=value>', 'change a field before signing (repeatable)', collect)
    .option('--tamper <field=value>', 'change a field after signing (with --variant tampered; repeatable)', collect)
    .option('--url <url>', 'callback URL (default: the order\'s notify URL, else merchant.callbacks)')
    .option('--amount <amount>', 'amount of a synthetic order, when no sandbox is running', '0.01')
    .option('--json', 'print the attempts as JSON')
    .addHelpText('after', '\nExamples:\n  $ payprobe trigger alipay trade.success\n  $ payprobe trigger alipay trade.success --variant forged\n  $ payprobe trigger alipay trade.success --order ORD123 --variant duplicate\n\nExit codes: 0 the merchant acknowledged (or rightly rejected a dishonest variant), 1 it did not, 2 bad input, 3 could not send.')
    .action(async (provider: string, event: string, opts) => {
      const { triggerCommand } = await import('./trigger.js');
      done(await triggerCommand(provider, event, opts));
    });

  program
    .command('env')
    .description('Print the PAYPROBE_* variables a merchant app reads (the facts of the sandbox ready line).')
    .addOption(configOption())
    .addOption(new Option('-f, --format <format>', 'output format').choices(['dotenv', 'shell', 'json']).default('dotenv'))
    .addHelpText('after', '\nExamples:\n  $ payprobe env > .env.payprobe\n  $ eval "$(payprobe env --format shell)"\n\nExit codes: 0 printed, 2 invalid config.')
    .action(async (opts) => {
      const { envCommand } = await import('./env.js');
      done(await envCommand(opts));
    });

  program
    .command('validate')
    .description('Check the config and scenario files; print every problem with file:line:col.')
    .argument('[paths...]', 'scenario files, folders or globs (default: those `run` would use)')
    .addOption(configOption())
    .addHelpText('after', '\nExample:\n  $ payprobe validate scenarios/*.yaml\n\nExit codes: 0 valid, 2 problems found.')
    .action(async (paths: string[], opts) => {
      const { validateCommand } = await import('./validate.js');
      done(await validateCommand(paths, opts));
    });

  program
    .command('list')
    .description('List scenarios with provider, tags, the hooks they need and whether the config has them.')
    .argument('[paths...]', 'scenario files, folders or globs (default: those `run` would use)')
    .addOption(configOption())
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExamples:\n  $ payprobe list\n  $ payprobe list --json | jq \'.[] | select(.runnable == false)\'\n\nExit codes: 0 listed, 2 invalid config or scenario.')
    .action(async (paths: string[], opts) => {
      const { listCommand } = await import('./list.js');
      done(await listCommand(paths, opts));
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
