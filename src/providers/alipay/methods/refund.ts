import type { LedgerOrder, LedgerRefund } from '../../../sandbox/ledger.js';
import { formatYuan, parseYuan } from '../amount.js';
import { ACQ, acq, invalidParameter } from '../codes.js';
import { deliverNotify } from '../deliver.js';
import { formatGmt8 } from '../time.js';
import { buyerOf, findTrade } from '../trade.js';
import { str, type MethodSpec } from './types.js';

// What a real refund refusal carried besides the codes (a captured ACQ.TRADE_STATUS_ERROR answer).
const REFUSAL_EXTRA = { refund_fee: '0.00', send_back_fee: '0.00' };

const answer = (trade: LedgerOrder, refund: LedgerRefund, fundChange: 'Y' | 'N') => {
  const buyer = buyerOf(trade);
  return {
    trade_no: trade.providerOrderId,
    out_trade_no: trade.merchantOrderId,
    buyer_logon_id: buyer.buyerLogonId,
    fund_change: fundChange,
    // Cumulative: everything refunded on this trade so far.
    refund_fee: formatYuan(trade.refunded),
    gmt_refund_pay: formatGmt8(refund.createdAt),
    buyer_user_id: buyer.buyerId,
  };
};

/**
 * alipay.trade.refund: partial refunds keyed by out_request_no (default: the out_trade_no, which then
 * must refund the whole amount). Repeating a request number refunds nothing and answers fund_change N.
 */
export const refund: MethodSpec = {
  kind: 'api',
  locate: findTrade,
  run({ env, biz, trade, now }) {
    if (!str(biz, 'trade_no') && !str(biz, 'out_trade_no')) return { ok: false, failure: invalidParameter('out_trade_no和trade_no不能同时为空') };
    if (!trade) return { ok: false, failure: acq(ACQ.TRADE_NOT_EXIST, REFUSAL_EXTRA) };
    const amount = parseYuan(biz.refund_amount);
    if (amount === undefined) return { ok: false, failure: acq(ACQ.INVALID_REFUND_AMOUNT, REFUSAL_EXTRA), order: trade };
    const given = str(biz, 'out_request_no');
    const requestId = given ?? trade.merchantOrderId;

    const previous = trade.refunds.find((r) => r.requestId === requestId && r.status === 'succeeded');
    if (previous) {
      if (previous.amount !== amount) return { ok: false, failure: acq(ACQ.DISCORDANT_REPEAT_REQUEST, REFUSAL_EXTRA), order: trade };
      return { ok: true, order: trade, fields: answer(trade, previous, 'N') };
    }
    if (trade.status !== 'paid' && trade.status !== 'partially_refunded') return { ok: false, failure: acq(ACQ.TRADE_STATUS_ERROR, REFUSAL_EXTRA), order: trade };
    if (!given && amount !== trade.amount) return { ok: false, failure: acq(ACQ.REFUND_AMT_NOT_EQUAL_TOTAL, REFUSAL_EXTRA), order: trade };
    if (amount > trade.amount - trade.refunded) return { ok: false, failure: acq(ACQ.REASON_TRADE_REFUND_FEE_ERR, REFUSAL_EXTRA), order: trade };

    const created = env.ctx.ledger.addRefund(
      trade,
      {
        id: `refund_${env.ctx.ledger.ids.seq('alipay-refund')}`,
        requestId,
        amount,
        createdAt: now,
        data: { refund_reason: str(biz, 'refund_reason'), out_request_no: given },
      },
      { partial: 'TRADE_SUCCESS', full: 'TRADE_CLOSED' },
    );
    if (trade.refunded >= trade.amount) trade.data.gmt_close = formatGmt8(now);
    // The merchant is waiting for this answer: the notify goes out on its own (the dispatcher tracks it).
    deliverNotify(env, trade, 'refund', {
      orderUrlOnly: true,
      detail: { refund: { requestId, amount, at: now, cumulative: trade.refunded } },
    });
    return { ok: true, order: trade, fields: answer(trade, created, 'Y') };
  },
};
