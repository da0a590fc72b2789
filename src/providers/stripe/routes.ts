import { http, type RequestHandler } from 'msw';
import { journaled } from '../../sandbox/exchange.js';
import { routeHandler, type ApiRoute } from './api.js';
import { CHECKOUT_ROUTES } from './checkout.js';
import type { StripeEnv } from './env.js';
import { invalid } from './errors.js';
import { EVENT_ROUTES } from './events-api.js';
import { PAYMENT_INTENT_ROUTES } from './payment-intent-routes.js';
import { PAYMENT_PAGE_ROUTES } from './payment-pages.js';
import { REFUND_ROUTES } from './refunds.js';
import { newRequestId, stripeRefusal } from './respond.js';

/** Every /v1 route the sandbox serves, most frequent first. */
export const ROUTES: readonly ApiRoute[] = [...PAYMENT_INTENT_ROUTES, ...CHECKOUT_ROUTES, ...REFUND_ROUTES, ...EVENT_ROUTES, ...PAYMENT_PAGE_ROUTES];

/** Catches every other path: journaled as unhandled, answered with Stripe's "Unrecognized request URL" 404. */
function unhandledHandler(env: StripeEnv, origin: string): RequestHandler {
  const known = [...ROUTES.map((r) => `${r.method} ${r.path}`), 'GET|POST /_payprobe/...'];
  return http.all(
    `${origin}/*`,
    journaled(env.deps, async (call) => {
      call.unhandled();
      const f = invalid(404, `Unrecognized request URL (${call.request.method}: ${call.url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`);
      f.note = `no route for ${call.request.method} ${call.url.pathname}; the sandbox serves ${known.join(', ')}`;
      return stripeRefusal(call, f, newRequestId(env), env.clock(call.scenarioId).now());
    }),
  );
}

/** The MSW handlers: one per route, then the catch-all. */
export function stripeHandlers(env: StripeEnv, origin: string): RequestHandler[] {
  return [...ROUTES.map((route) => routeHandler(env, origin, route)), unhandledHandler(env, origin)];
}
