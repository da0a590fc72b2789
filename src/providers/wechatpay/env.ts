import type { ClockTimer, VirtualClock } from '../../sandbox/clock.js';
import type { ExchangeDeps } from '../../sandbox/exchange.js';
import type { ProviderContext, ProviderRuntime } from '../types.js';
import type { BillLinks } from './bill-links.js';
import type { WechatpayConfig } from './config.js';
import type { WechatpayKeys } from './keys.js';

/** The provider id, as journaled and as the ledger knows it. */
export const PROVIDER_ID = 'wechatpay';

/** What a callback delivery needs from the runtime. */
export type CallbackRuntime = Pick<ProviderRuntime, 'buildCallback' | 'isAck' | 'retrySchedule'>;

/** Everything the WeChat Pay handlers share: the sandbox context, config, keys and a little state of their own. */
export interface WechatpayEnv {
  ctx: ProviderContext<WechatpayConfig, WechatpayKeys>;
  config: WechatpayConfig;
  keys: WechatpayKeys;
  /** For `journaled()`. */
  deps: ExchangeDeps;
  /** Scheduled work on the virtual clock (order expiry, refund settlement), by a key, so it can be cancelled. */
  timers: Map<string, ClockTimer>;
  /** The runtime's callback half, for the dispatcher. */
  callbacks: CallbackRuntime;
  /** Bill download links handed out. */
  bills: BillLinks;
  /** The clock of a scenario (or the sandbox's own). */
  clock(scenarioId?: string): VirtualClock;
}

