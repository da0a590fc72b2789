import type { LedgerOrder } from '../../sandbox/ledger.js';
import { formatYuan } from './amount.js';
import { billAccount } from './bill-links.js';
import { formatGmt8, GMT8_OFFSET_MS, gmt8Start } from './time.js';
import { buyerOf } from './trade.js';

/** Column header of the business detail file (支付宝业务明细), as real trade bills have it. */
export const DETAIL_HEADER =
  '支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注';

/** Column header of the summary file (业务明细(汇总)), as parsers of real bills map it. */
export const SUMMARY_HEADER = '门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）,支付宝优惠（元）,商家优惠（元）,卡消费金额（元）,服务费（元）,分润（元）,实收净额（元）';

const DETAIL_BEGIN = '#-----------------------------------------业务明细列表----------------------------------------';
const DETAIL_END = '#-----------------------------------------业务明细列表结束------------------------------------';
const SUMMARY_BEGIN = '#-----------------------------------------业务汇总列表----------------------------------------';
const SUMMARY_END = '#----------------------------------------业务汇总列表结束-------------------------------------';

/** A bill period: a GMT+8 day (`yyyy-MM-dd`) or month (`yyyy-MM`). */
export interface BillPeriod {
  start: number;
  end: number;
  /** `yyyyMMdd` or `yyyyMM`, as in file names. */
  compact: string;
}

/** The period a bill_date names, or undefined if it is not a real date. */
export function billPeriod(billDate: string): BillPeriod | undefined {
  const start = gmt8Start(billDate);
  if (start === undefined) return undefined;
  let end: number;
  if (billDate.length === 7) {
    const d = new Date(start + GMT8_OFFSET_MS);
    end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) - GMT8_OFFSET_MS;
  } else end = start + 86_400_000;
  return { start, end, compact: billDate.replaceAll('-', '') };
}

const chineseStamp = (ms: number): string => {
  const s = formatGmt8(ms);
  return `${s.slice(0, 4)}年${s.slice(5, 7)}月${s.slice(8, 10)}日 ${s.slice(11)}`;
};

/** One row of the detail file. Tabs follow the fields Alipay pads (ids, type, store, account, refund number), so Excel keeps them as text. */
interface Row {
  at: number;
  cells: string[];
  kind: 'trade' | 'refund';
  amount: number;
}

const rowCells = (order: LedgerOrder, kind: 'trade' | 'refund', finishedAt: number, amount: number, requestNo: string): string[] => {
  const { buyerLogonId } = buyerOf(order);
  const money = formatYuan(amount);
  return [
    `${order.providerOrderId}\t`,
    `${order.merchantOrderId}\t`,
    `${kind === 'trade' ? '交易' : '退款'}\t`,
    typeof order.data.subject === 'string' ? order.data.subject : '',
    formatGmt8(order.createdAt),
    formatGmt8(finishedAt),
    '\t',
    '\t',
    '\t',
    '\t',
    `**家(${buyerLogonId})\t`,
    money,
    money,
    '0.00',
    '0.00',
    '0.00',
    '0.00',
    '0.00',
    '',
    '0.00\t',
    '0.00',
    `${requestNo}\t`,
    '0.00',
    '0.00',
    '',
  ];
};

/** The two CSV files of a trade bill (UTF-16 strings; the archive stores them GBK-encoded). */
export interface TradeBillFiles {
  detailName: string;
  detail: string;
  summaryName: string;
  summary: string;
}

/** Builds the business detail and summary files for the trades paid and refunds made in `period`. */
export function buildTradeBill(input: { orders: readonly LedgerOrder[]; sellerId: string; period: BillPeriod; exportedAt: number }): TradeBillFiles {
  const { period } = input;
  const inPeriod = (t: number | undefined): t is number => t !== undefined && t >= period.start && t < period.end;
  const rows: Row[] = [];
  for (const order of input.orders) {
    if (inPeriod(order.paidAt)) rows.push({ at: order.paidAt, kind: 'trade', amount: order.amount, cells: rowCells(order, 'trade', order.paidAt, order.amount, '') });
    for (const r of order.refunds) {
      if (r.status === 'succeeded' && inPeriod(r.createdAt)) rows.push({ at: r.createdAt, kind: 'refund', amount: -r.amount, cells: rowCells(order, 'refund', r.createdAt, -r.amount, r.requestId) });
    }
  }
  rows.sort((a, b) => a.at - b.at);
  const trades = rows.filter((r) => r.kind === 'trade');
  const refunds = rows.filter((r) => r.kind === 'refund');
  const sum = (list: Row[]) => formatYuan(list.reduce((n, r) => n + r.amount, 0));
  const account = billAccount(input.sellerId);
  const heading = (title: string) => [title, `#账号：[${account}]`, `#起始日期：[${chineseStamp(period.start)}]   终止日期：[${chineseStamp(period.end)}]`];
  const exported = `#导出时间：[${chineseStamp(input.exportedAt)}]`;

  const detail = [
    ...heading('#支付宝业务明细查询'),
    DETAIL_BEGIN,
    DETAIL_HEADER,
    ...rows.map((r) => r.cells.join(',')),
    DETAIL_END,
    `#交易合计：${trades.length}笔，商家实收共${sum(trades)}元，商家优惠共0.00元`,
    `#退款合计：${refunds.length}笔，商家实收退款共${sum(refunds)}元，商家优惠退款共0.00元`,
    exported,
  ];
  const net = sum(rows);
  const summary = [
    ...heading('#支付宝业务汇总查询'),
    SUMMARY_BEGIN,
    SUMMARY_HEADER,
    ['\t', '\t', trades.length, refunds.length, net, net, '0.00', '0.00', '0.00', '0.00', '0.00', net].join(','),
    ['合计', '', trades.length, refunds.length, net, net, '0.00', '0.00', '0.00', '0.00', '0.00', net].join(','),
    SUMMARY_END,
    exported,
  ];
  return {
    detailName: `${account}_${period.compact}_业务明细.csv`,
    detail: `${detail.join('\n')}\n`,
    summaryName: `${account}_${period.compact}_业务明细(汇总).csv`,
    summary: `${summary.join('\n')}\n`,
  };
}
