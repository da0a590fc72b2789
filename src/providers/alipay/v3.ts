import { randomUUID } from 'node:crypto';
import { http, HttpResponse, type RequestHandler } from 'msw';
import { signRsa, verifyRsa } from '../../crypto/rsa.js';
import { journaled, type ExchangeCall } from '../../sandbox/exchange.js';
import type { AlipayFailure } from './codes.js';
import type { AlipayEnv } from './env.js';
import { METHODS } from './methods/index.js';

/** OpenAPI v3 routes the sandbox serves, and the v2 method each one is (journaled under the v2 name). */
export const V3_ROUTES: readonly { method: 'GET' | 'POST'; path: string; api: string }[] = [
  { method: 'POST', path: '/v3/alipay/trade/precreate', api: 'alipay.trade.precreate' },
  { method: 'POST', path: '/v3/alipay/trade/query', api: 'alipay.trade.query' },
  { method: 'POST', path: '/v3/alipay/trade/refund', api: 'alipay.trade.refund' },
  { method: 'POST', path: '/v3/alipay/trade/close', api: 'alipay.trade.close' },
  { method: 'POST', path: '/v3/alipay/trade/fastpay/refund/query', api: 'alipay.trade.fastpay.refund.query' },
  { method: 'GET', path: '/v3/alipay/data/dataservice/bill/downloadurl/query', api: 'alipay.data.dataservice.bill.downloadurl.query' },
];

const AUTH_SCHEME = 'ALIPAY-SHA256withRSA ';

/** The parts of an `authorization: ALIPAY-SHA256withRSA app_id=..,nonce=..,timestamp=..,sign=..` header. */
export interface V3Authorization {
  /** Everything before `,sign=`: the first line of the signed string. */
  authString: string;
  fields: Record<string, string>;
  sign: string;
}

/** Parses the v3 authorization header; undefined if it is absent or not in Alipay's scheme. */
export function parseV3Authorization(header: string | null): V3Authorization | undefined {
  if (!header || !header.startsWith(AUTH_SCHEME)) return undefined;
  const rest = header.slice(AUTH_SCHEME.length);
  const at = rest.lastIndexOf(',sign=');
  if (at < 0) return undefined;
  const authString = rest.slice(0, at);
  const fields: Record<string, string> = {};
  for (const part of authString.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields[part.slice(0, eq)] = part.slice(eq + 1);
  }
  return { authString, fields, sign: rest.slice(at + ',sign='.length) };
}

/** The string a v3 request is signed over: authString, method, path with query, body, and the app auth token if any. */
export function v3RequestSignContent(auth: string, method: string, pathAndQuery: string, body: string, appAuthToken?: string | null): string {
  return `${auth}\n${method}\n${pathAndQuery}\n${body}\n${appAuthToken ? `${appAuthToken}\n` : ''}`;
}

/** Answers with a JSON body signed the v3 way: headers alipay-timestamp, alipay-nonce, alipay-signature over `ts\nnonce\nbody\n`. */
function signedJson(env: AlipayEnv, call: ExchangeCall, status: number, value: unknown): Response {
  const body = JSON.stringify(value);
  const timestamp = String(Date.now());
  const nonce = randomUUID().replaceAll('-', '');
  const key = call.fault?.kind === 'bad-signature' ? env.keys.other().privateKeyPem : env.keys.alipayPrivateKey;
  const signature = signRsa('RSA-SHA256', `${timestamp}\n${nonce}\n${body}\n`, key);
  return HttpResponse.text(body, {
    status,
    headers: {
      'content-type': 'application/json;charset=utf-8',
      'alipay-timestamp': timestamp,
      'alipay-nonce': nonce,
      'alipay-signature': signature,
      'alipay-trace-id': call.request.headers.get('alipay-request-id') ?? nonce,
    },
  });
}

// v3 errors: HTTP status plus {code, message, links}; an auth failure is 401 (as a live invalid-auth-token answer is), a business refusal 400.
const v3Error = (env: AlipayEnv, call: ExchangeCall, status: number, code: string, message: string): Response => {
  call.refuse(code, message);
  return signedJson(env, call, status, { code, message, links: [{ link: 'https://opendocs.alipay.com/open-v3/054fcv', desc: '请查看错误码文档' }] });
};

const failureStatus = (failure: AlipayFailure): number => (failure.code === '20000' ? 500 : failure.code === '40004' ? 400 : 401);

/** Handles one v3 call: verify the authorization header, run the v2 method on the JSON body, answer signed JSON. */
async function handleV3(env: AlipayEnv, call: ExchangeCall, api: string): Promise<Response> {
  const bodyText = call.raw.toString('utf8');
  let biz: Record<string, unknown> = {};
  if (call.request.method === 'GET') biz = Object.fromEntries(call.url.searchParams);
  else if (bodyText) {
    try {
      const parsed: unknown = JSON.parse(bodyText);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) biz = parsed as Record<string, unknown>;
    } catch {
      // Reported below, once the call is identified.
    }
  }
  const spec = METHODS[api];
  const trade = spec.locate?.(env, biz);
  call.identify({ api, fields: biz, order: trade });

  const auth = parseV3Authorization(call.request.headers.get('authorization'));
  if (!auth || !auth.sign) return v3Error(env, call, 401, 'missing-signature', '缺少签名参数');
  if (auth.fields.app_id !== env.config.appId) return v3Error(env, call, 401, 'invalid-app-id', '无效的AppID参数');
  const content = v3RequestSignContent(auth.authString, call.request.method, `${call.url.pathname}${call.url.search}`, bodyText, call.request.headers.get('alipay-app-auth-token'));
  if (!verifyRsa('RSA-SHA256', content, auth.sign, env.keys.appPublicKey)) {
    return v3Error(env, call, 401, 'invalid-signature', `验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：${content}`);
  }
  if (bodyText && call.request.method !== 'GET' && !Object.keys(biz).length && bodyText.trim() !== '{}') return v3Error(env, call, 400, 'INVALID_PARAMETER', '参数无效:请求体不是JSON对象');
  if (call.fault?.kind === 'unavailable') return v3Error(env, call, 500, 'SYSTEM_ERROR', '系统繁忙');

  const params: Record<string, string> = { charset: 'utf-8' };
  if (typeof biz.notify_url === 'string') params.notify_url = biz.notify_url;
  const scenarioId = call.scenarioId;
  const result = spec.run({ env, method: api, params, biz, now: env.clock(scenarioId).now(), scenarioId, trade });
  if (result.order && result.order !== trade) call.identify({ order: result.order });
  if (!result.ok) return v3Error(env, call, failureStatus(result.failure), result.failure.subCode, result.failure.subMsg);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(result.fields)) if (v !== undefined) out[k] = v;
  return signedJson(env, call, 200, out);
}

/** The OpenAPI v3 JSON routes (alipay-sdk `curl()`), backed by the same trade logic as the gateway. */
export function v3Handlers(env: AlipayEnv, origin: string): RequestHandler[] {
  return V3_ROUTES.map((route) => {
    const resolver = journaled(env.deps, (call) => handleV3(env, call, route.api));
    return route.method === 'GET' ? http.get(`${origin}${route.path}`, resolver) : http.post(`${origin}${route.path}`, resolver);
  });
}
