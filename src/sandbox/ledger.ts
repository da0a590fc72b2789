import type { IdSource } from './ids.js';

/** Canonical order statuses, the same for every provider. */
export type OrderStatus = 'pending' | 'paid' | 'closed' | 'refunded' | 'partially_refunded' | 'failed';

/** Every canonical status, in lifecycle order. */
export const ORDER_STATUSES: readonly OrderStatus[] = ['pending', 'paid', 'closed', 'refunded', 'partially_refunded', 'failed'];

const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['paid', 'closed', 'failed'],
  failed: ['paid', 'closed', 'failed'],
  paid: ['partially_refunded', 'refunded', 'closed'],
  partially_refunded: ['partially_refunded', 'refunded'],
  refunded: [],
  closed: [],
};

/** One refund of an order, keyed by the merchant's refund request number. */
export interface LedgerRefund {
  id: string;
  requestId: string;
  /** Minor units. */
  amount: number;
  status: 'pending' | 'succeeded' | 'failed';
  createdAt: number;
  data: Record<string, unknown>;
}

/** An order (trade) as the provider sees it. Amounts are integer minor units. */
export interface LedgerOrder {
  /** Sandbox-wide reference, `<provider>:<providerOrderId>`. */
  ref: string;
  provider: string;
  /** The merchant's order number (`out_trade_no`, `client_reference_id`, ...). */
  merchantOrderId: string;
  /** The provider's own id (`trade_no`, `transaction_id`, ...). */
  providerOrderId: string;
  amount: number;
  currency: string;
  status: OrderStatus;
  /** The provider's own name for the state (`WAIT_BUYER_PAY`, `TRADE_SUCCESS`, ...). */
  providerState: string;
  refunded: number;
  refunds: LedgerRefund[];
  createdAt: number;
  updatedAt: number;
  paidAt?: number;
  closedAt?: number;
  /** Where the provider sends callbacks for this order, if the merchant said. */
  notifyUrl?: string;
  /** The scenario this order belongs to, once known. */
  scenarioId?: string;
  /** Provider-specific facts (buyer ids, product code, subject, ...). */
  data: Record<string, unknown>;
}

/** Thrown when a transition the state machine forbids is attempted. */
export class LedgerTransitionError extends Error {
  readonly code = 'LEDGER_TRANSITION';
  constructor(readonly order: LedgerOrder, readonly to: OrderStatus) {
    super(`Order ${order.merchantOrderId} cannot go from ${order.status} to ${to}.`);
  }
}

/** Input for {@link Ledger.createOrder}. */
export interface CreateOrderInput {
  provider: string;
  merchantOrderId: string;
  providerOrderId: string;
  amount: number;
  currency: string;
  providerState: string;
  at: number;
  notifyUrl?: string;
  scenarioId?: string;
  data?: Record<string, unknown>;
}

/** A change to the ledger, for listeners (attribution, live logs). */
export type LedgerChange =
  | { type: 'order.created'; order: LedgerOrder }
  | { type: 'order.updated'; order: LedgerOrder; from: OrderStatus }
  | { type: 'refund.created'; order: LedgerOrder; refund: LedgerRefund };

/** The sandbox's memory of orders, payments and refunds, with the state machine. */
export interface Ledger {
  readonly ids: IdSource;
  createOrder(input: CreateOrderInput): LedgerOrder;
  get(ref: string): LedgerOrder | undefined;
  /** Finds an order by the merchant's or the provider's id. */
  find(provider: string, query: { merchantOrderId?: string; providerOrderId?: string }): LedgerOrder | undefined;
  list(filter?: { provider?: string; scenarioId?: string }): LedgerOrder[];
  /** Moves an order to a new status; throws {@link LedgerTransitionError} if the state machine forbids it. */
  transition(order: LedgerOrder, to: OrderStatus, patch: { providerState: string; at: number; data?: Record<string, unknown> }): void;
  /** Whether the state machine allows `order` to move to `to`. */
  canTransition(order: LedgerOrder, to: OrderStatus): boolean;
  /** Records a refund and updates refunded totals and status. */
  addRefund(order: LedgerOrder, refund: Omit<LedgerRefund, 'id' | 'status'> & { id: string; status?: LedgerRefund['status'] }, providerState?: { partial: string; full: string }): LedgerRefund;
  /** Settles a pending refund (asynchronous refunds): `succeeded` books it like {@link Ledger.addRefund}, `failed` books nothing. */
  settleRefund(order: LedgerOrder, refundId: string, status: 'succeeded' | 'failed', at: number, providerState?: { partial: string; full: string }): LedgerRefund;
  /** Sets the owning scenario of an order that has none yet. */
  claim(ref: string, scenarioId: string): void;
  subscribe(listener: (change: LedgerChange) => void): () => void;
}

