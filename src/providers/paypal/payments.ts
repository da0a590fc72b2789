import { str, obj, type ApiRequest, type ApiResult, type ApiRoute } from './api.js';
import { formatPaypalAmount } from './amount.js';
import { newPaypalId, type PaypalEnv, type RefundRecord } from './env.js';
import { PE } from './errors.js';
import { emitEvent } from './events.js';
import { authorizationJson, captureJson, minimalOf, refundJson } from './objects.js';
import { checkAmount } from './orders.js';
import { createCapture, setLedger } from './state.js';

const representation = (r: ApiRequest, json: Record<string, unknown>) => (r.prefer === 'representation' ? json : minimalOf(json));

/** POST /v2/payments/authorizations/{id}/capture: full (no amount) or partial; `final_capture` closes the authorization. */
function captureAuthorization(r: ApiRequest): ApiResult {
  const { env, body, now } = r;
  const auth = env.authorizations.get(r.path.id);
  if (!auth) return { ok: false, failure: PE.notFound('authorization_id', r.path.id) };
  const rec = env.orders.get(auth.orderId)!;
  const order = rec.ledger;
  if (auth.status === 'VOIDED') return { ok: false, failure: PE.unprocessable('AUTHORIZATION_VOIDED', 'A voided authorization cannot be captured or reauthorized.'), order };
  if (auth.status === 'CAPTURED') return { ok: false, failure: PE.unprocessable('AUTHORIZATION_ALREADY_CAPTURED', 'Authorization has been previously captured and hence cannot be captured again.'), order };
  if (now >= auth.expirationTime) return { ok: false, failure: PE.unprocessable('AUTHORIZATION_EXPIRED', 'An expired authorization cannot be captured.'), order };
  const remaining = auth.amount - auth.captured;
  let amount = remaining;
  if (body.amount !== undefined) {
    const checked = checkAmount(obj(body, 'amount'), '/amount');
    if ('status' in checked) return { ok: false, failure: checked, order };
    if (checked.currency !== order.currency) return { ok: false, failure: PE.unprocessable('CURRENCY_MISMATCH', 'Currency of capture must be the same as currency of authorization.', { field: '/amount/currency_code', value: checked.currency, location: 'body' }), order };
    if (checked.minor > remaining) {
      return {
        ok: false,
        failure: { ...PE.unprocessable('MAX_CAPTURE_AMOUNT_EXCEEDED', 'Capture amount exceeds allowable limit.', { field: '/amount/value', value: formatPaypalAmount(checked.minor, order.currency), location: 'body' }), note: `${formatPaypalAmount(remaining, order.currency)} ${order.currency} is left to capture on this authorization` },
        order,
      };
    }
    amount = checked.minor;
  }
  const finalCapture = body.final_capture === true || amount === remaining;
  auth.captured += amount;
  auth.status = finalCapture ? 'CAPTURED' : 'PARTIALLY_CAPTURED';
  auth.updateTime = now;
  const capture = createCapture(env, rec, amount, now, { authorizationId: auth.id, finalCapture, emit: { scenarioId: r.scenarioId } });
  return { ok: true, status: 201, json: representation(r, captureJson(env, capture)), order };
}

/** POST /v2/payments/authorizations/{id}/void: 204 (200 with the authorization under `Prefer: return=representation`). */
function voidAuthorization(r: ApiRequest): ApiResult {
  const { env, now } = r;
  const auth = env.authorizations.get(r.path.id);
  if (!auth) return { ok: false, failure: PE.notFound('authorization_id', r.path.id) };
  const rec = env.orders.get(auth.orderId)!;
  const order = rec.ledger;
  if (auth.status === 'VOIDED') return { ok: false, failure: PE.unprocessable('PREVIOUSLY_VOIDED', 'Authorization has been previously voided and hence cannot be voided again.'), order };
  if (auth.status === 'CAPTURED') return { ok: false, failure: PE.unprocessable('PREVIOUSLY_CAPTURED', 'Authorization has been previously captured and hence cannot be voided.'), order };
  auth.status = 'VOIDED';
  auth.updateTime = now;
  // A void after partial captures releases the rest; the order stays paid for what was captured.
  if (auth.captured === 0) setLedger(env, rec, 'closed', 'VOIDED', now);
  emitEvent(env, order, 'PAYMENT.AUTHORIZATION.VOIDED', authorizationJson(env, auth), { scenarioId: r.scenarioId });
  return r.prefer === 'representation' ? { ok: true, status: 200, json: authorizationJson(env, auth), order } : { ok: true, status: 204, order };
}

