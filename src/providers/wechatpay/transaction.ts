import type { LedgerOrder, LedgerRefund } from '../../sandbox/ledger.js';
import { PROVIDER_ID, type WechatpayEnv } from './env.js';
import { cstCompact, formatRfc3339 } from './time.js';

/** Trade types of the prepay routes, as `trade_type` names them. */
export type TradeType = 'NATIVE' | 'JSAPI' | 'MWEB' | 'APP';

/** `trade_state_desc` for each state. */
export const TRADE_STATE_DESC: Readonly<Record<string, string>> = {
  SUCCESS: '支付成功',
  REFUND: '转入退款',
  NOTPAY: '订单未支付',
  CLOSED: '订单已关闭',
  USERPAYING: '用户支付中，需要输入密码',
};

/** The order's trade_state: NOTPAY/USERPAYING while open, SUCCESS once paid, REFUND once a refund was applied for, CLOSED. */
export function tradeState(order: LedgerOrder): string {
  if (order.status === 'closed') return 'CLOSED';
  if (order.paidAt === undefined) return order.providerState === 'USERPAYING' ? 'USERPAYING' : 'NOTPAY';
  return order.refunds.some((r) => r.status !== 'failed') ? 'REFUND' : 'SUCCESS';
}

/** Whether the buyer can still pay the order (NOTPAY or USERPAYING). */
export function isOpen(order: LedgerOrder): boolean {
  return order.status === 'pending' || order.status === 'failed';
}

/** A transaction_id shaped like WeChat Pay's: 28 digits, `4200000` + 3 + `yyyyMMdd` (+08:00) + 10. */
export function newTransactionId(env: WechatpayEnv, at: number): string {
  return `4200000${env.ctx.ledger.ids.digits(3)}${cstCompact(at).slice(0, 8)}${env.ctx.ledger.ids.digits(10)}`;
}

/** A prepay_id shaped like WeChat Pay's: `wx` + `yyyyMMddHHmmss` (+08:00) + 20 hex characters. */
export function newPrepayId(env: WechatpayEnv, at: number): string {
  return `wx${cstCompact(at)}${env.ctx.ledger.ids.hex(20)}`;
}

/** A refund_id shaped like WeChat Pay's: 29 digits, `503000` + 3 + `yyyyMMdd` + 12. */
export function newRefundId(env: WechatpayEnv, at: number): string {
  return `503000${env.ctx.ledger.ids.digits(3)}${cstCompact(at).slice(0, 8)}${env.ctx.ledger.ids.digits(12)}`;
}

/** An openid shaped like WeChat's (`o` + 27 characters). */
export function newOpenid(env: WechatpayEnv): string {
  return `o${env.ctx.ledger.ids.alnum(27)}`;
}

/** The order an out_trade_no names. */
export function findByOutTradeNo(env: WechatpayEnv, outTradeNo: string | undefined): LedgerOrder | undefined {
  return outTradeNo ? env.ctx.ledger.find(PROVIDER_ID, { merchantOrderId: outTradeNo }) : undefined;
}

/** The order a transaction_id names; unpaid orders have none yet, so they are not found. */
export function findByTransactionId(env: WechatpayEnv, transactionId: string | undefined): LedgerOrder | undefined {
  if (!transactionId) return undefined;
  const order = env.ctx.ledger.find(PROVIDER_ID, { providerOrderId: transactionId });
  return order?.paidAt !== undefined ? order : undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The Transaction object (query answer, TRANSACTION.* notify resource), keys in the order WeChat Pay's answers list them. */
export function transactionView(env: WechatpayEnv, order: LedgerOrder): Record<string, unknown> {
  const state = tradeState(order);
  const paid = order.paidAt !== undefined;
  const view: Record<string, unknown> = {
    amount: paid ? { currency: 'CNY', payer_currency: 'CNY', payer_total: order.amount, total: order.amount } : { payer_currency: 'CNY', total: order.amount },
    appid: str(order.data.appid) ?? env.config.appid,
  };
  if (paid && str(order.data.attach) !== undefined) view.attach = order.data.attach;
  if (paid) view.bank_type = str(order.data.bank_type) ?? 'OTHERS';
  view.mchid = env.config.mchid;
  view.out_trade_no = order.merchantOrderId;
  if (paid) view.payer = { openid: str(order.data.openid) };
  view.promotion_detail = [];
  if (order.data.device_id !== undefined) view.scene_info = { device_id: order.data.device_id };
  if (paid) view.success_time = formatRfc3339(order.paidAt!);
  view.trade_state = state;
  view.trade_state_desc = TRADE_STATE_DESC[state];
  if (paid) view.trade_type = order.data.trade_type;
  if (paid) view.transaction_id = order.providerOrderId;
  return view;
}

/** `status` of a refund as the refund API names it. */
export function refundStatus(refund: LedgerRefund): 'PROCESSING' | 'SUCCESS' | 'CLOSED' | 'ABNORMAL' {
  if (refund.status === 'pending') return 'PROCESSING';
  if (refund.status === 'succeeded') return 'SUCCESS';
  return refund.data.outcome === 'ABNORMAL' ? 'ABNORMAL' : 'CLOSED';
}

/** The Refund object (refund create and query answers). */
export function refundView(order: LedgerOrder, refund: LedgerRefund): Record<string, unknown> {
  const status = refundStatus(refund);
  const view: Record<string, unknown> = {
    amount: {
      currency: 'CNY',
      discount_refund: 0,
      from: [],
      payer_refund: refund.amount,
      payer_total: order.amount,
      refund: refund.amount,
      refund_fee: 0,
      settlement_refund: refund.amount,
      settlement_total: order.amount,
      total: order.amount,
    },
    channel: 'ORIGINAL',
    create_time: formatRfc3339(refund.createdAt),
    funds_account: str(refund.data.funds_account) ?? 'UNSETTLED',
    out_refund_no: refund.requestId,
    out_trade_no: order.merchantOrderId,
    promotion_detail: [],
    refund_id: refund.id,
    status,
  };
  if (status === 'SUCCESS' && typeof refund.data.success_time === 'number') view.success_time = formatRfc3339(refund.data.success_time);
  view.transaction_id = order.providerOrderId;
  view.user_received_account = '支付用户零钱';
  return view;
}

/** Finds a refund by out_refund_no across the merchant's orders. */
export function findRefund(env: WechatpayEnv, outRefundNo: string): { order: LedgerOrder; refund: LedgerRefund } | undefined {
  for (const order of env.ctx.ledger.list({ provider: PROVIDER_ID })) {
    const refund = order.refunds.find((r) => r.requestId === outRefundNo);
    if (refund) return { order, refund };
  }
  return undefined;
}

/** Closes an unpaid order (trade_state CLOSED) and cancels its scheduled expiry. */
export function closeOrder(env: WechatpayEnv, order: LedgerOrder, at: number): void {
  env.ctx.ledger.transition(order, 'closed', { providerState: 'CLOSED', at });
  env.timers.get(`expire:${order.ref}`)?.cancel();
  env.timers.delete(`expire:${order.ref}`);
}
