import { money } from './amount.js';
import { apiBase, isoTime, type AuthorizationRecord, type CaptureRecord, type Json, type OrderRecord, type PaypalEnv, type RefundRecord } from './env.js';

const link = (href: string, rel: string, method: string) => ({ href, rel, method });

/** The URL the buyer is sent to: the sandbox's PayPal checkout page for the order. */
export const buyerUrl = (env: PaypalEnv, orderId: string): string => `${apiBase(env)}/checkoutnow?token=${encodeURIComponent(orderId)}`;

/** The sandbox merchant (payee) every order pays. */
export const payee = (env: PaypalEnv): Json => ({ email_address: 'sb-payprobe-merchant@business.example.com', merchant_id: `PAYPROBE${env.keys.clientId.slice(12, 17).toUpperCase()}` });

/** The sandbox buyer, once an order is approved. */
export const sandboxPayer = (env: PaypalEnv): Json => ({
  name: { given_name: 'John', surname: 'Doe' },
  email_address: 'sb-payprobe-buyer@personal.example.com',
  payer_id: `PAYER${env.ctx.ledger.ids.alnum(8).toUpperCase()}`,
  address: { country_code: 'US' },
});

const fee = (amount: number): number => Math.round(amount * 0.0349) + 49;

/** A capture as GET /v2/payments/captures/{id} answers it. */
export function captureJson(env: PaypalEnv, c: CaptureRecord): Json {
  const order = env.orders.get(c.orderId)!;
  const cur = order.ledger.currency;
  const base = apiBase(env);
  const refundable = c.status === 'COMPLETED' || c.status === 'PARTIALLY_REFUNDED';
  return {
    id: c.id,
    amount: money(c.amount, cur),
    final_capture: c.finalCapture,
    seller_protection: { status: 'ELIGIBLE', dispute_categories: ['ITEM_NOT_RECEIVED', 'UNAUTHORIZED_TRANSACTION'] },
    seller_receivable_breakdown: { gross_amount: money(c.amount, cur), paypal_fee: money(fee(c.amount), cur), net_amount: money(c.amount - fee(c.amount), cur) },
    ...(order.unit.invoice_id ? { invoice_id: order.unit.invoice_id } : {}),
    ...(order.unit.custom_id ? { custom_id: order.unit.custom_id } : {}),
    status: c.status,
    ...(c.reason ? { status_details: { reason: c.reason } } : {}),
    supplementary_data: { related_ids: { order_id: c.orderId, ...(c.authorizationId ? { authorization_id: c.authorizationId } : {}) } },
    create_time: isoTime(c.createTime),
    update_time: isoTime(c.updateTime),
    links: [
      link(`${base}/v2/payments/captures/${c.id}`, 'self', 'GET'),
      ...(refundable ? [link(`${base}/v2/payments/captures/${c.id}/refund`, 'refund', 'POST')] : []),
      c.authorizationId ? link(`${base}/v2/payments/authorizations/${c.authorizationId}`, 'up', 'GET') : link(`${base}/v2/checkout/orders/${c.orderId}`, 'up', 'GET'),
    ],
  };
}

/** An authorization as GET /v2/payments/authorizations/{id} answers it. */
export function authorizationJson(env: PaypalEnv, a: AuthorizationRecord): Json {
  const order = env.orders.get(a.orderId)!;
  const base = apiBase(env);
  const open = a.status === 'CREATED' || a.status === 'PARTIALLY_CAPTURED' || a.status === 'PENDING';
  return {
    id: a.id,
    status: a.status,
    amount: money(a.amount, order.ledger.currency),
    ...(order.unit.invoice_id ? { invoice_id: order.unit.invoice_id } : {}),
    ...(order.unit.custom_id ? { custom_id: order.unit.custom_id } : {}),
    seller_protection: { status: 'ELIGIBLE', dispute_categories: ['ITEM_NOT_RECEIVED', 'UNAUTHORIZED_TRANSACTION'] },
    supplementary_data: { related_ids: { order_id: a.orderId } },
    expiration_time: isoTime(a.expirationTime),
    create_time: isoTime(a.createTime),
    update_time: isoTime(a.updateTime),
    links: [
      link(`${base}/v2/payments/authorizations/${a.id}`, 'self', 'GET'),
      ...(open
        ? [
            link(`${base}/v2/payments/authorizations/${a.id}/capture`, 'capture', 'POST'),
            link(`${base}/v2/payments/authorizations/${a.id}/void`, 'void', 'POST'),
            link(`${base}/v2/payments/authorizations/${a.id}/reauthorize`, 'reauthorize', 'POST'),
          ]
        : []),
      link(`${base}/v2/checkout/orders/${a.orderId}`, 'up', 'GET'),
    ],
  };
}

