import type { LedgerOrder } from '../../sandbox/ledger.js';
import { setPath } from '../../util/set-path.js';
import type { CallbackBuildInput, CallbackMessage } from '../types.js';
import type { StripeEnv, StripeObject } from './env.js';
import { makeEvent, type StripeEvent } from './events.js';
import { forgedV1, otherWebhookSecret, stripeSignatureHeader } from './signature.js';

/** The object an event type is about, for an order: the PaymentIntent, its charge, its latest refund or the Checkout Session. */
function objectFor(env: StripeEnv, order: LedgerOrder, type: string): StripeObject | undefined {
  const get = (id: unknown) => (typeof id === 'string' ? env.objects.get(id)?.object : undefined);
  const session = get(order.data.session);
  const pi = get(order.data.pi) ?? get(session?.payment_intent);
  if (type.startsWith('checkout.session.')) return session;
  if (type.startsWith('payment_intent.')) return pi;
  if (type.startsWith('charge.')) return get(pi?.latest_charge);
  if (type.startsWith('refund.')) return get(order.refunds[order.refunds.length - 1]?.id);
  return undefined;
}

/**
 * Builds one webhook delivery: the Event JSON as body, `Stripe-Signature: t=<wall-clock unix>,v1=<hex>`.
 * Genuine deliveries carry the stored event (`detail.eventId`); a scenario's `notify` of an event type re-sends
 * the order's latest stored event of that type, or else a new event about the order's current object; the same
 * one on every attempt of that notification.
 */
export function buildStripeCallback(env: StripeEnv, synthesized: Map<string, StripeEvent>, input: CallbackBuildInput): CallbackMessage {
  const eventId = typeof input.detail?.eventId === 'string' ? input.detail.eventId : undefined;
  let event = eventId ? env.events.find((e) => e.id === eventId) : undefined;
  if (!event) {
    event = synthesized.get(input.deliveryKey);
    if (!event) {
      const object = objectFor(env, input.order, input.event) ?? { id: input.order.providerOrderId, object: input.event.split('.')[0] };
      // An event of that type the order already had is delivered again as it was (its id and its snapshot of the
      // object then): duplicates and out-of-order deliveries are what Stripe really sends. Otherwise a new event.
      const stored = env.events.findLast((e) => e.type === input.event && e.data.object.id === object.id);
      event = stored ?? makeEvent(env, input.event, object, input.at, { scenarioId: input.order.scenarioId });
      synthesized.set(input.deliveryKey, event);
      if (!stored) env.events.push(event);
    }
  }
  const signed = structuredClone(event) as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(input.variant.override ?? {})) setPath(signed, k, v);
  const body = JSON.stringify(signed, null, 2);
  // The signature's t is a transport freshness stamp: wall clock at sending time (decision 003).
  const t = Math.floor((Date.now() - (input.variant.staleByMs ?? 0)) / 1000);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
    Accept: '*/*; q=0.5, application/xml',
  };
  switch (input.variant.signer) {
    case 'provider':
      headers['Stripe-Signature'] = stripeSignatureHeader(env.keys.webhookSecret, t, body);
      break;
    case 'other-key':
      headers['Stripe-Signature'] = stripeSignatureHeader(otherWebhookSecret(), t, body);
      break;
    case 'forged':
      headers['Stripe-Signature'] = `t=${t},v1=${forgedV1()}`;
      break;
    case 'unsigned':
      break;
  }
  let sent = body;
  if (input.variant.tamper && Object.keys(input.variant.tamper).length) {
    const changed = JSON.parse(body) as Record<string, unknown>;
    for (const [k, v] of Object.entries(input.variant.tamper)) setPath(changed, k, v);
    sent = JSON.stringify(changed, null, 2);
  }
  return { method: 'POST', headers, body: sent };
}

/** Stripe's ack rule: any 2xx status, whatever the body. */
export function isStripeAck(response: { status: number; body: string }): boolean {
  return response.status >= 200 && response.status < 300;
}
