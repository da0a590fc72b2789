import type { CallbackEntry } from '../../sandbox/journal.js';
import type { LedgerOrder } from '../../sandbox/ledger.js';
import type { WechatpayEnv } from './env.js';

/** Options for {@link deliverNotify}. */
export interface DeliverNotifyOptions {
  scenarioId?: string;
  /** Where to send; default the order's notify_url for payment events, then the config's callback URL. */
  url?: string;
  detail?: Record<string, unknown>;
  lose?: number | 'all';
  dropAcks?: number;
}

/** Sends a genuine notify the way WeChat Pay does on its own (retries on its schedule); undefined when there is nowhere to send it. */
export function deliverNotify(env: WechatpayEnv, order: LedgerOrder, event: string, options: DeliverNotifyOptions = {}): Promise<CallbackEntry> | undefined {
  const url = options.url ?? (event.startsWith('transaction.') ? order.notifyUrl : undefined) ?? env.ctx.defaultCallbackUrl();
  if (!url) return undefined;
  return env.ctx.deliverGenuine(order, event, { url, scenarioId: options.scenarioId, lose: options.lose, dropAcks: options.dropAcks, detail: options.detail });
}
