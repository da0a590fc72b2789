import { delay, type RequestHandler } from 'msw';
import type { ExchangeCall } from '../../sandbox/exchange.js';
import type { LedgerOrder } from '../../sandbox/ledger.js';
import { restRoute } from '../../sandbox/rest-route.js';
import { authenticate } from './auth.js';
import type { Json, PaypalEnv } from './env.js';
import { fail, PE, type PaypalFailure } from './errors.js';
import { REQUEST_ID_TTL_MS } from './idempotency.js';
import { mockFailure } from './mock-response.js';
import { newDebugId, errorBody, paypalJson, paypalRefusal } from './respond.js';

/** One authenticated call, as a route's logic sees it. */
export interface ApiRequest {
  env: PaypalEnv;
  call: ExchangeCall;
  /** The JSON body (POST), `{}` when empty. */
  body: Json;
  path: Record<string, string>;
  now: number;
  scenarioId?: string;
  order?: LedgerOrder;
  /** `Prefer: return=…`, if sent. */
  prefer?: 'minimal' | 'representation';
}

/** What a route answers: a status and body (`undefined` body for 204), or a refusal. */
export type ApiResult = { ok: true; status: number; json?: Json; order?: LedgerOrder } | { ok: false; failure: PaypalFailure; order?: LedgerOrder };

/** A REST route: method, path template (`{name}`), the API name it is journaled under, its logic. */
export interface ApiRoute {
  method: 'GET' | 'POST';
  path: string;
  api: string;
  /** Which PayPal-Request-Id retention applies (POST routes that honour the header). */
  idempotency?: keyof typeof REQUEST_ID_TTL_MS;
  /** Honours PayPal-Mock-Response (negative testing); every Orders and Payments route does, unless false. */
  mockable?: boolean;
  locate?(env: PaypalEnv, path: Record<string, string>): LedgerOrder | undefined;
  run(request: ApiRequest): ApiResult;
}

/** Dotted business fields of a JSON body (`purchase_units.0.amount.value`), plus short aliases scenarios use. */
function fieldsOf(body: Json): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (value: unknown, prefix: string): void => {
    if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, prefix ? `${prefix}.${k}` : k);
    } else if (prefix) out[prefix] = value;
  };
  walk(body, '');
  const unit = Array.isArray(body.purchase_units) ? (body.purchase_units[0] as Json | undefined) : undefined;
  const amount = (unit?.amount ?? body.amount) as Json | undefined;
  if (amount && typeof amount === 'object') Object.assign(out, { amount: amount.value, currency: amount.currency_code });
  for (const k of ['invoice_id', 'custom_id', 'reference_id'] as const) if (unit?.[k] !== undefined) out[k] = unit[k];
  return out;
}

/** The order a stored create answer is about (a replayed create names no order in its path). */
function replayedOrder(env: PaypalEnv, body: string): LedgerOrder | undefined {
  try {
    const id = (JSON.parse(body) as { id?: unknown }).id;
    return typeof id === 'string' ? env.orders.get(id)?.ledger : undefined;
  } catch {
    return undefined;
  }
}

const preferOf = (header: string | null): ApiRequest['prefer'] => (/return=minimal/i.test(header ?? '') ? 'minimal' : /return=representation/i.test(header ?? '') ? 'representation' : undefined);

