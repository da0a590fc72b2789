import { delay, type RequestHandler } from 'msw';
import type { ExchangeCall } from '../../sandbox/exchange.js';
import type { LedgerOrder } from '../../sandbox/ledger.js';
import { restRoute } from '../../sandbox/rest-route.js';
import { authenticate } from './auth.js';
import type { StripeEnv, StripeObject } from './env.js';
import { invalid, SE, type StripeFailure } from './errors.js';
import { expandObject } from './expand.js';
import { flattenForm, FormParseError, parseStripeForm, type FormValue } from './form.js';
import { IDEMPOTENCY_TTL_MS, requestFingerprint } from './idempotency.js';
import { errorBody, newRequestId, stripeJson, stripeRefusal } from './respond.js';

/** One authenticated call, as a route's logic sees it. */
export interface ApiRequest {
  env: StripeEnv;
  call: ExchangeCall;
  /** Decoded parameters: the form body (POST) or the query (GET). */
  params: Record<string, FormValue>;
  /** Path parameters by name. */
  path: Record<string, string>;
  now: number;
  scenarioId?: string;
  order?: LedgerOrder;
  requestId: string;
  idempotencyKey?: string;
}

/** What a route answers: an object (expanded per `expand[]`) or a refusal. */
export type ApiResult = { ok: true; json: Record<string, unknown>; order?: LedgerOrder } | { ok: false; failure: StripeFailure; order?: LedgerOrder };

/** A /v1 route: method, path template (`{name}`), the API name it is journaled under, the parameters it accepts, its logic. */
export interface ApiRoute {
  method: 'GET' | 'POST';
  path: string;
  api: string;
  /** Top-level parameters accepted (`expand` always is); others get parameter_unknown. */
  accepts: readonly string[];
  locate?(env: StripeEnv, path: Record<string, string>, params: Record<string, FormValue>): LedgerOrder | undefined;
  run(request: ApiRequest): ApiResult;
}

