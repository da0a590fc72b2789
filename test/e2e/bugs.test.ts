import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { notPassed, runReference } from './helpers.ts';

// Every expectation the built-in suite makes of a merchant must be tripped by some bug of the
// reference merchant: for each BUGS switch, exactly these scenarios must fail.
const EXPECTED_FAILURES: Record<string, string[]> = {
  'amount-in-fen': ['alipay/page-pay', 'alipay/pay-and-notify', 'alipay/refund-full', 'alipay/refund-partial', 'alipay/refund-retry-after-timeout'],
  'close-local-only': ['alipay/close-unpaid', 'paypal/authorize-then-void', 'wechatpay/unpaid-query-then-close'],
  'last-notify-wins': ['alipay/refund-notifies-out-of-order', 'stripe/out-of-order-events'],
  'no-active-query': ['alipay/bad-response-signature', 'alipay/lost-notify-query', 'paypal/lost-webhook-sync', 'stripe/lost-webhook-sync', 'wechatpay/bad-response-signature', 'wechatpay/paid-no-notify-query', 'wechatpay/unpaid-query-then-close'],
  'no-amount-check': ['alipay/underpaid-notify', 'paypal/underpaid-webhook', 'wechatpay/underpaid-notify'],
  'no-app-id-check': ['alipay/other-app-id', 'wechatpay/other-mchid'],
  'no-reconciliation': ['alipay/bill-download', 'wechatpay/lost-notify-bill'],
  'no-response-signature-check': ['alipay/bad-response-signature'],
  'not-idempotent': ['alipay/concurrent-duplicate-notify', 'alipay/duplicate-notify', 'alipay/late-duplicate-after-refund', 'alipay/notify-retry', 'alipay/retry-schedule', 'paypal/approve-and-capture', 'paypal/authorize-then-capture', 'paypal/capture-declined', 'paypal/concurrent-duplicate-webhooks', 'paypal/duplicate-webhooks', 'paypal/lost-webhook-sync', 'paypal/refund-full', 'paypal/webhook-retry', 'stripe/checkout-async', 'stripe/checkout-success', 'stripe/duplicate-events', 'stripe/manual-capture', 'stripe/pay', 'stripe/webhook-retry', 'wechatpay/concurrent-duplicate-notify', 'wechatpay/duplicate-notify', 'wechatpay/retry-schedule'],
  'paid-on-any-status': ['alipay/closed-notify-not-paid', 'alipay/late-duplicate-after-refund', 'alipay/refund-full', 'alipay/refund-notifies-out-of-order', 'alipay/refund-partial', 'alipay/wait-buyer-pay-notify', 'stripe/refund-full', 'stripe/refund-partials', 'wechatpay/refund-full', 'wechatpay/refund-partial'],
  'paypal-accept-replayed-webhook': ['paypal/replayed-webhook'],
  'paypal-amount-in-cents': ['paypal/approve-and-capture', 'paypal/authorize-then-capture', 'paypal/refund-full', 'paypal/refund-partial', 'paypal/refund-retry-after-timeout'],
  'paypal-capture-after-close': ['paypal/buyer-cancels'],
  'paypal-double-capture': ['paypal/concurrent-duplicate-webhooks', 'paypal/duplicate-webhooks', 'paypal/webhook-retry'],
  'paypal-no-request-id': ['paypal/capture-retried-after-timeout', 'paypal/create-retried-after-timeout', 'paypal/refund-retry-after-timeout'],
  'paypal-paid-on-approved': ['paypal/authorize-then-capture', 'paypal/authorize-then-void', 'paypal/capture-declined', 'paypal/capture-denied', 'paypal/capture-pending-then-completed'],
  'paypal-paid-on-pending-capture': ['paypal/capture-denied', 'paypal/capture-pending-then-completed'],
  'paypal-skip-webhook-verification': ['paypal/forged-webhook', 'paypal/replayed-webhook'],
  'race-on-duplicate': ['alipay/concurrent-duplicate-notify', 'stripe/checkout-async', 'stripe/checkout-success', 'stripe/duplicate-events', 'wechatpay/concurrent-duplicate-notify'],
  'refund-new-request-no': ['alipay/refund-retry-after-timeout', 'wechatpay/refund-retry-after-timeout'],
  'refund-no-request-no': ['alipay/refund-notifies-out-of-order', 'alipay/refund-partial', 'alipay/refund-retry-after-timeout'],
  'refund-status-ignored': ['alipay/over-refund', 'paypal/over-refund', 'stripe/over-refund', 'wechatpay/over-refund'],
  'skip-notify-signature': ['alipay/forged-notify', 'alipay/notify-other-key', 'alipay/tampered-amount', 'alipay/tampered-status', 'alipay/unsigned-notify'],
  'stripe-accept-stale-event': ['stripe/stale-webhook'],
  'stripe-ignore-async-payment': ['stripe/checkout-async'],
  'stripe-ignore-expired': ['stripe/checkout-expiry'],
  'stripe-no-idempotency-key': ['stripe/create-retried-after-timeout', 'stripe/refund-partials', 'stripe/refund-retry-after-timeout'],
  'stripe-paid-on-created': ['stripe/checkout-async', 'stripe/decline', 'stripe/forged-webhook', 'stripe/insufficient-funds', 'stripe/lost-webhook-sync', 'stripe/manual-capture', 'stripe/stale-webhook', 'stripe/three-d-secure-failure', 'stripe/three-d-secure-success'],
  'stripe-reject-foreign-events': ['stripe/foreign-events'],
  'stripe-skip-signature': ['stripe/forged-webhook', 'stripe/stale-webhook'],
  'wechat-ack-500-on-duplicate': ['wechatpay/concurrent-duplicate-notify', 'wechatpay/duplicate-notify', 'wechatpay/retry-schedule'],
  'wechat-ack-on-decrypt-error': ['wechatpay/wrong-apiv3-key'],
  'wechat-amount-in-yuan': ['wechatpay/lost-notify-bill', 'wechatpay/pay-and-notify', 'wechatpay/refund-full', 'wechatpay/refund-partial', 'wechatpay/refund-retry-after-timeout'],
  'wechat-ignore-timestamp': ['wechatpay/stale-notify'],
  'wechat-refund-processing-as-done': ['wechatpay/refund-closed', 'wechatpay/refund-full'],
  'wechat-skip-notify-signature': ['wechatpay/forged-notify', 'wechatpay/notify-other-key', 'wechatpay/tampered-amount', 'wechatpay/unsigned-notify'],
  'wechat-skip-response-signature': ['wechatpay/bad-response-signature'],
  'wrong-ack': ['alipay/closed-notify-not-paid', 'alipay/concurrent-duplicate-notify', 'alipay/duplicate-notify', 'alipay/late-duplicate-after-refund', 'alipay/notify-retry', 'alipay/page-pay', 'alipay/pay-and-notify', 'alipay/refund-notifies-out-of-order', 'alipay/retry-schedule', 'alipay/wait-buyer-pay-notify'],
};

