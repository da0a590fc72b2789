import type { ExchangeDeps } from '../../sandbox/exchange.js';
import type { ClockTimer, VirtualClock } from '../../sandbox/clock.js';
import type { ProviderContext, ProviderRuntime } from '../types.js';
import type { BillLinks } from './bill-links.js';
import type { AlipayConfig } from './config.js';
import type { AlipayKeys } from './keys.js';

/** The provider id, as journaled and as the ledger knows it. */
export const PROVIDER_ID = 'alipay';

/** What a callback delivery needs from the runtime. */
export type CallbackRuntime = Pick<ProviderRuntime, 'buildCallback' | 'isAck' | 'retrySchedule'>;

/** Everything the Alipay handlers share: the sandbox context, config, keys and a little state of their own. */
export interface AlipayEnv {
  ctx: ProviderContext<AlipayConfig, AlipayKeys>;
  config: AlipayConfig;
  keys: AlipayKeys;
  /** For `journaled()`. */
  deps: ExchangeDeps;
  /** Scheduled closes of unpaid trades (timeout_express / time_expire), by order ref. */
  closeTimers: Map<string, ClockTimer>;
  /** The runtime's callback half, for the dispatcher. */
  callbacks: CallbackRuntime;
  /** Bill download links handed out. */
  bills: BillLinks;
  /** The clock of a scenario (or the sandbox's own). */
  clock(scenarioId?: string): VirtualClock;
}

