import type { LedgerOrder } from '../../sandbox/ledger.js';
import { bool, hash, int, mergeMetadata, str, type ApiRequest, type ApiResult, type ApiRoute } from './api.js';
import { emitAll } from './events.js';
import { invalid, SE, type StripeFailure } from './errors.js';
import type { FormValue } from './form.js';
import { listPage } from './list.js';
import { cancelPaymentIntent, capturePaymentIntent, confirmPaymentIntent, createPaymentIntent, piOf, type EventList } from './payment-intent.js';
import { TEST_CARD_NUMBERS, testOutcome } from './payment-methods.js';
import { canonicalPaymentMethod, type StripeEnv } from './env.js';

const CANCELABLE = ['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action', 'processing'];
const CONFIRMABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];
const UPDATABLE = ['requires_payment_method', 'requires_confirmation', 'requires_action'];

const isFailure = (v: unknown): v is StripeFailure => typeof v === 'object' && v !== null && 'error' in v;
const fail = (failure: StripeFailure, order?: LedgerOrder): ApiResult => ({ ok: false, failure, order });
const cause = (r: ApiRequest) => ({ requestId: r.requestId, idempotencyKey: r.idempotencyKey, scenarioId: r.scenarioId });

/** Finds the order of a PaymentIntent id. */
export function orderOfPi(env: StripeEnv, id: string | undefined): LedgerOrder | undefined {
  const found = id ? env.objects.get(id) : undefined;
  return found?.object.object === 'payment_intent' ? found.order : undefined;
}

/** The payment method a request names: `payment_method`, or a test card number in `payment_method_data[card][number]`. */
function requestedPaymentMethod(env: StripeEnv, params: Record<string, FormValue>): string | StripeFailure | undefined {
  const given = str(params, 'payment_method');
  const pm = given === undefined ? undefined : canonicalPaymentMethod(env, given);
  const number = str(hash(hash(params, 'payment_method_data'), 'card'), 'number');
  const id = pm ?? (number !== undefined ? TEST_CARD_NUMBERS[number.replace(/\s/g, '')] : undefined);
  if (number !== undefined && !id) return { status: 402, error: { type: 'card_error', code: 'incorrect_number', param: 'payment_method_data[card][number]', message: 'Your card number is incorrect.' } };
  if (id && !testOutcome(id)) return SE.noSuch('PaymentMethod', given ?? id, 'payment_method');
  return id;
}

function confirm(r: ApiRequest, order: LedgerOrder, paymentMethod: string | undefined, events: EventList): ApiResult {
  const pi = piOf(r.env, order);
  const pm = paymentMethod ?? (order.data.pendingPaymentMethod as string | undefined);
  if (!pm) {
    return fail(invalid(400, "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.", 'payment_intent_unexpected_state'), order);
  }
  const result = confirmPaymentIntent(r.env, order, pm, r.now, str(r.params, 'return_url'));
  emitAll(r.env, order, [...events, ...result.events], cause(r));
  return result.failure ? fail(result.failure, order) : { ok: true, json: pi, order };
}

