// The Stripe sandbox over HTTP, as a merchant's server talks to it with raw form-encoded requests.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseStripeForm } from '../../src/providers/stripe/form.ts';
import { runStripeFixture, validateStripeFixture } from '../../src/providers/stripe/fixtures.ts';
import { KEYS_FILE } from '../../src/providers/stripe/keys.ts';
import type { CallbackEntry, RequestEntry } from '../../src/sandbox/journal.ts';
import type { Sandbox } from '../../src/sandbox/sandbox.ts';
import { startProviderHarness, type ProviderHarness } from '../support/provider-harness.ts';


let dir: string;
let sandbox: Sandbox;
let info: Record<string, string>;
let harness: ProviderHarness;
const hooks: { headers: Record<string, string>; body: string }[] = [];

before(async () => {
  harness = await startProviderHarness('stripe', { callbackPath: '/hooks', into: hooks });
  ({ dir, sandbox, info } = harness);
});

after(() => harness?.close());

interface Answer {
  status: number;
  headers: Headers;
  json: any;
}

const call = async (method: string, p: string, body = '', headers: Record<string, string> = {}, key: string | null = info.secretKey): Promise<Answer> => {
  const res = await fetch(`${info.url}${p}`, {
    method,
    headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...headers },
    body: method === 'POST' ? body : undefined,
  });
  return { status: res.status, headers: res.headers, json: await res.json() };
};
const post = (p: string, body = '', headers: Record<string, string> = {}) => call('POST', p, body, headers);
const get = (p: string) => call('GET', p);
const eventsOf = async (piId: string) => ((await get('/v1/events?limit=100')).json.data as any[]).filter((e) => e.data.object.id === piId || e.data.object.payment_intent === piId).map((e) => e.type);

describe('keys and authentication', () => {
  test('generates sk_test_, pk_test_ and whsec_ keys in a file only the owner can read', () => {
    assert.match(info.secretKey, /^sk_test_/);
    assert.match(info.publishableKey, /^pk_test_/);
    assert.match(info.webhookSecret, /^whsec_/);
    assert.equal(statSync(path.join(dir, '.payprobe/keys/stripe', KEYS_FILE)).mode & 0o777, 0o600);
    assert.deepEqual([info.host, info.protocol], ['127.0.0.1', 'http']);
  });

  test('answers a request without a key with 401 and a Request-Id', async () => {
    const a = await call('GET', '/v1/payment_intents', '', {}, null);
    assert.equal(a.status, 401);
    assert.equal(a.json.error.type, 'invalid_request_error');
    assert.match(a.json.error.message, /^You did not provide an API key\./);
    assert.match(a.headers.get('request-id') ?? '', /^req_/);
  });

  test('answers an unknown or malformed key with 401 Invalid API Key', async () => {
    for (const key of ['sk_test_unknown1234', 'garbage']) {
      const a = await call('GET', '/v1/payment_intents', '', {}, key);
      assert.equal(a.status, 401);
      assert.match(a.json.error.message, /^Invalid API Key provided: /);
    }
  });

  test('refuses a live-mode key loudly', async () => {
    const a = await call('GET', '/v1/payment_intents', '', {}, 'sk_live_51abcdefghijklmnop');
    assert.equal(a.status, 401);
    assert.match(a.json.error.message, /payprobe refuses LIVE-mode keys/);
    assert.doesNotMatch(a.json.error.message, /abcdefghijklmnop/);
  });
});

