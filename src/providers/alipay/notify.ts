import { randomBytes } from 'node:crypto';
import { signRsa } from '../../crypto/rsa.js';
import type { LedgerOrder, LedgerRefund } from '../../sandbox/ledger.js';
import type { CallbackBuildInput, CallbackMessage } from '../types.js';
import { formatYuan } from './amount.js';
import type { AlipayConfig } from './config.js';
import type { AlipayKeys } from './keys.js';
import { buildSignContent } from './sign-content.js';
import { formatGmt8, formatGmt8Millis, gmt8Compact } from './time.js';
import { buyerOf, stableDigits } from './trade.js';

/** Notify events a scenario can send, and the trade_status each carries (a refund's depends on what is left). */
export const NOTIFY_EVENTS = ['trade.success', 'trade.finished', 'trade.closed', 'trade.wait_buyer_pay', 'refund'] as const;

const STATUS: Record<string, string> = {
  'trade.success': 'TRADE_SUCCESS',
  'trade.finished': 'TRADE_FINISHED',
  'trade.closed': 'TRADE_CLOSED',
  'trade.wait_buyer_pay': 'WAIT_BUYER_PAY',
};

/** The refund a refund notify is about: the one in `detail.refund`, else the order's latest. */
export interface NotifyRefund {
  requestId: string;
  amount: number;
  at: number;
  /** Refunded in total once this refund went through, fen. */
  cumulative: number;
}

/** Picks the refund of a refund notify. */
function refundOf(order: LedgerOrder, detail: Record<string, unknown> | undefined, at: number): NotifyRefund {
  const given = detail?.refund as Partial<NotifyRefund> | undefined;
  const succeeded = order.refunds.filter((r) => r.status === 'succeeded');
  const find = (requestId?: string): LedgerRefund | undefined =>
    requestId ? succeeded.find((r) => r.requestId === requestId) : succeeded[succeeded.length - 1];
  const refund = find(given?.requestId);
  if (refund) {
    const upTo = succeeded.slice(0, succeeded.indexOf(refund) + 1).reduce((n, r) => n + r.amount, 0);
    return { requestId: refund.requestId, amount: refund.amount, at: refund.createdAt, cumulative: given?.cumulative ?? upTo };
  }
  // A scenario asked for a refund notify on an order that was never refunded: describe a full refund.
  return { requestId: given?.requestId ?? order.merchantOrderId, amount: given?.amount ?? order.amount, at: given?.at ?? at, cumulative: given?.cumulative ?? order.amount };
}

// Alipay echoes the request charset in notifies ("UTF-8" or "utf-8"); other charsets are answered in UTF-8 here.
const charsetOf = (order: LedgerOrder): string =>
  typeof order.data.charset === 'string' && /^utf-?8$/i.test(order.data.charset) ? order.data.charset : 'utf-8';

/** The notify's fields before signing, as Alipay sends them for each event (App/page/QR-code trade notifies). */
export function notifyFields(config: AlipayConfig, input: CallbackBuildInput): Record<string, string> {
  const { order, event, at } = input;
  const sentAt = at - (input.variant.staleByMs ?? 0);
  const total = formatYuan(order.amount);
  const { buyerId, buyerLogonId } = buyerOf(order);
  const paidAt = order.paidAt ?? (event === 'trade.success' || event === 'trade.finished' || event === 'refund' ? at : undefined);
  const f: Record<string, string> = {
    gmt_create: formatGmt8(order.createdAt),
    charset: charsetOf(order),
    notify_time: formatGmt8(sentAt),
    notify_type: 'trade_status_sync',
    // Stable across the attempts of one notification, like the real notify_id.
    notify_id: `${gmt8Compact(order.createdAt)}00222${stableDigits(input.deliveryKey, 21)}`,
    app_id: config.appId,
    auth_app_id: config.appId,
    version: '1.0',
    sign_type: 'RSA2',
    trade_no: order.providerOrderId,
    out_trade_no: order.merchantOrderId,
    seller_id: typeof order.data.seller_id === 'string' ? order.data.seller_id : config.sellerId,
    total_amount: total,
  };
  if (typeof order.data.subject === 'string') f.subject = order.data.subject;
  if (typeof order.data.body === 'string') f.body = order.data.body;
  if (typeof order.data.passback_params === 'string') f.passback_params = order.data.passback_params;

  if (event === 'refund') {
    const refund = refundOf(order, input.detail, at);
    const full = refund.cumulative >= order.amount;
    Object.assign(f, {
      buyer_id: buyerId,
      buyer_logon_id: buyerLogonId,
      trade_status: full ? 'TRADE_CLOSED' : 'TRADE_SUCCESS',
      gmt_payment: formatGmt8(paidAt!),
      refund_fee: formatYuan(refund.cumulative),
      gmt_refund: formatGmt8Millis(refund.at),
      out_biz_no: refund.requestId,
    });
    if (full) f.gmt_close = formatGmt8(refund.at);
    return f;
  }

  const status = STATUS[event] ?? 'TRADE_SUCCESS';
  f.trade_status = status;
  if (status === 'WAIT_BUYER_PAY') Object.assign(f, { buyer_id: buyerId, buyer_logon_id: buyerLogonId });
  if (paidAt !== undefined && status !== 'WAIT_BUYER_PAY') {
    Object.assign(f, {
      buyer_id: buyerId,
      buyer_logon_id: buyerLogonId,
      receipt_amount: total,
      invoice_amount: total,
      buyer_pay_amount: total,
      point_amount: '0.00',
      gmt_payment: formatGmt8(paidAt),
      fund_bill_list: JSON.stringify([{ amount: total, fundChannel: 'ALIPAYACCOUNT' }]),
    });
  }
  if (status === 'TRADE_CLOSED' || status === 'TRADE_FINISHED') f.gmt_close = formatGmt8(order.closedAt ?? at);
  return f;
}

/** Signs notify fields with `privateKey`: RSA2 over the sorted non-empty fields without `sign` and `sign_type`. */
export function signNotify(fields: Record<string, string>, privateKey: string): string {
  return signRsa('RSA-SHA256', buildSignContent(fields, { exclude: ['sign_type'] }), privateKey);
}

/** Builds one notify: fields, overrides, signature per variant, tampering, then the form body. */
export function buildNotify(config: AlipayConfig, keys: AlipayKeys, input: CallbackBuildInput): CallbackMessage {
  const fields = notifyFields(config, input);
  Object.assign(fields, input.variant.override);
  switch (input.variant.signer) {
    case 'provider':
      fields.sign = signNotify(fields, keys.alipayPrivateKey);
      break;
    case 'other-key':
      fields.sign = signNotify(fields, keys.other().privateKeyPem);
      break;
    case 'forged':
      // Random bytes the length of an RSA-2048 signature: well-formed base64 that verifies with no key.
      fields.sign = randomBytes(256).toString('base64');
      break;
    case 'unsigned':
      delete fields.sign_type;
      break;
  }
  Object.assign(fields, input.variant.tamper);
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams(fields).toString(),
  };
}

/** Alipay's ack rule: a 2xx answer whose body is exactly `success` (any case, nothing around it). */
export function isAlipayAck(response: { status: number; body: string }): boolean {
  return response.status >= 200 && response.status < 300 && response.body.toLowerCase() === 'success';
}
