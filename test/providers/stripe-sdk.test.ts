// Acceptance: the official `stripe` package, configured only with the ready line's host, port, protocol and
// secret key, drives the sandbox unmodified; stripe.webhooks.constructEvent accepts every event the sandbox
// delivers to the merchant's endpoint and rejects the forged variant.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Stripe from 'stripe';
import type { Sandbox } from '../../src/sandbox/sandbox.ts';
import { startProviderHarness, type ProviderHarness } from '../support/provider-harness.ts';


interface Received {
  headers: Record<string, string>;
  body: string;
}

let sandbox: Sandbox;
let info: Record<string, string>;
let client: Stripe;
let harness: ProviderHarness;
const received: Received[] = [];

before(async () => {
  harness = await startProviderHarness('stripe', { callbackPath: '/webhooks/stripe', into: received, answer: '{"received":true}' });
  ({ sandbox, info } = harness);
  client = new Stripe(info.secretKey, { host: info.host, port: Number(info.port), protocol: info.protocol as 'http' });
});

after(() => harness?.close());

/** Waits until every delivery in flight has been answered. */
const settled = async () => {
  await sandbox.dispatcher.idle(undefined);
};

/** The events the merchant has received, verified the way a merchant verifies them. */
const verifiedEvents = () => received.map((r) => client.webhooks.constructEvent(r.body, r.headers['stripe-signature'], info.webhookSecret));

describe('the official stripe package against the sandbox', () => {
  test('creates and confirms a PaymentIntent that succeeds with pm_card_visa', async () => {
    const pi = await client.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method_types: ['card'], metadata: { order_id: 'SDK-1' } });
    assert.equal(pi.status, 'requires_payment_method');
    assert.match(pi.client_secret ?? '', new RegExp(`^${pi.id}_secret_`));
    const confirmed = await client.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' });
    assert.equal(confirmed.status, 'succeeded');
    assert.equal(confirmed.amount_received, 2000);
    assert.equal(sandbox.ledger.find('stripe', { merchantOrderId: 'SDK-1' })?.status, 'paid');
  });

  test('surfaces a decline as a StripeCardError with the decline code', async () => {
    await assert.rejects(
      client.paymentIntents.create({ amount: 1500, currency: 'usd', payment_method: 'pm_card_chargeDeclinedInsufficientFunds', confirm: true }),
      (error: any) => error instanceof Stripe.errors.StripeCardError && error.code === 'card_declined' && error.decline_code === 'insufficient_funds' && error.payment_intent?.status === 'requires_payment_method',
    );
  });

  test('captures part of a manually captured PaymentIntent and refunds it in two parts', async () => {
    const pi = await client.paymentIntents.create({ amount: 5000, currency: 'usd', capture_method: 'manual', payment_method: 'pm_card_visa', confirm: true });
    assert.equal(pi.status, 'requires_capture');
    assert.equal(pi.amount_capturable, 5000);
    const captured = await client.paymentIntents.capture(pi.id, { amount_to_capture: 3000 });
    assert.deepEqual([captured.status, captured.amount_received], ['succeeded', 3000]);
    const first = await client.refunds.create({ payment_intent: pi.id, amount: 1000 });
    assert.deepEqual([first.status, first.amount], ['succeeded', 1000]);
    const second = await client.refunds.create({ payment_intent: pi.id });
    assert.equal(second.amount, 2000);
    assert.equal((await client.refunds.retrieve(second.id)).payment_intent, pi.id);
    const withCharge = await client.paymentIntents.retrieve(pi.id, { expand: ['latest_charge'] });
    const charge = withCharge.latest_charge as Stripe.Charge;
    assert.deepEqual([charge.amount_refunded, charge.refunded], [3000, true]);
  });

  test('creates a Checkout Session whose hosted page is the sandbox cashier, and completes it as the buyer', async () => {
    const session = await client.checkout.sessions.create({
      mode: 'payment',
      line_items: [{ price_data: { currency: 'usd', unit_amount: 1200, product_data: { name: 'T-shirt' } }, quantity: 2 }],
      success_url: 'https://merchant.example/success',
      cancel_url: 'https://merchant.example/cancel',
      client_reference_id: 'SDK-CHECKOUT-1',
    });
    assert.equal(session.amount_total, 2400);
    assert.equal(session.url, `${info.url}/_payprobe/cashier/${session.id}`);
    const page = await fetch(session.url!);
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.ok(html.includes('$24.00') && html.includes(session.id), 'the hosted page shows the amount and the session');
    const order = sandbox.ledger.find('stripe', { merchantOrderId: 'SDK-CHECKOUT-1' })!;
    const result = await sandbox.runtime('stripe').buyer('pay', order, {});
    assert.equal(result.ok, true, result.reason);
    await Promise.all(result.deliveries);
    const done = await client.checkout.sessions.retrieve(session.id);
    assert.deepEqual([done.status, done.payment_status], ['complete', 'paid']);
  });

  test('every delivered event verifies with constructEvent, and the sandbox lists them at /v1/events', async () => {
    await settled();
    const events = verifiedEvents();
    assert.ok(events.length >= 10, `the merchant received ${events.length} events`);
    const types = new Set(events.map((e) => e.type));
    for (const t of ['payment_intent.created', 'payment_intent.succeeded', 'payment_intent.payment_failed', 'payment_intent.amount_capturable_updated', 'charge.succeeded', 'charge.refunded', 'checkout.session.completed']) {
      assert.ok(types.has(t), `received ${t}`);
    }
    const listed = await client.events.list({ limit: 100 });
    for (const e of events) assert.ok(listed.data.some((l) => l.id === e.id), `${e.id} is listed`);
    const one = await client.events.retrieve(events[0].id);
    assert.equal(one.type, events[0].type);
  });

  test('constructEvent rejects a forged signature', async () => {
    const order = sandbox.ledger.find('stripe', { merchantOrderId: 'SDK-1' })!;
    const message = sandbox.runtime('stripe').buildCallback({ order, event: 'payment_intent.succeeded', variant: { signer: 'forged' }, attempt: 1, at: Date.now(), deliveryKey: 'forged-1' });
    assert.throws(() => client.webhooks.constructEvent(message.body, message.headers['Stripe-Signature'], info.webhookSecret), /No signatures found matching the expected signature for payload/);
    const genuine = sandbox.runtime('stripe').buildCallback({ order, event: 'payment_intent.succeeded', variant: { signer: 'provider' }, attempt: 1, at: Date.now(), deliveryKey: 'genuine-1' });
    assert.equal(client.webhooks.constructEvent(genuine.body, genuine.headers['Stripe-Signature'], info.webhookSecret).type, 'payment_intent.succeeded');
  });
});
