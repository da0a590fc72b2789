import { HttpResponse } from 'msw';
import type { ExchangeCall } from '../../sandbox/exchange.js';
import type { WechatpayFailure } from './codes.js';
import type { WechatpayEnv } from './env.js';
import { newNonce, signatureHeaders, signingKeyFor } from './signing.js';

/**
 * Answers a call signed as API v3 answers are: Wechatpay-Timestamp/Nonce/Signature/Serial over the exact
 * body bytes (an empty 204 body too) plus Request-ID. The key follows keyMode (or the request's
 * Wechatpay-Serial); the `bad-signature` fault signs with a key that is not WeChat Pay's.
 */
export function signedAnswer(env: WechatpayEnv, call: ExchangeCall, status: number, value?: unknown): Response {
  const body = value === undefined ? '' : JSON.stringify(value);
  const key = signingKeyFor(env.config, env.keys, call.request.headers.get('wechatpay-serial'));
  const forged = call.fault?.kind === 'bad-signature';
  const headers: Record<string, string> = {
    ...signatureHeaders(key, body, { signWith: forged ? env.keys.other().privateKeyPem : undefined }),
    'Request-ID': `${newNonce(40)}-0`,
  };
  if (status === 204) return new HttpResponse(null, { status, headers });
  return HttpResponse.text(body, { status, headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' } });
}

/** Answers a refusal: the status and `{code, message, detail?}`, signed, and marks the call refused in the journal. */
export function refusal(env: WechatpayEnv, call: ExchangeCall, f: WechatpayFailure): Response {
  call.refuse(f.code, f.note ? `${f.message} (payprobe: ${f.note})` : f.message);
  return signedAnswer(env, call, f.status, f.detail ? { code: f.code, message: f.message, detail: f.detail } : { code: f.code, message: f.message });
}
