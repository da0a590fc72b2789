import { readFen } from './amount.js';
import { obj, str, type ApiRequest, type ApiResult, type ApiRoute } from './api.js';
import { invalidField, missingField, WX } from './codes.js';
import { scheduleSettlement, type RefundOutcome } from './refund-settle.js';
import { findByOutTradeNo, findByTransactionId, findRefund, newRefundId, refundView } from './transaction.js';

// Provider-specific faults a scenario can put on wechatpay.refund.create (see the definition's `faults`).
const OUTCOME_FAULTS: Record<string, RefundOutcome> = { 'refund-closed': 'CLOSED', 'refund-abnormal': 'ABNORMAL' };

const MISMATCH = '订单金额或退款金额与之前请求不一致，请核实后再试';

/** Applies for a refund: PROCESSING now, settled after refundDelay; the same out_refund_no answers the existing refund. */
function createRefund(request: ApiRequest): ApiResult {
  const { env, body, order, now } = request;
  const outRefundNo = str(body, 'out_refund_no');
  if (!outRefundNo) return { ok: false, failure: missingField('/body/out_refund_no', '商户退款单号'), order };
  if (!str(body, 'transaction_id') && !str(body, 'out_trade_no')) return { ok: false, failure: missingField('/body/out_trade_no', '商户订单号'), order };
  const amount = obj(body, 'amount');
  if (!amount) return { ok: false, failure: missingField('/body/amount', '金额信息'), order };
  for (const [key, name] of [['refund', '退款金额'], ['total', '原订单金额']] as const) {
    if (amount[key] === undefined) return { ok: false, failure: missingField(`/body/amount/${key}`, name), order };
    if (readFen(amount[key]) === undefined) return { ok: false, failure: invalidField(`/body/amount/${key}`, name, '校验失败，应为以分为单位的正整数', amount[key]), order };
  }
  if (amount.currency === undefined) return { ok: false, failure: missingField('/body/amount/currency', '退款币种'), order };
  if (amount.currency !== 'CNY') return { ok: false, failure: invalidField('/body/amount/currency', '退款币种', '校验失败，目前只支持人民币：CNY', amount.currency), order };
  const refundFen = amount.refund as number;

  const previous = findRefund(env, outRefundNo);
  if (previous) {
    if (previous.order !== order || previous.refund.amount !== refundFen || amount.total !== previous.order.amount) {
      return { ok: false, failure: WX.invalidRequest(MISMATCH), order: previous.order };
    }
    return { ok: true, json: refundView(previous.order, previous.refund), order: previous.order };
  }
  if (!order || order.paidAt === undefined) return { ok: false, failure: WX.resourceNotExists(), order };
  if (amount.total !== order.amount) return { ok: false, failure: WX.invalidRequest(MISMATCH), order };
  const committed = order.refunds.filter((r) => r.status !== 'failed').reduce((n, r) => n + r.amount, 0);
  if (refundFen > order.amount - committed) return { ok: false, failure: WX.invalidRequest('申请退款金额超过订单可退金额'), order };
  if (request.fault === 'not-enough') return { ok: false, failure: WX.notEnough(), order };

  const data: Record<string, unknown> = {};
  for (const key of ['reason', 'notify_url', 'funds_account']) if (str(body, key) !== undefined) data[key] = str(body, key);
  const refund = env.ctx.ledger.addRefund(order, { id: newRefundId(env, now), requestId: outRefundNo, amount: refundFen, createdAt: now, status: 'pending', data });
  scheduleSettlement(env, order, refund, OUTCOME_FAULTS[request.fault ?? ''] ?? 'SUCCESS');
  return { ok: true, json: refundView(order, refund), order };
}

/** Refund create (POST) and query by out_refund_no (GET). */
export const REFUND_ROUTES: readonly ApiRoute[] = [
  {
    method: 'POST',
    path: '/v3/refund/domestic/refunds',
    api: 'wechatpay.refund.create',
    // transaction_id wins over out_trade_no, as with queries.
    locate: ({ env, body }) => (str(body, 'transaction_id') ? findByTransactionId(env, str(body, 'transaction_id')) : findByOutTradeNo(env, str(body, 'out_trade_no'))),
    run: createRefund,
  },
  {
    method: 'GET',
    path: '/v3/refund/domestic/refunds/{out_refund_no}',
    api: 'wechatpay.refund.query',
    locate: ({ env, params }) => findRefund(env, params.out_refund_no)?.order,
    run({ env, params, order }) {
      const found = findRefund(env, params.out_refund_no);
      if (!found) return { ok: false, failure: WX.resourceNotExists('退款单不存在') };
      return { ok: true, json: refundView(found.order, found.refund), order: order ?? found.order };
    },
  },
];
