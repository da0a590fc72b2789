import { HttpResponse } from 'msw';
import type { ExchangeCall } from '../../sandbox/exchange.js';
import type { PaypalEnv } from './env.js';
import type { PaypalFailure } from './errors.js';

/** A new debug id, as PayPal puts in `Paypal-Debug-Id` and error bodies (13 hex digits). */
export function newDebugId(env: PaypalEnv): string {
  return env.ctx.ledger.ids.hex(13);
}

/** A JSON answer with PayPal's headers; an empty body for 204. */
export function paypalJson(debugId: string, status: number, body: string, extra: Record<string, string> = {}): Response {
  const headers = { 'Paypal-Debug-Id': debugId, ...(status === 204 ? {} : { 'Content-Type': 'application/json' }), ...extra };
  return status === 204 ? new HttpResponse(null, { status, headers }) : HttpResponse.text(body, { status, headers });
}

/** The body of an error answer: name, message, debug_id, details, links (information_link), or the OAuth shape. */
export function errorBody(f: PaypalFailure, debugId: string): string {
  if (f.oauth) return JSON.stringify(f.oauth);
  const issue = f.details?.[0]?.issue;
  const link = issue ? `https://developer.paypal.com/api/rest/reference/orders/v2/errors/#${issue}` : `https://developer.paypal.com/api/rest/responses/#http-status-codes`;
  return JSON.stringify({
    name: f.name,
    ...(f.details ? { details: f.details } : {}),
    message: f.message,
    debug_id: debugId,
    links: [{ href: link, rel: 'information_link', method: 'GET' }],
  });
}

/** Answers a refusal and marks the call refused in the journal. */
export function paypalRefusal(call: ExchangeCall, f: PaypalFailure, debugId: string): Response {
  const code = f.oauth?.error ?? f.details?.[0]?.issue ?? f.name;
  const message = f.oauth?.error_description ?? f.details?.[0]?.description ?? f.message;
  call.refuse(code, f.note ? `${message} (payprobe: ${f.note})` : message);
  return paypalJson(debugId, f.status, errorBody(f, debugId), f.headers);
}
