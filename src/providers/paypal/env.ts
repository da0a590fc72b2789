import type { VirtualClock } from '../../sandbox/clock.js';
import type { ExchangeDeps } from '../../sandbox/exchange.js';
import type { LedgerOrder } from '../../sandbox/ledger.js';
import type { ProviderContext, ProviderRuntime } from '../types.js';
import type { PaypalConfig } from './config.js';
import type { IdempotencyStore } from '../../sandbox/idempotency.js';
import type { PaypalKeys } from './keys.js';

/** The provider id, as journaled and as the ledger knows it. */
export const PROVIDER_ID = 'paypal';

/** A JSON object of the API (order, authorization, capture, refund, webhook event). */
export type Json = Record<string, unknown>;

/** What the buyer's approval set up for the coming capture. */
export type FundingOutcome = 'normal' | 'pending' | 'declined';

/** An Orders v2 order and the sandbox's facts about it. */
export interface OrderRecord {
  id: string;
  ledger: LedgerOrder;
  intent: 'CAPTURE' | 'AUTHORIZE';
  status: 'CREATED' | 'APPROVED' | 'PAYER_ACTION_REQUIRED' | 'COMPLETED' | 'VOIDED';
  /** The first purchase unit as the merchant sent it (amount normalized). */
  unit: Json;
  createTime: number;
  updateTime: number;
  returnUrl?: string;
  cancelUrl?: string;
  /** Created with payment_source.paypal.experience_context: the buyer link is rel `payer-action`. */
  payerAction: boolean;
  payer?: Json;
  funding: FundingOutcome;
  /** The last capture attempt was declined (INSTRUMENT_DECLINED); the buyer may approve again. */
  declined: boolean;
  authorizationIds: string[];
  captureIds: string[];
}

/** An authorization of an AUTHORIZE order. */
export interface AuthorizationRecord {
  id: string;
  orderId: string;
  status: 'CREATED' | 'CAPTURED' | 'PARTIALLY_CAPTURED' | 'VOIDED' | 'DENIED' | 'PENDING';
  amount: number;
  captured: number;
  createTime: number;
  updateTime: number;
  expirationTime: number;
}

/** A capture, of an order or of an authorization. */
export interface CaptureRecord {
  id: string;
  orderId: string;
  authorizationId?: string;
  status: 'COMPLETED' | 'PENDING' | 'DECLINED' | 'PARTIALLY_REFUNDED' | 'REFUNDED' | 'FAILED';
  reason?: string;
  amount: number;
  refunded: number;
  finalCapture: boolean;
  createTime: number;
  updateTime: number;
  refundIds: string[];
}

/** A refund of a capture. */
export interface RefundRecord {
  id: string;
  captureId: string;
  orderId: string;
  status: 'COMPLETED' | 'PENDING' | 'FAILED' | 'CANCELLED';
  amount: number;
  noteToPayer?: string;
  invoiceId?: string;
  createTime: number;
  updateTime: number;
}

/** A webhook event as PayPal sends it. */
export interface PaypalEvent extends Json {
  id: string;
  event_type: string;
}

/** Everything the PayPal handlers share. */
export interface PaypalEnv {
  ctx: ProviderContext<PaypalConfig, PaypalKeys>;
  config: PaypalConfig;
  keys: PaypalKeys;
  deps: ExchangeDeps;
  orders: Map<string, OrderRecord>;
  authorizations: Map<string, AuthorizationRecord>;
  captures: Map<string, CaptureRecord>;
  refunds: Map<string, RefundRecord>;
  /** Access tokens and their virtual expiry, ms. */
  tokens: Map<string, { expiresAt: number }>;
  /** Events sent, oldest first. */
  events: PaypalEvent[];
  /** The order each event is about (for re-sending it). */
  eventOrders: Map<string, LedgerOrder>;
  /** What was signed for each transmission id: the verify endpoint checks against it, as PayPal does. */
  transmissions: Map<string, { body: string; time: string }>;
  idempotency: IdempotencyStore;
  callbacks: Pick<ProviderRuntime, 'buildCallback' | 'isAck' | 'retrySchedule'>;
  clock(scenarioId?: string): VirtualClock;
}

/** A PayPal-style id: 17 upper-case letters and digits, e.g. `5O190127TN364715T`. */
export function newPaypalId(env: PaypalEnv): string {
  return env.ctx.ledger.ids.alnum(17).toUpperCase();
}

/** RFC 3339 without milliseconds, as PayPal writes times. */
export const isoTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The base of HATEOAS links: the sandbox's own URL (the handlers' origin before it listens). */
export const apiBase = (env: PaypalEnv): string => env.ctx.baseUrl();
