import { amountIssue, decimalsOf, toMinor } from './amount.js';
import { obj, str, type ApiRequest, type ApiResult, type ApiRoute } from './api.js';
import { newPaypalId, type Json, type OrderRecord, type PaypalEnv } from './env.js';
import { PE, type PaypalFailure } from './errors.js';
import { emitEvent } from './events.js';
import { authorizationJson, minimalOrderJson, orderJson } from './objects.js';
import { createCapture, setLedger } from './state.js';

/** Currencies PayPal accepts (developer.paypal.com currency codes reference). */
export const CURRENCIES = new Set(['AUD', 'BRL', 'CAD', 'CNY', 'CZK', 'DKK', 'EUR', 'HKD', 'HUF', 'ILS', 'JPY', 'MYR', 'MXN', 'TWD', 'NZD', 'NOK', 'PHP', 'PLN', 'GBP', 'SGD', 'SEK', 'CHF', 'THB', 'USD']);

/** How long an authorization stays capturable: 29 days (PayPal voids it after that). */
const AUTHORIZATION_TTL_MS = 29 * 86_400_000;

const missing = (field: string): PaypalFailure => PE.invalid('MISSING_REQUIRED_PARAMETER', 'A required field / parameter is missing.', { field });

/** The order a path's `{id}` names. */
export const orderOf = (env: PaypalEnv, id: string | undefined): OrderRecord | undefined => (id ? env.orders.get(id) : undefined);

/** Validates an amount object; the failure names the field as PayPal's JSON pointer does. */
export function checkAmount(amount: Json | undefined, field: string): PaypalFailure | { currency: string; minor: number } {
  if (!amount) return missing(field);
  const currency = str(amount, 'currency_code');
  if (!currency) return missing(`${field}/currency_code`);
  if (!/^[A-Z]{3}$/.test(currency)) return PE.invalid('INVALID_CURRENCY_CODE', 'Currency code is invalid or is not currently supported. Please refer https://developer.paypal.com/api/rest/reference/currency-codes/ for list of supported currency codes.', { field: `${field}/currency_code`, value: currency });
  if (!CURRENCIES.has(currency)) return PE.unprocessable('CURRENCY_NOT_SUPPORTED', 'Currency code is not currently supported. Please refer https://developer.paypal.com/api/rest/reference/currency-codes/ for list of supported currency codes.', { field: `${field}/currency_code`, value: currency, location: 'body' });
  const value = amount.value;
  if (value === undefined) return missing(`${field}/value`);
  const issue = amountIssue(value, currency);
  if (issue === 'INVALID_PARAMETER_SYNTAX') return PE.invalid(issue, 'The value of a field does not conform to the expected format.', { field: `${field}/value`, value: String(value) });
  if (issue === 'DECIMALS_NOT_SUPPORTED') return { ...PE.unprocessable(issue, 'Currency code does not support decimals.', { field: `${field}/value`, value: String(value), location: 'body' }), stored: false };
  if (issue === 'DECIMAL_PRECISION') return { ...PE.unprocessable(issue, `If the currency supports decimals, only ${decimalsOf(currency)} decimal place precision is supported.`, { field: `${field}/value`, value: String(value), location: 'body' }), stored: false };
  if (issue) return { ...PE.unprocessable(issue, 'Must be greater than zero. If the currency supports decimals, only two decimal place precision is supported.', { field: `${field}/value`, value: String(value), location: 'body' }), stored: false };
  return { currency, minor: toMinor(String(value), currency) };
}

