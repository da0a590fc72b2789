/** A refusal as WeChat Pay API v3 answers it: an HTTP status and `{code, message, detail?}`. */
export interface WechatpayFailure {
  status: number;
  code: string;
  message: string;
  detail?: Record<string, unknown>;
  /** What the journal shows besides the code (e.g. the whole string the sandbox verified); never sent. */
  note?: string;
}

/** Builds a failure. */
export function failure(status: number, code: string, message: string, detail?: Record<string, unknown>, note?: string): WechatpayFailure {
  return { status, code, message, detail, note };
}

/**
 * Business refusals, with HTTP status and message. Statuses and codes follow the API v3 error tables
 * (prepay/close common table, refund table, bill tables); messages marked (doc) are the tables' own
 * descriptions, the others are worded by payprobe where no real answer was found (see the fact sheet).
 */
export const WX = {
  /** (doc) 404 on query and close of an order WeChat Pay does not know. */
  orderNotExist: () => failure(404, 'ORDER_NOT_EXIST', '订单不存在'),
  /** 400; status UNCONFIRMED (two captured answers used 400): the order is already paid. */
  orderPaid: () => failure(400, 'ORDERPAID', '订单已支付'),
  /** (doc) 400: the order was closed; place a new one. */
  orderClosed: () => failure(400, 'ORDER_CLOSED', '订单已关闭'),
  /** (doc) 403: the out_trade_no was used with other parameters. */
  outTradeNoUsed: () => failure(403, 'OUT_TRADE_NO_USED', '商户订单号重复'),
  /** (doc) 400: appid is not bound to the merchant. */
  appidMchidNotMatch: () => failure(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配'),
  /** (doc) 400: unknown merchant id. */
  mchNotExists: () => failure(400, 'MCH_NOT_EXISTS', '商户号不存在'),
  /** (doc) 404 from the refund API: the order is unknown or unpaid (unpaid orders cannot be refunded). */
  resourceNotExists: (message = '订单不存在') => failure(404, 'RESOURCE_NOT_EXISTS', message),
  /** (doc) 403 from the refund API: the merchant's balance cannot cover the refund. */
  notEnough: () => failure(403, 'NOT_ENOUGH', '余额不足'),
  /** (doc code) 400: well-formed but against the business rules. */
  invalidRequest: (message: string) => failure(400, 'INVALID_REQUEST', message),
  /** (doc) 500: the sandbox's `unavailable` fault. */
  systemError: () => failure(500, 'SYSTEM_ERROR', '系统错误'),
  /** (doc) 400 from the bill APIs: no trade or refund on that day. */
  noStatement: () => failure(400, 'NO_STATEMENT_EXIST', '账单文件不存在'),
  /** (doc) 400 from the bill APIs: the day's bill is made after 10:00 the next day. */
  statementCreating: () => failure(400, 'STATEMENT_CREATING', '账单生成中'),
};

/** A 400 PARAM_ERROR for a missing field, worded like the gateway's schema check (`输入源“/body/x”映射到字段“名”必填性规则校验失败，此字段为必填项`). */
export function missingField(pointer: string, name: string): WechatpayFailure {
  return failure(400, 'PARAM_ERROR', `输入源“${pointer}”映射到字段“${name}”必填性规则校验失败，此字段为必填项`, { location: pointer.split('/')[1] ?? 'body', value: null });
}

/** A 400 PARAM_ERROR for a field whose value breaks its rule. */
export function invalidField(pointer: string, name: string, rule: string, value: unknown): WechatpayFailure {
  return failure(400, 'PARAM_ERROR', `输入源“${pointer}”映射到字段“${name}”${rule}`, { location: pointer.split('/')[1] ?? 'body', value: value ?? null });
}
