import { readFileSync } from 'node:fs';
import { ConfigError, type Problem } from '../errors.js';
import type { LoadedConfig } from '../config/load-config.js';

/** Hosts that move real money. payprobe refuses to run when the merchant is pointed at one. */
export const PRODUCTION_HOSTS = [
  'openapi.alipay.com',
  'mapi.alipay.com',
  'api.mch.weixin.qq.com',
  'api2.mch.weixin.qq.com',
  'api.stripe.com',
  'api-m.paypal.com',
  'api.paypal.com',
  'apple-pay-gateway.apple.com',
];

const LIVE_KEY = /\b(sk_live_|rk_live_)[A-Za-z0-9]*/;

/** What is wrong with a value, if it is a live credential or a production URL, and where in it. */
function liveFinding(value: string): { what: string; index: number } | undefined {
  const key = LIVE_KEY.exec(value);
  if (key) return { what: `a live Stripe key (${key[1]}…)`, index: key.index };
  for (const host of PRODUCTION_HOSTS) {
    const m = new RegExp(`(^|[/@:\\s"'=])(${host.replace(/\./g, '\\.')})(?=$|[/:\\s"'?#])`).exec(value);
    if (m) return { what: `the production host ${host}`, index: m.index + m[1].length };
  }
  return undefined;
}

/**
 * Refuses live credentials and production hosts before anything runs: in the config file and in
 * the environment the merchant would get. Throws ConfigError (exit 2) naming every finding.
 */
export function checkSafety(input: { loaded: LoadedConfig; env: NodeJS.ProcessEnv }): void {
  const problems: Problem[] = [];
  const text = readFileSync(input.loaded.file, 'utf8');
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trimStart().startsWith('#')) return;
    const finding = liveFinding(line);
    if (finding) problems.push({ message: `The config holds ${finding.what}.`, location: { file: input.loaded.displayFile, line: i + 1, column: finding.index + 1 } });
  });
  const env = { ...input.env, ...input.loaded.config.merchant.start?.env };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const finding = liveFinding(value);
    if (finding) problems.push({ message: `The environment variable ${name}, which the merchant would inherit, holds ${finding.what}.` });
  }
  if (problems.length) {
    throw new ConfigError(
      'Refusing to run: payprobe only works with sandbox credentials and never lets a merchant reach a real provider. Remove these and use the PAYPROBE_* variables (`payprobe env`) instead.',
      problems,
    );
  }
}
