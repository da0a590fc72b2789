import { CONTROL_PREFIX } from '../../sandbox/control-api.js';
import type { LedgerOrder } from '../../sandbox/ledger.js';
import { newId, PROVIDER_ID, remember, unix, type StripeEnv, type StripeObject } from './env.js';
import type { StripeFailure } from './errors.js';
import { testOutcome, type CardOutcome } from './payment-methods.js';

/** Events caused by a state change, in the order Stripe sends them: [type, object]. */
export type EventList = [string, StripeObject][];

/** A PaymentIntent's status (PaymentIntents.d.ts). */
export type PiStatus = 'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'requires_capture' | 'canceled' | 'succeeded';

/** The PaymentIntent object of an order. */
export function piOf(env: StripeEnv, order: LedgerOrder): StripeObject & { status: PiStatus; amount: number } {
  return env.objects.get(order.data.pi as string)!.object as StripeObject & { status: PiStatus; amount: number };
}

/** Input of {@link createPaymentIntent}. */
export interface PiInput {
  amount: number;
  currency: string;
  captureMethod: string;
  metadata: Record<string, string>;
  description?: string;
  paymentMethodTypes: string[];
  paymentMethod?: string;
  extra?: Record<string, unknown>;
}

/** Creates a PaymentIntent and its ledger order (merchantOrderId: metadata.order_id, else the PI id). */
export function createPaymentIntent(env: StripeEnv, input: PiInput, now: number, scenarioId: string | undefined, order?: LedgerOrder): { pi: StripeObject; order: LedgerOrder } {
  const id = newId(env, 'pi');
  const pi: StripeObject = {
    id,
    object: 'payment_intent',
    amount: input.amount,
    amount_capturable: 0,
    amount_received: 0,
    application: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: input.captureMethod,
    client_secret: `${id}_secret_${env.ctx.ledger.ids.alnum(25)}`,
    confirmation_method: 'automatic',
    created: unix(now),
    currency: input.currency,
    customer: null,
    description: input.description ?? null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: input.metadata,
    next_action: null,
    payment_method: null,
    payment_method_types: input.paymentMethodTypes,
    receipt_email: null,
    status: input.paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    ...input.extra,
  };
  const owner =
    order ??
    env.ctx.ledger.createOrder({
      provider: PROVIDER_ID,
      merchantOrderId: input.metadata.order_id ?? id,
      providerOrderId: id,
      amount: input.amount,
      currency: input.currency.toUpperCase(),
      providerState: pi.status as string,
      at: now,
      scenarioId,
      data: {},
    });
  owner.data.pi = id;
  if (input.paymentMethod) owner.data.pendingPaymentMethod = input.paymentMethod;
  remember(env, pi, owner);
  return { pi, order: owner };
}

const setState = (order: LedgerOrder, pi: StripeObject, status: PiStatus, now: number): void => {
  pi.status = status;
  order.providerState = status;
  order.updatedAt = now;
};

/** A PaymentMethod object for a test id (Stripe makes a new pm_ each time a test id is used). */
function paymentMethodFor(env: StripeEnv, order: LedgerOrder, outcome: CardOutcome, now: number): StripeObject {
  const pm: StripeObject = {
    id: newId(env, 'pm'),
    object: 'payment_method',
    type: 'card',
    card: { brand: outcome.brand, last4: outcome.last4, exp_month: 12, exp_year: new Date(now).getUTCFullYear() + 3, funding: 'credit', country: 'US' },
    created: unix(now),
    customer: null,
    livemode: false,
    metadata: {},
  };
  remember(env, pm, order);
  return pm;
}

function newCharge(env: StripeEnv, order: LedgerOrder, pi: StripeObject, pm: StripeObject, now: number, outcome: CardOutcome, captured: boolean): StripeObject {
  const failed = outcome.kind === 'decline' ? outcome : undefined;
  const charge: StripeObject = {
    id: newId(env, 'ch'),
    object: 'charge',
    amount: pi.amount,
    amount_captured: captured ? pi.amount : 0,
    amount_refunded: 0,
    balance_transaction: null,
    captured,
    created: unix(now),
    currency: pi.currency,
    failure_code: failed?.code ?? null,
    failure_message: failed?.message ?? null,
    livemode: false,
    metadata: pi.metadata,
    outcome: failed
      ? { network_status: 'declined_by_network', reason: failed.declineCode ?? null, risk_level: 'normal', seller_message: 'The bank did not return any further details with this decline.', type: 'issuer_declined' }
      : { network_status: 'approved_by_network', reason: null, risk_level: 'normal', seller_message: 'Payment complete.', type: 'authorized' },
    paid: !failed,
    payment_intent: pi.id,
    payment_method: pm.id,
    payment_method_details: { type: 'card', card: pm.card },
    refunded: false,
    status: failed ? 'failed' : 'succeeded',
  };
  remember(env, charge, order);
  return charge;
}

