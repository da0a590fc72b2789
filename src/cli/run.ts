import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createGithubReporter } from '../reporters/github.js';
import { createJsonReporter } from '../reporters/json.js';
import { createJunitReporter } from '../reporters/junit.js';
import { createPrettyReporter } from '../reporters/pretty.js';
import { runSuite } from '../runner/run-suite.js';
import type { Reporter } from '../runner/types.js';
import { reportError } from './report-error.js';

/** Options of `payprobe run`. */
export interface RunCommandOptions {
  config: string;
  reporter?: string[];
  grep?: string;
  tag?: string[];
  provider?: string[];
  bail?: boolean;
  shard?: string;
  seed?: string;
  host?: string;
  stripeFixture?: string[];
}

const REPORTERS = ['pretty', 'json', 'junit', 'github'];

/** `payprobe run`: returns the exit code. */
export async function runCommand(paths: string[], opts: RunCommandOptions): Promise<number> {
  const cwd = process.cwd();
  const reporters: Reporter[] = [];
  for (const spec of opts.reporter?.length ? opts.reporter : ['pretty']) {
    const [name, file] = spec.split(/=(.*)/s);
    if (!REPORTERS.includes(name)) {
      process.stderr.write(`Unknown reporter "${name}". Reporters: ${REPORTERS.join(', ')} (name=path writes to a file).\n`);
      return 2;
    }
    // A file reporter writes its file; without a path it writes to stdout.
    const write = async (text: string) => {
      if (!file) return void process.stdout.write(text);
      const target = path.resolve(cwd, file);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, text, { flag: name === 'github' ? 'a' : 'w' });
    };
    if (name === 'pretty') reporters.push(createPrettyReporter({ stream: process.stdout }));
    else if (name === 'json') reporters.push(createJsonReporter({ write }));
    else if (name === 'junit') reporters.push(createJunitReporter({ write }));
    else reporters.push(createGithubReporter({ write, cwd }));
  }
  let grep: RegExp | undefined;
  try {
    grep = opts.grep ? new RegExp(opts.grep, 'i') : undefined;
  } catch {
    process.stderr.write(`--grep ${opts.grep} is not a valid regular expression.\n`);
    return 2;
  }
  let shard: { index: number; count: number } | undefined;
  if (opts.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(opts.shard);
    if (!m || Number(m[2]) < 1 || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) {
      process.stderr.write(`--shard ${opts.shard} is not i/n with 1 <= i <= n (e.g. --shard 2/4).\n`);
      return 2;
    }
    shard = { index: Number(m[1]), count: Number(m[2]) };
  }
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('\nInterrupted: stopping the merchant and the sandbox (Ctrl-C again to force).\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    const { exitCode } = await runSuite({
      cwd,
      configPath: opts.config,
      paths,
      env: process.env,
      reporters,
      signal: controller.signal,
      seed: opts.seed,
      grep,
      tags: opts.tag,
      providers: opts.provider,
      bail: opts.bail,
      shard,
      host: opts.host,
      fixtures: (opts.stripeFixture ?? []).map((file) => ({ provider: 'stripe', file })),
    });
    return exitCode;
  } catch (error) {
    if (controller.signal.aborted) return 130;
    return reportError(error, (s) => process.stderr.write(s));
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}