/** Creates an empty ledger. */
export function createLedger(ids: IdSource): Ledger {
  const orders = new Map<string, LedgerOrder>();
  const listeners = new Set<(change: LedgerChange) => void>();
  const emit = (change: LedgerChange): void => {
    for (const l of listeners) l(change);
  };
  const canTransition = (order: LedgerOrder, to: OrderStatus): boolean => TRANSITIONS[order.status].includes(to);

  return {
    ids,
    createOrder(input) {
      const ref = `${input.provider}:${input.providerOrderId}`;
      const order: LedgerOrder = {
        ref,
        provider: input.provider,
        merchantOrderId: input.merchantOrderId,
        providerOrderId: input.providerOrderId,
        amount: input.amount,
        currency: input.currency,
        status: 'pending',
        providerState: input.providerState,
        refunded: 0,
        refunds: [],
        createdAt: input.at,
        updatedAt: input.at,
        notifyUrl: input.notifyUrl,
        scenarioId: input.scenarioId,
        data: { ...input.data },
      };
      orders.set(ref, order);
      emit({ type: 'order.created', order });
      return order;
    },
    get: (ref) => orders.get(ref),
    find(provider, query) {
      // The provider id wins when both are given, as gateways do.
      for (const order of orders.values()) {
        if (order.provider !== provider) continue;
        if (query.providerOrderId !== undefined) {
          if (order.providerOrderId === query.providerOrderId) return order;
        } else if (query.merchantOrderId !== undefined && order.merchantOrderId === query.merchantOrderId) {
          return order;
        }
      }
      return undefined;
    },
    list(filter = {}) {
      return [...orders.values()].filter(
        (o) => (!filter.provider || o.provider === filter.provider) && (!filter.scenarioId || o.scenarioId === filter.scenarioId),
      );
    },
    canTransition,
    transition(order, to, patch) {
      if (!canTransition(order, to)) throw new LedgerTransitionError(order, to);
      const from = order.status;
      order.status = to;
      order.providerState = patch.providerState;
      order.updatedAt = patch.at;
      if (to === 'paid') order.paidAt = patch.at;
      if (to === 'closed') order.closedAt = patch.at;
      Object.assign(order.data, patch.data);
      emit({ type: 'order.updated', order, from });
    },
    addRefund(order, input, states) {
      const refund: LedgerRefund = { status: 'succeeded', ...input, data: { ...input.data } };
      order.refunds.push(refund);
      if (refund.status === 'succeeded') {
        order.refunded += refund.amount;
        const full = order.refunded >= order.amount;
        const from = order.status;
        order.status = full ? 'refunded' : 'partially_refunded';
        if (states) order.providerState = full ? states.full : states.partial;
        order.updatedAt = input.createdAt;
        if (from !== order.status) emit({ type: 'order.updated', order, from });
      }
      emit({ type: 'refund.created', order, refund });
      return refund;
    },
    settleRefund(order, refundId, status, at, states) {
      const refund = order.refunds.find((r) => r.id === refundId);
      if (!refund) throw new Error(`Order ${order.merchantOrderId} has no refund ${refundId}.`);
      if (refund.status !== 'pending') throw new Error(`Refund ${refundId} is already ${refund.status}.`);
      refund.status = status;
      if (status === 'succeeded') {
        order.refunded += refund.amount;
        const from = order.status;
        const full = order.refunded >= order.amount;
        order.status = full ? 'refunded' : 'partially_refunded';
        if (states) order.providerState = full ? states.full : states.partial;
        order.updatedAt = at;
        if (from !== order.status) emit({ type: 'order.updated', order, from });
      }
      return refund;
    },
    claim(ref, scenarioId) {
      const order = orders.get(ref);
      if (order && !order.scenarioId) order.scenarioId = scenarioId;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
