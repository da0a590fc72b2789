import { CONTROL_PREFIX } from '../../../sandbox/control-api.js';
import { findTrade } from '../trade.js';
import { createOrReuseTrade } from './create-trade.js';
import { str, type MethodSpec } from './types.js';

/** alipay.trade.precreate: creates a QR-code trade; qr_code opens the sandbox cashier. */
export const precreate: MethodSpec = {
  kind: 'api',
  locate: (env, biz) => findTrade(env, { out_trade_no: str(biz, 'out_trade_no') }),
  run(request) {
    const result = createOrReuseTrade(request, 'FACE_TO_FACE_PAYMENT');
    if (!result.ok || !result.order) return result;
    const order = result.order;
    return {
      ok: true,
      order,
      fields: {
        out_trade_no: order.merchantOrderId,
        qr_code: `${request.env.ctx.baseUrl()}${CONTROL_PREFIX}/cashier/${encodeURIComponent(order.providerOrderId)}`,
      },
    };
  },
};