describe('form encoding', () => {
  const cases: [string, string, unknown][] = [
    ['nested hashes', 'metadata[a]=b&metadata[c]=d', { metadata: { a: 'b', c: 'd' } }],
    ['empty-bracket arrays', 'payment_method_types[]=card&payment_method_types[]=link', { payment_method_types: ['card', 'link'] }],
    ['indexed arrays of hashes', 'line_items[0][quantity]=2&line_items[0][price_data][currency]=usd&line_items[1][quantity]=1', { line_items: [{ quantity: '2', price_data: { currency: 'usd' } }, { quantity: '1' }] }],
    ['expand lists', 'expand[]=latest_charge&expand[]=customer', { expand: ['latest_charge', 'customer'] }],
    ['percent-encoded brackets', 'metadata%5Border_id%5D=A%201', { metadata: { order_id: 'A 1' } }],
  ];
  for (const [name, text, expected] of cases) test(`decodes ${name}`, () => assert.deepEqual(parseStripeForm(text), expected));

  test('answers parameters sent with brackets as the API reads them', async () => {
    const a = await post('/v1/payment_intents', 'amount=1000&currency=usd&metadata[order_id]=FORM-1&metadata[note]=x&payment_method_types[]=card');
    assert.equal(a.status, 200);
    assert.deepEqual(a.json.metadata, { order_id: 'FORM-1', note: 'x' });
    assert.deepEqual(a.json.payment_method_types, ['card']);
    assert.equal(sandbox.ledger.find('stripe', { merchantOrderId: 'FORM-1' })?.providerOrderId, a.json.id);
  });

  test('rejects an unknown parameter and a non-integer amount', async () => {
    const unknown = await post('/v1/payment_intents', 'amount=1000&currency=usd&colour=red');
    assert.deepEqual([unknown.status, unknown.json.error.code, unknown.json.error.param], [400, 'parameter_unknown', 'colour']);
    const decimal = await post('/v1/payment_intents', 'amount=10.00&currency=usd');
    assert.deepEqual([decimal.status, decimal.json.error.message], [400, 'Invalid integer: 10.00']);
  });
});

describe('idempotency', () => {
  test('replays the stored answer for the same key and parameters, without creating a second PaymentIntent', async () => {
    const first = await post('/v1/payment_intents', 'amount=1100&currency=usd', { 'Idempotency-Key': 'idem-1' });
    const again = await post('/v1/payment_intents', 'amount=1100&currency=usd', { 'Idempotency-Key': 'idem-1' });
    assert.equal(again.json.id, first.json.id);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.notEqual(again.headers.get('request-id'), first.headers.get('request-id'));
  });

  test('replays a stored error too', async () => {
    const first = await post('/v1/payment_intents', 'amount=1200&currency=usd&confirm=true&payment_method=pm_card_chargeDeclined', { 'Idempotency-Key': 'idem-err' });
    const again = await post('/v1/payment_intents', 'amount=1200&currency=usd&confirm=true&payment_method=pm_card_chargeDeclined', { 'Idempotency-Key': 'idem-err' });
    assert.deepEqual([first.status, again.status], [402, 402]);
    assert.equal(again.json.error.payment_intent.id, first.json.error.payment_intent.id);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
  });

  test('answers a reuse with other parameters with idempotency_error', async () => {
    await post('/v1/payment_intents', 'amount=1300&currency=usd', { 'Idempotency-Key': 'idem-2' });
    const other = await post('/v1/payment_intents', 'amount=1301&currency=usd', { 'Idempotency-Key': 'idem-2' });
    assert.equal(other.status, 400);
    assert.equal(other.json.error.type, 'idempotency_error');
    assert.match(other.json.error.message, /^Keys for idempotent requests can only be used with the same parameters they were first used with\./);
  });

  test('answers a concurrent duplicate with 409 while the first is in flight', async () => {
    sandbox.faults.add({ provider: 'stripe', api: 'stripe.payment_intents.create', kind: 'delay', delayMs: 400, remaining: 1 });
    const slow = post('/v1/payment_intents', 'amount=1400&currency=usd', { 'Idempotency-Key': 'idem-3' });
    await new Promise((r) => setTimeout(r, 100));
    const dup = await post('/v1/payment_intents', 'amount=1400&currency=usd', { 'Idempotency-Key': 'idem-3' });
    assert.equal(dup.status, 409);
    assert.deepEqual([dup.json.error.type, dup.json.error.code], ['idempotency_error', 'idempotency_key_in_use']);
    assert.equal((await slow).status, 200);
  });

  test('does not save a 500 answered before processing, so a retry with the same key is processed once', async () => {
    sandbox.faults.add({ provider: 'stripe', api: 'stripe.payment_intents.create', kind: 'unavailable', remaining: 1 });
    const failed = await post('/v1/payment_intents', 'amount=1500&currency=usd&metadata[order_id]=RETRY-1', { 'Idempotency-Key': 'idem-500' });
    assert.deepEqual([failed.status, failed.json.error.type], [500, 'api_error']);
    const retried = await post('/v1/payment_intents', 'amount=1500&currency=usd&metadata[order_id]=RETRY-1', { 'Idempotency-Key': 'idem-500' });
    const replay = await post('/v1/payment_intents', 'amount=1500&currency=usd&metadata[order_id]=RETRY-1', { 'Idempotency-Key': 'idem-500' });
    assert.equal(retried.status, 200);
    assert.equal(replay.json.id, retried.json.id);
    assert.equal(sandbox.ledger.list({ provider: 'stripe' }).filter((o) => o.merchantOrderId === 'RETRY-1').length, 1);
  });

  test('forgets a key after 24 virtual hours', async () => {
    const first = await post('/v1/payment_intents', 'amount=1600&currency=usd', { 'Idempotency-Key': 'idem-old' });
    await sandbox.clock().advance(24 * 3_600_000);
    const later = await post('/v1/payment_intents', 'amount=1600&currency=usd', { 'Idempotency-Key': 'idem-old' });
    assert.equal(later.status, 200);
    assert.notEqual(later.json.id, first.json.id);
    assert.equal(later.headers.get('idempotent-replayed'), null);
  });
});

