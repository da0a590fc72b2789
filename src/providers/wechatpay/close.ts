import { str, type ApiRoute } from './api.js';
import { missingField, WX } from './codes.js';
import { closeOrder, findByOutTradeNo, isOpen } from './transaction.js';

/**
 * Close: 204 with no body. A paid order is refused with ORDERPAID; closing a closed order again answers
 * 204 (idempotent; UNCONFIRMED); an unknown out_trade_no is 404 ORDER_NOT_EXIST (the error table's code,
 * though a community report says the live API answers 204 there too).
 */
export const CLOSE_ROUTE: ApiRoute = {
  method: 'POST',
  path: '/v3/pay/transactions/out-trade-no/{out_trade_no}/close',
  api: 'wechatpay.close',
  locate: ({ env, params }) => findByOutTradeNo(env, params.out_trade_no),
  run({ env, body, order, now }) {
    const mchid = str(body, 'mchid');
    if (!mchid) return { ok: false, failure: missingField('/body/mchid', '直连商户号'), order };
    if (mchid !== env.config.mchid) return { ok: false, failure: WX.mchNotExists(), order };
    if (!order) return { ok: false, failure: WX.orderNotExist() };
    if (order.paidAt !== undefined) return { ok: false, failure: WX.orderPaid(), order };
    if (isOpen(order)) closeOrder(env, order, now);
    return { ok: true, status: 204, order };
  },
};