/** POST /v2/payments/captures/{id}/refund: an empty body refunds what is left; `amount` refunds part; several partials until REFUNDED. */
function refundCapture(r: ApiRequest): ApiResult {
  const { env, body, now } = r;
  const capture = env.captures.get(r.path.id);
  if (!capture) return { ok: false, failure: PE.notFound('capture_id', r.path.id) };
  const rec = env.orders.get(capture.orderId)!;
  const order = rec.ledger;
  if (capture.status === 'REFUNDED') return { ok: false, failure: PE.unprocessable('CAPTURE_FULLY_REFUNDED', 'The capture has already been fully refunded'), order };
  if (capture.status !== 'COMPLETED' && capture.status !== 'PARTIALLY_REFUNDED') {
    return { ok: false, failure: { ...PE.unprocessable('REFUND_NOT_ALLOWED', 'Capture cannot be refunded.'), note: `the capture is ${capture.status}` }, order };
  }
  const left = capture.amount - capture.refunded;
  let amount = left;
  if (body.amount !== undefined) {
    const checked = checkAmount(obj(body, 'amount'), '/amount');
    if ('status' in checked) return { ok: false, failure: checked, order };
    if (checked.currency !== order.currency) return { ok: false, failure: PE.unprocessable('REFUND_CAPTURE_CURRENCY_MISMATCH', 'Refund must be in the same currency as the capture', { field: '/amount/currency_code', value: checked.currency, location: 'body' }), order };
    if (checked.minor > left) {
      return {
        ok: false,
        failure: {
          ...PE.unprocessable('REFUND_AMOUNT_EXCEEDED', 'The refund amount must be less than or equal to the capture amount that has not yet been refunded.', { field: '/amount/value', value: formatPaypalAmount(checked.minor, order.currency), location: 'body' }),
          note: `${formatPaypalAmount(left, order.currency)} ${order.currency} of the capture is left to refund`,
        },
        order,
      };
    }
    amount = checked.minor;
  }
  const refund: RefundRecord = {
    id: newPaypalId(env),
    captureId: capture.id,
    orderId: rec.id,
    status: 'COMPLETED',
    amount,
    noteToPayer: str(body, 'note_to_payer'),
    invoiceId: str(body, 'invoice_id'),
    createTime: now,
    updateTime: now,
  };
  env.refunds.set(refund.id, refund);
  capture.refundIds.push(refund.id);
  capture.refunded += amount;
  capture.status = capture.refunded >= capture.amount ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  capture.updateTime = now;
  const requestId = r.call.request.headers.get('paypal-request-id') ?? refund.id;
  env.ctx.ledger.addRefund(order, { id: refund.id, requestId, amount, createdAt: now, status: 'succeeded', data: { captureId: capture.id } }, { partial: 'PARTIALLY_REFUNDED', full: 'REFUNDED' });
  emitEvent(env, order, 'PAYMENT.CAPTURE.REFUNDED', refundJson(env, refund), { scenarioId: r.scenarioId });
  return { ok: true, status: 201, json: representation(r, refundJson(env, refund)), order };
}

const ledgerOf = (env: PaypalEnv, orderId: string | undefined) => (orderId ? env.orders.get(orderId)?.ledger : undefined);

/** Payments v2 routes: authorizations, captures, refunds. */
export const PAYMENT_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: '/v2/payments/authorizations/{id}',
    api: 'paypal.authorizations.get',
    locate: (env, p) => ledgerOf(env, env.authorizations.get(p.id)?.orderId),
    run: (r) => {
      const a = r.env.authorizations.get(r.path.id);
      return a ? { ok: true, status: 200, json: authorizationJson(r.env, a), order: r.order } : { ok: false, failure: PE.notFound('authorization_id', r.path.id) };
    },
  },
  { method: 'POST', path: '/v2/payments/authorizations/{id}/capture', api: 'paypal.authorizations.capture', idempotency: 'payments', locate: (env, p) => ledgerOf(env, env.authorizations.get(p.id)?.orderId), run: captureAuthorization },
  { method: 'POST', path: '/v2/payments/authorizations/{id}/void', api: 'paypal.authorizations.void', idempotency: 'payments', locate: (env, p) => ledgerOf(env, env.authorizations.get(p.id)?.orderId), run: voidAuthorization },
  {
    method: 'GET',
    path: '/v2/payments/captures/{id}',
    api: 'paypal.captures.get',
    locate: (env, p) => ledgerOf(env, env.captures.get(p.id)?.orderId),
    run: (r) => {
      const c = r.env.captures.get(r.path.id);
      return c ? { ok: true, status: 200, json: captureJson(r.env, c), order: r.order } : { ok: false, failure: PE.notFound('capture_id', r.path.id) };
    },
  },
  { method: 'POST', path: '/v2/payments/captures/{id}/refund', api: 'paypal.captures.refund', idempotency: 'payments', locate: (env, p) => ledgerOf(env, env.captures.get(p.id)?.orderId), run: refundCapture },
  {
    method: 'GET',
    path: '/v2/payments/refunds/{id}',
    api: 'paypal.refunds.get',
    locate: (env, p) => ledgerOf(env, env.refunds.get(p.id)?.orderId),
    run: (r) => {
      const f = r.env.refunds.get(r.path.id);
      return f ? { ok: true, status: 200, json: refundJson(r.env, f), order: r.order } : { ok: false, failure: PE.notFound('refund_id', r.path.id) };
    },
  },
];
