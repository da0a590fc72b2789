import type { LedgerOrder, LedgerRefund } from '../../sandbox/ledger.js';
import { parseDuration } from '../../util/duration.js';
import { deliverNotify } from './deliver.js';
import type { WechatpayEnv } from './env.js';

/** How a refund ends: SUCCESS, or CLOSED / ABNORMAL (reached through this provider's faults `refund-closed`, `refund-abnormal`). */
export type RefundOutcome = 'SUCCESS' | 'CLOSED' | 'ABNORMAL';

/** Settles a PROCESSING refund and sends its REFUND.* notify to the refund's notify_url (else the config's callback URL). */
export async function settleRefund(env: WechatpayEnv, order: LedgerOrder, refund: LedgerRefund, outcome: RefundOutcome, at: number): Promise<void> {
  if (refund.status !== 'pending') return;
  if (outcome === 'SUCCESS') {
    env.ctx.ledger.settleRefund(order, refund.id, 'succeeded', at, { partial: 'REFUND', full: 'REFUND' });
    refund.data.success_time = at;
  } else {
    env.ctx.ledger.settleRefund(order, refund.id, 'failed', at);
    refund.data.outcome = outcome;
  }
  refund.data.settled_at = at;
  const url = typeof refund.data.notify_url === 'string' ? refund.data.notify_url : undefined;
  await deliverNotify(env, order, `refund.${outcome.toLowerCase()}`, { url, detail: { refund: { requestId: refund.requestId } } });
}

/** Schedules the settlement `refundDelay` later on the order's scenario clock (PROCESSING until then). */
export function scheduleSettlement(env: WechatpayEnv, order: LedgerOrder, refund: LedgerRefund, outcome: RefundOutcome): void {
  const clock = env.clock(order.scenarioId);
  const key = `refund:${refund.id}`;
  const delay = parseDuration(env.config.refundDelay) ?? 60_000;
  env.timers.set(
    key,
    clock.schedule(clock.now() + delay, `wechatpay refund ${refund.requestId} → ${outcome}`, async () => {
      env.timers.delete(key);
      await settleRefund(env, order, refund, outcome, clock.now());
    }),
  );
}
