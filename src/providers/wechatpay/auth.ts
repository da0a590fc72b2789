import { verifyRsa } from '../../crypto/rsa.js';
import type { ExchangeCall } from '../../sandbox/exchange.js';
import { failure, type WechatpayFailure } from './codes.js';
import type { WechatpayEnv } from './env.js';
import { requestSignMessage } from './signing.js';

/** The only authorization scheme API v3 accepts. */
export const AUTH_SCHEME = 'WECHATPAY2-SHA256-RSA2048';

/** How far a request's timestamp may be from WeChat Pay's clock, in seconds. */
export const MAX_CLOCK_SKEW_S = 300;

/** The fields of an `Authorization: WECHATPAY2-SHA256-RSA2048 mchid="..",nonce_str="..",...` header. */
export interface WechatpayAuthorization {
  mchid: string;
  nonce_str: string;
  signature: string;
  timestamp: string;
  serial_no: string;
}

const REQUIRED = ['mchid', 'nonce_str', 'signature', 'timestamp', 'serial_no'] as const;

// Messages of the 401 table in WeChat Pay's signature FAQ (签名相关: 为什么请求返回401 Unauthorized).
const FORMAT_ERROR = 'Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》';
const SCHEME_ERROR = 'Http头Authorization认证类型不正确';
const SKEW_ERROR = 'Http头Authorization中的timestamp与发起请求的时间不得超过5分钟';
const SERIAL_ERROR = '商户证书序列号有误。';
const SIGN_ERROR = '错误的签名，验签失败';

/** Parses the header: values in double quotes, comma-separated, any order; `scheme` when another scheme is named. */
export function parseAuthorization(header: string | null): { ok: true; auth: WechatpayAuthorization } | { ok: false; problem: 'format' | 'scheme' } {
  if (!header) return { ok: false, problem: 'format' };
  const space = header.indexOf(' ');
  const scheme = space < 0 ? header : header.slice(0, space);
  if (scheme !== AUTH_SCHEME) return { ok: false, problem: space < 0 ? 'format' : 'scheme' };
  const fields: Record<string, string> = {};
  for (const part of header.slice(space + 1).split(',')) {
    const m = /^\s*([a-z_]+)="([^"]*)"\s*$/.exec(part);
    if (!m) return { ok: false, problem: 'format' };
    fields[m[1]] = m[2];
  }
  if (!REQUIRED.every((k) => fields[k])) return { ok: false, problem: 'format' };
  return { ok: true, auth: fields as unknown as WechatpayAuthorization };
}

/** What `truncated_sign_message` shows: the signed string with the body cut after a few characters (as a captured SIGN_ERROR did). */
function truncateSignMessage(message: string, body: string): string {
  if (body.length <= 8) return message;
  return `${message.slice(0, message.length - body.length - 1)}${body.slice(0, 8)}\n`;
}

/**
 * Authenticates a merchant's request as API v3 does: scheme and format, merchant id, certificate serial
 * (case-insensitively), a timestamp within 5 minutes of the wall clock, and SHA256withRSA over the
 * five-line message with the merchant certificate's public key. Answers a 401 SIGN_ERROR, or undefined.
 */
export function authenticate(env: WechatpayEnv, call: ExchangeCall): WechatpayFailure | undefined {
  const parsed = parseAuthorization(call.request.headers.get('authorization'));
  if (!parsed.ok) return failure(401, 'SIGN_ERROR', parsed.problem === 'scheme' ? SCHEME_ERROR : FORMAT_ERROR);
  const { auth } = parsed;
  if (auth.mchid !== env.config.mchid) {
    return failure(401, 'SIGN_ERROR', '商户号有误。', { field: 'mchid', location: 'authorization', value: auth.mchid }, `this sandbox's merchant is ${env.config.mchid}`);
  }
  if (auth.serial_no.toUpperCase() !== env.keys.merchantSerialNo) {
    return failure(401, 'SIGN_ERROR', SERIAL_ERROR, { field: 'serial_no', location: 'authorization', value: auth.serial_no }, `the merchant certificate's serial is ${env.keys.merchantSerialNo}`);
  }
  const skew = Math.abs(Math.floor(Date.now() / 1000) - Number(auth.timestamp));
  if (!/^\d+$/.test(auth.timestamp) || skew > MAX_CLOCK_SKEW_S) {
    return failure(401, 'SIGN_ERROR', SKEW_ERROR, { field: 'timestamp', location: 'authorization', value: auth.timestamp }, `${skew} s away from the sandbox's wall clock`);
  }
  const body = call.raw.toString('utf8');
  const url = `${call.url.pathname}${call.url.search}`;
  const message = requestSignMessage(call.request.method, url, auth.timestamp, auth.nonce_str, body);
  if (!verifyRsa('RSA-SHA256', message, auth.signature, env.keys.merchantCertificate)) {
    return failure(
      401,
      'SIGN_ERROR',
      SIGN_ERROR,
      {
        field: 'signature',
        issue: 'sign not match',
        location: 'authorization',
        sign_information: {
          method: call.request.method,
          url,
          truncated_sign_message: truncateSignMessage(message, body),
          sign_message_length: Buffer.byteLength(message, 'utf8'),
        },
      },
      `the sandbox verified ${JSON.stringify(message)} with the merchant certificate ${env.keys.merchantSerialNo}`,
    );
  }
  return undefined;
}
