import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { signRsa, verifyRsa } from '../../crypto/rsa.js';

/** The string PayPal signs for a webhook: `transmission_id|transmission_time|webhook_id|crc32(body)`, the CRC32 of the raw body as an unsigned decimal. */
export function webhookSignedMessage(transmissionId: string, transmissionTime: string, webhookId: string, body: string | Buffer): string {
  return `${transmissionId}|${transmissionTime}|${webhookId}|${crc32(body) >>> 0}`;
}

/** PAYPAL-TRANSMISSION-SIG: base64 SHA256withRSA over {@link webhookSignedMessage}. */
export function signWebhook(privateKeyPem: string, transmissionId: string, transmissionTime: string, webhookId: string, body: string): string {
  return signRsa('RSA-SHA256', webhookSignedMessage(transmissionId, transmissionTime, webhookId, body), privateKeyPem);
}

/** Checks a PAYPAL-TRANSMISSION-SIG with the certificate's public key. */
export function verifyWebhook(certificatePem: string, signature: string, transmissionId: string, transmissionTime: string, webhookId: string, body: string): boolean {
  return verifyRsa('RSA-SHA256', webhookSignedMessage(transmissionId, transmissionTime, webhookId, body), signature, certificatePem);
}

/** 256 random bytes, base64: a well-formed signature that matches nothing (the `forged` variant). */
export function forgedSignature(): string {
  return randomBytes(256).toString('base64');
}
