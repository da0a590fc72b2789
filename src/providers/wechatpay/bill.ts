import { createHash } from 'node:crypto';
import type { LedgerOrder, LedgerRefund } from '../../sandbox/ledger.js';
import { formatYuan } from './amount.js';
import type { WechatpayConfig } from './config.js';
import { formatCstDateTime } from './time.js';

/** Column header of the trade bill (ALL layout; the SUCCESS and REFUND files are cut from the same rows here). */
export const TRADE_BILL_HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
/** Caption of the trade bill's summary line. */
export const TRADE_BILL_SUMMARY = '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额';
/** Column header of the fund flow bill. */
export const FUND_BILL_HEADER = '记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额(元),账户结余(元),资金变更提交申请人,备注,业务凭证号';
/** Caption of the fund flow bill's summary line. */
export const FUND_BILL_SUMMARY = '资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额';

/** The sandbox's fee rate, 0.6% (shown as `0.60%`), on every payment; refunds give back their share. */
export const FEE_RATE_PERMILLE = 6;

const BOM = '\uFEFF';
const fee = (fen: number): number => Math.round((fen * FEE_RATE_PERMILLE) / 1000);
// Fees are written with five decimals on real bills (e.g. 0.06000).
const feeText = (fen: number): string => `${formatYuan(fen)}000`;
// Every cell of the data lines starts with a backtick, so spreadsheets keep long numbers as text.
const line = (cells: readonly string[]): string => cells.map((c) => `\`${c}`).join(',');
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

const digitsFrom = (seed: string, length: number): string => {
  let out = '';
  for (let block = 0; out.length < length; block++) for (const b of createHash('sha256').update(`${seed}:${block}`).digest()) out += String(b % 10);
  return out.slice(0, length);
};

/** A day's business: payments made and refunds that succeeded in [start, end). */
export interface BillDay {
  start: number;
  end: number;
  orders: readonly LedgerOrder[];
}

interface Event {
  at: number;
  order: LedgerOrder;
  refund?: LedgerRefund;
}

/** The payments and succeeded refunds of a day, in time order. */
export function billEvents(day: BillDay, kind: 'ALL' | 'SUCCESS' | 'REFUND' = 'ALL'): Event[] {
  const inDay = (t: unknown): t is number => typeof t === 'number' && t >= day.start && t < day.end;
  const events: Event[] = [];
  for (const order of day.orders) {
    if (kind !== 'REFUND' && inDay(order.paidAt)) events.push({ at: order.paidAt, order });
    if (kind === 'SUCCESS') continue;
    for (const refund of order.refunds) if (refund.status === 'succeeded' && inDay(refund.data.success_time)) events.push({ at: refund.data.success_time, order, refund });
  }
  return events.sort((a, b) => a.at - b.at);
}

/** The trade bill CSV (UTF-8 with BOM): header, one line per payment or refund, summary caption and line; amounts in yuan. */
export function buildTradeBill(config: WechatpayConfig, events: readonly Event[]): string {
  const rows: string[] = [];
  let settle = 0;
  let refunded = 0;
  let fees = 0;
  let ordered = 0;
  for (const { at, order, refund } of events) {
    const common = [formatCstDateTime(at), text(order.data.appid) || config.appid, config.mchid, '0', text(order.data.device_id), order.providerOrderId, order.merchantOrderId, text(order.data.openid), text(order.data.trade_type)];
    const tail = (rowFee: number, applied: number) => [text(order.data.description), text(order.data.attach), feeText(rowFee), '0.60%', formatYuan(order.amount), formatYuan(applied), ''];
    if (!refund) {
      const f = fee(order.amount);
      settle += order.amount;
      fees += f;
      ordered += order.amount;
      rows.push(line([...common, 'SUCCESS', text(order.data.bank_type) || 'OTHERS', 'CNY', formatYuan(order.amount), '0.00', '0', '0', '0.00', '0.00', '', '', ...tail(f, 0)]));
    } else {
      const f = -fee(refund.amount);
      refunded += refund.amount;
      fees += f;
      rows.push(line([...common, 'REFUND', text(order.data.bank_type) || 'OTHERS', 'CNY', '0.00', '0.00', refund.id, refund.requestId, formatYuan(refund.amount), '0.00', 'ORIGINAL', 'SUCCESS', ...tail(f, refund.amount)]));
    }
  }
  const summary = line([String(rows.length), formatYuan(settle), formatYuan(refunded), '0.00', feeText(fees), formatYuan(ordered), formatYuan(refunded)]);
  return `${BOM}${[TRADE_BILL_HEADER, ...rows, TRADE_BILL_SUMMARY, summary].join('\n')}\n`;
}

/** The fund flow bill of the BASIC account (UTF-8 with BOM): income per payment, its fee, and each refund net of the fee given back. */
export function buildFundFlowBill(config: WechatpayConfig, events: readonly Event[]): string {
  const rows: string[] = [];
  let balance = 0;
  let income = 0;
  let incomeCount = 0;
  let outgo = 0;
  let outgoCount = 0;
  const push = (at: number, businessNo: string, seed: string, name: string, inOut: '收入' | '支出', fen: number, who: string, note: string, voucher: string) => {
    balance += inOut === '收入' ? fen : -fen;
    if (inOut === '收入') [income, incomeCount] = [income + fen, incomeCount + 1];
    else [outgo, outgoCount] = [outgo + fen, outgoCount + 1];
    rows.push(line([formatCstDateTime(at), businessNo, `${config.mchid}${digitsFrom(seed, 18)}`, name, name, inOut, formatYuan(fen), formatYuan(balance), who, note, voucher]));
  };
  for (const { at, order, refund } of events) {
    if (!refund) {
      push(at, order.providerOrderId, `${order.ref}:pay`, '交易', '收入', order.amount, 'system', '', order.merchantOrderId);
      const f = fee(order.amount);
      if (f > 0) push(at, order.providerOrderId, `${order.ref}:fee`, '扣除交易手续费', '支出', f, 'system', '', order.merchantOrderId);
    } else {
      const back = fee(refund.amount);
      push(at, refund.id, `${refund.id}:refund`, '退款', '支出', refund.amount - back, `${config.mchid}API`, `退款总金额${formatYuan(refund.amount)}元;含手续费${formatYuan(back)}元`, refund.requestId);
    }
  }
  const summary = line([String(rows.length), String(incomeCount), formatYuan(income), String(outgoCount), formatYuan(outgo)]);
  return `${BOM}${[FUND_BILL_HEADER, ...rows, FUND_BILL_SUMMARY, summary].join('\n')}\n`;
}
