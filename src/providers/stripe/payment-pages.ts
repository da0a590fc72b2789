import { hash, str, type ApiRequest, type ApiResult, type ApiRoute } from './api.js';
import { sessionOf } from './checkout.js';
import { completeSession } from './checkout-complete.js';
import { canonicalPaymentMethod, newId, unix, type StripeObject } from './env.js';
import { invalid, SE } from './errors.js';
import { emitAll } from './events.js';
import { TEST_CARD_NUMBERS, TEST_TOKENS, testOutcome } from './payment-methods.js';

/*
 * What the Stripe CLI's own Checkout trigger fixtures call: they create a PaymentMethod from a test token, then
 * confirm the session's payment page with it (`/v1/payment_pages/{id}` is the API behind the hosted page, not in
 * Stripe's public reference). The sandbox serves just what those fixtures need, so they run offline unmodified in
 * shape: the page's id is the session's id, and confirming completes the session as the buyer's `pay` does.
 */

function createPaymentMethod(r: ApiRequest): ApiResult {
  const type = str(r.params, 'type');
  if (!type) return { ok: false, failure: SE.missingParam('type') };
  if (type !== 'card') return { ok: false, failure: SE.invalidValue('type', `The sandbox creates card PaymentMethods only (got "${type}").`) };
  const card = hash(r.params, 'card');
  const token = str(card, 'token');
  const number = str(card, 'number')?.replace(/\s/g, '');
  const behavesAs = token !== undefined ? TEST_TOKENS[token] : number !== undefined ? TEST_CARD_NUMBERS[number] : undefined;
  if (token !== undefined && !behavesAs) return { ok: false, failure: SE.noSuch('token', token, 'card[token]') };
  if (number !== undefined && !behavesAs) return { ok: false, failure: { status: 402, error: { type: 'card_error', code: 'incorrect_number', param: 'card[number]', message: 'Your card number is incorrect.' } } };
  if (!behavesAs) return { ok: false, failure: SE.missingParam('card[token]') };
  const outcome = testOutcome(behavesAs)!;
  const pm: StripeObject = {
    id: newId(r.env, 'pm'),
    object: 'payment_method',
    type: 'card',
    card: { brand: outcome.brand, last4: outcome.last4, exp_month: 12, exp_year: 2034, country: 'US', funding: 'credit' },
    billing_details: { email: str(hash(r.params, 'billing_details'), 'email') ?? null, name: str(hash(r.params, 'billing_details'), 'name') ?? null },
    created: unix(r.now),
    customer: null,
    livemode: false,
    metadata: {},
  };
  r.env.paymentMethods.set(pm.id, behavesAs);
  return { ok: true, json: pm };
}

const locate = (r: Pick<ApiRequest, 'env'>, id: string) => (r.env.objects.get(id)?.object.object === 'checkout.session' ? r.env.objects.get(id)!.order : undefined);

/** The payment page of a session, as the hosted page sees it. */
function pageOf(session: StripeObject): Record<string, unknown> {
  return { id: session.id, object: 'checkout.session', status: session.status, payment_status: session.payment_status, amount_total: session.amount_total, currency: session.currency, mode: session.mode, livemode: false };
}

function confirmPage(r: ApiRequest): ApiResult {
  const order = r.order;
  if (!order) return { ok: false, failure: SE.noSuch('payment page', r.path.page, 'page') };
  const session = sessionOf(r.env, order)!;
  if (session.status !== 'open') return { ok: false, failure: invalid(400, `This Checkout Session is no longer active (status "${String(session.status)}").`, 'checkout_session_inactive'), order };
  const given = str(r.params, 'payment_method');
  if (!given) return { ok: false, failure: SE.missingParam('payment_method'), order };
  const expected = str(r.params, 'expected_amount');
  if (expected !== undefined && Number(expected) !== session.amount_total) return { ok: false, failure: SE.invalidValue('expected_amount', `The expected amount ${expected} does not match the session's amount_total ${String(session.amount_total)}.`), order };
  const pm = canonicalPaymentMethod(r.env, given);
  const outcome = testOutcome(pm);
  if (!outcome) return { ok: false, failure: SE.noSuch('PaymentMethod', given, 'payment_method'), order };
  // The hosted page shows a decline to the buyer and keeps the session open (no webhook), as the buyer's `decline` does.
  if (outcome.kind === 'decline') return { ok: false, failure: { status: 402, error: { type: 'card_error', code: outcome.code, decline_code: outcome.declineCode, message: outcome.message } }, order };
  if (outcome.kind === 'three_d_secure') return { ok: false, failure: invalid(400, 'The sandbox confirms payment pages with cards that need no authentication; use pm_card_visa, or a PaymentIntent and the buyer\'s authenticate action for 3-D Secure.'), order };
  emitAll(r.env, order, completeSession(r.env, order, 'card', r.now, pm), { requestId: r.requestId, idempotencyKey: r.idempotencyKey, scenarioId: r.scenarioId });
  return { ok: true, json: pageOf(session), order };
}

/** PaymentMethods (create) and the payment-page calls of the Stripe CLI's Checkout fixtures. */
export const PAYMENT_PAGE_ROUTES: readonly ApiRoute[] = [
  { method: 'POST', path: '/v1/payment_methods', api: 'stripe.payment_methods.create', accepts: ['type', 'card', 'billing_details', 'metadata'], run: createPaymentMethod },
  {
    method: 'GET',
    path: '/v1/payment_pages/{page}',
    api: 'stripe.payment_pages.retrieve',
    accepts: [],
    locate: (env, path) => locate({ env }, path.page),
    run: (r) => (r.order ? { ok: true, json: pageOf(sessionOf(r.env, r.order)!), order: r.order } : { ok: false, failure: SE.noSuch('payment page', r.path.page, 'page') }),
  },
  { method: 'POST', path: '/v1/payment_pages/{page}/confirm', api: 'stripe.payment_pages.confirm', accepts: ['payment_method', 'expected_amount', 'expected_payment_method_type'], locate: (env, path) => locate({ env }, path.page), run: confirmPage },
];
