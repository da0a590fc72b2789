import { http, HttpResponse, type RequestHandler } from 'msw';
import { signRsa } from '../../crypto/rsa.js';
import { CONTROL_PREFIX } from '../../sandbox/control-api.js';
import { journaled, type ExchangeCall } from '../../sandbox/exchange.js';
import { checkCommonParams, parseBizContent } from './checks.js';
import { gatewayFailure, type AlipayFailure } from './codes.js';
import type { AlipayEnv } from './env.js';
import { METHODS } from './methods/index.js';
import type { MethodSpec } from './methods/types.js';
import { renderPageError } from './page-error.js';
import { readGatewayParams } from './params.js';
import { ERROR_RESPONSE_KEY, failureNode, responseKey, signEnvelope, successNode } from './responses.js';

/** Path of the OpenAPI v2 gateway. */
export const GATEWAY_PATH = '/gateway.do';

/** Signs a node and answers it as the gateway does; the `bad-signature` fault signs with a key that is not Alipay's. */
function jsonAnswer(env: AlipayEnv, call: ExchangeCall, key: string, node: Record<string, unknown>): Response {
  const privateKey = call.fault?.kind === 'bad-signature' ? env.keys.other().privateKeyPem : env.keys.alipayPrivateKey;
  const { body } = signEnvelope(key, node, (content) => signRsa('RSA-SHA256', content, privateKey));
  return HttpResponse.text(body, { headers: { 'content-type': 'application/json;charset=utf-8' } });
}

/** Answers a refusal: signed JSON for API methods, the cashier's error page for page methods. */
function refusal(env: AlipayEnv, call: ExchangeCall, failure: AlipayFailure, key: string, spec?: MethodSpec): Response {
  call.refuse(failure.subCode, failure.subMsg);
  if (spec?.kind === 'page') return HttpResponse.html(renderPageError(failure), { headers: { 'content-type': 'text/html;charset=utf-8' } });
  return jsonAnswer(env, call, key, failureNode(failure));
}

/** Handles one call of the gateway: parse, check, verify, run the method, answer signed. */
async function handleGateway(env: AlipayEnv, call: ExchangeCall): Promise<Response> {
  const request = readGatewayParams(call);
  const { params } = request;
  const method = params.method;
  if (!method) return refusal(env, call, gatewayFailure('isv.missing-method'), ERROR_RESPONSE_KEY);
  const spec = METHODS[method];
  const { biz, error: bizError } = parseBizContent(params.biz_content);
  const fields: Record<string, unknown> = { ...biz };
  if (params.notify_url) fields.notify_url = params.notify_url;
  if (params.return_url) fields.return_url = params.return_url;
  if (!spec) {
    call.identify({ api: method, fields });
    return refusal(env, call, gatewayFailure('isv.invalid-method'), ERROR_RESPONSE_KEY);
  }
  const key = responseKey(method);
  const trade = spec.locate?.(env, biz);
  call.identify({ api: method, fields, order: trade });

  // The gateway checks the request before the business system sees it, so these win over an `unavailable` fault.
  const failure = checkCommonParams(env, request) ?? (bizError ? gatewayFailure('isv.invalid-parameter', `参数无效:${bizError}`) : undefined);
  if (failure) return refusal(env, call, failure, key, spec);
  if (call.fault?.kind === 'unavailable') return refusal(env, call, gatewayFailure('isp.unknow-error'), key, spec);

  const scenarioId = call.scenarioId;
  const result = spec.run({ env, method, params, biz, now: env.clock(scenarioId).now(), scenarioId, trade });
  if (result.order && result.order !== trade) call.identify({ order: result.order });
  if (!result.ok) return refusal(env, call, result.failure, key, spec);
  if (spec.kind === 'page') {
    const location = `${env.ctx.baseUrl()}${CONTROL_PREFIX}/cashier/${encodeURIComponent(result.order!.providerOrderId)}`;
    return new HttpResponse(null, { status: 302, headers: { location, 'content-length': '0' } });
  }
  return jsonAnswer(env, call, key, successNode(result.fields));
}

/** The `/gateway.do` route (GET and POST), journaled. */
export function gatewayHandler(env: AlipayEnv, origin: string): RequestHandler {
  return http.all(`${origin}${GATEWAY_PATH}`, journaled(env.deps, (call) => handleGateway(env, call)));
}
