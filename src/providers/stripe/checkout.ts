import { CONTROL_PREFIX } from '../../sandbox/control-api.js';
import type { LedgerOrder } from '../../sandbox/ledger.js';
import { hash, int, mergeMetadata, str, type ApiRequest, type ApiResult, type ApiRoute } from './api.js';
import { PROVIDER_ID, remember, unix, type StripeEnv, type StripeObject } from './env.js';
import { invalid, SE, type StripeFailure } from './errors.js';
import { emitAll } from './events.js';
import type { FormValue } from './form.js';
import type { EventList } from './payment-intent.js';

const DAY_S = 86_400;

/** The Checkout Session of an order, if the order is one. */
export function sessionOf(env: StripeEnv, order: LedgerOrder): StripeObject | undefined {
  return typeof order.data.session === 'string' ? env.objects.get(order.data.session)?.object : undefined;
}

/** Line items from `line_items[i][price_data][...]`, `[quantity]`; a problem as a failure. */
function lineItems(params: Record<string, FormValue>, currencyDefault: string): { items: StripeObject[]; total: number; currency: string } | StripeFailure {
  const raw = params.line_items;
  if (!Array.isArray(raw) || raw.length === 0) return invalid(400, 'You must provide at least one line item in payment mode.', 'parameter_missing', 'line_items', false);
  let currency: string | undefined;
  let total = 0;
  const items: StripeObject[] = [];
  for (const [i, entry] of raw.entries()) {
    const item = typeof entry === 'object' && !Array.isArray(entry) ? entry : {};
    if (str(item, 'price')) return SE.noSuch('price', str(item, 'price')!, `line_items[${i}][price]`);
    const priceData = hash(item, 'price_data');
    if (!priceData) return invalid(400, `You must specify either \`price\` or \`price_data\` in line_items[${i}].`, 'parameter_missing', `line_items[${i}][price_data]`, false);
    const unit = int(priceData, 'unit_amount');
    if (typeof unit === 'object') return { ...unit, error: { ...unit.error, param: `line_items[${i}][price_data][unit_amount]` } };
    if (unit === undefined) return SE.missingParam(`line_items[${i}][price_data][unit_amount]`);
    const quantity = int(item, 'quantity');
    if (typeof quantity === 'object') return quantity;
    if (quantity === undefined) return SE.missingParam(`line_items[${i}][quantity]`);
    const c = str(priceData, 'currency')?.toLowerCase();
    if (!c) return SE.missingParam(`line_items[${i}][price_data][currency]`);
    if (currency && c !== currency) return invalid(400, 'All line items must use the same currency.', undefined, `line_items[${i}][price_data][currency]`, false);
    currency = c;
    const name = str(hash(priceData, 'product_data'), 'name');
    if (!name && !str(priceData, 'product')) return SE.missingParam(`line_items[${i}][price_data][product_data][name]`);
    total += unit * quantity;
    items.push({ id: `li_${i}`, object: 'item', amount_total: unit * quantity, currency: c, description: name ?? null, quantity, price: { unit_amount: unit, currency: c } });
  }
  return { items, total, currency: currency ?? currencyDefault };
}

