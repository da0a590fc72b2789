import { http, type RequestHandler } from 'msw';
import { journaled } from '../../sandbox/exchange.js';
import { routeHandler, type ApiRoute } from './api.js';
import { tokenHandler } from './auth.js';
import type { PaypalEnv } from './env.js';
import { fail } from './errors.js';
import { ORDER_ROUTES } from './orders.js';
import { PAYMENT_ROUTES } from './payments.js';
import { newDebugId, paypalRefusal } from './respond.js';
import { certHandler, WEBHOOK_ROUTES } from './webhooks-api.js';

/** Every REST route the sandbox serves (besides the token and certificate endpoints), most frequent first. */
export const ROUTES: readonly ApiRoute[] = [...ORDER_ROUTES, ...PAYMENT_ROUTES, ...WEBHOOK_ROUTES];

/** The journaled API names: the token endpoint, the REST routes, the certificate download. */
export const API_NAMES: readonly string[] = ['paypal.oauth.token', ...ROUTES.map((r) => r.api), 'paypal.webhooks.cert'];

/** Catches every other path: journaled as unhandled, answered with PayPal's 404 RESOURCE_NOT_FOUND. */
function unhandledHandler(env: PaypalEnv, origin: string): RequestHandler {
  const known = ['POST /v1/oauth2/token', ...ROUTES.map((r) => `${r.method} ${r.path}`), 'GET /v1/notifications/certs/{certId}', 'GET|POST /checkoutnow?token=…', 'GET|POST /_payprobe/...'];
  return http.all(
    `${origin}/*`,
    journaled(env.deps, async (call) => {
      call.unhandled();
      call.identify({ fields: { requestId: call.request.headers.get('paypal-request-id') ?? undefined } });
      const f = fail('RESOURCE_NOT_FOUND', [{ issue: 'INVALID_URI', description: 'The URI requested is invalid.' }]);
      f.note = `no route for ${call.request.method} ${call.url.pathname}; the sandbox serves ${known.join(', ')}`;
      return paypalRefusal(call, f, newDebugId(env));
    }),
  );
}

/** The MSW handlers: token, REST routes, certificate, `extra` (the checkout page), then the catch-all. */
export function paypalHandlers(env: PaypalEnv, origin: string, extra: RequestHandler[] = []): RequestHandler[] {
  return [tokenHandler(env, origin), ...ROUTES.map((route) => routeHandler(env, origin, route)), certHandler(env, origin), ...extra, unhandledHandler(env, origin)];
}