/** Moves an authorised payment on: succeeded (automatic capture) or requires_capture (manual). */
function authorise(env: StripeEnv, order: LedgerOrder, pi: StripeObject, pm: StripeObject, outcome: CardOutcome, now: number): EventList {
  const manual = pi.capture_method === 'manual';
  const charge = newCharge(env, order, pi, pm, now, outcome, !manual);
  Object.assign(pi, { latest_charge: charge.id, next_action: null, last_payment_error: null, payment_method: pm.id });
  if (manual) {
    pi.amount_capturable = pi.amount;
    setState(order, pi, 'requires_capture', now);
    return [['charge.succeeded', charge], ['payment_intent.amount_capturable_updated', pi]];
  }
  pi.amount_received = pi.amount;
  setState(order, pi, 'succeeded', now);
  order.amount = pi.amount as number;
  env.ctx.ledger.transition(order, 'paid', { providerState: 'succeeded', at: now });
  return [['charge.succeeded', charge], ['payment_intent.succeeded', pi]];
}

/** The 402 card_error of a decline, with the PaymentIntent embedded as Stripe does. */
function cardError(pi: StripeObject, lastError: Record<string, unknown>): StripeFailure {
  return { status: 402, error: { ...(lastError as StripeFailure['error']), payment_intent: structuredClone(pi) } };
}

/** Confirms a PaymentIntent with a test PaymentMethod: success, a decline (HTTP 402) or 3-D Secure (requires_action). */
export function confirmPaymentIntent(env: StripeEnv, order: LedgerOrder, paymentMethod: string, now: number, returnUrl?: string): { events: EventList; failure?: StripeFailure } {
  const pi = piOf(env, order);
  const outcome = testOutcome(paymentMethod)!;
  const pm = paymentMethodFor(env, order, outcome, now);
  delete order.data.pendingPaymentMethod;
  if (outcome.kind === 'success') return { events: authorise(env, order, pi, pm, outcome, now) };
  if (outcome.kind === 'three_d_secure') {
    const url = `${env.ctx.baseUrl()}${CONTROL_PREFIX}/cashier/${pi.id}`;
    order.data.threeDs = { pm: pm.id, outcome };
    Object.assign(pi, {
      payment_method: pm.id,
      next_action: returnUrl
        ? { type: 'redirect_to_url', redirect_to_url: { return_url: returnUrl, url } }
        : { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: url, source: newId(env, 'src') } },
    });
    setState(order, pi, 'requires_action', now);
    return { events: [['payment_intent.requires_action', pi]] };
  }
  const charge = newCharge(env, order, pi, pm, now, outcome, false);
  const lastError = {
    type: 'card_error',
    code: outcome.code,
    ...(outcome.declineCode ? { decline_code: outcome.declineCode } : {}),
    charge: charge.id,
    doc_url: `https://stripe.com/docs/error-codes/${outcome.code.replace(/_/g, '-')}`,
    message: outcome.message,
    payment_method: structuredClone(pm),
  };
  Object.assign(pi, { latest_charge: charge.id, last_payment_error: lastError, payment_method: null, next_action: null });
  setState(order, pi, 'requires_payment_method', now);
  env.ctx.ledger.transition(order, 'failed', { providerState: 'requires_payment_method', at: now });
  return { events: [['charge.failed', charge], ['payment_intent.payment_failed', pi]], failure: cardError(pi, lastError) };
}

/** The buyer completes (or fails) 3-D Secure on a PaymentIntent in requires_action. */
export function finishAuthentication(env: StripeEnv, order: LedgerOrder, passed: boolean, now: number): EventList {
  const pi = piOf(env, order);
  const pending = order.data.threeDs as { pm: string; outcome: CardOutcome };
  delete order.data.threeDs;
  const pm = env.objects.get(pending.pm)!.object;
  if (passed) return authorise(env, order, pi, pm, { ...pending.outcome, kind: 'success' }, now);
  Object.assign(pi, {
    next_action: null,
    payment_method: null,
    last_payment_error: {
      type: 'invalid_request_error',
      code: 'payment_intent_authentication_failure',
      doc_url: 'https://stripe.com/docs/error-codes/payment-intent-authentication-failure',
      message: 'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
      payment_method: structuredClone(pm),
    },
  });
  setState(order, pi, 'requires_payment_method', now);
  env.ctx.ledger.transition(order, 'failed', { providerState: 'requires_payment_method', at: now });
  return [['payment_intent.payment_failed', pi]];
}

/** Captures `amount` of a requires_capture PaymentIntent (partial capture releases the rest). */
export function capturePaymentIntent(env: StripeEnv, order: LedgerOrder, amount: number, now: number): EventList {
  const pi = piOf(env, order);
  const charge = env.objects.get(pi.latest_charge as string)!.object;
  Object.assign(charge, { amount_captured: amount, captured: true });
  Object.assign(pi, { amount_capturable: 0, amount_received: amount });
  setState(order, pi, 'succeeded', now);
  // The ledger books what was captured: refunds are limited by it.
  order.amount = amount;
  env.ctx.ledger.transition(order, 'paid', { providerState: 'succeeded', at: now });
  return [['charge.captured', charge], ['payment_intent.succeeded', pi]];
}

/** Cancels a PaymentIntent (releasing an authorisation). */
export function cancelPaymentIntent(env: StripeEnv, order: LedgerOrder, reason: string | undefined, now: number): EventList {
  const pi = piOf(env, order);
  Object.assign(pi, { canceled_at: unix(now), cancellation_reason: reason ?? null, next_action: null, amount_capturable: 0 });
  setState(order, pi, 'canceled', now);
  env.ctx.ledger.transition(order, 'closed', { providerState: 'canceled', at: now });
  return [['payment_intent.canceled', pi]];
}
