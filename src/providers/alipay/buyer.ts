import type { LedgerOrder } from '../../sandbox/ledger.js';
import type { BuyerNotifyOptions, BuyerResult } from '../types.js';
import { deliverNotify } from './deliver.js';
import type { AlipayEnv } from './env.js';
import { cancelTimeout, maskLogonId, OPEN_STATUSES, SANDBOX_BUYER_LOGON } from './trade.js';

/** What the sandbox buyer can do at the cashier. */
export const BUYER_ACTIONS = ['pay', 'abandon', 'decline'] as const;

const refusal = (order: LedgerOrder): string =>
  order.status === 'closed'
    ? `trade ${order.providerOrderId} is TRADE_CLOSED and can no longer be paid`
    : `trade ${order.providerOrderId} is already paid (${order.providerState})`;

/** Acts as the buyer: `pay` settles the trade and notifies, `abandon` walks away, `decline` fails the attempt. */
export async function actAsBuyer(
  env: AlipayEnv,
  action: string,
  order: LedgerOrder,
  options: { scenarioId?: string; notify?: BuyerNotifyOptions },
): Promise<BuyerResult> {
  const scenarioId = options.scenarioId ?? order.scenarioId;
  const now = env.clock(scenarioId).now();
  switch (action) {
    case 'pay': {
      if (!OPEN_STATUSES.has(order.status)) return { ok: false, reason: refusal(order), deliveries: [] };
      const buyerId = `2088${env.ctx.ledger.ids.digits(12)}`;
      env.ctx.ledger.transition(order, 'paid', {
        providerState: 'TRADE_SUCCESS',
        at: now,
        data: { buyer_id: buyerId, buyer_logon_id: maskLogonId(SANDBOX_BUYER_LOGON), fund_channel: 'ALIPAYACCOUNT' },
      });
      cancelTimeout(env, order);
      const mode = options.notify?.mode ?? 'deliver';
      if (mode === 'none') return { ok: true, deliveries: [] };
      const delivery = deliverNotify(env, order, 'trade.success', {
        scenarioId,
        lose: mode === 'lost' ? 'all' : undefined,
        dropAcks: options.notify?.dropAcks,
      });
      return { ok: true, deliveries: delivery ? [delivery] : [] };
    }
    case 'abandon':
      // The buyer closed the cashier: the trade stays WAIT_BUYER_PAY until it times out or is closed.
      return { ok: true, deliveries: [] };
    case 'decline':
      if (!OPEN_STATUSES.has(order.status)) return { ok: false, reason: refusal(order), deliveries: [] };
      // A failed attempt (declined card, wrong password): Alipay keeps the trade open and sends no notify.
      env.ctx.ledger.transition(order, 'failed', { providerState: 'WAIT_BUYER_PAY', at: now });
      return { ok: true, deliveries: [] };
    default:
      return { ok: false, reason: `Alipay buyers can ${BUYER_ACTIONS.join(', ')}, not "${action}"`, deliveries: [] };
  }
}
