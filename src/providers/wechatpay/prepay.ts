import type { LedgerOrder } from '../../sandbox/ledger.js';
import { CONTROL_PREFIX } from '../../sandbox/control-api.js';
import { readFen } from './amount.js';
import { obj, str, type ApiRequest, type ApiResult, type ApiRoute } from './api.js';
import { invalidField, missingField, WX, type WechatpayFailure } from './codes.js';
import { PROVIDER_ID, type WechatpayEnv } from './env.js';
import { parseRfc3339 } from './time.js';
import { closeOrder, findByOutTradeNo, isOpen, newPrepayId, newTransactionId, type TradeType } from './transaction.js';

// out_trade_no: 6-32 characters of digits, letters and _-|* (prepay field rules).
const OUT_TRADE_NO = /^[0-9A-Za-z_\-|*]{6,32}$/;

/** What each prepay route needs beyond the common fields, as [JSON pointer, field name, getter]. */
const EXTRA_REQUIRED: Record<TradeType, [string, string, (b: Record<string, unknown>) => unknown][]> = {
  NATIVE: [],
  APP: [],
  JSAPI: [['/body/payer/openid', '用户标识', (b) => str(obj(b, 'payer'), 'openid')]],
  MWEB: [
    ['/body/scene_info/payer_client_ip', '用户终端IP', (b) => str(obj(b, 'scene_info'), 'payer_client_ip')],
    ['/body/scene_info/h5_info/type', '场景类型', (b) => str(obj(obj(b, 'scene_info'), 'h5_info'), 'type')],
  ],
};

