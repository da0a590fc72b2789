import type { LedgerOrder } from '../../sandbox/ledger.js';
import type { BuyerNotifyOptions, BuyerResult } from '../types.js';
import { sessionOf } from './checkout.js';
import { completeSession, settleAsync } from './checkout-complete.js';
import type { StripeEnv } from './env.js';
import { emitCollect } from './events.js';
import { confirmPaymentIntent, finishAuthentication, piOf, type EventList } from './payment-intent.js';

/**
 * What the sandbox buyer can do. On a PaymentIntent: pay / decline (Stripe.js confirming with pm_card_visa /
 * pm_card_chargeDeclined, or passing / failing a pending 3-D Secure challenge), authenticate, fail-authentication.
 * On a Checkout Session: pay (card), pay-async (a delayed method), then settle-async / fail-async, decline (the
 * card is refused on the page; the session stays open). abandon does nothing anywhere.
 */
export const BUYER_ACTIONS = ['pay', 'decline', 'authenticate', 'fail-authentication', 'abandon', 'pay-async', 'settle-async', 'fail-async'] as const;

type Outcome = { events: EventList } | { reason: string };

function onSession(env: StripeEnv, order: LedgerOrder, action: string, now: number): Outcome {
  const session = sessionOf(env, order)!;
  const pi = typeof session.payment_intent === 'string' ? piOf(env, order) : undefined;
  switch (action) {
    case 'pay':
    case 'pay-async':
      if (session.status !== 'open') return { reason: `Checkout Session ${session.id} is ${String(session.status)}` };
      return { events: completeSession(env, order, action === 'pay' ? 'card' : 'async', now) };
    case 'settle-async':
    case 'fail-async':
      if (pi?.status !== 'processing') return { reason: `Checkout Session ${session.id} has no delayed payment in progress` };
      return { events: settleAsync(env, order, action === 'settle-async', now) };
    case 'decline':
      if (session.status !== 'open') return { reason: `Checkout Session ${session.id} is ${String(session.status)}` };
      // Checkout shows the decline to the buyer and keeps the session open; no webhook.
      return { events: [] };
    default:
      return { reason: `${action} applies to PaymentIntents waiting for 3-D Secure, not to Checkout Sessions` };
  }
}

function onPaymentIntent(env: StripeEnv, order: LedgerOrder, action: string, now: number): Outcome {
  const pi = piOf(env, order);
  const waiting3ds = pi.status === 'requires_action' && order.data.threeDs !== undefined;
  switch (action) {
    case 'authenticate':
    case 'fail-authentication':
      if (!waiting3ds) return { reason: `PaymentIntent ${pi.id} is ${pi.status}, not waiting for 3-D Secure` };
      return { events: finishAuthentication(env, order, action === 'authenticate', now) };
    case 'pay':
    case 'decline':
      if (waiting3ds) return { events: finishAuthentication(env, order, action === 'pay', now) };
      if (pi.status !== 'requires_payment_method' && pi.status !== 'requires_confirmation') return { reason: `PaymentIntent ${pi.id} is ${pi.status} and cannot be confirmed` };
      return { events: confirmPaymentIntent(env, order, action === 'pay' ? 'pm_card_visa' : 'pm_card_chargeDeclined', now).events };
    default:
      return { reason: `${action} applies to Checkout Sessions, not to PaymentIntents` };
  }
}

/** Acts as the buyer on an order (see {@link BUYER_ACTIONS}); the events go to the merchant's webhook endpoint. */
export async function actAsBuyer(env: StripeEnv, action: string, order: LedgerOrder, options: { scenarioId?: string; notify?: BuyerNotifyOptions }): Promise<BuyerResult> {
  if (!(BUYER_ACTIONS as readonly string[]).includes(action)) return { ok: false, reason: `Stripe buyers can ${BUYER_ACTIONS.join(', ')}, not "${action}"`, deliveries: [] };
  if (action === 'abandon') return { ok: true, deliveries: [] };
  const scenarioId = options.scenarioId ?? order.scenarioId;
  const now = env.clock(scenarioId).now();
  const outcome = sessionOf(env, order) ? onSession(env, order, action, now) : onPaymentIntent(env, order, action, now);
  if ('reason' in outcome) return { ok: false, reason: outcome.reason, deliveries: [] };
  const mode = options.notify?.mode ?? 'deliver';
  const delivery = { none: mode === 'none', lose: mode === 'lost' ? ('all' as const) : undefined, dropAcks: options.notify?.dropAcks };
  return { ok: true, deliveries: emitCollect(env, order, outcome.events, { scenarioId, delivery }) };
}
