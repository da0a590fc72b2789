import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli, REFERENCE_CONFIG } from './helpers.ts';

const FIXTURES = ['payment_intent.succeeded', 'charge.refunded', 'checkout.session.completed'].flatMap((f) => ['--stripe-fixture', `fixtures/stripe-cli/${f}.json`]);

test('payprobe run --stripe-fixture runs Stripe CLI fixture files offline and their events reach the merchant, acknowledged', async () => {
  const { code, stdout, stderr } = await cli(['run', '--config', REFERENCE_CONFIG, ...FIXTURES, '--reporter', 'json']);
  assert.equal(code, 0, stderr);
  const report = JSON.parse(stdout) as { scenarios: { scenario: { id: string }; status: string; steps: { exchanges: { kind: string; label: string; status?: number }[] }[] }[] };
  assert.deepEqual(report.scenarios.map((s) => [s.scenario.id, s.status]), [
    ['stripe/fixture/payment_intent.succeeded', 'passed'],
    ['stripe/fixture/charge.refunded', 'passed'],
    ['stripe/fixture/checkout.session.completed', 'passed'],
  ]);
  const delivered = (i: number) => report.scenarios[i].steps[0].exchanges.filter((e) => e.kind === 'callback').map((e) => `${e.label} ${e.status}`);
  assert.ok(delivered(0).includes('payment_intent.succeeded (genuine) attempt 1 200'));
  assert.equal(delivered(1).filter((l) => l.startsWith('charge.refunded')).length, 2);
  assert.ok(delivered(2).includes('checkout.session.completed (genuine) attempt 1 200'));
  // The fixture's own requests are told apart from the merchant's.
  assert.ok(report.scenarios[2].steps[0].exchanges.some((e) => e.label === 'fixture → stripe.payment_pages.confirm'));
});

test('a merchant that rejects events about objects it did not create fails the fixture run', async () => {
  const { code, stdout } = await cli(['run', '--config', REFERENCE_CONFIG, ...FIXTURES], { env: { BUGS: 'stripe-reject-foreign-events' } });
  assert.equal(code, 1);
  assert.match(stdout, /✗ stripe\/fixture\/payment_intent\.succeeded/);
  assert.match(stdout, /callbacks? (was|were) not acknowledged/);
});

test('a fixture file that is not one is refused before anything runs, exit 2', async () => {
  const { code, stderr } = await cli(['run', '--config', REFERENCE_CONFIG, '--stripe-fixture', 'package.json']);
  assert.equal(code, 2);
  assert.match(stderr, /package\.json is not a valid Stripe CLI fixture file/);
});
