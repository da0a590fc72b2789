// The provider-neutral machinery, driven through the Alipay provider (the sandbox needs one).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createSandbox, type Sandbox } from '../../src/sandbox/sandbox.ts';

let dir: string;
let sandbox: Sandbox;
let base: string;
let merchant: Server;
let merchantUrl: string;
let answer: (req: IncomingMessage, body: string) => Promise<[number, string]> = async () => [200, 'success'];
const received: string[] = [];

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => resolve(body));
  });

const newOrder = (id: string, scenarioId?: string) => {
  const order = sandbox.ledger.createOrder({ provider: 'alipay', merchantOrderId: id, providerOrderId: `T-${id}`, amount: 8800, currency: 'CNY', providerState: 'WAIT_BUYER_PAY', at: sandbox.clock(scenarioId).now(), notifyUrl: merchantUrl });
  if (scenarioId) sandbox.ledger.claim(order.ref, scenarioId);
  return order;
};

const deliver = (order: ReturnType<typeof newOrder>, extra: Partial<Parameters<Sandbox['dispatcher']['deliver']>[0]> = {}) =>
  sandbox.dispatcher.deliver({
    provider: 'alipay',
    runtime: sandbox.runtime('alipay'),
    order,
    event: 'trade.success',
    variantName: 'genuine',
    variant: { signer: 'provider' },
    url: merchantUrl,
    clock: sandbox.clock(order.scenarioId),
    scenarioId: order.scenarioId,
    retries: true,
    ...extra,
  });

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'payprobe-core-'));
  merchant = createServer(async (req, res) => {
    const body = await readBody(req);
    received.push(body);
    const [status, text] = await answer(req, body);
    res.writeHead(status, { 'content-type': 'text/plain' }).end(text);
  });
  await new Promise<void>((r) => merchant.listen(0, '127.0.0.1', () => r()));
  merchantUrl = `http://127.0.0.1:${(merchant.address() as AddressInfo).port}/notify`;
  sandbox = await createSandbox({ providers: { alipay: {} }, baseDir: dir, ports: { alipay: 0 }, seed: 'core' });
  base = (await sandbox.listen()).alipay.url;
});

after(async () => {
  await sandbox.close();
  merchant.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the dispatcher', () => {
  test('re-delivers on the provider schedule until the merchant acks, on the virtual clock', async () => {
    let calls = 0;
    answer = async () => (++calls < 3 ? [500, 'busy'] : [200, 'success']);
    const order = newOrder('D1', 'dispatch-1');
    const first = await deliver(order);
    assert.equal(first.acked, false);
    const clock = sandbox.clock('dispatch-1');
    const t0 = clock.now();
    await clock.advance(4 * 60_000);
    await clock.advance(10 * 60_000);
    await clock.advance(60 * 60_000);
    const attempts = sandbox.dispatcher.attempts(first.deliveryId);
    assert.deepEqual(attempts.map((a) => [a.attempt, a.at - t0, a.response?.status, a.acked]), [
      [1, 0, 500, false],
      [2, 240_000, 500, false],
      [3, 840_000, 200, true],
    ]);
  });

  test('gives up after the last scheduled attempt', async () => {
    answer = async () => [200, 'fail'];
    const order = newOrder('D2', 'dispatch-2');
    const first = await deliver(order);
    await sandbox.clock('dispatch-2').advance(48 * 3_600_000);
    assert.equal(sandbox.dispatcher.attempts(first.deliveryId).length, 8);
    assert.equal(sandbox.clock('dispatch-2').pending().length, 0);
  });

  test('a lost attempt never reaches the merchant and is journaled as lost', async () => {
    answer = async () => [200, 'success'];
    const before = received.length;
    const entry = await deliver(newOrder('D3', 'dispatch-3'), { lose: 'all', retries: false });
    assert.equal(received.length, before);
    assert.equal(entry.acked, false);
    assert.match(entry.error ?? '', /^lost: /);
  });

  test('concurrent duplicates really overlap at the merchant', async () => {
    let inFlight = 0;
    let peak = 0;
    answer = async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 30));
      inFlight--;
      return [200, 'success'];
    };
    const order = newOrder('D4', 'dispatch-4');
    await Promise.all(Array.from({ length: 5 }, () => deliver(order, { retries: false, deliveryKey: 'same' })));
    assert.equal(peak, 5);
  });

  test("an unreachable merchant is an error on the attempt, not a crash", async () => {
    const order = newOrder('D5', 'dispatch-5');
    const entry = await deliver(order, { url: 'http://127.0.0.1:9/notify', retries: false });
    assert.equal(entry.acked, false);
    assert.match(entry.error ?? '', /ECONNREFUSED/);
  });
});

