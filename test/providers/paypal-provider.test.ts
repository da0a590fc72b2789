// The PayPal sandbox over HTTP, as a merchant's server talks to it with raw JSON requests.
import assert from 'node:assert/strict';
import { createPublicKey, createVerify } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { paypal } from '../../src/providers/paypal/index.ts';
import { KEY_FILES } from '../../src/providers/paypal/keys.ts';
import type { RequestEntry } from '../../src/sandbox/journal.ts';
import type { Sandbox } from '../../src/sandbox/sandbox.ts';
import { startProviderHarness, type ProviderHarness } from '../support/provider-harness.ts';
import { sendNotify } from '../../src/sandbox/send-notify.ts';

let dir: string;
let sandbox: Sandbox;
let info: Record<string, string>;
let harness: ProviderHarness;
let token: string;
const hooks: { headers: Record<string, string>; body: string }[] = [];
let hookUrl: string;

before(async () => {
  harness = await startProviderHarness('paypal', { callbackPath: '/webhooks/paypal', into: hooks });
  ({ dir, sandbox, info } = harness);
  hookUrl = harness.hookUrl;
  token = (await getToken()).json.access_token;
});

after(() => harness?.close());

interface Answer {
  status: number;
  headers: Headers;
  json: any;
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
async function getToken(secret = info.clientSecret): Promise<Answer> {
  const res = await fetch(`${info.baseUrl}/v1/oauth2/token`, { method: 'POST', headers: { authorization: basic(info.clientId, secret), 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
  return { status: res.status, headers: res.headers, json: await res.json() };
}
const call = async (method: string, p: string, body?: unknown, headers: Record<string, string> = {}, bearer: string | null = token): Promise<Answer> => {
  const res = await fetch(`${info.baseUrl}${p}`, {
    method,
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
};
const post = (p: string, body: unknown = {}, headers: Record<string, string> = {}) => call('POST', p, body, headers);
const get = (p: string) => call('GET', p);
const buyer = async (orderId: string, action: string) => {
  const order = sandbox.ledger.find('paypal', { providerOrderId: orderId })!;
  const r = await sandbox.runtime('paypal').buyer(action, order, {});
  await Promise.all(r.deliveries);
  return r;
};
const createOrder = async (value = '25.00', extra: Record<string, unknown> = {}, intent = 'CAPTURE', headers: Record<string, string> = {}) =>
  post('/v2/checkout/orders', { intent, purchase_units: [{ amount: { currency_code: (extra.currency as string) ?? 'USD', value }, invoice_id: extra.invoice_id ?? `INV-${Math.random().toString(36).slice(2)}` }], ...((extra.body as object) ?? {}) }, headers);
const lastRequest = () => sandbox.journal.all().filter((e): e is RequestEntry => e.kind === 'request').at(-1)!;
const eventsFor = (id: string) =>
  hooks
    .map((h) => JSON.parse(h.body))
    .filter((e) => e.resource.id === id || e.resource.supplementary_data?.related_ids?.order_id === id)
    .map((e) => e.event_type);

describe('credentials and access tokens', () => {
  test('generates obviously fake sandbox credentials and keeps the signing key owner-only', () => {
    assert.match(info.clientId, /^sb-payprobe-/);
    assert.match(info.clientSecret, /^sb-payprobe-secret-/);
    assert.match(info.webhookId, /^sb-payprobe-WH-/);
    assert.equal(info.baseUrl, info.url);
    assert.equal(statSync(path.join(dir, '.payprobe/keys/paypal', KEY_FILES.signingKey)).mode & 0o777, 0o600);
    assert.equal(statSync(path.join(dir, '.payprobe/keys/paypal', KEY_FILES.credentials)).mode & 0o777, 0o600);
  });

  test('uses sandbox credentials the config names, and says what to run when keys are missing', async () => {
    const keys = await paypal.loadKeys({ clientId: 'sb-mine', webhookId: 'sb-WH-mine' }, { baseDir: dir, create: true });
    assert.deepEqual([keys.clientId, keys.webhookId], ['sb-mine', 'sb-WH-mine']);
    assert.match(keys.signingCertificate, /^-----BEGIN CERTIFICATE-----/);
    await assert.rejects(paypal.loadKeys({ keys: 'nowhere' }, { baseDir: dir, create: false }), /Run `payprobe init` to generate the sandbox keys/);
  });

  test('issues a Bearer token for the client credentials', async () => {
    const a = await getToken();
    assert.equal(a.status, 200);
    assert.equal(a.json.token_type, 'Bearer');
    assert.equal(a.json.expires_in, 32400);
    assert.match(a.json.app_id, /^APP-/);
    assert.ok(a.json.nonce && a.json.scope.includes('https://uri.paypal.com/services/payments/payment'));
  });

  test('refuses a wrong client secret with invalid_client', async () => {
    const a = await getToken('nope');
    assert.equal(a.status, 401);
    assert.deepEqual(a.json, { error: 'invalid_client', error_description: 'Client Authentication failed' });
  });

  test('refuses REST calls without a token or with an unknown one', async () => {
    const none = await call('GET', '/v2/checkout/orders/X', undefined, {}, null);
    assert.equal(none.status, 401);
    assert.equal(none.json.name, 'AUTHENTICATION_FAILURE');
    const unknown = await call('GET', '/v2/checkout/orders/X', undefined, {}, 'A21AAbogus');
    assert.deepEqual([unknown.status, unknown.json], [401, { error: 'invalid_token', error_description: 'Access Token not found in cache' }]);
  });
});

describe('orders', () => {
  test('creates an order with a minimal answer and an approve link served as the buyer page', async () => {
    const a = await createOrder('25.00', { invoice_id: 'INV-ORDER-1' });
    assert.equal(a.status, 201);
    assert.deepEqual(Object.keys(a.json), ['id', 'status', 'links']);
    assert.equal(a.json.status, 'CREATED');
    assert.match(a.json.id, /^[A-Z0-9]{17}$/);
    const approve = a.json.links.find((l: any) => l.rel === 'approve');
    assert.equal(approve.href, `${info.baseUrl}/checkoutnow?token=${a.json.id}`);
    const page = await fetch(approve.href);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /approve-pending/);
    const order = sandbox.ledger.find('paypal', { merchantOrderId: 'INV-ORDER-1' })!;
    assert.deepEqual([order.amount, order.currency, order.status, order.providerState], [2500, 'USD', 'pending', 'CREATED']);
  });

  test('answers the full representation when asked, and on GET', async () => {
    const a = await createOrder('10.00', {}, 'CAPTURE', { Prefer: 'return=representation' });
    assert.equal(a.json.intent, 'CAPTURE');
    assert.deepEqual(a.json.purchase_units[0].amount, { currency_code: 'USD', value: '10.00' });
    const g = await get(`/v2/checkout/orders/${a.json.id}`);
    assert.equal(g.status, 200);
    assert.equal(g.json.purchase_units[0].reference_id, 'default');
  });

  test('uses a payer-action link and PAYER_ACTION_REQUIRED when the order names payment_source.paypal', async () => {
    const a = await createOrder('10.00', { body: { payment_source: { paypal: { experience_context: { return_url: 'https://shop.example/return', cancel_url: 'https://shop.example/cancel' } } } } });
    assert.equal(a.json.status, 'PAYER_ACTION_REQUIRED');
    assert.ok(a.json.links.some((l: any) => l.rel === 'payer-action'));
    assert.ok(!a.json.links.some((l: any) => l.rel === 'approve'));
  });

  const amountCases: [string, string, string, number, string][] = [
    ['decimals in JPY', '1000.5', 'JPY', 422, 'DECIMALS_NOT_SUPPORTED'],
    ['three decimals in USD', '10.001', 'USD', 422, 'DECIMAL_PRECISION'],
    ['a zero amount', '0.00', 'USD', 422, 'CANNOT_BE_ZERO_OR_NEGATIVE'],
    ['a non-numeric amount', 'ten', 'USD', 400, 'INVALID_PARAMETER_SYNTAX'],
    ['an unsupported currency', '10.00', 'XYZ', 422, 'CURRENCY_NOT_SUPPORTED'],
  ];
  for (const [name, value, currency, status, issue] of amountCases) {
    test(`refuses ${name} with ${issue}`, async () => {
      const a = await createOrder(value, { currency });
      assert.equal(a.status, status);
      assert.equal(a.json.details[0].issue, issue);
      assert.ok(a.json.debug_id && a.json.links[0].rel === 'information_link');
    });
  }

  test('accepts a whole-yen JPY amount', async () => {
    const a = await createOrder('1000', { currency: 'JPY' }, 'CAPTURE', { Prefer: 'return=representation' });
    assert.equal(a.status, 201);
    assert.equal(sandbox.ledger.find('paypal', { providerOrderId: a.json.id })!.amount, 1000);
  });
});

describe('approve and capture', () => {
  test('refuses to capture an order the buyer has not approved', async () => {
    const a = await createOrder();
    const c = await post(`/v2/checkout/orders/${a.json.id}/capture`);
    assert.equal(c.status, 422);
    assert.equal(c.json.name, 'UNPROCESSABLE_ENTITY');
    assert.equal(c.json.details[0].issue, 'ORDER_NOT_APPROVED');
  });

  test('approve sends CHECKOUT.ORDER.APPROVED; capture completes, pays the order and sends PAYMENT.CAPTURE.COMPLETED', async () => {
    const a = await createOrder('25.00');
    await buyer(a.json.id, 'approve');
    assert.equal((await get(`/v2/checkout/orders/${a.json.id}`)).json.status, 'APPROVED');
    const c = await post(`/v2/checkout/orders/${a.json.id}/capture`);
    assert.equal(c.status, 201);
    assert.equal(c.json.status, 'COMPLETED');
    const capture = c.json.purchase_units[0].payments.captures[0];
    assert.deepEqual([capture.status, capture.amount.value], ['COMPLETED', '25.00']);
    await sandbox.dispatcher.idle(undefined);
    assert.deepEqual(eventsFor(a.json.id), ['CHECKOUT.ORDER.APPROVED', 'PAYMENT.CAPTURE.COMPLETED']);
    const order = sandbox.ledger.find('paypal', { providerOrderId: a.json.id })!;
    assert.deepEqual([order.status, order.providerState], ['paid', 'COMPLETED']);
    const again = await post(`/v2/checkout/orders/${a.json.id}/capture`);
    assert.equal(again.json.details[0].issue, 'ORDER_ALREADY_CAPTURED');
  });

  test('approve-pending makes a PENDING capture that settle-pending completes', async () => {
    const a = await createOrder('30.00');
    await buyer(a.json.id, 'approve-pending');
    const c = await post(`/v2/checkout/orders/${a.json.id}/capture`);
    const capture = c.json.purchase_units[0].payments.captures[0];
    assert.deepEqual([capture.status, capture.status_details.reason], ['PENDING', 'PENDING_REVIEW']);
    const order = sandbox.ledger.find('paypal', { providerOrderId: a.json.id })!;
    assert.equal(order.status, 'pending');
    await buyer(a.json.id, 'settle-pending');
    assert.equal(order.status, 'paid');
    assert.equal((await get(`/v2/payments/captures/${capture.id}`)).json.status, 'COMPLETED');
    await sandbox.dispatcher.idle(undefined);
    assert.deepEqual(eventsFor(a.json.id), ['CHECKOUT.ORDER.APPROVED', 'PAYMENT.CAPTURE.PENDING', 'PAYMENT.CAPTURE.COMPLETED']);
  });

  test('deny-pending declines a PENDING capture, fails the order and sends PAYMENT.CAPTURE.DENIED', async () => {
    const a = await createOrder('31.00');
    await buyer(a.json.id, 'approve-pending');
    await post(`/v2/checkout/orders/${a.json.id}/capture`);
    await buyer(a.json.id, 'deny-pending');
    const order = sandbox.ledger.find('paypal', { providerOrderId: a.json.id })!;
    assert.deepEqual([order.status, order.providerState], ['failed', 'DECLINED']);
    await sandbox.dispatcher.idle(undefined);
    assert.deepEqual(eventsFor(a.json.id).at(-1), 'PAYMENT.CAPTURE.DENIED');
  });

  test('approve-declined makes the capture fail with INSTRUMENT_DECLINED; approving again lets it succeed', async () => {
    const a = await createOrder('32.00');
    await buyer(a.json.id, 'approve-declined');
    const c = await post(`/v2/checkout/orders/${a.json.id}/capture`);
    assert.deepEqual([c.status, c.json.details[0].issue], [422, 'INSTRUMENT_DECLINED']);
    const order = sandbox.ledger.find('paypal', { providerOrderId: a.json.id })!;
    assert.equal(order.status, 'failed');
    assert.equal((await buyer(a.json.id, 'approve')).ok, true);
    assert.equal((await post(`/v2/checkout/orders/${a.json.id}/capture`)).json.status, 'COMPLETED');
    assert.equal(order.status, 'paid');
  });

  test('require-payer-action blocks capture until the buyer approves', async () => {
    const a = await createOrder('33.00');
    await buyer(a.json.id, 'require-payer-action');
    const g = await get(`/v2/checkout/orders/${a.json.id}`);
    assert.equal(g.json.status, 'PAYER_ACTION_REQUIRED');
    assert.ok(g.json.links.some((l: any) => l.rel === 'payer-action'));
    assert.equal((await post(`/v2/checkout/orders/${a.json.id}/capture`)).json.details[0].issue, 'PAYER_ACTION_REQUIRED');
    await buyer(a.json.id, 'approve');
    assert.equal((await post(`/v2/checkout/orders/${a.json.id}/capture`)).json.status, 'COMPLETED');
  });

  test('cancel leaves the order CREATED, sends nothing, and the page sends the buyer to cancel_url', async () => {
    const a = await createOrder('34.00', { body: { application_context: { return_url: 'https://shop.example/ok', cancel_url: 'https://shop.example/cancel' } } });
    const before = hooks.length;
    const res = await fetch(`${info.baseUrl}/checkoutnow?token=${a.json.id}`, { method: 'POST', body: 'action=cancel', headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), `https://shop.example/cancel?token=${a.json.id}`);
    assert.equal((await get(`/v2/checkout/orders/${a.json.id}`)).json.status, 'CREATED');
    await sandbox.dispatcher.idle(undefined);
    assert.equal(hooks.length, before);
  });

  test('the page sends an approving buyer to return_url with token and PayerID', async () => {
    const a = await createOrder('35.00', { body: { application_context: { return_url: 'https://shop.example/ok', cancel_url: 'https://shop.example/cancel' } } });
    const res = await fetch(`${info.baseUrl}/checkoutnow?token=${a.json.id}`, { method: 'POST', body: 'action=approve', headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
    assert.equal(res.status, 303);
    assert.match(res.headers.get('location') ?? '', new RegExp(`^https://shop\\.example/ok\\?token=${a.json.id}&PayerID=PAYER`));
  });
});

describe('authorize, capture and void', () => {
  test('authorizes, captures part, then the rest, completing the authorization', async () => {
    const a = await createOrder('50.00', {}, 'AUTHORIZE');
    await buyer(a.json.id, 'approve');
    const z = await post(`/v2/checkout/orders/${a.json.id}/authorize`);
    assert.equal(z.status, 201);
    const auth = z.json.purchase_units[0].payments.authorizations[0];
    assert.equal(auth.status, 'CREATED');
    const part = await post(`/v2/payments/authorizations/${auth.id}/capture`, { amount: { currency_code: 'USD', value: '20.00' } });
    assert.deepEqual([part.status, part.json.status, Object.keys(part.json)], [201, 'COMPLETED', ['id', 'status', 'links']]);
    assert.equal((await get(`/v2/payments/authorizations/${auth.id}`)).json.status, 'PARTIALLY_CAPTURED');
    const over = await post(`/v2/payments/authorizations/${auth.id}/capture`, { amount: { currency_code: 'USD', value: '40.00' } });
    assert.equal(over.json.details[0].issue, 'MAX_CAPTURE_AMOUNT_EXCEEDED');
    const rest = await post(`/v2/payments/authorizations/${auth.id}/capture`, {}, { Prefer: 'return=representation' });
    assert.equal(rest.json.amount.value, '30.00');
    assert.equal((await get(`/v2/payments/authorizations/${auth.id}`)).json.status, 'CAPTURED');
    assert.equal(sandbox.ledger.find('paypal', { providerOrderId: a.json.id })!.status, 'paid');
    await sandbox.dispatcher.idle(undefined);
    assert.deepEqual(eventsFor(a.json.id), ['CHECKOUT.ORDER.APPROVED', 'PAYMENT.AUTHORIZATION.CREATED', 'PAYMENT.CAPTURE.COMPLETED', 'PAYMENT.CAPTURE.COMPLETED']);
  });

  test('voids an authorization: 204, the order is closed, PAYMENT.AUTHORIZATION.VOIDED is sent', async () => {
    const a = await createOrder('51.00', {}, 'AUTHORIZE');
    await buyer(a.json.id, 'approve');
    const auth = (await post(`/v2/checkout/orders/${a.json.id}/authorize`)).json.purchase_units[0].payments.authorizations[0];
    const v = await post(`/v2/payments/authorizations/${auth.id}/void`);
    assert.equal(v.status, 204);
    assert.equal((await get(`/v2/payments/authorizations/${auth.id}`)).json.status, 'VOIDED');
    assert.equal(sandbox.ledger.find('paypal', { providerOrderId: a.json.id })!.status, 'closed');
    assert.equal((await post(`/v2/payments/authorizations/${auth.id}/capture`)).json.details[0].issue, 'AUTHORIZATION_VOIDED');
    await sandbox.dispatcher.idle(undefined);
    assert.equal(eventsFor(a.json.id).at(-1), 'PAYMENT.AUTHORIZATION.VOIDED');
  });

  test('refuses to capture an AUTHORIZE order', async () => {
    const a = await createOrder('52.00', {}, 'AUTHORIZE');
    await buyer(a.json.id, 'approve');
    assert.equal((await post(`/v2/checkout/orders/${a.json.id}/capture`)).json.details[0].issue, 'ACTION_DOES_NOT_MATCH_INTENT');
  });
});

const paidCapture = async (value: string) => {
  const a = await createOrder(value);
  await buyer(a.json.id, 'approve');
  const c = await post(`/v2/checkout/orders/${a.json.id}/capture`);
  return { orderId: a.json.id as string, captureId: c.json.purchase_units[0].payments.captures[0].id as string };
};

describe('refunds', () => {
  test('an empty body refunds the whole capture', async () => {
    const { orderId, captureId } = await paidCapture('40.00');
    const r = await post(`/v2/payments/captures/${captureId}/refund`, {});
    assert.deepEqual([r.status, r.json.status, Object.keys(r.json)], [201, 'COMPLETED', ['id', 'status', 'links']]);
    const full = await get(`/v2/payments/refunds/${r.json.id}`);
    assert.equal(full.json.amount.value, '40.00');
    assert.equal((await get(`/v2/payments/captures/${captureId}`)).json.status, 'REFUNDED');
    const order = sandbox.ledger.find('paypal', { providerOrderId: orderId })!;
    assert.deepEqual([order.status, order.refunded, order.providerState], ['refunded', 4000, 'REFUNDED']);
    await sandbox.dispatcher.idle(undefined);
    assert.equal(eventsFor(orderId).at(-1), 'PAYMENT.CAPTURE.REFUNDED');
    assert.equal((await post(`/v2/payments/captures/${captureId}/refund`, {})).json.details[0].issue, 'CAPTURE_FULLY_REFUNDED');
  });

  test('several partial refunds go PARTIALLY_REFUNDED then REFUNDED; refunding more than is left is refused', async () => {
    const { orderId, captureId } = await paidCapture('30.00');
    const part = (value: string, id: string) => post(`/v2/payments/captures/${captureId}/refund`, { amount: { currency_code: 'USD', value } }, { 'PayPal-Request-Id': id });
    assert.equal((await part('10.00', 'rf-1')).status, 201);
    assert.equal((await get(`/v2/payments/captures/${captureId}`)).json.status, 'PARTIALLY_REFUNDED');
    const over = await part('25.00', 'rf-over');
    assert.deepEqual([over.status, over.json.details[0].issue], [422, 'REFUND_AMOUNT_EXCEEDED']);
    assert.equal((await part('20.00', 'rf-2')).status, 201);
    assert.equal((await get(`/v2/payments/captures/${captureId}`)).json.status, 'REFUNDED');
    const order = sandbox.ledger.find('paypal', { providerOrderId: orderId })!;
    assert.deepEqual(
      order.refunds.map((r) => [r.requestId, r.amount]),
      [['rf-1', 1000], ['rf-2', 2000]],
    );
    assert.equal(order.status, 'refunded');
  });
});

describe('PayPal-Request-Id', () => {
  test('replays the original answer without creating a second order, and journals requestId', async () => {
    const h = { 'PayPal-Request-Id': 'req-create-1' };
    const first = await createOrder('12.00', { invoice_id: 'INV-IDEM' }, 'CAPTURE', h);
    const count = sandbox.ledger.list({ provider: 'paypal' }).length;
    const again = await createOrder('12.00', { invoice_id: 'INV-IDEM' }, 'CAPTURE', h);
    assert.equal(again.json.id, first.json.id);
    assert.equal(sandbox.ledger.list({ provider: 'paypal' }).length, count);
    assert.equal(lastRequest().fields?.requestId, 'req-create-1');
  });

  test('forgets an orders request id after 6 virtual hours', async () => {
    const h = { 'PayPal-Request-Id': 'req-create-ttl' };
    const first = await createOrder('13.00', {}, 'CAPTURE', h);
    await sandbox.clock().advance(6 * 3_600_000);
    token = (await getToken()).json.access_token;
    const later = await createOrder('13.00', {}, 'CAPTURE', h);
    assert.notEqual(later.json.id, first.json.id);
  });

  test('replays a refund under the same request id without refunding twice', async () => {
    const { orderId, captureId } = await paidCapture('20.00');
    const h = { 'PayPal-Request-Id': 'rf-same' };
    const one = await post(`/v2/payments/captures/${captureId}/refund`, { amount: { currency_code: 'USD', value: '5.00' } }, h);
    const two = await post(`/v2/payments/captures/${captureId}/refund`, { amount: { currency_code: 'USD', value: '5.00' } }, h);
    assert.equal(two.json.id, one.json.id);
    assert.equal(sandbox.ledger.find('paypal', { providerOrderId: orderId })!.refunded, 500);
  });

  test('answers a concurrent duplicate with 409 PREVIOUS_REQUEST_IN_PROGRESS', async () => {
    sandbox.faults.add({ provider: 'paypal', api: 'paypal.orders.create', kind: 'delay', delayMs: 300, remaining: 1 });
    const h = { 'PayPal-Request-Id': 'req-concurrent' };
    const [a, b] = await Promise.all([createOrder('14.00', {}, 'CAPTURE', h), new Promise((r) => setTimeout(r, 50)).then(() => createOrder('14.00', {}, 'CAPTURE', h))]);
    assert.equal(a.status, 201);
    assert.deepEqual([b.status, b.json.name, b.json.details[0].issue], [409, 'RESOURCE_CONFLICT', 'PREVIOUS_REQUEST_IN_PROGRESS']);
  });

  test('expires access tokens on the virtual clock', async () => {
    await sandbox.clock().advance(9 * 3_600_000);
    const a = await get('/v2/checkout/orders/ANY');
    assert.equal(a.json.error, 'invalid_token');
    token = (await getToken()).json.access_token;
  });
});

describe('negative testing', () => {
  const codes: [string, number][] = [
    ['INSTRUMENT_DECLINED', 422],
    ['TRANSACTION_REFUSED', 422],
    ['DUPLICATE_INVOICE_ID', 422],
    ['INTERNAL_SERVER_ERROR', 500],
  ];
  for (const [code, status] of codes) {
    test(`answers PayPal-Mock-Response ${code}`, async () => {
      const a = await createOrder('9.00', {}, 'CAPTURE', { 'PayPal-Mock-Response': JSON.stringify({ mock_application_codes: code }) });
      assert.equal(a.status, status);
      assert.equal(status === 500 ? a.json.name : a.json.details[0].issue, code);
    });
  }

  test('answers a mocked refusal on refund without refunding', async () => {
    const { orderId, captureId } = await paidCapture('9.25');
    const r = await post(`/v2/payments/captures/${captureId}/refund`, {}, { 'PayPal-Mock-Response': '{"mock_application_codes":"REFUND_NOT_ALLOWED"}' });
    assert.deepEqual([r.status, r.json.details[0].issue], [422, 'REFUND_NOT_ALLOWED']);
    assert.equal(sandbox.ledger.find('paypal', { providerOrderId: orderId })!.refunded, 0);
  });

  test('answers an unknown mock code with a 400 that names the header', async () => {
    const a = await createOrder('9.75', {}, 'CAPTURE', { 'PayPal-Mock-Response': '{"mock_application_codes":"NO_SUCH_CODE"}' });
    assert.deepEqual([a.status, a.json.details[0].field], [400, 'PayPal-Mock-Response']);
    assert.match(lastRequest().error!.message, /INSTRUMENT_DECLINED/);
  });

  test('answers a mocked decline on capture without capturing', async () => {
    const a = await createOrder('9.50');
    await buyer(a.json.id, 'approve');
    const c = await post(`/v2/checkout/orders/${a.json.id}/capture`, {}, { 'PayPal-Mock-Response': '{"mock_application_codes":"INSTRUMENT_DECLINED"}' });
    assert.equal(c.json.details[0].issue, 'INSTRUMENT_DECLINED');
    assert.equal((await get(`/v2/checkout/orders/${a.json.id}`)).json.status, 'APPROVED');
  });
});

describe('webhooks', () => {
  const certPem = async (url: string) => (await fetch(url)).text();
  const offlineVerify = (h: Record<string, string>, body: string, pem: string) => {
    const message = `${h['paypal-transmission-id']}|${h['paypal-transmission-time']}|${info.webhookId}|${crc32(Buffer.from(body))}`;
    return createVerify('RSA-SHA256').update(message).verify(createPublicKey(pem), h['paypal-transmission-sig'], 'base64');
  };
  const verifyPostback = (h: Record<string, string>, body: string) =>
    post('/v1/notifications/verify-webhook-signature', {
      auth_algo: h['paypal-auth-algo'],
      cert_url: h['paypal-cert-url'],
      transmission_id: h['paypal-transmission-id'],
      transmission_sig: h['paypal-transmission-sig'],
      transmission_time: h['paypal-transmission-time'],
      webhook_id: info.webhookId,
      webhook_event: JSON.parse(body),
    });

  test('signs every delivery so offline verification with the served certificate passes', async () => {
    const { orderId } = await paidCapture('15.00');
    await sandbox.dispatcher.idle(undefined);
    const delivered = hooks.filter((h) => JSON.parse(h.body).resource.supplementary_data?.related_ids?.order_id === orderId || JSON.parse(h.body).resource.id === orderId);
    assert.equal(delivered.length, 2);
    const h = delivered[0].headers;
    assert.equal(h['paypal-auth-algo'], 'SHA256withRSA');
    assert.equal(h['paypal-cert-url'], info.certUrl);
    assert.ok(h['paypal-cert-url'].startsWith(info.baseUrl));
    const pem = await certPem(h['paypal-cert-url']);
    assert.match(pem, /^-----BEGIN CERTIFICATE-----/);
    for (const d of delivered) assert.equal(offlineVerify(d.headers, d.body, pem), true);
    const event = JSON.parse(delivered[1].body);
    assert.equal(event.event_type, 'PAYMENT.CAPTURE.COMPLETED');
    assert.deepEqual([event.event_version, event.resource_type, event.resource_version], ['1.0', 'capture', '2.0']);
    assert.match(event.id, /^WH-/);
  });

  test('the verify endpoint answers SUCCESS for a genuine delivery', async () => {
    const last = hooks.at(-1)!;
    const v = await verifyPostback(last.headers, last.body);
    assert.deepEqual([v.status, v.json], [200, { verification_status: 'SUCCESS' }]);
  });

  for (const variant of ['forged', 'other-key', 'tampered'] as const) {
    test(`the verify endpoint answers FAILURE for a ${variant} delivery, and so does offline verification`, async () => {
      const { orderId } = await paidCapture('16.00');
      const order = sandbox.ledger.find('paypal', { providerOrderId: orderId })!;
      await sandbox.dispatcher.idle(undefined);
      await sendNotify(sandbox, { provider: 'paypal', order, events: ['PAYMENT.CAPTURE.COMPLETED'], variant, tamper: { 'resource.amount.value': '0.01' }, url: hookUrl, clock: sandbox.clock(), key: `t-${variant}` });
      const last = hooks.at(-1)!;
      assert.equal(offlineVerify(last.headers, last.body, await certPem(info.certUrl)), false);
      assert.equal((await verifyPostback(last.headers, last.body)).json.verification_status, 'FAILURE');
    });
  }

  test('an unsigned delivery carries no PAYPAL-TRANSMISSION-SIG', async () => {
    const { orderId } = await paidCapture('17.00');
    const order = sandbox.ledger.find('paypal', { providerOrderId: orderId })!;
    await sendNotify(sandbox, { provider: 'paypal', order, events: ['PAYMENT.CAPTURE.COMPLETED'], variant: 'unsigned', url: hookUrl, clock: sandbox.clock(), key: 't-unsigned' });
    assert.equal(hooks.at(-1)!.headers['paypal-transmission-sig'], undefined);
  });

  test('a stale delivery is genuinely signed with a transmission time in the past', async () => {
    const { orderId } = await paidCapture('18.00');
    const order = sandbox.ledger.find('paypal', { providerOrderId: orderId })!;
    await sendNotify(sandbox, { provider: 'paypal', order, events: ['PAYMENT.CAPTURE.COMPLETED'], variant: 'stale', url: hookUrl, clock: sandbox.clock(), key: 't-stale' });
    const last = hooks.at(-1)!;
    assert.ok(Date.now() - Date.parse(last.headers['paypal-transmission-time']) > 3_000_000);
    assert.equal(offlineVerify(last.headers, last.body, await certPem(info.certUrl)), true);
  });

  test('retries an unacknowledged delivery on the virtual clock', async () => {
    const a = await createOrder('19.00');
    const order = sandbox.ledger.find('paypal', { providerOrderId: a.json.id })!;
    const r = await sandbox.runtime('paypal').buyer('approve', order, { notify: { dropAcks: 1 } });
    await Promise.all(r.deliveries);
    const attempts = () => sandbox.journal.all().filter((e) => e.kind === 'callback' && e.orderRef === order.ref).length;
    assert.equal(attempts(), 1);
    await sandbox.clock().advance(60_000);
    assert.equal(attempts(), 2);
    assert.equal(sandbox.runtime('paypal').retrySchedule.length, 25);
    assert.equal(sandbox.runtime('paypal').retrySchedule.reduce((s, n) => s + n, 0), 72 * 3_600_000);
  });
});

describe('webhook events API', () => {
  test('shows a delivered event by id, lists events newest first by type, and resends one as it was', async () => {
    const { orderId } = await paidCapture('17.00');
    await sandbox.dispatcher.idle(undefined);
    const completed = hooks.map((h) => JSON.parse(h.body)).filter((e) => e.event_type === 'PAYMENT.CAPTURE.COMPLETED' && e.resource.supplementary_data?.related_ids?.order_id === orderId);
    assert.equal(completed.length, 1);
    const shown = await get(`/v1/notifications/webhooks-events/${completed[0].id}`);
    assert.equal(shown.status, 200);
    assert.deepEqual(shown.json, completed[0]);
    const listed = await get('/v1/notifications/webhooks-events?page_size=1&event_type=PAYMENT.CAPTURE.COMPLETED');
    assert.deepEqual([listed.status, listed.json.count, listed.json.events[0].id], [200, 1, completed[0].id]);
    const before = hooks.length;
    const resent = await post(`/v1/notifications/webhooks-events/${completed[0].id}/resend`, { webhook_ids: [info.webhookId] });
    assert.deepEqual([resent.status, resent.json.id], [202, completed[0].id]);
    await sandbox.dispatcher.idle(undefined);
    const again = hooks.slice(before).map((h) => JSON.parse(h.body));
    assert.deepEqual(again.map((e) => e.id), [completed[0].id]);
    assert.deepEqual(again[0].resource, completed[0].resource);
  });

  test('an unknown event id is a 404 RESOURCE_NOT_FOUND', async () => {
    const a = await get('/v1/notifications/webhooks-events/WH-NOPE');
    assert.deepEqual([a.status, a.json.name, a.json.details[0].issue], [404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID']);
  });
});

describe('the control API and the certificate', () => {
  test('acts as the buyer through /_payprobe/orders/:id/buyer/approve', async () => {
    const a = await createOrder('21.00');
    const res = await fetch(`${info.baseUrl}/_payprobe/orders/${a.json.id}/buyer/approve`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    assert.equal(res.status, 200);
    assert.equal((await get(`/v2/checkout/orders/${a.json.id}`)).json.status, 'APPROVED');
  });

  test('refuses an unknown buyer action with the list of PayPal actions', async () => {
    const a = await createOrder('22.00');
    const r = await buyer(a.json.id, 'pay');
    assert.equal(r.ok, false);
    assert.match(r.reason!, /approve, approve-pending, approve-declined, require-payer-action, cancel, settle-pending, deny-pending/);
  });

  test('serves no certificate under another id', async () => {
    const res = await fetch(`${info.baseUrl}/v1/notifications/certs/CERT-other`);
    assert.equal(res.status, 404);
  });
});

describe('unknown routes', () => {
  test('answers 404 RESOURCE_NOT_FOUND and journals the call as unhandled', async () => {
    const a = await get('/v2/invoicing/invoices');
    assert.equal(a.status, 404);
    assert.equal(a.json.name, 'RESOURCE_NOT_FOUND');
    const entry = lastRequest();
    assert.equal(entry.unhandled, true);
    assert.match(entry.error!.message, /no route for GET \/v2\/invoicing\/invoices/);
  });
});
