import { findTrade } from '../trade.js';
import { createOrReuseTrade } from './create-trade.js';
import { str, type MethodSpec } from './types.js';

/** alipay.trade.page.pay (desktop web) and alipay.trade.wap.pay (mobile web): the browser is sent to the cashier. */
function pagePay(productCode: string): MethodSpec {
  return {
    kind: 'page',
    locate: (env, biz) => findTrade(env, { out_trade_no: str(biz, 'out_trade_no') }),
    run: (request) => createOrReuseTrade(request, productCode),
  };
}

/** alipay.trade.page.pay, product FAST_INSTANT_TRADE_PAY. */
export const pagePayMethod = pagePay('FAST_INSTANT_TRADE_PAY');
/** alipay.trade.wap.pay, product QUICK_WAP_WAY. */
export const wapPayMethod = pagePay('QUICK_WAP_WAY');
