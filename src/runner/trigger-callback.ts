import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { request } from 'undici';
import { configuredProviders, loadConfig } from '../config/load-config.js';
import { ConfigError, MerchantError } from '../errors.js';
import type { CallbackEntry } from '../sandbox/journal.js';
import { createSandbox } from '../sandbox/sandbox.js';
import { CALLBACK_VARIANTS, sendNotify, type CallbackVariantName } from '../sandbox/send-notify.js';
import { checkSafety } from './safety.js';
import { sandboxOptionsFrom } from './sandbox-options.js';
import { SANDBOX_STATE_FILE, type SandboxState } from './serve-sandbox.js';

/** Variants of `payprobe trigger`: the callback variants plus two ways of repeating a genuine one. */
export const TRIGGER_VARIANTS = [...CALLBACK_VARIANTS, 'duplicate', 'concurrent'] as const;

/** Options for {@link triggerCallback}. */
export interface TriggerOptions {
  cwd: string;
  configPath?: string;
  provider: string;
  event: string;
  /** An order the running sandbox knows; default its latest. */
  order?: string;
  variant: string;
  /** Fields changed before signing. */
  set?: Record<string, string>;
  /** Fields changed after signing. */
  tamper?: Record<string, string>;
  url?: string;
  /** Amount of a synthetic order (no sandbox running), in the provider's format. */
  amount?: string;
}

/** What was sent and how the merchant answered. */
export interface TriggerResult {
  /** `sandbox`: an order of the running sandbox; `synthetic`: an order made up for this callback. */
  mode: 'sandbox' | 'synthetic';
  orderId: string;
  attempts: CallbackEntry[];
  /** Whether a correct merchant would have answered this way (acked genuine, rejected dishonest). */
  asExpected: boolean;
}

const runningSandbox = async (dir: string, provider: string): Promise<string | undefined> => {
  try {
    const state = JSON.parse(await readFile(path.join(dir, SANDBOX_STATE_FILE), 'utf8')) as SandboxState;
    const url = state.providers[provider]?.url;
    if (!url) return undefined;
    const res = await request(`${url}/_payprobe/health`, { headersTimeout: 1_000 });
    await res.body.dump();
    return res.statusCode === 200 ? url : undefined;
  } catch {
    return undefined;
  }
};

/** Sends one callback (or a few, for duplicate variants) to the merchant and reports the answers. */
export async function triggerCallback(options: TriggerOptions): Promise<TriggerResult> {
  const loaded = await loadConfig({ cwd: options.cwd, configPath: options.configPath });
  checkSafety({ loaded, env: {} });
  if (!configuredProviders(loaded.config).includes(options.provider)) {
    throw new ConfigError(`providers.${options.provider} is not configured in ${path.basename(loaded.file)}; add it, or pick one of: ${configuredProviders(loaded.config).join(', ')}.`);
  }
  if (!(TRIGGER_VARIANTS as readonly string[]).includes(options.variant)) {
    throw new ConfigError(`Unknown variant "${options.variant}"; variants are ${TRIGGER_VARIANTS.join(', ')}.`);
  }
  const repeat = options.variant === 'duplicate' ? { times: 2, concurrent: false } : options.variant === 'concurrent' ? { times: 5, concurrent: true } : { times: 1, concurrent: false };
  const variant = (repeat.times > 1 ? 'genuine' : options.variant) as CallbackVariantName;
  if (variant === 'tampered' && !options.tamper) throw new ConfigError('--variant tampered needs --tamper field=value (the change made after signing).');
  const honest = variant === 'genuine';
  const verdict = (attempts: CallbackEntry[]) => attempts.length > 0 && attempts.every((a) => a.acked === honest);

  const base = await runningSandbox(loaded.dir, options.provider);
  if (base) {
    let orderId = options.order;
    if (!orderId) {
      const res = await request(`${base}/_payprobe/orders`);
      const { orders } = (await res.body.json()) as { orders: { merchantOrderId: string; createdAt: string }[] };
      if (!orders.length) throw new ConfigError(`The running ${options.provider} sandbox has no order yet. Create one through your app (or pass --order).`);
      orderId = orders[orders.length - 1].merchantOrderId;
    }
    const res = await request(`${base}/_payprobe/orders/${encodeURIComponent(orderId)}/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ events: [options.event], variant, override: options.set, tamper: options.tamper, url: options.url, ...repeat }),
    });
    const body = (await res.body.json()) as { attempts?: CallbackEntry[]; error?: { message: string } };
    if (res.statusCode === 404 || res.statusCode === 400) throw new ConfigError(body.error?.message ?? `The sandbox refused the callback (HTTP ${res.statusCode}).`);
    const attempts = body.attempts ?? [];
    return { mode: 'sandbox', orderId, attempts, asExpected: verdict(attempts) };
  }

  // No sandbox running: a made-up order, signed with the project's sandbox keys.
  const sandbox = await createSandbox(sandboxOptionsFrom(loaded));
  try {
    const definition = sandbox.definition(options.provider);
    if (!definition.events.includes(options.event)) throw new ConfigError(`${definition.title} sends no "${options.event}" callback; events are ${definition.events.join(', ')}.`);
    const url = options.url ?? sandboxOptionsFrom(loaded).callbacks?.[options.provider];
    if (!url) throw new ConfigError(`No callback URL: pass --url, or set merchant.callbacks.${options.provider} (with a merchant.baseUrl that has a fixed port).`);
    const runtime = sandbox.runtime(options.provider);
    const clock = sandbox.clock();
    const ids = sandbox.ledger.ids;
    const order = sandbox.ledger.createOrder({
      provider: options.provider,
      merchantOrderId: options.order ?? `PAYPROBE-TRIGGER-${ids.digits(8)}`,
      providerOrderId: ids.digits(28),
      amount: runtime.parseAmount(options.amount ?? '0.01', 'CNY'),
      currency: 'CNY',
      providerState: 'WAIT_BUYER_PAY',
      at: clock.now(),
      notifyUrl: url,
    });
    const attempts = await sendNotify(sandbox, { provider: options.provider, order, events: [options.event], variant, override: options.set, tamper: options.tamper, url, clock, key: 'trigger', ...repeat });
    if (attempts.every((a) => a.error && !a.response)) throw new MerchantError(`Could not reach the merchant at ${url}: ${attempts[0]?.error}.`);
    return { mode: 'synthetic', orderId: order.merchantOrderId, attempts, asExpected: verdict(attempts) };
  } finally {
    await sandbox.close();
  }
}
