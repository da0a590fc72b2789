import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { notPassed, runReference } from './helpers.ts';

// Every expectation the built-in suite makes of a merchant must be tripped by some bug of the
// reference merchant: for each BUGS switch, exactly these scenarios must fail.
const EXPECTED_FAILURES: Record<string, string[]> = {
  'skip-notify-signature': ['forged-notify', 'notify-other-key', 'tampered-amount', 'tampered-status', 'unsigned-notify'],
  'no-amount-check': ['underpaid-notify'],
  'no-app-id-check': ['other-app-id'],
  'not-idempotent': ['concurrent-duplicate-notify', 'duplicate-notify', 'late-duplicate-after-refund', 'notify-retry', 'retry-schedule'],
  'race-on-duplicate': ['concurrent-duplicate-notify'],
  'wrong-ack': ['closed-notify-not-paid', 'concurrent-duplicate-notify', 'duplicate-notify', 'late-duplicate-after-refund', 'notify-retry', 'page-pay', 'pay-and-notify', 'refund-notifies-out-of-order', 'retry-schedule', 'wait-buyer-pay-notify'],
  'paid-on-any-status': ['closed-notify-not-paid', 'late-duplicate-after-refund', 'refund-full', 'refund-notifies-out-of-order', 'refund-partial', 'wait-buyer-pay-notify'],
  'amount-in-fen': ['page-pay', 'pay-and-notify', 'refund-full', 'refund-partial', 'refund-retry-after-timeout'],
  'refund-new-request-no': ['refund-retry-after-timeout'],
  'refund-no-request-no': ['refund-notifies-out-of-order', 'refund-partial', 'refund-retry-after-timeout'],
  'refund-status-ignored': ['over-refund'],
  'no-active-query': ['bad-response-signature', 'lost-notify-query'],
  'no-response-signature-check': ['bad-response-signature'],
  'close-local-only': ['close-unpaid'],
  'no-reconciliation': ['bill-download'],
  'last-notify-wins': ['refund-notifies-out-of-order'],
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
    test(`BUGS=${bug} fails ${scenarios.join(', ')}`, async () => {
      const run = await runReference([bug]);
      assert.equal(run.exitCode, 1);
      assert.deepEqual(notPassed(run), scenarios.map((s) => `alipay/${s}`).sort());
    });
  }
});

test('no built-in scenario is left that no bug can trip', async () => {
  const { readdirSync } = await import('node:fs');
  const all = readdirSync(new URL('../../scenarios/alipay/', import.meta.url)).map((f) => f.replace(/\.yaml$/, ''));
  const tripped = new Set(Object.values(EXPECTED_FAILURES).flat());
  assert.deepEqual(all.filter((s) => !tripped.has(s)), []);
});