describe('PaymentIntents', () => {
  test('declines pm_card_chargeDeclined with a 402 card_error and sends payment_intent.payment_failed', async () => {
    const a = await post('/v1/payment_intents', 'amount=2000&currency=usd&confirm=true&payment_method=pm_card_chargeDeclined');
    assert.equal(a.status, 402);
    assert.deepEqual([a.json.error.type, a.json.error.code, a.json.error.decline_code], ['card_error', 'card_declined', 'generic_decline']);
    const pi = a.json.error.payment_intent;
    assert.equal(pi.status, 'requires_payment_method');
    assert.equal(pi.last_payment_error.code, 'card_declined');
    assert.ok((await eventsOf(pi.id)).includes('payment_intent.payment_failed'));
    assert.equal(sandbox.ledger.find('stripe', { providerOrderId: pi.id })?.status, 'failed');
  });

  test('holds pm_card_threeDSecure2Required in requires_action until the buyer authenticates', async () => {
    const a = await post('/v1/payment_intents', 'amount=2100&currency=usd&confirm=true&payment_method=pm_card_threeDSecure2Required&return_url=https://merchant.example/back');
    assert.deepEqual([a.status, a.json.status, a.json.next_action.type], [200, 'requires_action', 'redirect_to_url']);
    assert.equal(a.json.next_action.redirect_to_url.url, `${info.url}/_payprobe/cashier/${a.json.id}`);
    const order = sandbox.ledger.find('stripe', { providerOrderId: a.json.id })!;
    const done = await sandbox.runtime('stripe').buyer('authenticate', order, {});
    assert.equal(done.ok, true, done.reason);
    await Promise.all(done.deliveries);
    assert.equal((await get(`/v1/payment_intents/${a.json.id}`)).json.status, 'succeeded');
    assert.deepEqual(await eventsOf(a.json.id), ['payment_intent.succeeded', 'charge.succeeded', 'payment_intent.requires_action', 'payment_intent.created']);
  });

  test('returns a PaymentIntent whose buyer fails 3-D Secure to requires_payment_method', async () => {
    const a = await post('/v1/payment_intents', 'amount=2200&currency=usd&confirm=true&payment_method=pm_card_threeDSecure2Required');
    assert.equal(a.json.next_action.type, 'use_stripe_sdk');
    const order = sandbox.ledger.find('stripe', { providerOrderId: a.json.id })!;
    const done = await sandbox.runtime('stripe').buyer('fail-authentication', order, {});
    assert.equal(done.ok, true);
    const pi = (await get(`/v1/payment_intents/${a.json.id}`)).json;
    assert.deepEqual([pi.status, pi.last_payment_error.code], ['requires_payment_method', 'payment_intent_authentication_failure']);
  });

  test('captures part of an authorisation and refuses to capture more than is capturable', async () => {
    const a = await post('/v1/payment_intents', 'amount=3000&currency=usd&capture_method=manual&confirm=true&payment_method=pm_card_visa');
    assert.deepEqual([a.json.status, a.json.amount_capturable], ['requires_capture', 3000]);
    const over = await post(`/v1/payment_intents/${a.json.id}/capture`, 'amount_to_capture=3001');
    assert.deepEqual([over.status, over.json.error.code, over.json.error.param], [400, 'amount_too_large', 'amount_to_capture']);
    const part = await post(`/v1/payment_intents/${a.json.id}/capture`, 'amount_to_capture=1800');
    assert.deepEqual([part.json.status, part.json.amount_received], ['succeeded', 1800]);
    const again = await post(`/v1/payment_intents/${a.json.id}/capture`);
    assert.deepEqual([again.status, again.json.error.code], [400, 'payment_intent_unexpected_state']);
  });

  test('cancels an open PaymentIntent and refuses to cancel a succeeded one', async () => {
    const a = await post('/v1/payment_intents', 'amount=1000&currency=usd');
    const c = await post(`/v1/payment_intents/${a.json.id}/cancel`, 'cancellation_reason=requested_by_customer');
    assert.deepEqual([c.json.status, c.json.cancellation_reason], ['canceled', 'requested_by_customer']);
    const paid = await post('/v1/payment_intents', 'amount=1000&currency=usd&confirm=true&payment_method=pm_card_visa');
    const refused = await post(`/v1/payment_intents/${paid.json.id}/cancel`);
    assert.match(refused.json.error.message, /^You cannot cancel this PaymentIntent because it has a status of succeeded\./);
  });

  test('updates metadata and lists newest first with pagination', async () => {
    const a = await post('/v1/payment_intents', 'amount=1000&currency=usd&metadata[k]=v');
    const u = await post(`/v1/payment_intents/${a.json.id}`, 'metadata[k]=&metadata[n]=2');
    assert.deepEqual(u.json.metadata, { n: '2' });
    const page = await get('/v1/payment_intents?limit=2');
    assert.deepEqual([page.json.object, page.json.data.length, page.json.has_more, page.json.data[0].id], ['list', 2, true, a.json.id]);
    const next = await get(`/v1/payment_intents?limit=1&starting_after=${a.json.id}`);
    assert.notEqual(next.json.data[0].id, a.json.id);
  });

  test('answers an unknown PaymentIntent with resource_missing', async () => {
    const a = await get('/v1/payment_intents/pi_nope');
    assert.deepEqual([a.status, a.json.error.code, a.json.error.message], [404, 'resource_missing', "No such payment_intent: 'pi_nope'"]);
  });
});

