import { colorFor } from '../reporters/color.js';
import { envFromReady } from '../runner/env-vars.js';
import { serveSandbox } from '../runner/serve-sandbox.js';
import type { JournalEntry } from '../sandbox/journal.js';
import { reportError } from './report-error.js';

const time = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

/** One pretty line per journal entry, like `stripe logs tail`. */
function describe(e: JournalEntry, c: ReturnType<typeof colorFor>): string {
  const head = `${c.dim(time(e.at))} ${c.cyan(e.provider.padEnd(10))}`;
  if (e.kind === 'request') {
    const status = e.response.status >= 400 || e.error ? c.red(String(e.response.status)) : c.green(String(e.response.status));
    const fields = Object.entries(e.fields ?? {}).filter(([, v]) => typeof v !== 'object').slice(0, 4).map(([k, v]) => `${k}=${String(v)}`).join(' ');
    const what = e.api ?? (e.unhandled ? c.yellow('unknown route') : '');
    return `${head} ${c.bold('→')} ${e.method} ${e.path} ${what} ${status}${e.error ? ` ${c.red(e.error.code)}` : ''}${e.fault ? c.yellow(` fault:${e.fault}`) : ''}  ${c.dim(fields)}`;
  }
  if (e.kind === 'callback') {
    const answer = e.response ? `${e.response.status} ${JSON.stringify(e.response.body.slice(0, 40))}` : e.error ?? '';
    const verdict = e.acked ? c.green('acked') : c.red('not acked');
    return `${head} ${c.bold('←')} notify ${e.event} (${e.variant}) #${e.attempt} ${e.url}  ${answer}  ${verdict} ${c.dim(`${e.latencyMs} ms`)}`;
  }
  return `${head} ${c.bold('•')} buyer ${e.action} ${e.orderRef ?? ''} ${e.outcome === 'ok' ? c.green('ok') : c.red(`refused: ${e.detail ?? ''}`)}`;
}

/** `payprobe sandbox`: serves the configured providers until Ctrl-C. */
export async function sandboxCommand(opts: { config: string; json?: boolean; host?: string; seed?: string }): Promise<number> {
  let served: Awaited<ReturnType<typeof serveSandbox>>;
  try {
    served = await serveSandbox({ cwd: process.cwd(), configPath: opts.config, host: opts.host, seed: opts.seed });
  } catch (error) {
    return reportError(error, (s) => process.stderr.write(s));
  }
  const c = colorFor(process.stdout, process.env);
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ event: 'ready', providers: served.ready })}\n`);
    served.sandbox.journal.subscribe((entry) => process.stdout.write(`${JSON.stringify({ event: 'journal', entry })}\n`));
  } else {
    process.stdout.write(`${c.bold('payprobe sandbox')} ${c.dim('· Ctrl-C to stop')}\n\n`);
    const width = Math.max(...Object.keys(served.ready).map((id) => id.length));
    for (const [id, info] of Object.entries(served.ready)) {
      process.stdout.write(`  ${c.cyan(id.padEnd(width))}  ${info.url}   cashier ${c.dim(`${info.url}/_payprobe/cashier/<order>`)}\n`);
    }
    process.stdout.write(`\n${c.dim('Point your app at it with these variables (also `payprobe env`):')}\n`);
    for (const [k, v] of Object.entries(envFromReady(served.ready))) process.stdout.write(`  ${k}=${v}\n`);
    process.stdout.write('\n');
    served.sandbox.journal.subscribe((entry) => process.stdout.write(`${describe(entry, c)}\n`));
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await served.close();
  if (!opts.json) process.stdout.write(`\n${c.dim('sandbox stopped')}\n`);
  return 0;
}
