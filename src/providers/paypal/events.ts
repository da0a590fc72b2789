import type { CallbackEntry } from '../../sandbox/journal.js';
import type { LedgerOrder } from '../../sandbox/ledger.js';
import type { BuyerNotifyOptions } from '../types.js';
import { money } from './amount.js';
import { apiBase, isoTime, newPaypalId, type Json, type PaypalEnv, type PaypalEvent } from './env.js';
import { authorizationJson, captureJson, orderJson, refundJson } from './objects.js';

/** Event types the sandbox emits, and a scenario may send with `notify`. */
export const PAYPAL_EVENTS = [
  'CHECKOUT.ORDER.APPROVED',
  'CHECKOUT.ORDER.COMPLETED',
  'PAYMENT.AUTHORIZATION.CREATED',
  'PAYMENT.AUTHORIZATION.VOIDED',
  'PAYMENT.CAPTURE.COMPLETED',
  'PAYMENT.CAPTURE.PENDING',
  'PAYMENT.CAPTURE.DENIED',
  'PAYMENT.CAPTURE.DECLINED',
  'PAYMENT.CAPTURE.REFUNDED',
] as const;

const SUMMARIES: Record<string, string> = {
  'CHECKOUT.ORDER.APPROVED': 'An order has been approved by buyer',
  'CHECKOUT.ORDER.COMPLETED': 'Checkout Order Completed',
  'PAYMENT.AUTHORIZATION.CREATED': 'Payment authorization created',
  'PAYMENT.AUTHORIZATION.VOIDED': 'A payment authorization was voided',
  'PAYMENT.CAPTURE.COMPLETED': 'Payment completed',
  'PAYMENT.CAPTURE.PENDING': 'Payment pending',
  'PAYMENT.CAPTURE.DENIED': 'A payment capture was denied',
  'PAYMENT.CAPTURE.DECLINED': 'A payment capture was declined',
  'PAYMENT.CAPTURE.REFUNDED': 'A capture payment was refunded',
};

/** The `resource_type` of an event type. */
export function resourceTypeOf(type: string): string {
  if (type.startsWith('CHECKOUT.ORDER.')) return 'checkout-order';
  if (type.startsWith('PAYMENT.AUTHORIZATION.')) return 'authorization';
  if (type === 'PAYMENT.CAPTURE.REFUNDED') return 'refund';
  return 'capture';
}

/** Makes an event (without sending it): `resource` is a snapshot now. */
export function makeEvent(env: PaypalEnv, type: string, resource: Json, at: number): PaypalEvent {
  const id = `WH-${newPaypalId(env)}-${newPaypalId(env)}`;
  const base = apiBase(env);
  return {
    id,
    event_version: '1.0',
    create_time: new Date(at).toISOString(),
    resource_type: resourceTypeOf(type),
    resource_version: '2.0',
    event_type: type,
    summary: SUMMARIES[type] ?? type,
    resource: structuredClone(resource),
    links: [
      { href: `${base}/v1/notifications/webhooks-events/${id}`, rel: 'self', method: 'GET' },
      { href: `${base}/v1/notifications/webhooks-events/${id}/resend`, rel: 'resend', method: 'POST' },
    ],
  };
}

const CAPTURE_STATUS: Record<string, string> = {
  'PAYMENT.CAPTURE.COMPLETED': 'COMPLETED',
  'PAYMENT.CAPTURE.PENDING': 'PENDING',
  'PAYMENT.CAPTURE.DENIED': 'DECLINED',
  'PAYMENT.CAPTURE.DECLINED': 'DECLINED',
};

/**
 * The resource an event type is about, for an order: the order, its latest authorization, capture or refund.
 * When the order has none yet (a scenario's notify ahead of the facts), a capture or authorization of the
 * order's amount is made up for the message only.
 */
export function resourceFor(env: PaypalEnv, order: LedgerOrder, type: string): Json {
  const rec = env.orders.get(order.providerOrderId);
  if (!rec) return { id: order.providerOrderId };
  const now = env.clock(order.scenarioId).now();
  if (type.startsWith('CHECKOUT.ORDER.')) return orderJson(env, rec);
  if (type.startsWith('PAYMENT.AUTHORIZATION.')) {
    const a = env.authorizations.get(rec.authorizationIds[rec.authorizationIds.length - 1] ?? '');
    if (a) return authorizationJson(env, a);
    return {
      id: `AUTH-${rec.id}`,
      status: type.endsWith('VOIDED') ? 'VOIDED' : 'CREATED',
      amount: money(order.amount, order.currency),
      supplementary_data: { related_ids: { order_id: rec.id } },
      create_time: isoTime(now),
      update_time: isoTime(now),
    };
  }
  const captures = rec.captureIds.map((id) => env.captures.get(id)!);
  if (type === 'PAYMENT.CAPTURE.REFUNDED') {
    const refundId = captures.flatMap((c) => c.refundIds).pop();
    if (refundId) return refundJson(env, env.refunds.get(refundId)!);
  }
  const last = captures[captures.length - 1];
  if (last) return captureJson(env, last);
  return {
    id: `CAP-${rec.id}`,
    amount: money(order.amount, order.currency),
    final_capture: true,
    status: CAPTURE_STATUS[type] ?? 'COMPLETED',
    ...(rec.unit.invoice_id ? { invoice_id: rec.unit.invoice_id } : {}),
    ...(rec.unit.custom_id ? { custom_id: rec.unit.custom_id } : {}),
    supplementary_data: { related_ids: { order_id: rec.id } },
    create_time: isoTime(now),
    update_time: isoTime(now),
  };
}

/** How a buyer's notify options shape a delivery. */
export interface EmitOptions {
  scenarioId?: string;
  notify?: BuyerNotifyOptions;
}

/**
 * Records an event and sends it to the merchant's webhook endpoint (the config's callback URL) with retries.
 * Returns the delivery, or undefined when there is no endpoint or the buyer asked for none.
 */
export function emitEvent(env: PaypalEnv, order: LedgerOrder, type: string, resource: Json, options: EmitOptions = {}): Promise<CallbackEntry> | undefined {
  const scenarioId = options.scenarioId ?? order.scenarioId;
  const event = makeEvent(env, type, resource, env.clock(scenarioId).now());
  env.events.push(event);
  env.eventOrders.set(event.id, order);
  const url = order.notifyUrl ?? env.ctx.defaultCallbackUrl();
  const mode = options.notify?.mode ?? 'deliver';
  if (!url || mode === 'none') return undefined;
  return env.ctx.deliverGenuine(order, type, { url, scenarioId, lose: mode === 'lost' ? 'all' : undefined, dropAcks: options.notify?.dropAcks, detail: { eventId: event.id } });
}
