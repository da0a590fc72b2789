import { http, type RequestHandler } from 'msw';
import type { ExchangeCall } from '../../sandbox/exchange.js';
import { journaled } from '../../sandbox/exchange.js';
import type { LedgerOrder } from '../../sandbox/ledger.js';
import { authenticate } from './auth.js';
import { failure, WX, type WechatpayFailure } from './codes.js';
import type { WechatpayEnv } from './env.js';
import { flattenFields } from './flatten.js';
import { refusal, signedAnswer } from './respond.js';

/** One authenticated API v3 call, as a route's logic sees it. */
export interface ApiRequest {
  env: WechatpayEnv;
  call: ExchangeCall;
  /** The JSON body (POST), `{}` for GET. */
  body: Record<string, unknown>;
  query: URLSearchParams;
  /** Path parameters by name (`{out_trade_no}` → `out_trade_no`), decoded. */
  params: Record<string, string>;
  /** Virtual time of the call. */
  now: number;
  scenarioId?: string;
  /** The order the call names, looked up before processing. */
  order?: LedgerOrder;
  /** The kind of fault injected into this call, if any (generic or this provider's own). */
  fault?: string;
}

/** What a route answers: JSON (or 204), a whole Response (file downloads), or a refusal; with the order it concerns. */
export type ApiResult =
  | { ok: true; status?: 200 | 204; json?: unknown; response?: Response; order?: LedgerOrder }
  | { ok: false; failure: WechatpayFailure; order?: LedgerOrder };

/** An API v3 route: method, path template (`{name}` parameters), the API name it is journaled under, and its logic. */
export interface ApiRoute {
  method: 'GET' | 'POST';
  path: string;
  api: string;
  locate?(request: Omit<ApiRequest, 'order' | 'now' | 'scenarioId' | 'fault'>): LedgerOrder | undefined;
  run(request: ApiRequest): ApiResult;
}

const templateRegExp = (path: string): { re: RegExp; names: string[] } => {
  const names: string[] = [];
  const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { re: new RegExp(`^${source}$`), names };
};

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Handles one call of a route: parse, journal, authenticate, apply faults, run, answer signed. */
async function handle(env: WechatpayEnv, route: ApiRoute, call: ExchangeCall, template: { re: RegExp; names: string[] }): Promise<Response> {
  const match = template.re.exec(call.url.pathname);
  const params = Object.fromEntries(template.names.map((n, i) => [n, decode(match?.[i + 1] ?? '')]));
  let body: Record<string, unknown> = {};
  let malformed = false;
  const text = call.raw.toString('utf8');
  if (route.method === 'POST') {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
      else malformed = true;
    } catch {
      malformed = true;
    }
  }
  const query = call.url.searchParams;
  const base = { env, call, body, query, params };
  const order = route.locate?.(base);
  call.identify({ api: route.api, fields: { ...params, ...Object.fromEntries(query), ...flattenFields(body) }, order });

  // Authentication and the request's shape are checked before the business system sees the call, so they win over faults.
  const denied = authenticate(env, call);
  if (denied) return refusal(env, call, denied);
  if (malformed) return refusal(env, call, failure(400, 'PARAM_ERROR', '请求体格式错误，应为JSON对象', { location: 'body', value: text.slice(0, 64) }));
  const serial = call.request.headers.get('wechatpay-serial');
  if (serial && ![env.keys.platformSerialNo, env.keys.publicKeyId.toUpperCase()].includes(serial.toUpperCase())) {
    return refusal(env, call, failure(400, 'INVALID_REQUEST', `HTTP头Wechatpay-Serial“${serial}”不是有效的平台证书序列号或微信支付公钥ID`, undefined, `this sandbox signs as ${env.keys.platformSerialNo} (certificate) and ${env.keys.publicKeyId} (public key)`));
  }
  const fault = call.fault?.kind as string | undefined;
  if (fault === 'unavailable') return refusal(env, call, WX.systemError());

  const scenarioId = call.scenarioId;
  const result = route.run({ ...base, order, now: env.clock(scenarioId).now(), scenarioId, fault });
  if (result.order && result.order !== order) call.identify({ order: result.order });
  if (!result.ok) return refusal(env, call, result.failure);
  if (result.response) return result.response;
  return signedAnswer(env, call, result.status ?? 200, result.status === 204 ? undefined : result.json);
}

/** The MSW handler of a route on `origin`, journaled. */
export function routeHandler(env: WechatpayEnv, origin: string, route: ApiRoute): RequestHandler {
  const template = templateRegExp(route.path);
  const mswPath = `${origin}${route.path.replace(/\{(\w+)\}/g, ':$1')}`;
  const resolver = journaled(env.deps, (call) => handle(env, route, call, template));
  return route.method === 'GET' ? http.get(mswPath, resolver) : http.post(mswPath, resolver);
}

/** A string field of a JSON object, or undefined when absent or empty. */
export function str(obj: unknown, key: string): string | undefined {
  if (!obj || typeof obj !== 'object') return undefined;
  const v = (obj as Record<string, unknown>)[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A nested object field, or undefined. */
export function obj(value: unknown, key: string): Record<string, unknown> | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = (value as Record<string, unknown>)[key];
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
