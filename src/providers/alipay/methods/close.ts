import { ACQ, acq, invalidParameter } from '../codes.js';
import { closeTrade, findTrade, OPEN_STATUSES } from '../trade.js';
import { str, type MethodSpec } from './types.js';

/** alipay.trade.close: closes an unpaid trade; a paid or closed one is refused with ACQ.TRADE_STATUS_ERROR. */
export const close: MethodSpec = {
  kind: 'api',
  locate: findTrade,
  run({ env, biz, trade, now }) {
    if (!str(biz, 'trade_no') && !str(biz, 'out_trade_no')) return { ok: false, failure: invalidParameter('out_trade_no和trade_no不能同时为空') };
    if (!trade) return { ok: false, failure: acq(ACQ.TRADE_NOT_EXIST) };
    if (!OPEN_STATUSES.has(trade.status)) return { ok: false, failure: acq(ACQ.TRADE_STATUS_ERROR), order: trade };
    closeTrade(env, trade, now, { close_reason: 'merchant', operator_id: str(biz, 'operator_id') });
    return { ok: true, order: trade, fields: { trade_no: trade.providerOrderId, out_trade_no: trade.merchantOrderId } };
  },
};
