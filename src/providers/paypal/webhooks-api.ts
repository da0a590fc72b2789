import { isDeepStrictEqual } from 'node:util';
import { http, HttpResponse, type RequestHandler } from 'msw';
import { journaled } from '../../sandbox/exchange.js';
import { str, type ApiRequest, type ApiResult, type ApiRoute } from './api.js';
import { certUrl } from './callback.js';
import type { Json, PaypalEnv } from './env.js';
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

/** Webhook API routes. */
export const WEBHOOK_ROUTES: readonly ApiRoute[] = [{ method: 'POST', path: '/v1/notifications/verify-webhook-signature', api: 'paypal.webhooks.verify', mockable: false, run: verify }];

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