/** A refund as GET /v2/payments/refunds/{id} answers it. */
export function refundJson(env: PaypalEnv, r: RefundRecord): Json {
  const order = env.orders.get(r.orderId)!;
  const cur = order.ledger.currency;
  const capture = env.captures.get(r.captureId)!;
  const base = apiBase(env);
  const refundedFee = Math.round((fee(capture.amount) * r.amount) / capture.amount);
  return {
    id: r.id,
    amount: money(r.amount, cur),
    seller_payable_breakdown: {
      gross_amount: money(r.amount, cur),
      paypal_fee: money(refundedFee, cur),
      net_amount: money(r.amount - refundedFee, cur),
      total_refunded_amount: money(capture.refunded, cur),
    },
    ...(r.invoiceId ? { invoice_id: r.invoiceId } : {}),
    ...(order.unit.custom_id ? { custom_id: order.unit.custom_id } : {}),
    ...(r.noteToPayer ? { note_to_payer: r.noteToPayer } : {}),
    status: r.status,
    supplementary_data: { related_ids: { order_id: r.orderId } },
    create_time: isoTime(r.createTime),
    update_time: isoTime(r.updateTime),
    links: [link(`${base}/v2/payments/refunds/${r.id}`, 'self', 'GET'), link(`${base}/v2/payments/captures/${r.captureId}`, 'up', 'GET')],
  };
}

/** The order's HATEOAS links for its status. */
function orderLinks(env: PaypalEnv, o: OrderRecord): Json[] {
  const base = `${apiBase(env)}/v2/checkout/orders/${o.id}`;
  const self = link(base, 'self', 'GET');
  const action = o.intent === 'CAPTURE' ? link(`${base}/capture`, 'capture', 'POST') : link(`${base}/authorize`, 'authorize', 'POST');
  switch (o.status) {
    case 'CREATED':
      return [self, link(buyerUrl(env, o.id), o.payerAction ? 'payer-action' : 'approve', 'GET'), link(base, 'update', 'PATCH'), action];
    case 'PAYER_ACTION_REQUIRED':
      return [self, link(buyerUrl(env, o.id), 'payer-action', 'GET')];
    case 'APPROVED':
      return [self, link(base, 'update', 'PATCH'), action];
    default:
      return [self];
  }
}

/** The payment_source once the buyer has approved with their PayPal account. */
const paymentSource = (o: OrderRecord): Json | undefined =>
  o.payer
    ? { paypal: { email_address: o.payer.email_address, account_id: o.payer.payer_id, account_status: 'VERIFIED', name: o.payer.name, address: o.payer.address } }
    : o.payerAction
      ? { paypal: {} }
      : undefined;

/** The payments of the order's purchase unit, if any. */
function payments(env: PaypalEnv, o: OrderRecord): Json | undefined {
  const captures = o.captureIds.map((id) => captureJson(env, env.captures.get(id)!));
  const authorizations = o.authorizationIds.map((id) => authorizationJson(env, env.authorizations.get(id)!));
  if (!captures.length && !authorizations.length) return undefined;
  const refunds = o.captureIds.flatMap((id) => env.captures.get(id)!.refundIds.map((r) => refundJson(env, env.refunds.get(r)!)));
  return { ...(authorizations.length ? { authorizations } : {}), ...(captures.length ? { captures } : {}), ...(refunds.length ? { refunds } : {}) };
}

/** An order as GET /v2/checkout/orders/{id} answers it (the full representation). */
export function orderJson(env: PaypalEnv, o: OrderRecord): Json {
  const p = payments(env, o);
  const source = paymentSource(o);
  return {
    id: o.id,
    intent: o.intent,
    status: o.status,
    ...(source ? { payment_source: source } : {}),
    purchase_units: [{ ...o.unit, payee: payee(env), ...(p ? { payments: p } : {}) }],
    ...(o.payer ? { payer: o.payer } : {}),
    create_time: isoTime(o.createTime),
    ...(o.updateTime !== o.createTime ? { update_time: isoTime(o.updateTime) } : {}),
    links: orderLinks(env, o),
  };
}

/** `Prefer: return=minimal`: id, status and links, plus the payments and payer once there are any (as PayPal's capture answer shows them). */
export function minimalOrderJson(env: PaypalEnv, o: OrderRecord): Json {
  const p = payments(env, o);
  const source = paymentSource(o);
  return {
    id: o.id,
    status: o.status,
    ...(source && (p || o.payerAction) ? { payment_source: source } : {}),
    ...(p ? { purchase_units: [{ reference_id: o.unit.reference_id, payments: p }] } : {}),
    ...(p && o.payer ? { payer: o.payer } : {}),
    links: orderLinks(env, o),
  };
}

/** `Prefer: return=minimal` of a payments resource: id, status, links. */
export const minimalOf = (json: Json): Json => ({ id: json.id, status: json.status, links: json.links });
