import { formatYuan } from '../amount.js';
import { ACQ, acq, invalidParameter } from '../codes.js';
import { formatGmt8 } from '../time.js';
import { buyerOf, findTrade } from '../trade.js';
import { str, type MethodSpec } from './types.js';

/** alipay.trade.query: the trade as Alipay sees it (trade_no wins over out_trade_no). */
export const query: MethodSpec = {
  kind: 'api',
  locate: findTrade,
  run({ biz, trade }) {
    if (!str(biz, 'trade_no') && !str(biz, 'out_trade_no')) return { ok: false, failure: invalidParameter('out_trade_no和trade_no不能同时为空') };
    if (!trade) return { ok: false, failure: acq(ACQ.TRADE_NOT_EXIST) };
    const paid = trade.paidAt !== undefined;
    const total = formatYuan(trade.amount);
    const paidAmount = paid ? total : '0.00';
    const buyer = buyerOf(trade);
    return {
      ok: true,
      order: trade,
      fields: {
        trade_no: trade.providerOrderId,
        out_trade_no: trade.merchantOrderId,
        buyer_logon_id: paid ? buyer.buyerLogonId : undefined,
        trade_status: trade.providerState,
        total_amount: total,
        buyer_pay_amount: paidAmount,
        point_amount: '0.00',
        invoice_amount: paidAmount,
        send_pay_date: paid ? formatGmt8(trade.paidAt!) : undefined,
        receipt_amount: paidAmount,
        fund_bill_list: paid ? [{ fund_channel: 'ALIPAYACCOUNT', amount: total }] : undefined,
        buyer_user_id: paid ? buyer.buyerId : undefined,
        subject: typeof trade.data.subject === 'string' ? trade.data.subject : undefined,
      },
    };
  },
};
