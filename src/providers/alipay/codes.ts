/** Gateway result codes and their `msg` text (opendocs "公共错误码" 105806). */
export const RESULT_MSG: Record<string, string> = {
  '10000': 'Success',
  '20000': 'Service Currently Unavailable',
  '20001': 'Insufficient Token Permissions',
  '40001': 'Missing Required Arguments',
  '40002': 'Invalid Arguments',
  '40004': 'Business Failed',
  '40006': 'Insufficient Permissions',
};

/** Gateway-level sub codes: code and sub_msg as the public error-code table words them. */
export const GATEWAY_ERRORS = {
  'isp.unknow-error': ['20000', '系统繁忙'],
  'isv.missing-method': ['40001', '缺少方法名参数'],
  'isv.missing-signature': ['40001', '缺少签名参数'],
  'isv.missing-signature-type': ['40001', '缺少签名类型参数'],
  'isv.missing-app-id': ['40001', '缺少appId参数'],
  'isv.missing-timestamp': ['40001', '缺少时间戳参数'],
  'isv.missing-version': ['40001', '缺少版本参数'],
  'isv.invalid-method': ['40002', '不存在的方法名'],
  'isv.invalid-format': ['40002', '无效的数据格式'],
  'isv.invalid-signature-type': ['40002', '无效的签名类型'],
  'isv.invalid-signature': ['40002', '无效签名'],
  'isv.invalid-app-id': ['40002', '无效的AppID参数'],
  'isv.invalid-timestamp': ['40002', '非法的时间戳参数'],
  'isv.invalid-charset': ['40002', '字符集错误'],
  'isv.invalid-parameter': ['40002', '参数无效'],
} as const satisfies Record<string, readonly [string, string]>;

/** A gateway-level sub code. */
export type GatewayErrorCode = keyof typeof GATEWAY_ERRORS;

/** A refusal as the gateway words it: `code`, `sub_code`, `sub_msg`, plus fields some methods add to errors. */
export interface AlipayFailure {
  code: string;
  subCode: string;
  subMsg: string;
  /** Extra response fields, e.g. the refund method's `refund_fee: "0.00"` on errors. */
  extra?: Record<string, unknown>;
}

/** A gateway-level failure, with an optional more specific sub_msg. */
export function gatewayFailure(subCode: GatewayErrorCode, subMsg?: string): AlipayFailure {
  const [code, msg] = GATEWAY_ERRORS[subCode];
  return { code, subCode, subMsg: subMsg ?? msg };
}

/** A business failure (code 40004) with an `ACQ.*` or other business sub code. */
export function businessFailure(subCode: string, subMsg: string, extra?: Record<string, unknown>): AlipayFailure {
  return { code: '40004', subCode, subMsg, extra };
}

/** Business sub codes and their sub_msg wording, where a public source gave one. */
export const ACQ = {
  TRADE_NOT_EXIST: ['ACQ.TRADE_NOT_EXIST', '交易不存在'],
  // sub_msg as a real precreate answer worded it (mynw.cn/news/96621).
  INVALID_TOTAL_AMOUNT: ['ACQ.INVALID_PARAMETER', '参数无效:订单总金额格式错误'],
  INVALID_REFUND_AMOUNT: ['ACQ.INVALID_PARAMETER', '参数无效:退款金额格式错误'],
  CONTEXT_INCONSISTENT: ['ACQ.CONTEXT_INCONSISTENT', '交易信息被篡改'],
  TRADE_HAS_SUCCESS: ['ACQ.TRADE_HAS_SUCCESS', '交易已被支付'],
  TRADE_HAS_CLOSE: ['ACQ.TRADE_HAS_CLOSE', '交易已经关闭'],
  // sub_msg as a real refund answer worded it (a captured response in a public repository); the doc says 交易状态非法.
  TRADE_STATUS_ERROR: ['ACQ.TRADE_STATUS_ERROR', '交易状态不合法'],
  REFUND_AMT_NOT_EQUAL_TOTAL: ['ACQ.REFUND_AMT_NOT_EQUAL_TOTAL', '退款金额与交易金额不一致'],
  REASON_TRADE_REFUND_FEE_ERR: ['ACQ.REASON_TRADE_REFUND_FEE_ERR', '退款金额无效'],
  DISCORDANT_REPEAT_REQUEST: ['ACQ.DISCORDANT_REPEAT_REQUEST', '不一致的请求'],
  // bill.downloadurl.query: a real answer for a same-day bill_date (blog.csdn.net/chenkan5756/article/details/100711360).
  BILL_INVALID_ARGUMENTS: ['isv.invalid_arguments', '入参不合法'],
} as const satisfies Record<string, readonly [string, string]>;

/** A business failure from the {@link ACQ} table. */
export function acq(entry: readonly [string, string], extra?: Record<string, unknown>, subMsg?: string): AlipayFailure {
  return businessFailure(entry[0], subMsg ?? entry[1], extra);
}

/** A business failure for a missing or malformed business parameter (ACQ.INVALID_PARAMETER). */
export function invalidParameter(detail: string): AlipayFailure {
  return businessFailure('ACQ.INVALID_PARAMETER', `参数无效:${detail}`);
}
