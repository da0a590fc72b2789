import type { LedgerOrder } from '../../sandbox/ledger.js';
import type { BuyerNotifyOptions, BuyerResult } from '../types.js';
import { deliverNotify } from './deliver.js';
import type { WechatpayEnv } from './env.js';
import { isOpen, newOpenid, tradeState } from './transaction.js';

/** What the sandbox buyer can do: pay, leave it unpaid, pay with the notify lost on the way, or stay in USERPAYING. */
export const BUYER_ACTIONS = ['pay', 'abandon', 'pay-no-notify', 'user-paying'] as const;

const refusal = (order: LedgerOrder): string => `order ${order.merchantOrderId} is ${tradeState(order)} and can no longer be paid`;

/** Acts as the buyer on an order (see {@link BUYER_ACTIONS}). */
export async function actAsBuyer(env: WechatpayEnv, action: string, order: LedgerOrder, options: { scenarioId?: string; notify?: BuyerNotifyOptions }): Promise<BuyerResult> {
  const scenarioId = options.scenarioId ?? order.scenarioId;
  const now = env.clock(scenarioId).now();
  switch (action) {
    case 'pay':
    case 'pay-no-notify': {
      if (!isOpen(order)) return { ok: false, reason: refusal(order), deliveries: [] };
      env.ctx.ledger.transition(order, 'paid', {
        providerState: 'SUCCESS',
        at: now,
        data: { openid: typeof order.data.openid === 'string' ? order.data.openid : newOpenid(env), bank_type: 'OTHERS' },
      });
      env.timers.get(`expire:${order.ref}`)?.cancel();
      env.timers.delete(`expire:${order.ref}`);
      const mode = action === 'pay-no-notify' ? 'lost' : (options.notify?.mode ?? 'deliver');
      if (mode === 'none') return { ok: true, deliveries: [] };
      const delivery = deliverNotify(env, order, 'transaction.success', { scenarioId, lose: mode === 'lost' ? 'all' : undefined, dropAcks: options.notify?.dropAcks });
      return { ok: true, deliveries: delivery ? [delivery] : [] };
    }
    case 'abandon':
      // The buyer never pays: the order stays NOTPAY until the merchant closes it (or time_expire passes).
      return { ok: true, deliveries: [] };
    case 'user-paying':
      if (!isOpen(order)) return { ok: false, reason: refusal(order), deliveries: [] };
      // The buyer is entering the password: trade_state USERPAYING, still unpaid for the ledger.
      order.providerState = 'USERPAYING';
      order.updatedAt = now;
      return { ok: true, deliveries: [] };
    default:
      return { ok: false, reason: `WeChat Pay buyers can ${BUYER_ACTIONS.join(', ')}, not "${action}"`, deliveries: [] };
  }
}
