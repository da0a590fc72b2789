import type { LedgerOrder } from '../../sandbox/ledger.js';
import { newId, remember, unix, type StripeEnv } from './env.js';
import { sessionOf } from './checkout.js';
import { confirmPaymentIntent, createPaymentIntent, piOf, type EventList } from './payment-intent.js';

/** How the buyer completes a Checkout Session: by card (paid at once) or by a delayed method (paid later, or never). */
export type CheckoutPayment = 'card' | 'async';

/** Completes an open session (`card`: the test PaymentMethod the buyer pays with): card → completed with payment_status paid; async → completed with payment_status unpaid, PI processing. */
export function completeSession(env: StripeEnv, order: LedgerOrder, how: CheckoutPayment, now: number, card = 'pm_card_visa'): EventList {
  const session = sessionOf(env, order)!;
  const intentData = (order.data.intentData ?? {}) as { metadata?: Record<string, string>; description?: string };
  const { pi } = createPaymentIntent(
    env,
    { amount: session.amount_total as number, currency: session.currency as string, captureMethod: 'automatic', metadata: intentData.metadata ?? {}, description: intentData.description, paymentMethodTypes: how === 'card' ? ['card'] : ['us_bank_account'] },
    now,
    order.scenarioId,
    order,
  );
  const events: EventList = [['payment_intent.created', structuredClone(pi)]];
  if (how === 'card') {
    events.push(...confirmPaymentIntent(env, order, card, now).events);
    Object.assign(session, { status: 'complete', payment_status: 'paid', payment_intent: pi.id, url: null, customer_details: { email: 'buyer@example.com', name: 'Sandbox Buyer' } });
  } else {
    const pm = { id: newId(env, 'pm'), object: 'payment_method', type: 'us_bank_account', us_bank_account: { bank_name: 'STRIPE TEST BANK', last4: '6789' }, created: unix(now), livemode: false, metadata: {} };
    remember(env, pm, order);
    Object.assign(pi, { status: 'processing', payment_method: pm.id });
    order.providerState = 'processing';
    events.push(['payment_intent.processing', pi]);
    Object.assign(session, { status: 'complete', payment_status: 'unpaid', payment_intent: pi.id, url: null, customer_details: { email: 'buyer@example.com', name: 'Sandbox Buyer' } });
  }
  env.timers.get(`expire:${session.id}`)?.cancel();
  env.timers.delete(`expire:${session.id}`);
  events.push(['checkout.session.completed', session]);
  return events;
}

/** Settles a delayed payment: succeeded → async_payment_succeeded; failed → async_payment_failed. */
export function settleAsync(env: StripeEnv, order: LedgerOrder, succeeded: boolean, now: number): EventList {
  const session = sessionOf(env, order)!;
  const pi = piOf(env, order);
  if (succeeded) {
    const charge = { id: newId(env, 'ch'), object: 'charge', amount: pi.amount, amount_captured: pi.amount, amount_refunded: 0, captured: true, created: unix(now), currency: pi.currency, paid: true, payment_intent: pi.id, payment_method: pi.payment_method, refunded: false, status: 'succeeded', livemode: false, metadata: {} };
    remember(env, charge, order);
    Object.assign(pi, { status: 'succeeded', amount_received: pi.amount, latest_charge: charge.id });
    session.payment_status = 'paid';
    env.ctx.ledger.transition(order, 'paid', { providerState: 'succeeded', at: now });
    return [['charge.succeeded', charge], ['payment_intent.succeeded', pi], ['checkout.session.async_payment_succeeded', session]];
  }
  Object.assign(pi, { status: 'requires_payment_method', payment_method: null, last_payment_error: { type: 'card_error', code: 'payment_method_provider_decline', message: 'The payment was declined by the bank.' } });
  env.ctx.ledger.transition(order, 'failed', { providerState: 'requires_payment_method', at: now });
  return [['payment_intent.payment_failed', pi], ['checkout.session.async_payment_failed', session]];
}
