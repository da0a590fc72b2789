import type { LedgerOrder } from '../../../sandbox/ledger.js';
import { parseYuan } from '../amount.js';
import { ACQ, acq, invalidParameter } from '../codes.js';
import { deliverNotify } from '../deliver.js';
import { PROVIDER_ID } from '../env.js';
import { closeDeadline, closeTrade, findTrade, newTradeNo, OPEN_STATUSES } from '../trade.js';
import { str, type MethodRequest, type MethodResult } from './types.js';

/** Creates the trade of a precreate / page.pay / wap.pay call, or returns the open one with the same out_trade_no and amount. */
export function createOrReuseTrade(request: MethodRequest, defaultProductCode: string): MethodResult {
  const { env, biz, params, now } = request;
  const outTradeNo = str(biz, 'out_trade_no');
  if (!outTradeNo) return { ok: false, failure: invalidParameter('缺少必选参数out_trade_no') };
  const subject = str(biz, 'subject');
  if (!subject) return { ok: false, failure: invalidParameter('缺少必选参数subject') };
  const amount = parseYuan(biz.total_amount);
  if (amount === undefined) return { ok: false, failure: acq(ACQ.INVALID_TOTAL_AMOUNT) };

  const existing = request.trade ?? findTrade(env, { out_trade_no: outTradeNo });
  if (existing) {
    if (OPEN_STATUSES.has(existing.status)) {
      if (existing.amount !== amount) return { ok: false, failure: acq(ACQ.CONTEXT_INCONSISTENT), order: existing };
      return { ok: true, fields: {}, order: existing };
    }
    if (existing.status === 'paid' || existing.status === 'partially_refunded') {
      return { ok: false, failure: acq(ACQ.TRADE_HAS_SUCCESS), order: existing };
    }
    return { ok: false, failure: acq(ACQ.TRADE_HAS_CLOSE), order: existing };
  }

  const data: Record<string, unknown> = {
    subject,
    product_code: str(biz, 'product_code') ?? defaultProductCode,
    seller_id: str(biz, 'seller_id') ?? env.config.sellerId,
    charset: params.charset ?? 'utf-8',
    method: request.method,
  };
  for (const key of ['body', 'timeout_express', 'time_expire', 'passback_params', 'qr_pay_mode']) {
    const v = str(biz, key);
    if (v !== undefined) data[key] = v;
  }
  if (params.return_url) data.return_url = params.return_url;
  const order = env.ctx.ledger.createOrder({
    provider: PROVIDER_ID,
    merchantOrderId: outTradeNo,
    providerOrderId: newTradeNo(env, now),
    amount,
    currency: 'CNY',
    providerState: 'WAIT_BUYER_PAY',
    at: now,
    notifyUrl: params.notify_url || undefined,
    scenarioId: request.scenarioId,
    data,
  });
  scheduleTimeout(request, order);
  return { ok: true, fields: {}, order };
}

/** Closes the trade at its timeout (timeout_express / time_expire) if still unpaid, and sends the TRADE_CLOSED notify. */
function scheduleTimeout(request: MethodRequest, order: LedgerOrder): void {
  const { env } = request;
  const deadline = closeDeadline(request.biz, order.createdAt);
  if (deadline === undefined) return;
  const clock = env.clock(order.scenarioId);
  const timer = clock.schedule(deadline, `alipay close ${order.providerOrderId} (timeout)`, async () => {
    env.closeTimers.delete(order.ref);
    if (!OPEN_STATUSES.has(order.status)) return;
    closeTrade(env, order, clock.now(), { close_reason: 'timeout' });
    await deliverNotify(env, order, 'trade.closed', { scenarioId: order.scenarioId });
  });
  env.closeTimers.set(order.ref, timer);
}
