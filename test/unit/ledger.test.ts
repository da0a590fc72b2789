import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createIdSource } from '../../src/sandbox/ids.ts';
import { createLedger, LedgerTransitionError } from '../../src/sandbox/ledger.ts';

const newOrder = () => {
  const ledger = createLedger(createIdSource('seed'));
  const order = ledger.createOrder({ provider: 'alipay', merchantOrderId: 'M1', providerOrderId: 'T1', amount: 8800, currency: 'CNY', providerState: 'WAIT_BUYER_PAY', at: 0 });
  return { ledger, order };
};

test('ids from the same seed repeat, and differ across seeds', () => {
  const a = createIdSource('s1');
  const b = createIdSource('s1');
  const c = createIdSource('s2');
  const take = (s: ReturnType<typeof createIdSource>) => [s.digits(16), s.hex(8), s.alnum(12), s.seq('x'), s.seq('x')];
  assert.deepEqual(take(a), take(b));
  assert.notDeepEqual(take(createIdSource('s1')), take(c));
  assert.match(createIdSource('z').digits(30), /^\d{30}$/);
});

test('an order moves pending → paid → partially refunded → refunded', () => {
  const { ledger, order } = newOrder();
  ledger.transition(order, 'paid', { providerState: 'TRADE_SUCCESS', at: 1 });
  assert.equal(order.paidAt, 1);
  ledger.addRefund(order, { id: 'r1', requestId: 'R1', amount: 3000, createdAt: 2, data: {} }, { partial: 'TRADE_SUCCESS', full: 'TRADE_CLOSED' });
  assert.equal(order.status, 'partially_refunded');
  assert.equal(order.refunded, 3000);
  ledger.addRefund(order, { id: 'r2', requestId: 'R2', amount: 5800, createdAt: 3, data: {} }, { partial: 'TRADE_SUCCESS', full: 'TRADE_CLOSED' });
  assert.equal(order.status, 'refunded');
  assert.equal(order.providerState, 'TRADE_CLOSED');
});

test('a closed order cannot be paid', () => {
  const { ledger, order } = newOrder();
  ledger.transition(order, 'closed', { providerState: 'TRADE_CLOSED', at: 1 });
  assert.equal(ledger.canTransition(order, 'paid'), false);
  assert.throws(() => ledger.transition(order, 'paid', { providerState: 'TRADE_SUCCESS', at: 2 }), (e: unknown) => e instanceof LedgerTransitionError && /cannot go from closed to paid/.test((e as Error).message));
});

test('a declined payment can still be paid later', () => {
  const { ledger, order } = newOrder();
  ledger.transition(order, 'failed', { providerState: 'WAIT_BUYER_PAY', at: 1 });
  ledger.transition(order, 'paid', { providerState: 'TRADE_SUCCESS', at: 2 });
  assert.equal(order.status, 'paid');
});

test('the provider id wins over the merchant id when both are given', () => {
  const { ledger } = newOrder();
  ledger.createOrder({ provider: 'alipay', merchantOrderId: 'M2', providerOrderId: 'T2', amount: 1, currency: 'CNY', providerState: 'WAIT_BUYER_PAY', at: 0 });
  assert.equal(ledger.find('alipay', { merchantOrderId: 'M1', providerOrderId: 'T2' })?.merchantOrderId, 'M2');
  assert.equal(ledger.find('alipay', { merchantOrderId: 'M1' })?.providerOrderId, 'T1');
  assert.equal(ledger.find('wechatpay', { merchantOrderId: 'M1' }), undefined);
});

test('an order is claimed by the first scenario only', () => {
  const { ledger, order } = newOrder();
  ledger.claim(order.ref, 'a');
  ledger.claim(order.ref, 'b');
  assert.equal(order.scenarioId, 'a');
  assert.deepEqual(ledger.list({ scenarioId: 'a' }).map((o) => o.ref), [order.ref]);
});

test('an asynchronous refund is booked only when it settles as succeeded', () => {
  const { ledger, order } = newOrder();
  ledger.transition(order, 'paid', { providerState: 'SUCCESS', at: 1 });
  const refund = ledger.addRefund(order, { id: 'r1', requestId: 'R1', amount: 1000, createdAt: 2, data: {}, status: 'pending' });
  assert.equal(order.refunded, 0);
  ledger.settleRefund(order, refund.id, 'succeeded', 3);
  assert.equal(order.refunded, 1000);
  assert.equal(order.status, 'partially_refunded');
  const failed = ledger.addRefund(order, { id: 'r2', requestId: 'R2', amount: 500, createdAt: 4, data: {}, status: 'pending' });
  ledger.settleRefund(order, failed.id, 'failed', 5);
  assert.equal(order.refunded, 1000);
  assert.throws(() => ledger.settleRefund(order, failed.id, 'succeeded', 6), /already failed/);
});
