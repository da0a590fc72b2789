import type { StripeEnv } from './env.js';
import { invalid, type StripeFailure } from './errors.js';

const MISSING =
  "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.";

const masked = (key: string): string => `${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`;

/** The key a request authenticates with: Bearer, or HTTP Basic with the key as user name (curl -u sk_test_…:). */
export function presentedKey(authorization: string | null): string | undefined {
  if (!authorization) return undefined;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (bearer) return bearer[1];
  const basic = /^Basic\s+(\S+)\s*$/i.exec(authorization);
  if (basic) return Buffer.from(basic[1], 'base64').toString('utf8').split(':')[0] || undefined;
  return undefined;
}

/** Checks the secret key; a refusal (HTTP 401) when it is missing, malformed, unknown or a live key. */
export function authenticate(env: StripeEnv, authorization: string | null): StripeFailure | undefined {
  const key = presentedKey(authorization);
  if (!key) return invalid(401, MISSING, undefined, undefined, false);
  if (key.startsWith('sk_live_') || key.startsWith('rk_live_')) {
    return invalid(
      401,
      `Invalid API Key provided: ${masked(key)}. payprobe refuses LIVE-mode keys: this one may be real, so it must never be sent to a sandbox. Use the sandbox secretKey from the ready line (sk_test_…), and roll this key in the Stripe Dashboard if it was exposed.`,
      undefined,
      undefined,
      false,
    );
  }
  if (key.startsWith('pk_')) return invalid(401, 'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.', undefined, undefined, false);
  if (key !== env.keys.secretKey) {
    return { ...invalid(401, `Invalid API Key provided: ${masked(key)}`, undefined, undefined, false), note: 'use the secretKey from the sandbox ready line' };
  }
  return undefined;
}
