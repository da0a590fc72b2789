import type { RequestHandler } from 'msw';
import { routeHandler, type ApiRoute } from './api.js';
import { BILL_ROUTES } from './bill-api.js';
import { CERTIFICATES_ROUTE } from './certificates.js';
import { CLOSE_ROUTE } from './close.js';
import type { WechatpayEnv } from './env.js';
import { PREPAY_ROUTES } from './prepay.js';
import { QUERY_ROUTES } from './query.js';
import { REFUND_ROUTES } from './refund.js';
import { unhandledHandler } from './unhandled.js';

/** Every API v3 route the sandbox serves, most frequent first. */
export const ROUTES: readonly ApiRoute[] = [...PREPAY_ROUTES, ...QUERY_ROUTES, CLOSE_ROUTE, ...REFUND_ROUTES, CERTIFICATES_ROUTE, ...BILL_ROUTES];

/** The MSW handlers: one per route, then the catch-all that answers 404 for anything else. */
export function wechatpayHandlers(env: WechatpayEnv, origin: string): RequestHandler[] {
  return [...ROUTES.map((route) => routeHandler(env, origin, route)), unhandledHandler(env, origin, ROUTES)];
}
