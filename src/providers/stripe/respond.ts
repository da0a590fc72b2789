import { HttpResponse } from 'msw';
import type { ExchangeCall } from '../../sandbox/exchange.js';
import { DEFAULT_API_VERSION, unix, type StripeEnv } from './env.js';
import type { StripeFailure } from './errors.js';

/** A new `req_…` id for the Request-Id header. */
export function newRequestId(env: StripeEnv): string {
  return `req_${env.ctx.ledger.ids.alnum(14)}`;
}

/** Headers every answer carries: Request-Id, Stripe-Version (echoed, or the SDK default). */
export function baseHeaders(call: ExchangeCall, requestId: string): Record<string, string> {
  return { 'Request-Id': requestId, 'Stripe-Version': call.request.headers.get('stripe-version') ?? DEFAULT_API_VERSION, 'Cache-Control': 'no-cache, no-store' };
}

/** A JSON answer as Stripe writes it (pretty-printed), with the base headers and any extra. */
export function stripeJson(call: ExchangeCall, requestId: string, status: number, body: string, extra: Record<string, string> = {}): Response {
  return HttpResponse.text(body, { status, headers: { ...baseHeaders(call, requestId), 'Content-Type': 'application/json', ...extra } });
}

/** The body of an error answer: `{error: {...}}` with request_log_url as Stripe adds it. */
export function errorBody(f: StripeFailure, requestId: string, now: number): string {
  return JSON.stringify({ error: { ...f.error, request_log_url: `https://dashboard.stripe.com/test/logs/${requestId}?t=${unix(now)}` } }, null, 2);
}

/** Answers a refusal and marks the call refused in the journal. */
export function stripeRefusal(call: ExchangeCall, f: StripeFailure, requestId: string, now: number): Response {
  call.refuse(f.error.code ?? f.error.type, f.note ? `${f.error.message} (payprobe: ${f.note})` : f.error.message);
  return stripeJson(call, requestId, f.status, errorBody(f, requestId, now));
}
