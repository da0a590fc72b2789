import { billDownloadUrl } from './bill-downloadurl.js';
import { close } from './close.js';
import { pagePayMethod, wapPayMethod } from './page-pay.js';
import { precreate } from './precreate.js';
import { query } from './query.js';
import { refundQuery } from './refund-query.js';
import { refund } from './refund.js';
import type { MethodSpec } from './types.js';

/** Every gateway method the sandbox simulates, most frequent first. */
export const METHODS: Readonly<Record<string, MethodSpec>> = {
  'alipay.trade.precreate': precreate,
  'alipay.trade.query': query,
  'alipay.trade.page.pay': pagePayMethod,
  'alipay.trade.wap.pay': wapPayMethod,
  'alipay.trade.refund': refund,
  'alipay.trade.close': close,
  'alipay.trade.fastpay.refund.query': refundQuery,
  'alipay.data.dataservice.bill.downloadurl.query': billDownloadUrl,
};
