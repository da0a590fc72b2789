import { http, type RequestHandler } from 'msw';
import { journaled } from '../../sandbox/exchange.js';
import type { ApiRoute } from './api.js';
import type { WechatpayEnv } from './env.js';
import { signedAnswer } from './respond.js';

/** Catches every other path on the origin: journals it as unhandled and answers a signed 404 NOT_FOUND naming method, path and the routes that exist. */
export function unhandledHandler(env: WechatpayEnv, origin: string, routes: readonly ApiRoute[]): RequestHandler {
  const known = [...routes.map((r) => `${r.method} ${r.path}`), 'GET|POST /_payprobe/...'];
  return http.all(
    `${origin}/*`,
    journaled(env.deps, async (call) => {
      call.unhandled();
      const message = `payprobe wechatpay sandbox: no route for ${call.request.method} ${call.url.pathname}. Routes: ${known.join(', ')}.`;
      return signedAnswer(env, call, 404, { code: 'NOT_FOUND', message });
    }),
  );
}