/** Checks a prepay body; the first problem found, as the gateway reports one at a time. */
function checkPrepay(env: WechatpayEnv, body: Record<string, unknown>, type: TradeType): WechatpayFailure | undefined {
  const required: [string, string, unknown][] = [
    ['/body/appid', '应用ID', str(body, 'appid')],
    ['/body/mchid', '直连商户号', str(body, 'mchid')],
    ['/body/description', '商品描述', str(body, 'description')],
    ['/body/out_trade_no', '商户订单号', str(body, 'out_trade_no')],
    ['/body/notify_url', '通知地址', str(body, 'notify_url')],
    ['/body/amount', '订单金额', obj(body, 'amount')],
    ['/body/amount/total', '总金额', obj(body, 'amount')?.total],
    ...EXTRA_REQUIRED[type].map(([p, n, get]) => [p, n, get(body)] as [string, string, unknown]),
  ];
  for (const [pointer, name, value] of required) if (value === undefined || value === null) return missingField(pointer, name);
  const amount = obj(body, 'amount')!;
  if (readFen(amount.total) === undefined) return invalidField('/body/amount/total', '总金额', '校验失败，应为以分为单位的正整数', amount.total);
  if (amount.currency !== undefined && amount.currency !== 'CNY') return invalidField('/body/amount/currency', '货币类型', '校验失败，境内商户号仅支持人民币：CNY', amount.currency);
  if (!OUT_TRADE_NO.test(str(body, 'out_trade_no')!)) return invalidField('/body/out_trade_no', '商户订单号', '校验失败，应为6-32位数字、大小写字母或_-|*', body.out_trade_no);
  const notifyUrl = str(body, 'notify_url')!;
  // WeChat Pay requires https and no query string; the sandbox lets http through, since merchants under test listen on http.
  if (!/^https?:\/\/[^?#\s]+$/.test(notifyUrl)) return invalidField('/body/notify_url', '通知地址', '校验失败，应为可直接访问、不携带参数的URL', notifyUrl);
  if (body.time_expire !== undefined && (typeof body.time_expire !== 'string' || parseRfc3339(body.time_expire) === undefined)) {
    return invalidField('/body/time_expire', '交易结束时间', '校验失败，应为rfc3339格式，如2018-06-08T10:34:56+08:00', body.time_expire);
  }
  if (str(body, 'mchid') !== env.config.mchid) return WX.mchNotExists();
  if (str(body, 'appid') !== env.config.appid) return WX.appidMchidNotMatch();
  return undefined;
}

/** The facts two prepay calls must share to be "the same order" (re-prepaying it returns the same answer). */
const fingerprint = (type: TradeType, body: Record<string, unknown>): string =>
  JSON.stringify([type, str(body, 'appid'), str(body, 'description'), obj(body, 'amount')?.total, str(body, 'attach') ?? '']);

/** The answer of a prepay route for an order: code_url, prepay_id or h5_url. */
function prepayAnswer(order: LedgerOrder): Record<string, unknown> {
  switch (order.data.trade_type as TradeType) {
    case 'NATIVE':
      return { code_url: order.data.code_url };
    case 'MWEB':
      return { h5_url: order.data.h5_url };
    default:
      return { prepay_id: order.data.prepay_id };
  }
}

/** Closes the order at its time_expire (virtual time) if it is still unpaid; WeChat Pay sends no notify for it. */
function scheduleExpiry(env: WechatpayEnv, order: LedgerOrder, at: number): void {
  const clock = env.clock(order.scenarioId);
  const key = `expire:${order.ref}`;
  env.timers.set(
    key,
    clock.schedule(at, `wechatpay close ${order.merchantOrderId} (time_expire)`, () => {
      env.timers.delete(key);
      if (isOpen(order)) closeOrder(env, order, clock.now());
    }),
  );
}

/** Creates the order of a prepay call, or answers the open one made with the same parameters. */
function prepay(request: ApiRequest, type: TradeType): ApiResult {
  const { env, body, now } = request;
  const problem = checkPrepay(env, body, type);
  if (problem) return { ok: false, failure: problem, order: request.order };
  const existing = request.order;
  const print = fingerprint(type, body);
  if (existing) {
    if (existing.paidAt !== undefined) return { ok: false, failure: WX.orderPaid(), order: existing };
    if (existing.status === 'closed') return { ok: false, failure: WX.orderClosed(), order: existing };
    if (existing.data.fingerprint !== print) return { ok: false, failure: WX.outTradeNoUsed(), order: existing };
    return { ok: true, json: prepayAnswer(existing), order: existing };
  }
  const transactionId = newTransactionId(env, now);
  const prepayId = newPrepayId(env, now);
  const sceneInfo = obj(body, 'scene_info');
  const data: Record<string, unknown> = {
    trade_type: type,
    appid: str(body, 'appid'),
    description: str(body, 'description'),
    prepay_id: prepayId,
    fingerprint: print,
  };
  if (type === 'NATIVE') data.code_url = `weixin://wxpay/bizpayurl?pr=${env.ctx.ledger.ids.alnum(9)}`;
  if (type === 'MWEB') data.h5_url = `${env.ctx.baseUrl()}${CONTROL_PREFIX}/cashier/${transactionId}?prepay_id=${prepayId}&package=${env.ctx.ledger.ids.digits(10)}`;
  for (const key of ['attach', 'time_expire', 'goods_tag']) if (str(body, key) !== undefined) data[key] = str(body, key);
  if (str(obj(body, 'payer'), 'openid')) data.openid = str(obj(body, 'payer'), 'openid');
  if (str(sceneInfo, 'payer_client_ip')) data.payer_client_ip = str(sceneInfo, 'payer_client_ip');
  if (str(sceneInfo, 'device_id')) data.device_id = str(sceneInfo, 'device_id');
  const order = env.ctx.ledger.createOrder({
    provider: PROVIDER_ID,
    merchantOrderId: str(body, 'out_trade_no')!,
    providerOrderId: transactionId,
    amount: obj(body, 'amount')!.total as number,
    currency: 'CNY',
    providerState: 'NOTPAY',
    at: now,
    notifyUrl: str(body, 'notify_url'),
    scenarioId: request.scenarioId,
    data,
  });
  if (typeof data.time_expire === 'string') scheduleExpiry(env, order, parseRfc3339(data.time_expire)!);
  return { ok: true, json: prepayAnswer(order), order };
}

const prepayRoute = (path: string, api: string, type: TradeType): ApiRoute => ({
  method: 'POST',
  path,
  api,
  locate: ({ env, body }) => findByOutTradeNo(env, str(body, 'out_trade_no')),
  run: (request) => prepay(request, type),
});

/** The four prepay routes: Native (code_url), JSAPI and APP (prepay_id), H5 (h5_url). */
export const PREPAY_ROUTES: readonly ApiRoute[] = [
  prepayRoute('/v3/pay/transactions/native', 'wechatpay.native.prepay', 'NATIVE'),
  prepayRoute('/v3/pay/transactions/jsapi', 'wechatpay.jsapi.prepay', 'JSAPI'),
  prepayRoute('/v3/pay/transactions/h5', 'wechatpay.h5.prepay', 'MWEB'),
  prepayRoute('/v3/pay/transactions/app', 'wechatpay.app.prepay', 'APP'),
];
