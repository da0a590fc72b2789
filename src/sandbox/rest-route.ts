import { http, type RequestHandler } from 'msw';
import { journaled, type ExchangeCall, type ExchangeDeps } from './exchange.js';

/**
 * The journaled MSW handler of one REST route, `path` written with `{name}` parameters
 * (`/v1/refunds/{refund}`): `handle` gets the call and the decoded parameters.
 */
export function restRoute(
  deps: ExchangeDeps,
  origin: string,
  method: 'GET' | 'POST',
  path: string,
  handle: (call: ExchangeCall, params: Record<string, string>) => Promise<Response>,
): RequestHandler {
  const names: string[] = [];
  const re = new RegExp(
    `^${path.replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    })}$`,
  );
  const resolver = journaled(deps, (call) => {
    const m = re.exec(call.url.pathname);
    return handle(call, Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m?.[i + 1] ?? '')])));
  });
  const mswPath = `${origin}${path.replace(/\{(\w+)\}/g, ':$1')}`;
  return method === 'GET' ? http.get(mswPath, resolver) : http.post(mswPath, resolver);
}
