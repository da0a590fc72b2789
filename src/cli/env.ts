import { loadConfig } from '../config/load-config.js';
import { plannedEnv } from '../runner/planned-env.js';
import { reportError } from './report-error.js';

const shellQuote = (v: string): string => `'${v.replace(/'/g, `'\\''`)}'`;

/** `payprobe env`: prints the PAYPROBE_* variables of the configured sandbox. */
export async function envCommand(opts: { config: string; format: 'dotenv' | 'shell' | 'json' }): Promise<number> {
  try {
    const env = await plannedEnv(await loadConfig({ cwd: process.cwd(), configPath: opts.config }));
    const entries = Object.entries(env);
    if (opts.format === 'json') process.stdout.write(`${JSON.stringify(env, null, 2)}\n`);
    else if (opts.format === 'shell') process.stdout.write(entries.map(([k, v]) => `export ${k}=${shellQuote(v)}\n`).join(''));
    else process.stdout.write(entries.map(([k, v]) => `${k}=${/[\s#"'$]/.test(v) ? JSON.stringify(v) : v}\n`).join(''));
    return 0;
  } catch (error) {
    return reportError(error, (s) => process.stderr.write(s));
  }
}
