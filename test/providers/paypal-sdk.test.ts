// Acceptance: the official @paypal/paypal-server-sdk, which only knows PayPal's own hosts, drives the sandbox
// unmodified in both ways a Node merchant can route it: an https agent that dials the sandbox's loopback port
// (httpClientOptions.httpsAgent), and payprobe's in-process interception of api-m.sandbox.paypal.com.
// Webhooks the sandbox delivers pass PayPal's verify-webhook-signature postback.
import assert from 'node:assert/strict';
import https from 'node:https';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  CheckoutPaymentIntent,
  Client,
  CustomError,
  Environment,
  OAuthAuthorizationController,
  OrdersController,
  PaymentsController,
} from '@paypal/paypal-server-sdk';
import { interceptInProcess } from '../../src/sandbox/inprocess-transport.ts';
import type { Sandbox } from '../../src/sandbox/sandbox.ts';
import { startProviderHarness, type ProviderHarness } from '../support/provider-harness.ts';

/**
 * The recipe: an https.Agent whose connections go, in plain HTTP, to the sandbox's port. The SDK still builds
 * `https://api-m.sandbox.paypal.com/...` URLs (Environment.Sandbox); the agent decides where they travel.
 */
class PayprobeAgent extends https.Agent {
  constructor(private readonly sandboxUrl: URL) {
    super({ keepAlive: true });
  }
  override createConnection(): net.Socket {
    return net.connect(Number(this.sandboxUrl.port), this.sandboxUrl.hostname);
  }
}

interface Received {
  headers: Record<string, string>;
  body: string;
}

let sandbox: Sandbox;
let info: Record<string, string>;
let harness: ProviderHarness;
const received: Received[] = [];

before(async () => {
  harness = await startProviderHarness('paypal', { callbackPath: '/webhooks/paypal', into: received });
  ({ sandbox, info } = harness);
});

after(() => harness?.close());

const makeClient = (httpsAgent?: https.Agent) =>
  new Client({
    clientCredentialsAuthCredentials: { oAuthClientId: info.clientId, oAuthClientSecret: info.clientSecret },
    environment: Environment.Sandbox,
    timeout: 10_000,
    ...(httpsAgent ? { httpClientOptions: { httpsAgent } } : {}),
  });

const approve = async (orderId: string) => {
  const order = sandbox.ledger.find('paypal', { providerOrderId: orderId })!;
  const result = await sandbox.runtime('paypal').buyer('approve', order, {});
  await Promise.all(result.deliveries);
  assert.equal(result.ok, true, result.reason);
};

/** Create, approve (as the buyer), capture, refund: what a merchant's checkout does, through the SDK. */
async function payAndRefund(client: Client, invoiceId: string): Promise<{ orderId: string; captureId: string }> {
  const orders = new OrdersController(client);
  const payments = new PaymentsController(client);
  const created = await orders.createOrder({
    body: { intent: CheckoutPaymentIntent.Capture, purchaseUnits: [{ amount: { currencyCode: 'USD', value: '42.00' }, invoiceId }] },
    prefer: 'return=representation',
  });
  assert.equal(created.statusCode, 201);
  const orderId = created.result.id!;
  assert.equal(created.result.status, 'CREATED');
  assert.ok(created.result.links?.some((l) => l.rel === 'approve'));
  await approve(orderId);
  const captured = await orders.captureOrder({ id: orderId, prefer: 'return=representation', paypalRequestId: `cap-${invoiceId}` });
  assert.equal(captured.result.status, 'COMPLETED');
  const capture = captured.result.purchaseUnits![0].payments!.captures![0];
  assert.deepEqual([capture.status, capture.amount?.value], ['COMPLETED', '42.00']);
  const refund = await payments.refundCapturedPayment({ captureId: capture.id!, body: { amount: { currencyCode: 'USD', value: '2.00' } }, prefer: 'return=representation' });
  assert.deepEqual([refund.result.status, refund.result.amount?.value], ['COMPLETED', '2.00']);
  const full = await payments.getCapturedPayment({ captureId: capture.id! });
  assert.equal(full.result.status, 'PARTIALLY_REFUNDED');
  assert.equal(sandbox.ledger.find('paypal', { providerOrderId: orderId })!.status, 'partially_refunded');
  return { orderId, captureId: capture.id! };
}