/** POST /v2/checkout/orders. */
function createOrder(r: ApiRequest): ApiResult {
  const { env, body, now } = r;
  const intent = body.intent;
  if (intent === undefined) return { ok: false, failure: missing('/intent') };
  if (intent !== 'CAPTURE' && intent !== 'AUTHORIZE') return { ok: false, failure: PE.invalid('INVALID_PARAMETER_VALUE', 'The value of a field is invalid.', { field: '/intent', value: String(intent) }) };
  const units = body.purchase_units;
  if (!Array.isArray(units) || units.length === 0) return { ok: false, failure: missing('/purchase_units') };
  if (units.length > 1) {
    return { ok: false, failure: { ...PE.invalid('INVALID_ARRAY_MAX_ITEMS', 'The number of items in an array parameter is too large.', { field: '/purchase_units' }), note: 'the sandbox simulates one purchase unit per order' } };
  }
  const unit = (units[0] ?? {}) as Json;
  const referenceId = str(unit, 'reference_id') ?? 'default';
  const checked = checkAmount(obj(unit, 'amount'), `/purchase_units/@reference_id=='${referenceId}'/amount`);
  if ('status' in checked) return { ok: false, failure: checked };
  const paypalSource = obj(obj(body, 'payment_source'), 'paypal');
  const experience = obj(paypalSource, 'experience_context') ?? obj(body, 'application_context');
  const id = newPaypalId(env);
  const merchantOrderId = str(unit, 'invoice_id') ?? str(unit, 'custom_id') ?? (referenceId !== 'default' ? referenceId : id);
  const ledger = env.ctx.ledger.createOrder({
    provider: env.deps.provider,
    merchantOrderId,
    providerOrderId: id,
    amount: checked.minor,
    currency: checked.currency,
    providerState: paypalSource ? 'PAYER_ACTION_REQUIRED' : 'CREATED',
    at: now,
    scenarioId: r.scenarioId,
    data: { intent },
  });
  const rec: OrderRecord = {
    id,
    ledger,
    intent,
    status: paypalSource ? 'PAYER_ACTION_REQUIRED' : 'CREATED',
    unit: { ...unit, reference_id: referenceId, amount: { ...(unit.amount as Json), currency_code: checked.currency, value: String((unit.amount as Json).value) } },
    createTime: now,
    updateTime: now,
    returnUrl: str(experience, 'return_url'),
    cancelUrl: str(experience, 'cancel_url'),
    payerAction: Boolean(paypalSource),
    funding: 'normal',
    declined: false,
    authorizationIds: [],
    captureIds: [],
  };
  env.orders.set(id, rec);
  return { ok: true, status: 201, json: r.prefer === 'representation' ? orderJson(env, rec) : minimalOrderJson(env, rec), order: ledger };
}

/** Why an order cannot be captured or authorized now, or undefined. */
function notReady(rec: OrderRecord, action: 'capture' | 'authorize'): PaypalFailure | undefined {
  const want = action === 'capture' ? 'CAPTURE' : 'AUTHORIZE';
  if (rec.intent !== want) {
    return PE.unprocessable('ACTION_DOES_NOT_MATCH_INTENT', `Order was created with an intent of '${rec.intent}'. Please use /v2/checkout/orders/order_id:${rec.intent === 'CAPTURE' ? 'capture' : 'authorize'} to complete the transaction or alternately Create an order with an intent of '${want}'.`, { field: '/intent', value: rec.intent, location: 'body' });
  }
  if (rec.status === 'COMPLETED') {
    return action === 'capture'
      ? PE.unprocessable('ORDER_ALREADY_CAPTURED', "Order already captured.If 'intent=CAPTURE' only one capture per order is allowed.")
      : PE.unprocessable('ORDER_ALREADY_AUTHORIZED', "Order already authorized.If 'intent=AUTHORIZE' only one authorization per order is allowed.");
  }
  if (rec.status === 'PAYER_ACTION_REQUIRED') return PE.unprocessable('PAYER_ACTION_REQUIRED', 'Payer needs to perform the following action before proceeding with payment.');
  if (rec.status !== 'APPROVED') {
    return PE.unprocessable(
      'ORDER_NOT_APPROVED',
      "Payer has not yet approved the Order for payment. Please redirect the payer to the 'rel':'approve' url returned as part of the HATEOAS links within the Create Order call or provide a valid payment_source in the request.",
    );
  }
  return undefined;
}

