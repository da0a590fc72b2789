import type { LedgerOrder } from '../../sandbox/ledger.js';
import { type ApiRequest, type ApiResult, type ApiRoute } from './api.js';
import { missingField, WX } from './codes.js';
import { findByOutTradeNo, findByTransactionId, transactionView } from './transaction.js';

/** Answers a query: `mchid` in the query string is required and must be this merchant's; an unknown order is 404 ORDER_NOT_EXIST. */
function answerQuery(request: ApiRequest): ApiResult {
  const mchid = request.query.get('mchid');
  if (!mchid) return { ok: false, failure: missingField('/query/mchid', '直连商户号'), order: request.order };
  if (mchid !== request.env.config.mchid) return { ok: false, failure: WX.mchNotExists(), order: request.order };
  const order: LedgerOrder | undefined = request.order;
  if (!order) return { ok: false, failure: WX.orderNotExist() };
  return { ok: true, json: transactionView(request.env, order), order };
}

/** Query by out_trade_no (any order) and by transaction_id (paid orders only: unpaid ones have no transaction_id yet). */
export const QUERY_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: '/v3/pay/transactions/out-trade-no/{out_trade_no}',
    api: 'wechatpay.query.out_trade_no',
    locate: ({ env, params }) => findByOutTradeNo(env, params.out_trade_no),
    run: answerQuery,
  },
  {
    method: 'GET',
    path: '/v3/pay/transactions/id/{transaction_id}',
    api: 'wechatpay.query.transaction_id',
    locate: ({ env, params }) => findByTransactionId(env, params.transaction_id),
    run: answerQuery,
  },
];
