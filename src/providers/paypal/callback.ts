import type { CallbackBuildInput, CallbackMessage } from '../types.js';
import { setPath } from '../../util/set-path.js';
import { apiBase, type Json, type PaypalEnv, type PaypalEvent } from './env.js';
import { makeEvent, resourceFor } from './events.js';
import { forgedSignature, signWebhook } from './signature.js';

/** Where the sandbox serves its webhook signing certificate (PAYPAL-CERT-URL), on its own origin. */
export const certUrl = (env: PaypalEnv): string => `${apiBase(env)}/v1/notifications/certs/${env.keys.certId}`;

/** A transmission id shaped like PayPal's (a UUID), from the sandbox's deterministic ids. */
function transmissionId(env: PaypalEnv): string {
  const h = env.ctx.ledger.ids.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-11${h.slice(14, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Builds one webhook delivery: the event JSON as body and PayPal's PAYPAL-* headers, signed SHA256withRSA over
 * `transmission_id|transmission_time|webhook_id|crc32(body)`. Genuine deliveries carry the stored event
 * (`detail.eventId`); a scenario's `notify` re-sends the resource's latest stored event of that type, or else a new
 * event about the order's current resource; the same one on every attempt of that notification. Every attempt is a new transmission (id, time, signature).
 */
export function buildPaypalCallback(env: PaypalEnv, synthesized: Map<string, PaypalEvent>, input: CallbackBuildInput): CallbackMessage {
  const eventId = typeof input.detail?.eventId === 'string' ? input.detail.eventId : undefined;
  let event = eventId ? env.events.find((e) => e.id === eventId) : undefined;
  if (!event) {
    event = synthesized.get(input.deliveryKey);
    if (!event) {
      const resource = resourceFor(env, input.order, input.event);
      // An event of that type the resource already had is delivered again as it was (same id, the resource as it
      // was then): that is what PayPal's duplicates and late deliveries are. Otherwise a new event.
      const stored = env.events.findLast((e) => e.event_type === input.event && (e.resource as Json | undefined)?.id === resource.id);
      event = stored ?? makeEvent(env, input.event, resource, input.at);
      synthesized.set(input.deliveryKey, event);
      if (!stored) {
        env.events.push(event);
        env.eventOrders.set(event.id, input.order);
      }
    }
  }
  const signed = structuredClone(event) as Json;
  for (const [k, v] of Object.entries(input.variant.override ?? {})) setPath(signed, k, v);
  const body = JSON.stringify(signed);
  const id = transmissionId(env);
  // A transport freshness stamp, like Stripe's t: wall clock at sending, shifted back for the stale variant.
  const time = new Date(Date.now() - (input.variant.staleByMs ?? 0)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'User-Agent': 'PayPal/AUHD-214.0-58012345',
    'PAYPAL-AUTH-ALGO': 'SHA256withRSA',
    'PAYPAL-AUTH-VERSION': 'v2',
    'PAYPAL-CERT-URL': certUrl(env),
    'PAYPAL-TRANSMISSION-ID': id,
    'PAYPAL-TRANSMISSION-TIME': time,
    'CORRELATION-ID': env.ctx.ledger.ids.hex(13),
  };
  switch (input.variant.signer) {
    case 'provider':
      headers['PAYPAL-TRANSMISSION-SIG'] = signWebhook(env.keys.signingKey, id, time, env.keys.webhookId, body);
      break;
    case 'other-key':
      headers['PAYPAL-TRANSMISSION-SIG'] = signWebhook(env.keys.other().privateKeyPem, id, time, env.keys.webhookId, body);
      break;
    case 'forged':
      headers['PAYPAL-TRANSMISSION-SIG'] = forgedSignature();
      break;
    case 'unsigned':
      for (const h of ['PAYPAL-AUTH-ALGO', 'PAYPAL-AUTH-VERSION', 'PAYPAL-CERT-URL', 'PAYPAL-TRANSMISSION-ID', 'PAYPAL-TRANSMISSION-TIME']) delete headers[h];
      break;
  }
  if (input.variant.signer !== 'unsigned') env.transmissions.set(id, { body, time });
  let sent = body;
  if (input.variant.tamper && Object.keys(input.variant.tamper).length) {
    const changed = JSON.parse(body) as Json;
    for (const [k, v] of Object.entries(input.variant.tamper)) setPath(changed, k, v);
    sent = JSON.stringify(changed);
  }
  return { method: 'POST', headers, body: sent };
}

/** PayPal's ack rule: any 2xx status, whatever the body. */
export function isPaypalAck(response: { status: number; body: string }): boolean {
  return response.status >= 200 && response.status < 300;
}
