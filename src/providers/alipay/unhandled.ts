import { http, HttpResponse, type RequestHandler } from 'msw';
import { journaled } from '../../sandbox/exchange.js';
import type { AlipayEnv } from './env.js';
import { V3_ROUTES } from './v3.js';

/** Routes the Alipay sandbox serves, for the message of a request that matches none. */
export const ALIPAY_ROUTES: readonly string[] = [
  'GET|POST /gateway.do',
  'GET /downloadBillFile.resource',
  ...V3_ROUTES.map((r) => `${r.method} ${r.path}`),
  'GET|POST /_payprobe/...',
];

/** Catches every other path on the origin: journals it as unhandled and answers 404 naming method, path and the routes that exist. */
export function unhandledHandler(env: AlipayEnv, origin: string): RequestHandler {
  return http.all(
    `${origin}/*`,
    journaled(env.deps, async (call) => {
      call.unhandled();
      const message = `payprobe alipay sandbox: no route for ${call.request.method} ${call.url.pathname}. Routes: ${ALIPAY_ROUTES.join(', ')}.`;
      return HttpResponse.text(message, { status: 404, headers: { 'content-type': 'text/plain;charset=utf-8' } });
    }),
  );
}