function create(r: ApiRequest): ApiResult {
  const { params, env } = r;
  if (params.amount === undefined) return fail(SE.missingParam('amount'));
  const amount = int(params, 'amount');
  if (isFailure(amount)) return fail(amount);
  const currency = str(params, 'currency')?.toLowerCase();
  if (!currency) return fail(SE.missingParam('currency'));
  if (currency === 'usd' && amount! < 50) return fail(invalid(400, 'Amount must be at least $0.50 usd', 'amount_too_small', 'amount', false));
  const captureMethod = str(params, 'capture_method') ?? 'automatic';
  if (!['automatic', 'automatic_async', 'manual'].includes(captureMethod)) return fail(invalid(400, `Invalid capture_method: must be one of automatic, automatic_async, or manual`, 'parameter_invalid_empty', 'capture_method', false));
  const pm = requestedPaymentMethod(r.env, params);
  if (isFailure(pm)) return fail(pm);
  const types = Array.isArray(params.payment_method_types) ? params.payment_method_types.filter((t): t is string => typeof t === 'string') : ['card'];
  const automatic = hash(params, 'automatic_payment_methods');
  const { pi, order } = createPaymentIntent(
    env,
    {
      amount: amount!,
      currency,
      captureMethod,
      metadata: mergeMetadata({}, hash(params, 'metadata')),
      description: str(params, 'description'),
      paymentMethodTypes: types,
      paymentMethod: pm,
      extra: automatic ? { automatic_payment_methods: { enabled: automatic.enabled === 'true' } } : {},
    },
    r.now,
    r.scenarioId,
  );
  const created: EventList = [['payment_intent.created', structuredClone(pi)]];
  if (bool(params, 'confirm')) return confirm(r, order, pm, created);
  emitAll(env, order, created, cause(r));
  return { ok: true, json: pi, order };
}

const withPi = (run: (r: ApiRequest, order: LedgerOrder) => ApiResult) => (r: ApiRequest): ApiResult =>
  r.order ? run(r, r.order) : fail(SE.noSuch('payment_intent', r.path.intent, 'intent'));

const stateError = (verb: string, status: string, allowed: string[]) =>
  SE.unexpectedState(`You cannot ${verb} this PaymentIntent because it has a status of ${status}. Only a PaymentIntent with one of the following statuses may be ${verb === 'cancel' ? 'canceled' : `${verb}ed`}: ${allowed.join(', ')}.`);

const PI = '/v1/payment_intents/{intent}';
const locate = (env: StripeEnv, path: Record<string, string>) => orderOfPi(env, path.intent);

