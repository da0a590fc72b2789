import type { ClockTimer, VirtualClock } from '../../sandbox/clock.js';
import type { ExchangeDeps } from '../../sandbox/exchange.js';
import type { LedgerOrder } from '../../sandbox/ledger.js';
import type { ProviderContext, ProviderRuntime } from '../types.js';
import type { StripeConfig } from './config.js';
import type { StripeEvent } from './events.js';
import type { IdempotencyStore } from '../../sandbox/idempotency.js';
import type { StripeIdempotencyMeta } from './idempotency.js';
import type { StripeKeys } from './keys.js';

/** The provider id, as journaled and as the ledger knows it. */
export const PROVIDER_ID = 'stripe';

/** The API version the sandbox reports when the request names none (stripe@23.1.0's pinned version). */
export const DEFAULT_API_VERSION = '2026-10-28.endive';

/** A Stripe API object as JSON (PaymentIntent, Charge, Refund, Checkout Session, Event). */
export type StripeObject = Record<string, unknown> & { id: string; object: string };

/** Everything the Stripe handlers share: the sandbox context, config, keys and the account's objects. */
export interface StripeEnv {
  ctx: ProviderContext<StripeConfig, StripeKeys>;
  config: StripeConfig;
  keys: StripeKeys;
  /** For `journaled()`. */
  deps: ExchangeDeps;
  /** Every object by id (live references), and the ledger order it belongs to. */
  objects: Map<string, { object: StripeObject; order: LedgerOrder }>;
  /** Events, oldest first. */
  events: StripeEvent[];
  idempotency: IdempotencyStore<StripeIdempotencyMeta>;
  /** PaymentMethods created through POST /v1/payment_methods: id → the test PaymentMethod they behave as. */
  paymentMethods: Map<string, string>;
  /** Scheduled work on the virtual clock (session expiry, refund updates), by key. */
  timers: Map<string, ClockTimer>;
  /** The runtime's callback half. */
  callbacks: Pick<ProviderRuntime, 'buildCallback' | 'isAck' | 'retrySchedule'>;
  clock(scenarioId?: string): VirtualClock;
}

/** A new Stripe-style id: `prefix` + 24 characters from the sandbox's deterministic id source. */
export function newId(env: StripeEnv, prefix: string): string {
  return `${prefix}_${env.ctx.ledger.ids.alnum(24)}`;
}

/** Unix seconds of a virtual time in ms. */
export const unix = (ms: number): number => Math.floor(ms / 1000);

/** Registers an object so it can be retrieved, expanded and found from its order. */
export function remember(env: StripeEnv, object: StripeObject, order: LedgerOrder): void {
  env.objects.set(object.id, { object, order });
}

/** The test PaymentMethod a payment_method id behaves as: itself (pm_card_visa…), or what a created one was made from. */
export function canonicalPaymentMethod(env: StripeEnv, id: string): string {
  return env.paymentMethods.get(id) ?? id;
}
