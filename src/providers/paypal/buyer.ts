import type { LedgerOrder } from '../../sandbox/ledger.js';
import type { BuyerNotifyOptions, BuyerResult } from '../types.js';
import type { FundingOutcome, OrderRecord, PaypalEnv } from './env.js';
import { emitEvent } from './events.js';
import { orderJson, sandboxPayer } from './objects.js';
import { setLedger, settleCapture } from './state.js';

/**
 * What the sandbox buyer can do on the PayPal page: approve (the capture that follows completes), approve-pending
 * (it will be PENDING, PENDING_REVIEW), approve-declined (it will fail with 422 INSTRUMENT_DECLINED),
 * require-payer-action (PayPal asks the buyer for more, e.g. 3-D Secure: PAYER_ACTION_REQUIRED until approved),
 * cancel (back to the merchant's cancel_url; nothing changes, no webhook). After a PENDING capture:
 * settle-pending (COMPLETED) or deny-pending (DECLINED, PAYMENT.CAPTURE.DENIED).
 */
export const BUYER_ACTIONS = ['approve', 'approve-pending', 'approve-declined', 'require-payer-action', 'cancel', 'settle-pending', 'deny-pending'] as const;

const FUNDING: Record<string, FundingOutcome> = { approve: 'normal', 'approve-pending': 'pending', 'approve-declined': 'declined' };

/** Whether the buyer may (re)approve: a new order, one waiting for the payer, or one whose instrument was just declined. */
const approvable = (rec: OrderRecord): boolean => rec.status === 'CREATED' || rec.status === 'PAYER_ACTION_REQUIRED' || (rec.status === 'APPROVED' && rec.declined);

/** Acts as the buyer on an order (see {@link BUYER_ACTIONS}); webhooks go to the merchant's endpoint. */
export async function actAsBuyer(env: PaypalEnv, action: string, order: LedgerOrder, options: { scenarioId?: string; notify?: BuyerNotifyOptions }): Promise<BuyerResult> {
  if (!(BUYER_ACTIONS as readonly string[]).includes(action)) return { ok: false, reason: `PayPal buyers can ${BUYER_ACTIONS.join(', ')}, not "${action}"`, deliveries: [] };
  const rec = env.orders.get(order.providerOrderId);
  if (!rec) return { ok: false, reason: `order ${order.providerOrderId} is not a PayPal order of this sandbox`, deliveries: [] };
  const scenarioId = options.scenarioId ?? order.scenarioId;
  const now = env.clock(scenarioId).now();
  const emit = { scenarioId, notify: options.notify };
  const refuse = (reason: string): BuyerResult => ({ ok: false, reason, deliveries: [] });
  switch (action) {
    case 'approve':
    case 'approve-pending':
    case 'approve-declined': {
      if (!approvable(rec)) return refuse(`order ${rec.id} is ${rec.status} and cannot be approved`);
      rec.status = 'APPROVED';
      rec.funding = FUNDING[action];
      rec.declined = false;
      rec.payer ??= sandboxPayer(env);
      rec.updateTime = now;
      setLedger(env, rec, undefined, 'APPROVED', now);
      const d = emitEvent(env, order, 'CHECKOUT.ORDER.APPROVED', orderJson(env, rec), emit);
      return { ok: true, deliveries: d ? [d] : [] };
    }
    case 'require-payer-action':
      if (rec.status !== 'CREATED' && rec.status !== 'APPROVED') return refuse(`order ${rec.id} is ${rec.status}; PayPal asks for payer action only before capture`);
      rec.status = 'PAYER_ACTION_REQUIRED';
      rec.payerAction = true;
      rec.updateTime = now;
      setLedger(env, rec, undefined, 'PAYER_ACTION_REQUIRED', now);
      return { ok: true, deliveries: [] };
    case 'cancel':
      if (rec.status !== 'CREATED' && rec.status !== 'PAYER_ACTION_REQUIRED') return refuse(`order ${rec.id} is ${rec.status}; only an order waiting for the buyer can be cancelled on the PayPal page`);
      // The buyer goes back to cancel_url; PayPal changes nothing and sends nothing.
      order.data.buyerCancelled = true;
      return { ok: true, deliveries: [] };
    default: {
      const capture = rec.captureIds.map((id) => env.captures.get(id)!).find((c) => c.status === 'PENDING');
      if (!capture) return refuse(`order ${rec.id} has no PENDING capture`);
      const d = settleCapture(env, rec, capture, action === 'settle-pending', now, emit);
      return { ok: true, deliveries: d ? [d] : [] };
    }
  }
}
