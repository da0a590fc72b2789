import type { CallbackEntry } from '../../sandbox/journal.js';
import type { LedgerOrder } from '../../sandbox/ledger.js';
import { DEFAULT_API_VERSION, newId, unix, type StripeEnv, type StripeObject } from './env.js';

/** Event types the sandbox emits, and a scenario may send with `notify`. */
export const STRIPE_EVENTS = [
  'payment_intent.created',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.requires_action',
  'payment_intent.canceled',
  'payment_intent.amount_capturable_updated',
  'payment_intent.processing',
  'charge.succeeded',
  'charge.captured',
  'charge.failed',
  'charge.refunded',
  'refund.created',
  'refund.updated',
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
] as const;

/** An Event object (docs: Events.d.ts of stripe@23.1.0). */
export interface StripeEvent extends StripeObject {
  object: 'event';
  api_version: string;
  created: number;
  data: { object: StripeObject; previous_attributes?: Record<string, unknown> };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
}

/** The API request that caused an event, if any. */
export interface EventCause {
  requestId?: string;
  idempotencyKey?: string;
  scenarioId?: string;
  /** How the buyer's notify options shape the delivery: record only (`none`), lose every attempt, drop the first acks. */
  delivery?: { none?: boolean; lose?: 'all'; dropAcks?: number };
}

/** Makes an Event (without storing or sending it): `data.object` is a snapshot of `object` now. */
export function makeEvent(env: StripeEnv, type: string, object: StripeObject, at: number, cause: EventCause = {}, previous?: Record<string, unknown>): StripeEvent {
  return {
    id: newId(env, 'evt'),
    object: 'event',
    api_version: DEFAULT_API_VERSION,
    created: unix(at),
    data: { object: structuredClone(object), ...(previous ? { previous_attributes: previous } : {}) },
    livemode: false,
    pending_webhooks: env.ctx.defaultCallbackUrl() ? 1 : 0,
    request: { id: cause.requestId ?? null, idempotency_key: cause.idempotencyKey ?? null },
    type,
  };
}

/**
 * Records an Event for /v1/events and sends it to the merchant's webhook endpoint (the config's callback URL)
 * with retries. Returns the delivery, or undefined when there is no endpoint.
 */
export function emitEvent(env: StripeEnv, order: LedgerOrder, type: string, object: StripeObject, cause: EventCause = {}, previous?: Record<string, unknown>): Promise<CallbackEntry> | undefined {
  const scenarioId = cause.scenarioId ?? order.scenarioId;
  const event = makeEvent(env, type, object, env.clock(scenarioId).now(), cause, previous);
  env.events.push(event);
  const url = env.ctx.defaultCallbackUrl();
  if (!url || cause.delivery?.none) {
    event.pending_webhooks = 0;
    return undefined;
  }
  return env.ctx.deliverGenuine(order, type, { url, scenarioId, lose: cause.delivery?.lose, dropAcks: cause.delivery?.dropAcks, detail: { eventId: event.id } });
}

/** Emits in the background (API handlers answer before the webhooks go out, as Stripe does). */
export function emitAll(env: StripeEnv, order: LedgerOrder, items: [string, StripeObject][], cause: EventCause): void {
  // The dispatcher tracks each delivery (the runner waits for them before checking anything).
  for (const [type, object] of items) emitEvent(env, order, type, object, cause);
}

/** Emits and returns the deliveries (buyer actions report them). */
export function emitCollect(env: StripeEnv, order: LedgerOrder, items: [string, StripeObject][], cause: EventCause): Promise<unknown>[] {
  return items.map(([type, object]) => emitEvent(env, order, type, object, cause)).filter((d): d is Promise<CallbackEntry> => d !== undefined);
}