/** Posts a received webhook back to the sandbox's verify-webhook-signature endpoint with a token the SDK obtained. */
async function verifyPostback(client: Client, hook: Received): Promise<string> {
  const token = await new OAuthAuthorizationController(client).requestToken({ authorization: `Basic ${Buffer.from(`${info.clientId}:${info.clientSecret}`).toString('base64')}` });
  const res = await fetch(`${info.baseUrl}/v1/notifications/verify-webhook-signature`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token.result.accessToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      auth_algo: hook.headers['paypal-auth-algo'],
      cert_url: hook.headers['paypal-cert-url'],
      transmission_id: hook.headers['paypal-transmission-id'],
      transmission_sig: hook.headers['paypal-transmission-sig'],
      transmission_time: hook.headers['paypal-transmission-time'],
      webhook_id: info.webhookId,
      webhook_event: JSON.parse(hook.body),
    }),
  });
  return ((await res.json()) as { verification_status: string }).verification_status;
}

describe('@paypal/paypal-server-sdk through an https agent aimed at the sandbox', () => {
  let client: Client;
  before(() => {
    client = makeClient(new PayprobeAgent(new URL(info.baseUrl)));
  });

  test('gets a token, creates, captures after the buyer approves, and refunds', async () => {
    const { orderId } = await payAndRefund(client, 'SDK-AGENT-1');
    await sandbox.dispatcher.idle(undefined);
    const types = received.map((r) => JSON.parse(r.body)).filter((e) => e.resource.id === orderId || e.resource.supplementary_data?.related_ids?.order_id === orderId).map((e) => e.event_type);
    assert.deepEqual(types, ['CHECKOUT.ORDER.APPROVED', 'PAYMENT.CAPTURE.COMPLETED', 'PAYMENT.CAPTURE.REFUNDED']);
    const calls = sandbox.journal.all().filter((e) => e.kind === 'request').map((e) => (e as { api?: string }).api);
    for (const api of ['paypal.oauth.token', 'paypal.orders.create', 'paypal.orders.capture', 'paypal.captures.refund', 'paypal.captures.get']) assert.ok(calls.includes(api), `${api} not journaled`);
  });

  test('every delivered webhook verifies through verify-webhook-signature', async () => {
    assert.ok(received.length >= 3);
    for (const hook of received) assert.equal(await verifyPostback(client, hook), 'SUCCESS');
    const tampered = { ...received[0], body: received[0].body.replace('"APPROVED"', '"COMPLETED"') };
    assert.equal(await verifyPostback(client, tampered), 'FAILURE');
  });

  test('surfaces an unapproved capture as a CustomError with ORDER_NOT_APPROVED', async () => {
    const orders = new OrdersController(client);
    const created = await orders.createOrder({ body: { intent: CheckoutPaymentIntent.Capture, purchaseUnits: [{ amount: { currencyCode: 'USD', value: '5.00' } }] } });
    await assert.rejects(orders.captureOrder({ id: created.result.id! }), (error: unknown) => error instanceof CustomError && error.statusCode === 422 && (error.result as { details?: { issue: string }[] } | undefined)?.details?.[0]?.issue === 'ORDER_NOT_APPROVED');
  });
});

describe('@paypal/paypal-server-sdk in-process, with no routing at all', () => {
  test('pays and refunds against Environment.Sandbox while payprobe intercepts the process', async () => {
    const transport = await interceptInProcess(sandbox);
    try {
      await payAndRefund(makeClient(), 'SDK-INPROCESS-1');
    } finally {
      transport.close();
    }
  });
});