describe('attribution and the journal', () => {
  test('an order created while one scenario drives the merchant belongs to it, with its journal entries', async () => {
    answer = async () => [200, 'success'];
    const end = sandbox.attribution.begin('attr-1');
    const order = newOrder('A1');
    end();
    assert.equal(order.scenarioId, 'attr-1');
    await deliver(order, { retries: false });
    const mine = sandbox.journal.forScenario('attr-1', (ref) => sandbox.ledger.get(ref)?.scenarioId);
    assert.ok(mine.some((e) => e.kind === 'callback' && e.orderRef === order.ref));
  });

  test('with two scenarios active, an order waits for a claim, and the claim attributes earlier entries too', async () => {
    const endA = sandbox.attribution.begin('attr-a');
    const endB = sandbox.attribution.begin('attr-b');
    const order = newOrder('A2');
    endA();
    endB();
    assert.equal(order.scenarioId, undefined);
    await deliver(order, { retries: false });
    const owner = (ref: string) => sandbox.ledger.get(ref)?.scenarioId;
    assert.equal(sandbox.journal.forScenario('attr-b', owner).filter((e) => e.orderRef === order.ref).length, 0);
    sandbox.ledger.claim(order.ref, 'attr-b');
    assert.equal(sandbox.journal.forScenario('attr-b', owner).filter((e) => e.orderRef === order.ref).length, 1);
    assert.equal(sandbox.journal.forScenario('attr-a', owner).filter((e) => e.orderRef === order.ref).length, 0);
  });

  test('Authorization headers and registered secrets never reach the journal', async () => {
    sandbox.journal.redactor.add('sk_test_payprobe_not_a_real_key_123');
    const res = await fetch(`${base}/v1/anything`, { method: 'POST', headers: { authorization: 'Bearer sk_test_payprobe_not_a_real_key_123' }, body: 'key=sk_test_payprobe_not_a_real_key_123' });
    await res.text();
    const entry = sandbox.journal.all().at(-1)!;
    const text = JSON.stringify(entry);
    assert.doesNotMatch(text, /sk_test_payprobe_not_a_real_key_123/);
    assert.match(text, /\[redacted\]/);
  });
});

describe('the control API and the cashier', () => {
  test('the cashier page shows the order and its buttons, and paying there notifies the merchant', async () => {
    answer = async () => [200, 'success'];
    const order = newOrder('C1');
    const page = await fetch(`${base}/_payprobe/cashier/${order.providerOrderId}`);
    const html = await page.text();
    assert.equal(page.status, 200);
    assert.match(html, /¥88\.00/);
    assert.match(html, /<button name="action" value="pay" class="primary">Pay<\/button>/);
    const before = received.length;
    const paid = await fetch(`${base}/_payprobe/cashier/${order.providerOrderId}`, { method: 'POST', body: new URLSearchParams({ action: 'pay' }) });
    assert.equal(paid.status, 200);
    assert.match(await paid.text(), /Done\. The merchant has been notified/);
    assert.equal(order.status, 'paid');
    assert.equal(received.length, before + 1);
  });

  test('buyer actions, orders and the journal are available as JSON', async () => {
    const order = newOrder('C2');
    const res = await fetch(`${base}/_payprobe/orders/C2/buyer/decline`, { method: 'POST', body: '{}' });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { ok: boolean; order: { status: string; providerState: string; amount: string } };
    assert.deepEqual([body.ok, body.order.status, body.order.providerState, body.order.amount], [true, 'failed', 'WAIT_BUYER_PAY', '88.00']);
    const refused = await fetch(`${base}/_payprobe/orders/C2/buyer/teleport`, { method: 'POST' });
    assert.equal(refused.status, 409);
    const list = (await (await fetch(`${base}/_payprobe/orders`)).json()) as { orders: { merchantOrderId: string }[] };
    assert.ok(list.orders.some((o) => o.merchantOrderId === order.merchantOrderId));
    const journal = (await (await fetch(`${base}/_payprobe/journal?since=0`)).json()) as { entries: { kind: string; action?: string }[] };
    assert.ok(journal.entries.some((e) => e.kind === 'buyer' && e.action === 'decline'));
    assert.equal((await fetch(`${base}/_payprobe/orders/NOPE`)).status, 404);
  });

  test('the clock can be advanced over HTTP, and a bad duration is refused', async () => {
    const before = sandbox.clock().now();
    const res = await fetch(`${base}/_payprobe/clock/advance`, { method: 'POST', body: JSON.stringify({ by: '1h' }) });
    assert.equal(res.status, 200);
    assert.equal(sandbox.clock().now() - before, 3_600_000);
    assert.equal((await fetch(`${base}/_payprobe/clock/advance`, { method: 'POST', body: JSON.stringify({ by: 'soon' }) })).status, 400);
  });
});

describe('the HTTP transport', () => {
  test('a call the provider refuses does not use up a pending fault', async () => {
    const rule = sandbox.faults.add({ provider: 'alipay', kind: 'reset', remaining: 1, api: 'bill.download' });
    const res = await fetch(`${base}/downloadBillFile.resource?token=none`);
    assert.ok(res.status >= 400);
    await res.text();
    assert.equal(rule.remaining, 1);
    sandbox.faults.clear();
    assert.equal(sandbox.faults.list().length, 0);
  });

  test('a port already in use is a ProviderError that says what to do', async () => {
    const port = Number(new URL(base).port);
    const other = await createSandbox({ providers: { alipay: {} }, baseDir: dir, ports: { alipay: port } });
    await assert.rejects(other.listen(), { code: 'PORT_IN_USE', message: `Cannot start the alipay sandbox: port ${port} is in use. Free it, or set sandbox.ports.alipay: 0.` });
    await other.close();
  });
});