/** PaymentIntents: create, retrieve, update, confirm, capture, cancel, list. */
export const PAYMENT_INTENT_ROUTES: readonly ApiRoute[] = [
  {
    method: 'POST',
    path: '/v1/payment_intents',
    api: 'stripe.payment_intents.create',
    accepts: ['amount', 'currency', 'capture_method', 'confirm', 'payment_method', 'payment_method_types', 'payment_method_data', 'automatic_payment_methods', 'metadata', 'description', 'return_url', 'receipt_email', 'statement_descriptor', 'statement_descriptor_suffix', 'customer', 'setup_future_usage', 'confirmation_method', 'payment_method_options', 'shipping', 'use_stripe_sdk'],
    locate: (env, _p, params) => (str(hash(params, 'metadata'), 'order_id') ? env.ctx.ledger.find('stripe', { merchantOrderId: str(hash(params, 'metadata'), 'order_id') }) : undefined),
    // The located order (same metadata.order_id) is only for journaling: Stripe happily makes a second PaymentIntent.
    run: (r) => create({ ...r, order: undefined }),
  },
  { method: 'GET', path: PI, api: 'stripe.payment_intents.retrieve', accepts: ['client_secret'], locate, run: withPi((r, order) => ({ ok: true, json: piOf(r.env, order), order })) },
  {
    method: 'POST',
    path: PI,
    api: 'stripe.payment_intents.update',
    accepts: ['amount', 'currency', 'metadata', 'description', 'payment_method', 'capture_method', 'receipt_email', 'payment_method_types', 'statement_descriptor', 'shipping'],
    locate,
    run: withPi((r, order) => {
      const pi = piOf(r.env, order);
      const touchesPayment = ['amount', 'currency', 'payment_method', 'capture_method'].some((k) => r.params[k] !== undefined);
      if (touchesPayment && !UPDATABLE.includes(pi.status)) return fail(stateError('update', pi.status, UPDATABLE), order);
      const amount = int(r.params, 'amount');
      if (isFailure(amount)) return fail(amount, order);
      const pm = requestedPaymentMethod(r.env, r.params);
      if (isFailure(pm)) return fail(pm, order);
      if (amount !== undefined) [pi.amount, order.amount] = [amount, amount];
      if (str(r.params, 'currency')) pi.currency = str(r.params, 'currency')!.toLowerCase();
      if (str(r.params, 'description')) pi.description = str(r.params, 'description');
      if (str(r.params, 'capture_method')) pi.capture_method = str(r.params, 'capture_method');
      if (r.params.metadata !== undefined) pi.metadata = mergeMetadata(pi.metadata as Record<string, string>, hash(r.params, 'metadata'));
      if (pm) {
        order.data.pendingPaymentMethod = pm;
        pi.status = order.providerState = 'requires_confirmation';
      }
      return { ok: true, json: pi, order };
    }),
  },
  {
    method: 'POST',
    path: `${PI}/confirm`,
    api: 'stripe.payment_intents.confirm',
    accepts: ['payment_method', 'payment_method_data', 'return_url', 'receipt_email', 'capture_method', 'setup_future_usage', 'payment_method_options', 'use_stripe_sdk', 'shipping'],
    locate,
    run: withPi((r, order) => {
      const pi = piOf(r.env, order);
      if (!CONFIRMABLE.includes(pi.status)) return fail(stateError('confirm', pi.status, CONFIRMABLE), order);
      const pm = requestedPaymentMethod(r.env, r.params);
      if (isFailure(pm)) return fail(pm, order);
      if (str(r.params, 'capture_method')) pi.capture_method = str(r.params, 'capture_method');
      return confirm(r, order, pm, []);
    }),
  },
  {
    method: 'POST',
    path: `${PI}/capture`,
    api: 'stripe.payment_intents.capture',
    accepts: ['amount_to_capture', 'metadata', 'statement_descriptor', 'final_capture'],
    locate,
    run: withPi((r, order) => {
      const pi = piOf(r.env, order);
      if (pi.status !== 'requires_capture') {
        return fail(SE.unexpectedState(`This PaymentIntent could not be captured because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`), order);
      }
      const amount = int(r.params, 'amount_to_capture');
      if (isFailure(amount)) return fail(amount, order);
      const capturable = pi.amount_capturable as number;
      if (amount !== undefined && amount > capturable) {
        return fail(invalid(400, `The amount to capture (${amount}) cannot be greater than the capturable amount (${capturable}).`, 'amount_too_large', 'amount_to_capture'), order);
      }
      if (r.params.metadata !== undefined) pi.metadata = mergeMetadata(pi.metadata as Record<string, string>, hash(r.params, 'metadata'));
      emitAll(r.env, order, capturePaymentIntent(r.env, order, amount ?? capturable, r.now), cause(r));
      return { ok: true, json: pi, order };
    }),
  },
  {
    method: 'POST',
    path: `${PI}/cancel`,
    api: 'stripe.payment_intents.cancel',
    accepts: ['cancellation_reason'],
    locate,
    run: withPi((r, order) => {
      const pi = piOf(r.env, order);
      if (!CANCELABLE.includes(pi.status)) return fail(stateError('cancel', pi.status, CANCELABLE), order);
      const reason = str(r.params, 'cancellation_reason');
      if (reason && !['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'].includes(reason)) {
        return fail(invalid(400, 'Invalid cancellation_reason: must be one of duplicate, fraudulent, requested_by_customer, or abandoned', undefined, 'cancellation_reason', false), order);
      }
      emitAll(r.env, order, cancelPaymentIntent(r.env, order, reason, r.now), cause(r));
      return { ok: true, json: pi, order };
    }),
  },
  {
    method: 'GET',
    path: '/v1/payment_intents',
    api: 'stripe.payment_intents.list',
    accepts: ['limit', 'starting_after', 'ending_before', 'created', 'customer'],
    run: (r) => listPage(r, '/v1/payment_intents', [...r.env.objects.values()].filter((o) => o.object.object === 'payment_intent').map((o) => o.object)),
  },
];
