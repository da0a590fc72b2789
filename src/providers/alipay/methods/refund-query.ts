import { formatYuan } from '../amount.js';
import { ACQ, acq, invalidParameter } from '../codes.js';
import { formatGmt8 } from '../time.js';
import { findTrade } from '../trade.js';
import { str, type MethodSpec } from './types.js';

/**
 * alipay.trade.fastpay.refund.query: one refund by out_request_no. As the classic doc says, code 10000
 * only means the query worked; a refund it does not know comes back with no refund fields.
 */
export const refundQuery: MethodSpec = {
  kind: 'api',
  locate: findTrade,
  run({ biz, trade }) {
    const options = Array.isArray(biz.query_options) ? biz.query_options : [];
    if (!str(biz, 'trade_no') && !str(biz, 'out_trade_no')) return { ok: false, failure: invalidParameter('out_trade_no和trade_no不能同时为空') };
    const requestNo = str(biz, 'out_request_no');
    if (!requestNo) return { ok: false, failure: invalidParameter('缺少必选参数out_request_no') };
    if (!trade) return { ok: false, failure: acq(ACQ.TRADE_NOT_EXIST) };
    const refund = trade.refunds.find((r) => r.requestId === requestNo && r.status === 'succeeded');
    if (!refund) return { ok: true, order: trade, fields: {} };
    return {
      ok: true,
      order: trade,
      fields: {
        trade_no: trade.providerOrderId,
        out_trade_no: trade.merchantOrderId,
        out_request_no: refund.requestId,
        total_amount: formatYuan(trade.amount),
        refund_amount: formatYuan(refund.amount),
        refund_status: 'REFUND_SUCCESS',
        refund_reason: typeof refund.data.refund_reason === 'string' ? refund.data.refund_reason : undefined,
        // Only on request, as the current doc says (query_options: ["gmt_refund_pay"]).
        gmt_refund_pay: options.includes('gmt_refund_pay') ? formatGmt8(refund.createdAt) : undefined,
      },
    };
  },
};
