import type { ExchangeCall } from '../../sandbox/exchange.js';
import { charsetLabel, decodeForm, peekParam } from './form.js';

/** The parameters of a gateway call, and the charset they were decoded with. */
export interface GatewayParams {
  params: Record<string, string>;
  /** The charset the request declared (content-type, else the `charset` parameter), default utf-8. */
  charset: string;
  /** TextDecoder label used; undefined when the declared charset is one the gateway refuses. */
  label: string | undefined;
}

const FORM = /application\/x-www-form-urlencoded/i;

/**
 * Reads the parameters from both the query string and the form body (alipay-sdk puts the common
 * parameters in the URL and biz_content in the body), decoding the bytes with the declared charset.
 */
export function readGatewayParams(call: ExchangeCall): GatewayParams {
  const contentType = call.request.headers.get('content-type') ?? '';
  const query = Buffer.from(call.url.search.replace(/^\?/, ''), 'latin1');
  const hasForm = call.raw.length > 0 && (FORM.test(contentType) || contentType === '');
  const body = hasForm ? call.raw : Buffer.alloc(0);
  const declared = /charset=([^;\s]+)/i.exec(contentType)?.[1] ?? peekParam(query, 'charset') ?? peekParam(body, 'charset') ?? 'utf-8';
  const label = charsetLabel(declared.replace(/^"|"$/g, ''));
  const decodeWith = label ?? 'utf-8';
  // The URL's common parameters win over a body parameter of the same name.
  const params = { ...decodeForm(body, decodeWith), ...decodeForm(query, decodeWith) };
  return { params, charset: declared, label };
}
