import { verifyRsa } from '../../crypto/rsa.js';

/** What `wx.requestPayment` (JSAPI / mini program) receives from the merchant's server. */
export interface JsapiPayParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  /** `prepay_id=<id>`. */
  package: string;
  signType: string;
  paySign: string;
}

/** The string paySign covers: `appId\ntimeStamp\nnonceStr\npackage\n`. */
export function jsapiPaySignMessage(p: Pick<JsapiPayParams, 'appId' | 'timeStamp' | 'nonceStr' | 'package'>): string {
  return `${p.appId}\n${p.timeStamp}\n${p.nonceStr}\n${p.package}\n`;
}

/** The string an APP payment's `sign` covers: `appid\ntimestamp\nnoncestr\nprepayid\n`. */
export function appPaySignMessage(p: { appid: string; timestamp: string; noncestr: string; prepayid: string }): string {
  return `${p.appid}\n${p.timestamp}\n${p.noncestr}\n${p.prepayid}\n`;
}

/**
 * Checks JSAPI payment parameters the way the buyer's WeChat client does before it shows the cashier:
 * signType RSA, the merchant's appid, a `prepay_id=` package and a SHA256withRSA paySign by the merchant's
 * API certificate key. Answers the first problem, or undefined.
 */
export function checkJsapiPayParams(p: JsapiPayParams, expected: { appid: string; merchantCertificate: string; prepayIds?: readonly string[] }): string | undefined {
  if (p.signType !== 'RSA') return `signType must be RSA for API v3, not "${p.signType}"`;
  if (p.appId !== expected.appid) return `appId ${p.appId} is not the merchant's appid ${expected.appid}`;
  const m = /^prepay_id=(.+)$/.exec(p.package);
  if (!m) return `package must be "prepay_id=<prepay_id>", not "${p.package}"`;
  if (expected.prepayIds && !expected.prepayIds.includes(m[1])) return `prepay_id ${m[1]} was not issued by this sandbox`;
  if (!/^\d{10}$/.test(p.timeStamp)) return `timeStamp must be Unix seconds as a string, not "${p.timeStamp}"`;
  if (!verifyRsa('RSA-SHA256', jsapiPaySignMessage(p), p.paySign, expected.merchantCertificate)) {
    return `paySign does not verify over ${JSON.stringify(jsapiPaySignMessage(p))} with the merchant API certificate`;
  }
  return undefined;
}
