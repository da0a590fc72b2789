import { randomBytes } from 'node:crypto';
import { signRsa } from '../../crypto/rsa.js';
import type { WechatpayConfig } from './config.js';
import type { WechatpayKeys } from './keys.js';

/** A key WeChat Pay signs with, and the serial it names in `Wechatpay-Serial`. */
export interface SigningKey {
  serial: string;
  privateKeyPem: string;
}

/** The key responses and notifies are signed with: the platform certificate's, or the WeChat Pay public key's (keyMode). */
export function signingKeyFor(config: WechatpayConfig, keys: WechatpayKeys, requested?: string | null): SigningKey {
  const platform = { serial: keys.platformSerialNo, privateKeyPem: keys.platformPrivateKey };
  const publicKey = { serial: keys.publicKeyId, privateKeyPem: keys.publicKeyPrivate };
  // During the migration to public keys, a request's Wechatpay-Serial picks the key of the answer.
  if (requested && requested.toUpperCase() === keys.publicKeyId.toUpperCase()) return publicKey;
  if (requested && requested.toUpperCase() === keys.platformSerialNo) return platform;
  return config.keyMode === 'public-key' ? publicKey : platform;
}

/** The string a response or notify is signed over: `timestamp\nnonce\nbody\n` (an empty body leaves an empty line). */
export function responseSignMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

/** The string a request is signed over: `METHOD\nURL\ntimestamp\nnonce\nbody\n`, URL = path and query. */
export function requestSignMessage(method: string, url: string, timestamp: string, nonce: string, body: string): string {
  return `${method}\n${url}\n${timestamp}\n${nonce}\n${body}\n`;
}

const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A 32-character nonce like WeChat Pay's (upper-case letters and digits). */
export function newNonce(length = 32): string {
  return Array.from(randomBytes(length), (b) => NONCE_ALPHABET[b % NONCE_ALPHABET.length]).join('');
}

/** The four signature headers for a body, with the wall-clock timestamp (shifted back by `staleByMs`). */
export interface SignatureHeaders {
  'Wechatpay-Timestamp': string;
  'Wechatpay-Nonce': string;
  'Wechatpay-Signature': string;
  'Wechatpay-Serial': string;
}

/** Signs `body` the way WeChat Pay signs answers and notifies; `signWith` overrides the private key (another key, for dishonest variants). */
export function signatureHeaders(key: SigningKey, body: string, options: { staleByMs?: number; signWith?: string } = {}): SignatureHeaders {
  // A freshness stamp the merchant compares with its own clock: wall time, never the virtual clock (decision 003).
  const timestamp = String(Math.floor((Date.now() - (options.staleByMs ?? 0)) / 1000));
  const nonce = newNonce();
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': signRsa('RSA-SHA256', responseSignMessage(timestamp, nonce, body), options.signWith ?? key.privateKeyPem),
    'Wechatpay-Serial': key.serial,
  };
}
