import { verifyRsa } from '../../crypto/rsa.js';
import { gatewayFailure, type AlipayFailure } from './codes.js';
import type { AlipayEnv } from './env.js';
import { encodeGbk } from './gbk.js';
import type { GatewayParams } from './params.js';
import { buildSignContent } from './sign-content.js';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** The gateway's sub_msg for a bad signature, echoing the string it verified (HTML-escaped, as the real gateway's is). */
export function invalidSignatureMessage(content: string): string {
  const escaped = content.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  return `验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：${escaped}`;
}

/**
 * The gateway's checks before any business processing: charset, required common parameters,
 * app_id, timestamp format, sign_type, then the RSA2 signature. Returns the first failure, if any.
 */
export function checkCommonParams(env: AlipayEnv, request: GatewayParams): AlipayFailure | undefined {
  const p = request.params;
  if (!request.label) return gatewayFailure('isv.invalid-charset');
  if (!p.app_id) return gatewayFailure('isv.missing-app-id');
  if (!p.sign_type) return gatewayFailure('isv.missing-signature-type');
  if (!p.sign) return gatewayFailure('isv.missing-signature');
  if (!p.timestamp) return gatewayFailure('isv.missing-timestamp');
  if (!p.version) return gatewayFailure('isv.missing-version');
  if (p.format && p.format.toLowerCase() !== 'json') return gatewayFailure('isv.invalid-format');
  // Only the format: alipay-sdk writes the timestamp in the process's local zone, and virtual time may run days ahead.
  if (!TIMESTAMP.test(p.timestamp)) return gatewayFailure('isv.invalid-timestamp');
  if (p.app_id !== env.config.appId) return gatewayFailure('isv.invalid-app-id');
  if (p.sign_type !== 'RSA2' && p.sign_type !== 'RSA') return gatewayFailure('isv.invalid-signature-type');
  if (p.sign_type !== env.config.signType) return gatewayFailure('isv.invalid-signature', '验签出错，应用未配置对应签名算法的公钥或者证书');
  const content = buildSignContent(p);
  const bytes = request.label === 'utf-8' ? Buffer.from(content, 'utf8') : encodeGbk(content);
  if (!verifyRsa('RSA-SHA256', bytes, p.sign, env.keys.appPublicKey)) return gatewayFailure('isv.invalid-signature', invalidSignatureMessage(content));
  return undefined;
}

/** Parses biz_content: an object, or undefined when absent; a string error when it is not a JSON object. */
export function parseBizContent(text: string | undefined): { biz: Record<string, unknown>; error?: string } {
  if (text === undefined || text === '') return { biz: {} };
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return { biz: value as Record<string, unknown> };
    return { biz: {}, error: 'biz_content不是JSON对象' };
  } catch {
    return { biz: {}, error: 'biz_content不是合法的JSON' };
  }
}
