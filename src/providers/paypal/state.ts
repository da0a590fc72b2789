import type { CallbackEntry } from '../../sandbox/journal.js';
import type { OrderStatus } from '../../sandbox/ledger.js';
import { newPaypalId, type CaptureRecord, type OrderRecord, type PaypalEnv } from './env.js';
import { emitEvent, type EmitOptions } from './events.js';
import { captureJson } from './objects.js';

/**
 * Moves the ledger order: to `status` when the state machine allows it, and always to `providerState`
 * (the PayPal status of the latest object: order, then authorization, then capture).
 */
export function setLedger(env: PaypalEnv, rec: OrderRecord, status: OrderStatus | undefined, providerState: string, at: number): void {
  const order = rec.ledger;
  if (status && status !== order.status && env.ctx.ledger.canTransition(order, status)) {
    env.ctx.ledger.transition(order, status, { providerState, at });
  } else {
    order.providerState = providerState;
    order.updatedAt = at;
  }
}

/** Creates a capture of `amount` for an approved order (or one of its authorizations), as the buyer's funding decides: COMPLETED or PENDING. */
export function createCapture(env: PaypalEnv, rec: OrderRecord, amount: number, at: number, options: { authorizationId?: string; finalCapture: boolean; emit: EmitOptions }): CaptureRecord {
  const pending = rec.funding === 'pending';
  const capture: CaptureRecord = {
    id: newPaypalId(env),
    orderId: rec.id,
    authorizationId: options.authorizationId,
    status: pending ? 'PENDING' : 'COMPLETED',
    reason: pending ? 'PENDING_REVIEW' : undefined,
    amount,
    refunded: 0,
    finalCapture: options.finalCapture,
    createTime: at,
    updateTime: at,
    refundIds: [],
  };
  env.captures.set(capture.id, capture);
  rec.captureIds.push(capture.id);
  rec.updateTime = at;
  setLedger(env, rec, pending ? undefined : 'paid', capture.status, at);
  emitEvent(env, rec.ledger, pending ? 'PAYMENT.CAPTURE.PENDING' : 'PAYMENT.CAPTURE.COMPLETED', captureJson(env, capture), options.emit);
  return capture;
}

/** Settles a PENDING capture: COMPLETED (the order is paid) or DECLINED (it failed); sends the event. */
export function settleCapture(env: PaypalEnv, rec: OrderRecord, capture: CaptureRecord, completed: boolean, at: number, emit: EmitOptions): Promise<CallbackEntry> | undefined {
  capture.status = completed ? 'COMPLETED' : 'DECLINED';
  capture.reason = undefined;
  capture.updateTime = at;
  rec.updateTime = at;
  setLedger(env, rec, completed ? 'paid' : 'failed', capture.status, at);
  return emitEvent(env, rec.ledger, completed ? 'PAYMENT.CAPTURE.COMPLETED' : 'PAYMENT.CAPTURE.DENIED', captureJson(env, capture), emit);
}
