import { isDeepStrictEqual } from 'node:util';
import { http, HttpResponse, type RequestHandler } from 'msw';
import { journaled } from '../../sandbox/exchange.js';
import { str, type ApiRequest, type ApiResult, type ApiRoute } from './api.js';
import { certUrl } from './callback.js';
import type { Json, PaypalEnv, PaypalEvent } from './env.js';
import { PE, type PaypalFailure } from './errors.js';
import { verifyWebhook } from './signature.js';

const REQUIRED = ['auth_algo', 'cert_url', 'transmission_id', 'transmission_sig', 'transmission_time', 'webhook_id', 'webhook_event'] as const;

/**
 * Why a postback does not verify, or undefined when it does. As PayPal does, the signature is checked over what
 * the sandbox actually signed for that transmission (so a merchant that re-serializes the event differently
 * still verifies), and the event it posts back must be that event.
 */
export function verificationProblem(env: PaypalEnv, body: Json): string | undefined {
  if (body.auth_algo !== 'SHA256withRSA') return `auth_algo is ${String(body.auth_algo)}, not SHA256withRSA`;
  if (body.webhook_id !== env.keys.webhookId) return 'webhook_id is not the sandbox webhookId';
  if (body.cert_url !== certUrl(env)) return 'cert_url is not the sandbox certificate URL';
  const id = String(body.transmission_id);
  const time = String(body.transmission_time);
  const sent = env.transmissions.get(id);
  const event = body.webhook_event;
  let signedBody: string;
  if (sent) {
    if (!isDeepStrictEqual(JSON.parse(sent.body), event)) return 'webhook_event differs from the event signed in this transmission';
    signedBody = sent.body;
  } else signedBody = JSON.stringify(event);
  if (!verifyWebhook(env.keys.signingCertificate, String(body.transmission_sig), id, time, env.keys.webhookId, signedBody)) return 'transmission_sig does not verify with the sandbox certificate';
  return undefined;
}

/** POST /v1/notifications/verify-webhook-signature: SUCCESS or FAILURE, by actually verifying. */
function verify(r: ApiRequest): ApiResult {
  const absent = REQUIRED.filter((k) => r.body[k] === undefined || r.body[k] === '');
  if (absent.length) {
    const f: PaypalFailure = {
      status: 400,
      name: 'VALIDATION_ERROR',
      message: 'Invalid request - see details',
      details: absent.map((k) => ({ field: k, location: 'body', issue: 'MISSING_REQUIRED_PARAMETER', description: 'A required field / parameter is missing.' })),
      stored: false,
    };
    return { ok: false, failure: f };
  }
  if (typeof r.body.webhook_event !== 'object' || r.body.webhook_event === null) return { ok: false, failure: PE.invalid('INVALID_PARAMETER_SYNTAX', 'webhook_event must be the parsed event object.', { field: 'webhook_event' }) };
  const problem = verificationProblem(r.env, r.body);
  const requestId = r.call.request.headers.get('paypal-request-id') ?? undefined;
  r.call.identify({ fields: { transmission_id: str(r.body, 'transmission_id'), webhook_id: str(r.body, 'webhook_id'), verification_status: problem ? 'FAILURE' : 'SUCCESS', ...(problem ? { reason: problem } : {}), requestId } });
  return { ok: true, status: 200, json: { verification_status: problem ? 'FAILURE' : 'SUCCESS' } };
}

const eventOf = (r: ApiRequest): PaypalEvent | undefined => r.env.events.find((e) => e.id === r.path.event);
const noEvent = (r: ApiRequest): ApiResult => ({ ok: false, failure: PE.notFound('event_id', r.path.event, 'The specified webhook event ID does not exist.') });

/** GET /v1/notifications/webhooks-events: the account's events, newest first (`page_size` 1..300, default 10; `event_type`). */
function listEvents(r: ApiRequest): ApiResult {
  const q = r.call.url.searchParams;
  const size = Number(q.get('page_size') ?? '10');
  if (!Number.isInteger(size) || size < 1 || size > 300) return { ok: false, failure: PE.invalid('INVALID_PARAMETER_VALUE', 'page_size must be between 1 and 300.', { field: 'page_size', location: 'query' }) };
  const type = q.get('event_type');
  const events = [...r.env.events].reverse().filter((e) => !type || e.event_type === type).slice(0, size);
  return { ok: true, status: 200, json: { events, count: events.length, links: [{ href: `${r.call.url.origin}${r.call.url.pathname}`, rel: 'self', method: 'GET' }] } };
}

/** POST /v1/notifications/webhooks-events/{event}/resend: the same event (same id, same resource) delivered again to the listener. */
function resendEvent(r: ApiRequest): ApiResult {
  const event = eventOf(r);
  const order = event && r.env.eventOrders.get(event.id);
  if (!event || !order) return noEvent(r);
  const ids = r.body.webhook_ids;
  if (ids !== undefined && (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string'))) return { ok: false, failure: PE.invalid('INVALID_PARAMETER_SYNTAX', 'webhook_ids must be an array of webhook ids.', { field: 'webhook_ids' }) };
  const url = order.notifyUrl ?? r.env.ctx.defaultCallbackUrl();
  // Only to the sandbox's one webhook: a list that does not name it resends nothing.
  if (url && (ids === undefined || (ids as string[]).includes(r.env.keys.webhookId))) {
    void r.env.ctx.deliverGenuine(order, event.event_type, { url, scenarioId: r.scenarioId ?? order.scenarioId, detail: { eventId: event.id } });
  }
  return { ok: true, status: 202, json: event, order };
}

/** Webhook API routes. */
export const WEBHOOK_ROUTES: readonly ApiRoute[] = [
  { method: 'POST', path: '/v1/notifications/verify-webhook-signature', api: 'paypal.webhooks.verify', mockable: false, run: verify },
  { method: 'GET', path: '/v1/notifications/webhooks-events', api: 'paypal.webhooks.events.list', mockable: false, run: listEvents },
  { method: 'GET', path: '/v1/notifications/webhooks-events/{event}', api: 'paypal.webhooks.events.get', mockable: false, run: (r) => { const e = eventOf(r); return e ? { ok: true, status: 200, json: e } : noEvent(r); } },
  { method: 'POST', path: '/v1/notifications/webhooks-events/{event}/resend', api: 'paypal.webhooks.events.resend', mockable: false, run: resendEvent },
];

/** GET /v1/notifications/certs/{certId}: the sandbox's signing certificate (PEM), public like PayPal's. */
export function certHandler(env: PaypalEnv, origin: string): RequestHandler {
  return http.get(
    `${origin}/v1/notifications/certs/:certId`,
    journaled(env.deps, async (call) => {
      const id = call.url.pathname.split('/').pop() ?? '';
      call.identify({ api: 'paypal.webhooks.cert', fields: { certId: id, requestId: call.request.headers.get('paypal-request-id') ?? undefined } });
      if (id !== env.keys.certId) {
        call.refuse('RESOURCE_NOT_FOUND', `no certificate ${id}; PAYPAL-CERT-URL names ${env.keys.certId}`);
        return HttpResponse.json({ name: 'RESOURCE_NOT_FOUND', message: 'The specified resource does not exist.' }, { status: 404 });
      }
      return HttpResponse.text(env.keys.signingCertificate, { headers: { 'Content-Type': 'application/x-pem-file' } });
    }),
  );
}
