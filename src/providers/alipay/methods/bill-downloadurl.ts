import { ACQ, acq } from '../codes.js';
import { billPeriod } from '../bill.js';
import { gmt8Date } from '../time.js';
import { str, type MethodSpec } from './types.js';

const BILL_TYPES = new Set(['trade', 'signcustomer']);

/**
 * alipay.data.dataservice.bill.downloadurl.query: a 30-second link to the zipped bill of a past day or month.
 * Today's (or this month's) bill does not exist yet; the gateway answers that with isv.invalid_arguments
 * ("入参不合法"), as a real answer for a same-day bill_date showed.
 */
export const billDownloadUrl: MethodSpec = {
  kind: 'api',
  run({ env, biz, now, scenarioId }) {
    const billType = str(biz, 'bill_type');
    const billDate = str(biz, 'bill_date');
    if (!billType || !BILL_TYPES.has(billType) || !billDate) return { ok: false, failure: acq(ACQ.BILL_INVALID_ARGUMENTS) };
    const period = billPeriod(billDate);
    const todayStart = billPeriod(gmt8Date(now))!.start;
    const thisMonthStart = billPeriod(gmt8Date(now).slice(0, 7))!.start;
    const current = billDate.length === 7 ? thisMonthStart : todayStart;
    if (!period || period.end > current) return { ok: false, failure: acq(ACQ.BILL_INVALID_ARGUMENTS) };
    const link = env.bills.issue({ billType, billDate, issuedAt: now, scenarioId });
    return { ok: true, fields: { bill_download_url: link.url } };
  },
};