/** Handles one call: auth, decode, idempotency, faults, run, answer. */
async function handle(env: StripeEnv, route: ApiRoute, call: ExchangeCall, path: Record<string, string>): Promise<Response> {
  const requestId = newRequestId(env);
  let params: Record<string, FormValue> = {};
  let malformed: StripeFailure | undefined;
  try {
    params = parseStripeForm(route.method === 'POST' ? call.raw.toString('utf8') : call.url.search.slice(1));
  } catch (error) {
    if (!(error instanceof FormParseError)) throw error;
    malformed = invalid(400, error.message, undefined, undefined, false);
  }
  const order = route.locate?.(env, path, params);
  call.identify({ api: route.api, fields: { ...path, ...flattenForm(params) }, order });
  const now = () => env.clock(call.scenarioId).now();

  const denied = authenticate(env, call.request.headers.get('authorization'));
  if (denied) return stripeRefusal(call, denied, requestId, now());
  if (malformed) return stripeRefusal(call, malformed, requestId, now());
  const unknown = Object.keys(params).find((k) => k !== 'expand' && !route.accepts.includes(k));
  if (unknown) return stripeRefusal(call, SE.unknownParam(unknown), requestId, now());

  // Idempotency keys only matter on POST (docs.stripe.com/api/idempotent_requests).
  const key = route.method === 'POST' ? (call.request.headers.get('idempotency-key') ?? undefined) : undefined;
  if (key !== undefined) {
    if (key.length > 255) return stripeRefusal(call, invalid(400, 'Invalid idempotency key: must be at most 255 characters.', undefined, undefined, false), requestId, now());
    const fingerprint = requestFingerprint(route.method, call.url.pathname, params);
    const entry = env.idempotency.get(key, now());
    if (entry?.inFlight) {
      const f: StripeFailure = {
        status: 409,
        error: { type: 'idempotency_error', code: 'idempotency_key_in_use', message: `There is currently another in-progress request using this idempotent key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.` },
        stored: false,
      };
      return stripeRefusal(call, f, requestId, now());
    }
    if (entry && entry.meta.fingerprint !== fingerprint) {
      const f: StripeFailure = {
        status: 400,
        error: { type: 'idempotency_error', message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.` },
      };
      return stripeRefusal(call, f, requestId, now());
    }
    if (entry) {
      if (entry.status! >= 400) call.refuse('replayed', `replayed error of ${entry.meta.requestId}`);
      return stripeJson(call, requestId, entry.status!, entry.body!, { 'Idempotent-Replayed': 'true', 'Original-Request': entry.meta.requestId, 'Idempotency-Key': key });
    }
    env.idempotency.begin(key, now(), IDEMPOTENCY_TTL_MS, { fingerprint, requestId });
  }
  const settle = (status: number, body: string, stored: boolean, headers: Record<string, string> = {}): Response => {
    if (key !== undefined) {
      if (stored) env.idempotency.save(key, status, body);
      else env.idempotency.drop(key);
    }
    return stripeJson(call, requestId, status, body, key !== undefined ? { ...headers, 'Idempotency-Key': key } : headers);
  };

  try {
    const fault = call.fault;
    // A 5xx before processing is not saved under the key: the merchant's retry with the same key is processed.
    if (fault?.kind === 'unavailable') {
      const f = SE.apiError();
      call.refuse('api_error', f.error.message);
      return settle(500, errorBody(f, requestId, now()), false, { 'Stripe-Should-Retry': 'true' });
    }
    // A slow provider: the request stays in flight (a duplicate meanwhile gets 409) before it is processed.
    if (fault?.kind === 'delay') await delay(fault.delayMs ?? 5_000);
    const result = route.run({ env, call, params, path, now: now(), scenarioId: call.scenarioId, order, requestId, idempotencyKey: key });
    if (result.order && result.order !== order) call.identify({ order: result.order });
    if (!result.ok) {
      const f = result.failure;
      call.refuse(f.error.code ?? f.error.type, f.note ? `${f.error.message} (payprobe: ${f.note})` : f.error.message);
      return settle(f.status, errorBody(f, requestId, now()), f.stored !== false);
    }
    const expand = Array.isArray(params.expand) ? params.expand.filter((e): e is string => typeof e === 'string') : [];
    return settle(200, JSON.stringify(expandObject(env, result.json as StripeObject, expand), null, 2), true);
  } catch (error) {
    if (key !== undefined) env.idempotency.drop(key);
    throw error;
  }
}

/** The MSW handler of a route on `origin`, journaled. */
export function routeHandler(env: StripeEnv, origin: string, route: ApiRoute): RequestHandler {
  return restRoute(env.deps, origin, route.method, route.path, (call, path) => handle(env, route, call, path));
}

/** A string parameter, or undefined when absent or empty. */
export function str(params: Record<string, FormValue> | undefined, key: string): string | undefined {
  const v = params?.[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** A hash parameter (`metadata[a]=b`), or undefined. */
export function hash(params: Record<string, FormValue> | undefined, key: string): Record<string, FormValue> | undefined {
  const v = params?.[key];
  return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}

/** An integer parameter: undefined when absent, a failure when not a non-negative integer. */
export function int(params: Record<string, FormValue>, key: string): number | StripeFailure | undefined {
  const v = params[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d+$/.test(v)) return SE.invalidInteger(key, typeof v === 'string' ? v : JSON.stringify(v));
  return Number(v);
}

/** A boolean parameter (`true`/`false`). */
export function bool(params: Record<string, FormValue>, key: string): boolean | undefined {
  const v = params[key];
  return v === 'true' ? true : v === 'false' ? false : undefined;
}

/** metadata as Stripe stores it: string values; an empty value unsets the key. */
export function mergeMetadata(current: Record<string, string>, update: Record<string, FormValue> | undefined): Record<string, string> {
  const next = { ...current };
  for (const [k, v] of Object.entries(update ?? {})) {
    if (typeof v !== 'string') continue;
    if (v === '') delete next[k];
    else next[k] = v;
  }
  return next;
}