/** Handles one call: auth, decode, PayPal-Request-Id, faults, mock responses, run, answer. */
async function handle(env: PaypalEnv, route: ApiRoute, call: ExchangeCall, path: Record<string, string>): Promise<Response> {
  const debugId = newDebugId(env);
  const requestId = call.request.headers.get('paypal-request-id') ?? undefined;
  let body: Json = {};
  let malformed: PaypalFailure | undefined;
  const text = route.method === 'POST' ? call.raw.toString('utf8').trim() : '';
  if (text) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Json;
    } catch {
      malformed = PE.invalid('MALFORMED_REQUEST_JSON', 'The request JSON is not well formed.', { field: '/' });
    }
  }
  const order = route.locate?.(env, path);
  call.identify({ api: route.api, fields: { ...path, ...fieldsOf(body), requestId }, order });
  const now = () => env.clock(call.scenarioId).now();

  const denied = authenticate(env, call.request.headers.get('authorization'), now());
  if (denied) return paypalRefusal(call, denied, debugId);
  if (malformed) return paypalRefusal(call, malformed, debugId);

  const key = route.idempotency && requestId !== undefined ? `${route.api}|${requestId}` : undefined;
  if (key !== undefined) {
    const entry = env.idempotency.get(key, now());
    if (entry?.inFlight) {
      const issue = {
        issue: 'PREVIOUS_REQUEST_IN_PROGRESS',
        description: 'A previous request on this resource is currently in progress. Please wait for sometime and try again. It is best to space out the initial and the subsequent request(s) to avoid receiving this error.',
      };
      return paypalRefusal(call, fail('RESOURCE_CONFLICT', [issue], { stored: false }), debugId);
    }
    if (entry) {
      // PayPal answers a repeated PayPal-Request-Id with the original request's result, without doing it again.
      if (entry.status! >= 400) call.refuse('replayed', `replayed error of PayPal-Request-Id ${requestId}`);
      else if (!order) call.identify({ order: replayedOrder(env, entry.body!) });
      return paypalJson(debugId, entry.status!, entry.body!);
    }
    env.idempotency.begin(key, now(), REQUEST_ID_TTL_MS[route.idempotency!], {});
  }
  const settle = (status: number, text: string, stored: boolean): Response => {
    if (key !== undefined) {
      if (stored) env.idempotency.save(key, status, text);
      else env.idempotency.drop(key);
    }
    return paypalJson(debugId, status, text);
  };

  try {
    if (route.mockable !== false) {
      const mocked = mockFailure(call.request.headers.get('paypal-mock-response'));
      if (mocked) {
        const code = mocked.oauth?.error ?? mocked.details?.[0]?.issue ?? mocked.name;
        call.refuse(code, `${mocked.details?.[0]?.description ?? mocked.message} (payprobe: ${mocked.note ?? 'PayPal-Mock-Response'})`);
        return settle(mocked.status, errorBody(mocked, debugId), false);
      }
    }
    const fault = call.fault;
    // A 5xx before processing is not kept under the PayPal-Request-Id: the merchant's retry is processed.
    if (fault?.kind === 'unavailable') {
      const f = PE.internal();
      call.refuse(f.name, f.message);
      return settle(f.status, errorBody(f, debugId), false);
    }
    // A slow provider: the request stays in flight (a duplicate meanwhile gets 409) before it is processed.
    if (fault?.kind === 'delay') await delay(fault.delayMs ?? 5_000);
    const result = route.run({ env, call, body, path, now: now(), scenarioId: call.scenarioId, order, prefer: preferOf(call.request.headers.get('prefer')) });
    if (result.order && result.order !== order) call.identify({ order: result.order });
    if (!result.ok) {
      const f = result.failure;
      const code = f.details?.[0]?.issue ?? f.name;
      const message = f.details?.[0]?.description ?? f.message;
      call.refuse(code, f.note ? `${message} (payprobe: ${f.note})` : message);
      return settle(f.status, errorBody(f, debugId), f.stored !== false);
    }
    return settle(result.status, result.json ? JSON.stringify(result.json) : '', true);
  } catch (error) {
    if (key !== undefined) env.idempotency.drop(key);
    throw error;
  }
}

/** The MSW handler of a route on `origin`, journaled. */
export function routeHandler(env: PaypalEnv, origin: string, route: ApiRoute): RequestHandler {
  return restRoute(env.deps, origin, route.method, route.path, (call, path) => handle(env, route, call, path));
}

/** A string member of a JSON object, or undefined. */
export const str = (o: unknown, key: string): string | undefined => {
  const v = o && typeof o === 'object' ? (o as Json)[key] : undefined;
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/** An object member of a JSON object, or undefined. */
export const obj = (o: unknown, key: string): Json | undefined => {
  const v = o && typeof o === 'object' ? (o as Json)[key] : undefined;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
};