function create(r: ApiRequest): ApiResult {
  const { env, params, now } = r;
  const mode = str(params, 'mode');
  if (!mode) return { ok: false, failure: SE.missingParam('mode') };
  if (mode !== 'payment') return { ok: false, failure: invalid(400, `payprobe's Stripe sandbox supports Checkout in payment mode only, not ${mode}.`, undefined, 'mode', false) };
  const ui = str(params, 'ui_mode') ?? 'hosted';
  if (ui === 'hosted' && !str(params, 'success_url')) return { ok: false, failure: SE.missingParam('success_url') };
  const lines = lineItems(params, env.config.currency);
  if ('error' in lines) return { ok: false, failure: lines };
  const expiresParam = int(params, 'expires_at');
  if (typeof expiresParam === 'object') return { ok: false, failure: expiresParam };
  const created = unix(now);
  if (expiresParam !== undefined && (expiresParam < created + 1800 || expiresParam > created + DAY_S)) {
    return { ok: false, failure: invalid(400, 'The `expires_at` timestamp must be less than 24 hours and at least 30 minutes from Checkout Session creation.', undefined, 'expires_at', false) };
  }
  const id = `cs_test_${env.ctx.ledger.ids.alnum(58)}`;
  const metadata = mergeMetadata({}, hash(params, 'metadata'));
  const session: StripeObject = {
    id,
    object: 'checkout.session',
    amount_subtotal: lines.total,
    amount_total: lines.total,
    cancel_url: str(params, 'cancel_url') ?? null,
    client_reference_id: str(params, 'client_reference_id') ?? null,
    created,
    currency: lines.currency,
    customer: null,
    customer_details: null,
    customer_email: str(params, 'customer_email') ?? null,
    expires_at: expiresParam ?? created + DAY_S,
    livemode: false,
    metadata,
    mode,
    payment_intent: null,
    payment_method_types: Array.isArray(params.payment_method_types) ? params.payment_method_types : ['card'],
    payment_status: 'unpaid',
    status: 'open',
    success_url: str(params, 'success_url') ?? null,
    ui_mode: ui,
    url: `${env.ctx.baseUrl()}${CONTROL_PREFIX}/cashier/${id}`,
  };
  const order = env.ctx.ledger.createOrder({
    provider: PROVIDER_ID,
    merchantOrderId: str(params, 'client_reference_id') ?? metadata.order_id ?? id,
    providerOrderId: id,
    amount: lines.total,
    currency: lines.currency.toUpperCase(),
    providerState: 'open',
    at: now,
    scenarioId: r.scenarioId,
    // payment_intent_data: what the PaymentIntent the session creates on payment carries (metadata, description).
    data: { session: id, lineItems: lines.items, intentData: { metadata: mergeMetadata({}, hash(hash(params, 'payment_intent_data'), 'metadata')), description: str(hash(params, 'payment_intent_data'), 'description') } },
  });
  remember(env, session, order);
  scheduleExpiry(env, order, session);
  return { ok: true, json: session, order };
}

/** Expires an open session: status expired, url null, checkout.session.expired. */
export function expireSession(env: StripeEnv, order: LedgerOrder, now: number): EventList {
  const session = sessionOf(env, order)!;
  Object.assign(session, { status: 'expired', url: null });
  env.timers.get(`expire:${session.id}`)?.cancel();
  env.timers.delete(`expire:${session.id}`);
  env.ctx.ledger.transition(order, 'closed', { providerState: 'expired', at: now });
  return [['checkout.session.expired', session]];
}

/** Expires the session at its expires_at on the scenario's clock. */
function scheduleExpiry(env: StripeEnv, order: LedgerOrder, session: StripeObject): void {
  const clock = env.clock(order.scenarioId);
  env.timers.set(
    `expire:${session.id}`,
    clock.schedule((session.expires_at as number) * 1000, `stripe checkout ${session.id} expires`, () => {
      if (session.status === 'open') emitAll(env, order, expireSession(env, order, clock.now()), { scenarioId: order.scenarioId });
    }),
  );
}

const locate = (env: StripeEnv, path: Record<string, string>) => (env.objects.get(path.session)?.object.object === 'checkout.session' ? env.objects.get(path.session)!.order : undefined);
const missing = (r: ApiRequest): ApiResult => ({ ok: false, failure: SE.noSuch('checkout.session', r.path.session, 'session') });

/** Checkout Sessions: create, retrieve, expire. */
export const CHECKOUT_ROUTES: readonly ApiRoute[] = [
  {
    method: 'POST',
    path: '/v1/checkout/sessions',
    api: 'stripe.checkout.sessions.create',
    accepts: ['mode', 'line_items', 'success_url', 'cancel_url', 'client_reference_id', 'metadata', 'customer_email', 'customer', 'expires_at', 'payment_method_types', 'ui_mode', 'return_url', 'payment_intent_data', 'locale', 'submit_type', 'billing_address_collection', 'allow_promotion_codes'],
    run: create,
  },
  { method: 'GET', path: '/v1/checkout/sessions/{session}', api: 'stripe.checkout.sessions.retrieve', accepts: [], locate, run: (r) => (r.order ? { ok: true, json: sessionOf(r.env, r.order)!, order: r.order } : missing(r)) },
  {
    method: 'POST',
    path: '/v1/checkout/sessions/{session}/expire',
    api: 'stripe.checkout.sessions.expire',
    accepts: [],
    locate,
    run(r) {
      if (!r.order) return missing(r);
      const session = sessionOf(r.env, r.order)!;
      if (session.status !== 'open') return { ok: false, failure: invalid(400, `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${String(session.status)}".`), order: r.order };
      emitAll(r.env, r.order, expireSession(r.env, r.order, r.now), { requestId: r.requestId, idempotencyKey: r.idempotencyKey, scenarioId: r.scenarioId });
      return { ok: true, json: session, order: r.order };
    },
  },
];
