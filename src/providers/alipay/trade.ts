import { createHash } from 'node:crypto';
import type { LedgerOrder } from '../../sandbox/ledger.js';
import { gmt8Compact, gmt8Start, parseGmt8 } from './time.js';
import { PROVIDER_ID, type AlipayEnv } from './env.js';

/** Trade states a trade can still be paid from (the ledger's pending and failed both show WAIT_BUYER_PAY). */
export const OPEN_STATUSES = new Set(['pending', 'failed']);

/** A new trade_no shaped like Alipay's: `yyyyMMdd` (GMT+8) + `22001` + 15 digits from the sandbox's seeded id source. */
export function newTradeNo(env: AlipayEnv, at: number): string {
  return `${gmt8Compact(at)}22001${env.ctx.ledger.ids.digits(15)}`;
}

/** The trade a business request names: `trade_no` wins over `out_trade_no`, as the gateway does. */
export function findTrade(env: AlipayEnv, biz: Record<string, unknown>): LedgerOrder | undefined {
  const tradeNo = typeof biz.trade_no === 'string' && biz.trade_no !== '' ? biz.trade_no : undefined;
  const outTradeNo = typeof biz.out_trade_no === 'string' && biz.out_trade_no !== '' ? biz.out_trade_no : undefined;
  if (!tradeNo && !outTradeNo) return undefined;
  return env.ctx.ledger.find(PROVIDER_ID, { providerOrderId: tradeNo, merchantOrderId: tradeNo ? undefined : outTradeNo });
}

/** Masks a logon id the way Alipay shows it: `test_buyer@example.com` → `tes***@example.com`, `13812345678` → `138******78`. */
export function maskLogonId(logon: string): string {
  const at = logon.indexOf('@');
  if (at > 0) return `${logon.slice(0, Math.min(3, at))}***${logon.slice(at)}`;
  if (logon.length > 5) return `${logon.slice(0, 3)}${'*'.repeat(logon.length - 5)}${logon.slice(-2)}`;
  return `${logon.slice(0, 1)}***`;
}

/** The sandbox buyer's Alipay account (shown masked, as Alipay shows buyer_logon_id). */
export const SANDBOX_BUYER_LOGON = 'test_buyer@example.com';

const digitsFrom = (seed: string, length: number): string => {
  let out = '';
  for (let block = 0; out.length < length; block++) {
    for (const byte of createHash('sha256').update(`${seed}:${block}`).digest()) out += String(byte % 10);
  }
  return out.slice(0, length);
};

/** The buyer of a trade: the one who paid, or (for notifies about unpaid trades) a stable stand-in derived from trade_no. */
export function buyerOf(order: LedgerOrder): { buyerId: string; buyerLogonId: string } {
  const buyerId = typeof order.data.buyer_id === 'string' ? order.data.buyer_id : `2088${digitsFrom(order.providerOrderId, 12)}`;
  const buyerLogonId = typeof order.data.buyer_logon_id === 'string' ? order.data.buyer_logon_id : maskLogonId(SANDBOX_BUYER_LOGON);
  return { buyerId, buyerLogonId };
}

/** Digits derived from a key (stable notify_id suffixes and the like). */
export function stableDigits(seed: string, length: number): string {
  return digitsFrom(seed, length);
}

/** When an unpaid trade closes by itself: `time_expire` (absolute, GMT+8) wins over `timeout_express` (1m–15d, or `1c` = end of today). */
export function closeDeadline(biz: Record<string, unknown>, createdAt: number): number | undefined {
  if (typeof biz.time_expire === 'string') {
    const at = parseGmt8(biz.time_expire);
    if (at !== undefined) return at;
  }
  const m = typeof biz.timeout_express === 'string' ? /^(\d+)([mhdc])$/.exec(biz.timeout_express.trim()) : null;
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[2] === 'c') {
    const start = gmt8Start(new Date(createdAt + 8 * 3_600_000).toISOString().slice(0, 10))!;
    return start + 86_400_000;
  }
  const ms = n * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
  if (ms < 60_000 || ms > 15 * 86_400_000) return undefined;
  return createdAt + ms;
}

/** Closes an unpaid trade (TRADE_CLOSED) and cancels its scheduled timeout. */
export function closeTrade(env: AlipayEnv, order: LedgerOrder, at: number, data?: Record<string, unknown>): void {
  env.ctx.ledger.transition(order, 'closed', { providerState: 'TRADE_CLOSED', at, data });
  cancelTimeout(env, order);
}

/** Cancels a trade's scheduled timeout close, if any. */
export function cancelTimeout(env: AlipayEnv, order: LedgerOrder): void {
  env.closeTimers.get(order.ref)?.cancel();
  env.closeTimers.delete(order.ref);
}