/** The buyer's instrument was declined at capture/authorize time: 422 INSTRUMENT_DECLINED; the buyer may approve again with another funding source. */
function declined(env: PaypalEnv, rec: OrderRecord, now: number): PaypalFailure {
  rec.declined = true;
  setLedger(env, rec, 'failed', rec.status, now);
  return {
    ...PE.unprocessable('INSTRUMENT_DECLINED', "The instrument presented was either declined by the processor or bank, or it can't be used for this payment."),
    note: 'the buyer approved with approve-declined; redirect them back to PayPal (the approve link) to choose another funding source',
  };
}

/** POST /v2/checkout/orders/{id}/capture. */
function captureOrder(r: ApiRequest): ApiResult {
  const { env, now } = r;
  const rec = orderOf(env, r.path.id);
  if (!rec) return { ok: false, failure: PE.notFound('order_id', r.path.id) };
  const order = rec.ledger;
  const refused = notReady(rec, 'capture');
  if (refused) return { ok: false, failure: refused, order };
  if (rec.funding === 'declined') return { ok: false, failure: declined(env, rec, now), order };
  rec.status = 'COMPLETED';
  createCapture(env, rec, order.amount, now, { finalCapture: true, emit: { scenarioId: r.scenarioId } });
  return { ok: true, status: 201, json: r.prefer === 'representation' ? orderJson(env, rec) : minimalOrderJson(env, rec), order };
}

/** POST /v2/checkout/orders/{id}/authorize. */
function authorizeOrder(r: ApiRequest): ApiResult {
  const { env, now } = r;
  const rec = orderOf(env, r.path.id);
  if (!rec) return { ok: false, failure: PE.notFound('order_id', r.path.id) };
  const order = rec.ledger;
  const refused = notReady(rec, 'authorize');
  if (refused) return { ok: false, failure: refused, order };
  if (rec.funding === 'declined') return { ok: false, failure: declined(env, rec, now), order };
  rec.status = 'COMPLETED';
  rec.updateTime = now;
  const auth = { id: newPaypalId(env), orderId: rec.id, status: 'CREATED' as const, amount: order.amount, captured: 0, createTime: now, updateTime: now, expirationTime: now + AUTHORIZATION_TTL_MS };
  env.authorizations.set(auth.id, auth);
  rec.authorizationIds.push(auth.id);
  setLedger(env, rec, undefined, 'CREATED', now);
  emitEvent(env, order, 'PAYMENT.AUTHORIZATION.CREATED', authorizationJson(env, auth), { scenarioId: r.scenarioId });
  return { ok: true, status: 201, json: r.prefer === 'representation' ? orderJson(env, rec) : minimalOrderJson(env, rec), order };
}

const locateOrder = (env: PaypalEnv, path: Record<string, string>) => orderOf(env, path.id)?.ledger;

/** Orders v2 routes. */
export const ORDER_ROUTES: readonly ApiRoute[] = [
  { method: 'POST', path: '/v2/checkout/orders', api: 'paypal.orders.create', idempotency: 'orders', run: createOrder },
  {
    method: 'GET',
    path: '/v2/checkout/orders/{id}',
    api: 'paypal.orders.get',
    locate: locateOrder,
    run: (r) => {
      const rec = orderOf(r.env, r.path.id);
      return rec ? { ok: true, status: 200, json: orderJson(r.env, rec), order: rec.ledger } : { ok: false, failure: PE.notFound('order_id', r.path.id) };
    },
  },
  { method: 'POST', path: '/v2/checkout/orders/{id}/capture', api: 'paypal.orders.capture', idempotency: 'orders', locate: locateOrder, run: captureOrder },
  { method: 'POST', path: '/v2/checkout/orders/{id}/authorize', api: 'paypal.orders.authorize', idempotency: 'orders', locate: locateOrder, run: authorizeOrder },
];
