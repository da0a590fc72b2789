import { createHmac, randomBytes } from 'node:crypto';

/** Stripe's v1 webhook signature: hex HMAC-SHA256 keyed with the whole `whsec_…` string over `${t}.${body}`. */
export function signV1(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The `Stripe-Signature` header value: `t=<unix seconds>,v1=<hex>`. */
export function stripeSignatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signV1(secret, timestamp, body)}`;
}

/** A signing secret that is not the endpoint's (the `other-key` variant). */
export function otherWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

/** 64 random hex digits: a well-formed v1 that matches nothing (the `forged` variant). */
export function forgedV1(): string {
  return randomBytes(32).toString('hex');
}
