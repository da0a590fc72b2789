import { RESULT_MSG, type AlipayFailure } from './codes.js';

/** The key of a method's response node: `alipay.trade.query` → `alipay_trade_query_response`. */
export function responseKey(method: string): string {
  return `${method.replaceAll('.', '_')}_response`;
}

/** The node key the gateway uses when it cannot tell which method was meant. */
export const ERROR_RESPONSE_KEY = 'error_response';

/** Serialises a response node the way the gateway's JSON writer does: `/` escaped as `\/` (e.g. `"https:\/\/qr.alipay.com\/..."`). */
export function gatewayJson(node: Record<string, unknown>): string {
  return JSON.stringify(node).replaceAll('/', '\\/');
}

/** A success node: code 10000 first, then the method's fields (undefined ones dropped). */
export function successNode(fields: Record<string, unknown>): Record<string, unknown> {
  const node: Record<string, unknown> = { code: '10000', msg: RESULT_MSG['10000'] };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) node[k] = v;
  return node;
}

/** A failure node: code, msg, sub_code, sub_msg, then any extra fields. */
export function failureNode(failure: AlipayFailure): Record<string, unknown> {
  const node: Record<string, unknown> = {
    code: failure.code,
    msg: RESULT_MSG[failure.code] ?? 'Business Failed',
    sub_code: failure.subCode,
    sub_msg: failure.subMsg,
  };
  for (const [k, v] of Object.entries(failure.extra ?? {})) if (v !== undefined) node[k] = v;
  return node;
}

/** A signed gateway answer: the body, and the exact substring that was signed. */
export interface SignedEnvelope {
  body: string;
  signedContent: string;
  sign: string;
}

/**
 * Builds `{"<key>":<node>,"sign":"<b64>"}`: the node is serialised first, that exact string is signed,
 * and it is spliced in unchanged, so a verifier cutting the raw substring gets the signed bytes.
 */
export function signEnvelope(key: string, node: Record<string, unknown>, sign: (content: string) => string): SignedEnvelope {
  const signedContent = gatewayJson(node);
  const signature = sign(signedContent);
  return { body: `{"${key}":${signedContent},"sign":"${signature}"}`, signedContent, sign: signature };
}
