import { colorFor } from '../reporters/color.js';
import { triggerCallback } from '../runner/trigger-callback.js';
import { reportError } from './report-error.js';

const pairs = (items: string[] = []): Record<string, string> | undefined => {
  if (!items.length) return undefined;
  return Object.fromEntries(items.map((s) => {
    const i = s.indexOf('=');
    return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
  }));
};

/** `payprobe trigger <provider> <event>`: one callback, what was sent, how the merchant answered. */
export async function triggerCommand(provider: string, event: string, opts: { config: string; order?: string; variant: string; set?: string[]; tamper?: string[]; url?: string; amount?: string; json?: boolean }): Promise<number> {
  try {
    const result = await triggerCallback({ cwd: process.cwd(), configPath: opts.config, provider, event, order: opts.order, variant: opts.variant, set: pairs(opts.set), tamper: pairs(opts.tamper), url: opts.url, amount: opts.amount });
    if (opts.json) {
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      return result.asExpected ? 0 : 1;
    }
    const c = colorFor(process.stdout, process.env);
    const where = result.mode === 'sandbox' ? `order ${result.orderId} of the running sandbox` : `a synthetic order ${result.orderId} (no sandbox running)`;
    process.stdout.write(`${c.bold(`${provider} ${event}`)} (${opts.variant}) for ${where}\n`);
    for (const a of result.attempts) {
      process.stdout.write(`\n${c.bold('→')} POST ${a.url}\n`);
      for (const [k, v] of Object.entries(a.request.headers)) process.stdout.write(`  ${c.dim(`${k}: ${v}`)}\n`);
      process.stdout.write(`  ${a.request.body.length > 1200 ? `${a.request.body.slice(0, 1200)}…` : a.request.body}\n`);
      const answer = a.response ? `HTTP ${a.response.status} ${JSON.stringify(a.response.body.slice(0, 200))}` : a.error ?? 'no answer';
      process.stdout.write(`${c.bold('←')} ${answer} ${c.dim(`(${a.latencyMs} ms)`)}  ${a.acked ? c.green('acknowledged') : c.yellow('not acknowledged (rejected)')}\n`);
    }
    const honest = ['genuine', 'duplicate', 'concurrent'].includes(opts.variant);
    const verdict = result.asExpected
      ? c.green(honest ? 'The merchant acknowledged it, as it should.' : 'The merchant rejected it, as it should.')
      : c.red(honest ? 'The merchant did not acknowledge a genuine callback: the provider would keep re-sending it.' : `The merchant acknowledged a ${opts.variant} callback: it would accept an attacker's notification.`);
    process.stdout.write(`\n${verdict}\n`);
    return result.asExpected ? 0 : 1;
  } catch (error) {
    return reportError(error, (s) => process.stderr.write(s));
  }
}