test('the whole built-in suite passes on the correct reference merchant', async () => {
  const run = await runReference();
  assert.deepEqual(notPassed(run), []);
  assert.equal(run.exitCode, 0);
  assert.ok(run.result.counts.passed >= 12, `only ${run.result.counts.passed} scenarios ran`);
  assert.equal(run.result.counts.skipped, 0);
});

describe('each BUGS switch of the reference merchant makes the suite fail', { concurrency: 3 }, () => {
  for (const [bug, scenarios] of Object.entries(EXPECTED_FAILURES)) {
    test(`BUGS=${bug} fails ${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}: ${scenarios.join(', ')}`, async () => {
      const run = await runReference([bug]);
      assert.equal(run.exitCode, 1);
      assert.deepEqual(notPassed(run), [...scenarios].sort());
    });
  }
});

test('every BUGS switch of the reference merchant is covered above', async () => {
  const { BUG_CLASSES } = await import('../../fixtures/merchants/reference/bugs.mjs');
  assert.deepEqual(Object.keys(BUG_CLASSES).sort(), Object.keys(EXPECTED_FAILURES).sort());
});

test('no built-in scenario is left that no bug can trip', async () => {
  const { readdirSync } = await import('node:fs');
  const all = ['alipay', 'wechatpay', 'stripe', 'paypal'].flatMap((p) => readdirSync(new URL(`../../scenarios/${p}/`, import.meta.url)).filter((f) => f.endsWith('.yaml')).map((f) => `${p}/${f.replace(/\.yaml$/, '')}`));
  const tripped = new Set(Object.values(EXPECTED_FAILURES).flat());
  assert.deepEqual(all.filter((s) => !tripped.has(s)), []);
});