describe('refunds', () => {
  test('refunds in parts, refuses an over-refund, then says the charge is already refunded', async () => {
    const paid = await post('/v1/payment_intents', 'amount=2500&currency=usd&confirm=true&payment_method=pm_card_visa');
    const part = await post('/v1/refunds', `payment_intent=${paid.json.id}&amount=1000`);
    assert.deepEqual([part.status, part.json.amount, part.json.status], [200, 1000, 'succeeded']);
    const over = await post('/v1/refunds', `payment_intent=${paid.json.id}&amount=2000`);
    assert.deepEqual([over.status, over.json.error.code, over.json.error.message], [400, 'amount_too_large', 'Refund amount ($20.00) is greater than unrefunded amount on charge ($15.00)']);
    await post('/v1/refunds', `payment_intent=${paid.json.id}`);
    const done = await post('/v1/refunds', `payment_intent=${paid.json.id}`);
    assert.equal(done.json.error.code, 'charge_already_refunded');
    assert.equal(sandbox.ledger.find('stripe', { providerOrderId: paid.json.id })?.status, 'refunded');
    await sandbox.clock().advance(60_000);
    const types = await eventsOf(paid.json.id);
    assert.equal(types.filter((t) => t === 'charge.refunded').length, 2);
    assert.equal(types.filter((t) => t === 'refund.updated').length, 2);
  });
});

describe('Checkout Sessions', () => {
  const body = 'mode=payment&success_url=https://m.example/ok&line_items[0][price_data][currency]=usd&line_items[0][price_data][unit_amount]=900&line_items[0][price_data][product_data][name]=Mug&line_items[0][quantity]=1';

  test('expires an open session and sends checkout.session.expired', async () => {
    const s = await post('/v1/checkout/sessions', `${body}&client_reference_id=CS-EXP`);
    const e = await post(`/v1/checkout/sessions/${s.json.id}/expire`);
    assert.deepEqual([e.json.status, e.json.url], ['expired', null]);
    const again = await post(`/v1/checkout/sessions/${s.json.id}/expire`);
    assert.equal(again.status, 400);
    const types = ((await get('/v1/events?type=checkout.session.*')).json.data as any[]).filter((ev) => ev.data.object.id === s.json.id).map((ev) => ev.type);
    assert.deepEqual(types, ['checkout.session.expired']);
  });

  test('completes an async payment unpaid, then sends async_payment_succeeded', async () => {
    const s = await post('/v1/checkout/sessions', `${body}&client_reference_id=CS-ASYNC`);
    const order = sandbox.ledger.find('stripe', { merchantOrderId: 'CS-ASYNC' })!;
    await sandbox.runtime('stripe').buyer('pay-async', order, {});
    assert.equal((await get(`/v1/checkout/sessions/${s.json.id}`)).json.payment_status, 'unpaid');
    assert.equal(order.status, 'pending');
    await sandbox.runtime('stripe').buyer('settle-async', order, {});
    const done = (await get(`/v1/checkout/sessions/${s.json.id}?expand[]=payment_intent`)).json;
    assert.deepEqual([done.status, done.payment_status, done.payment_intent.status], ['complete', 'paid', 'succeeded']);
    assert.equal(order.status, 'paid');
  });

  test('expires a session on its own at expires_at (virtual time)', async () => {
    const s = await post('/v1/checkout/sessions', `${body}&client_reference_id=CS-AUTO`);
    await sandbox.clock().advance(24 * 3_600_000);
    assert.equal((await get(`/v1/checkout/sessions/${s.json.id}`)).json.status, 'expired');
  });
});

