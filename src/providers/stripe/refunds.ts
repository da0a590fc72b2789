import type { LedgerOrder } from '../../sandbox/ledger.js';
import { displayMoney } from './amount.js';
import { hash, int, mergeMetadata, str, type ApiRequest, type ApiResult, type ApiRoute } from './api.js';
import { newId, remember, unix, type StripeEnv, type StripeObject } from './env.js';
import { invalid, SE } from './errors.js';
import { emitAll, emitEvent } from './events.js';
import { piOf } from './payment-intent.js';

const cause = (r: ApiRequest) => ({ requestId: r.requestId, idempotencyKey: r.idempotencyKey, scenarioId: r.scenarioId });

/** Finds the order a refund request is about: by `payment_intent`, else by `charge`. */
function locateRefundTarget(env: StripeEnv, params: ApiRequest['params']): LedgerOrder | undefined {
  const id = str(params, 'payment_intent') ?? str(params, 'charge');
  return id ? env.objects.get(id)?.order : undefined;
}

/** Refunds a succeeded payment, fully or partly; several partial refunds up to the captured amount. */
function createRefund(r: ApiRequest): ApiResult {
  const { env, params, now } = r;
  const piId = str(params, 'payment_intent');
  const chargeId = str(params, 'charge');
  if (!piId && !chargeId) return { ok: false, failure: invalid(400, 'One of the following params should be provided for this request: payment_intent or charge.', 'parameter_missing', undefined, false) };
  const order = r.order;
  if (!order || (piId && env.objects.get(piId)?.object.object !== 'payment_intent') || (chargeId && env.objects.get(chargeId)?.object.object !== 'charge')) {
    return { ok: false, failure: piId ? SE.noSuch('payment_intent', piId, 'payment_intent') : SE.noSuch('charge', chargeId!, 'charge') };
  }
  const pi = piOf(env, order);
  const charge = typeof pi.latest_charge === 'string' ? env.objects.get(pi.latest_charge)?.object : undefined;
  if (pi.status !== 'succeeded' || !charge) {
    return { ok: false, failure: invalid(400, `This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, undefined, 'payment_intent'), order };
  }
  const amountParam = int(params, 'amount');
  if (typeof amountParam === 'object') return { ok: false, failure: amountParam, order };
  const captured = charge.amount_captured as number;
  const refunded = charge.amount_refunded as number;
  if (refunded >= captured) return { ok: false, failure: invalid(400, `Charge ${charge.id} has already been refunded.`, 'charge_already_refunded'), order };
  const amount = amountParam ?? captured - refunded;
  if (amount < 1) return { ok: false, failure: invalid(400, 'Invalid positive integer', 'parameter_invalid_integer', 'amount', false), order };
  if (amount > captured - refunded) {
    const message = refunded
      ? `Refund amount (${displayMoney(amount, pi.currency as string)}) is greater than unrefunded amount on charge (${displayMoney(captured - refunded, pi.currency as string)})`
      : `Refund amount (${displayMoney(amount, pi.currency as string)}) is greater than charge amount (${displayMoney(captured, pi.currency as string)})`;
    return { ok: false, failure: invalid(400, message, 'amount_too_large', 'amount'), order };
  }
  const reason = str(params, 'reason');
  if (reason && !['duplicate', 'fraudulent', 'requested_by_customer'].includes(reason)) {
    return { ok: false, failure: invalid(400, 'Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer', undefined, 'reason', false), order };
  }
  const refund: StripeObject = {
    id: newId(env, 're'),
    object: 'refund',
    amount,
    balance_transaction: newId(env, 'txn'),
    charge: charge.id,
    created: unix(now),
    currency: pi.currency,
    destination_details: { type: 'card', card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' } },
    metadata: mergeMetadata({}, hash(params, 'metadata')),
    payment_intent: pi.id,
    reason: reason ?? null,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  };
  remember(env, refund, order);
  charge.amount_refunded = refunded + amount;
  charge.refunded = charge.amount_refunded === captured;
  env.ctx.ledger.addRefund(order, { id: refund.id, requestId: refund.id, amount, createdAt: now, status: 'succeeded', data: {} }, { partial: 'succeeded', full: 'succeeded' });
  emitAll(env, order, [['refund.created', refund], ['charge.refunded', charge]], cause(r));
  scheduleReference(env, order, refund);
  return { ok: true, json: refund, order };
}

/** A minute later (virtual time) the card network's reference arrives: refund.updated, as Stripe sends it for card refunds. */
function scheduleReference(env: StripeEnv, order: LedgerOrder, refund: StripeObject): void {
  const clock = env.clock(order.scenarioId);
  const key = `refund:${refund.id}`;
  env.timers.set(
    key,
    clock.schedule(clock.now() + 60_000, `stripe refund ${refund.id} reference available`, async () => {
      env.timers.delete(key);
      const card = (refund.destination_details as { card: Record<string, unknown> }).card;
      const previous = { destination_details: structuredClone(refund.destination_details) };
      Object.assign(card, { reference: env.ctx.ledger.ids.digits(23), reference_status: 'available' });
      await emitEvent(env, order, 'refund.updated', refund, { scenarioId: order.scenarioId }, previous);
    }),
  );
}

/** Refunds: create and retrieve. */
export const REFUND_ROUTES: readonly ApiRoute[] = [
  {
    method: 'POST',
    path: '/v1/refunds',
    api: 'stripe.refunds.create',
    accepts: ['payment_intent', 'charge', 'amount', 'reason', 'metadata', 'refund_application_fee', 'reverse_transfer', 'instructions_email'],
    locate: (env, _p, params) => locateRefundTarget(env, params),
    run: createRefund,
  },
  {
    method: 'GET',
    path: '/v1/refunds/{refund}',
    api: 'stripe.refunds.retrieve',
    accepts: [],
    locate: (env, path) => (env.objects.get(path.refund)?.object.object === 'refund' ? env.objects.get(path.refund)!.order : undefined),
    run: (r) => (r.order ? { ok: true, json: r.env.objects.get(r.path.refund)!.object, order: r.order } : { ok: false, failure: SE.noSuch('refund', r.path.refund, 'id') }),
  },
];