describe('webhooks and the journal', () => {
  test('signs every delivery with t and v1 over `${t}.${body}` and the whsec_ secret', async () => {
    await sandbox.dispatcher.idle(undefined);
    assert.ok(hooks.length > 5);
    for (const h of hooks) {
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(h.headers['stripe-signature'])!;
      assert.equal(createHmac('sha256', info.webhookSecret).update(`${t}.${h.body}`).digest('hex'), v1);
      assert.equal(JSON.parse(h.body).object, 'event');
    }
  });

  test('shifts t back for the stale variant and signs with another secret for other-key', () => {
    const order = sandbox.ledger.list({ provider: 'stripe' })[0];
    const runtime = sandbox.runtime('stripe');
    const stale = runtime.buildCallback({ order, event: 'payment_intent.succeeded', variant: { signer: 'provider', staleByMs: 3_600_000 }, attempt: 1, at: 0, deliveryKey: 'k1' });
    const t = Number(/t=(\d+)/.exec(stale.headers['Stripe-Signature'])![1]);
    assert.ok(Date.now() / 1000 - t >= 3599);
    const other = runtime.buildCallback({ order, event: 'payment_intent.succeeded', variant: { signer: 'other-key' }, attempt: 1, at: 0, deliveryKey: 'k2' });
    const [, t2, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(other.headers['Stripe-Signature'])!;
    assert.notEqual(createHmac('sha256', info.webhookSecret).update(`${t2}.${other.body}`).digest('hex'), v1);
    const unsigned = runtime.buildCallback({ order, event: 'payment_intent.succeeded', variant: { signer: 'unsigned' }, attempt: 1, at: 0, deliveryKey: 'k3' });
    assert.equal(unsigned.headers['Stripe-Signature'], undefined);
    assert.equal(runtime.isAck({ status: 204, body: '' }), true);
    assert.equal(runtime.isAck({ status: 302, body: '' }), false);
  });

  test('re-sends an unacknowledged event a minute later on the virtual clock, with the same event id', async () => {
    const a = await post('/v1/payment_intents', 'amount=1000&currency=usd');
    const order = sandbox.ledger.find('stripe', { providerOrderId: a.json.id })!;
    const paid = await sandbox.runtime('stripe').buyer('pay', order, { notify: { dropAcks: 1 } });
    const entries = (await Promise.all(paid.deliveries)) as CallbackEntry[];
    const first = entries.find((e) => e.event === 'payment_intent.succeeded')!;
    assert.equal(first.acked, false);
    await sandbox.clock().advance(60_000);
    const attempts = sandbox.dispatcher.attempts(first.deliveryId);
    assert.deepEqual(attempts.map((e) => [e.attempt, e.acked]), [[1, false], [2, true]]);
    assert.equal(JSON.parse(attempts[1].request.body).id, JSON.parse(attempts[0].request.body).id);
  });

  test('journals a call to an unknown route and answers Unrecognized request URL', async () => {
    const a = await post('/v1/customers', 'email=a@b.c');
    assert.equal(a.status, 404);
    assert.equal(a.json.error.message, 'Unrecognized request URL (POST: /v1/customers). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.');
    const entry = sandbox.journal.all().filter((e): e is RequestEntry => e.kind === 'request').at(-1)!;
    assert.deepEqual([entry.path, entry.unhandled], ['/v1/customers', true]);
  });
});

describe('Stripe CLI fixture files', () => {
  const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/stripe-cli/${name}.json`, import.meta.url), 'utf8'));
  const run = (name: string, env: Record<string, string> = {}) => runStripeFixture(fixture(name), { baseUrl: info.url, secretKey: info.secretKey, env });

  test('runs payment_intent.succeeded offline with ${.env:VAR|default} and delivers its events', async () => {
    const result = await run('payment_intent.succeeded');
    assert.equal(result.ok, true, result.steps.map((s) => s.problem).join());
    const pi = result.steps[0].response as { id: string; status: string; currency: string };
    assert.deepEqual([pi.status, pi.currency], ['succeeded', 'usd']);
    await sandbox.dispatcher.idle(undefined);
    assert.ok(hooks.some((h) => JSON.parse(h.body).type === 'payment_intent.succeeded' && JSON.parse(h.body).data.object.id === pi.id));
  });

  test('runs charge.refunded with ${name:path} references and expected_error_type steps', async () => {
    const result = await run('charge.refunded');
    assert.equal(result.ok, true, result.steps.map((s) => s.problem).join());
    assert.deepEqual(result.steps.map((s) => s.status), [200, 200, 200, 400, 402]);
    const pi = result.steps[0].response as { id: string };
    assert.equal((await eventsOf(pi.id)).filter((t) => t === 'charge.refunded').length, 2);
  });

  test('runs checkout.session.completed through the payment page as the Stripe CLI fixture does, and delivers the event', async () => {
    const result = await run('checkout.session.completed', { MERCHANT_URL: 'https://shop.example' });
    assert.equal(result.ok, true, result.steps.map((s) => s.problem).join());
    const session = result.steps[4].response as { id: string; success_url: string; status: string; payment_status: string };
    assert.equal(session.success_url, 'https://shop.example/checkout/success');
    assert.deepEqual([session.status, session.payment_status], ['complete', 'paid']);
    await sandbox.dispatcher.idle(undefined);
    assert.ok(hooks.some((h) => JSON.parse(h.body).type === 'checkout.session.completed' && JSON.parse(h.body).data.object.id === session.id));
  });

  test('a payment page refuses a declining card and stays open; a token the sandbox does not know is a 404', async () => {
    const steps = (token: string) => ({
      fixtures: [
        { name: 's', path: '/v1/checkout/sessions', method: 'post', params: { mode: 'payment', success_url: 'https://shop.example/ok', line_items: [{ quantity: 1, price_data: { currency: 'usd', unit_amount: 900, product_data: { name: 'x' } } }] } },
        { name: 'card', path: '/v1/payment_methods', method: 'post', params: { type: 'card', card: { token } } },
        { name: 'confirm', path: '/v1/payment_pages/${s:id}/confirm', method: 'post', params: { payment_method: '${card:id}' }, expected_error_type: 'card_error' },
        { name: 'still', path: '/v1/checkout/sessions/${s:id}', method: 'get' },
      ],
    });
    const declined = await runStripeFixture(steps('tok_chargeDeclined'), { baseUrl: info.url, secretKey: info.secretKey });
    assert.equal(declined.ok, true, declined.steps.map((s) => s.problem).join());
    assert.equal((declined.steps[3].response as { status: string }).status, 'open');
    const unknown = await runStripeFixture(steps('tok_nonsense'), { baseUrl: info.url, secretKey: info.secretKey });
    assert.equal(unknown.ok, false);
    assert.equal(unknown.steps[1].status, 404);
  });

  test('stops at a step that does not fail as expected, and reports every shape problem at once', async () => {
    const result = await runStripeFixture(
      { fixtures: [{ name: 'ok', path: '/v1/payment_intents', method: 'post', params: { amount: 900, currency: 'usd' }, expected_error_type: 'card_error' }, { name: 'never', path: '/v1/payment_intents', method: 'get' }] },
      { baseUrl: info.url, secretKey: info.secretKey },
    );
    assert.equal(result.ok, false);
    assert.deepEqual(result.steps.map((s) => s.problem), ['expected a card_error, got HTTP 200 success']);
    assert.deepEqual(validateStripeFixture({ fixtures: [{ name: 'a', path: 'v1/x', method: 'put' }, { name: 'a', path: '/v1/y', method: 'get' }] }), [
      'fixtures[0].path must be an API path such as /v1/payment_intents',
      'fixtures[0].method must be get, post or delete',
      'fixtures[1].name "a" is used twice',
    ]);
  });
});
