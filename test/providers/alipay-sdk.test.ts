// Acceptance: the official alipay-sdk, configured only with what the sandbox's ready line gives,
// talks to the sandbox unmodified: signed requests, verified responses, verifiable notifies.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AlipaySdk } from 'alipay-sdk';
import { createSandbox, type Sandbox } from '../../src/sandbox/sandbox.ts';

interface Notify {
  fields: Record<string, string>;
  contentType: string;
}

let sandbox: Sandbox;
let dir: string;
let info: Record<string, string>;
let sdk: AlipaySdk;
let notifyServer: Server;
let notifyUrl: string;
const notifies: Notify[] = [];

const newSdk = (privateKey: string) =>
  new AlipaySdk({
    appId: info.appId,
    gateway: info.gateway,
    endpoint: info.endpoint,
    privateKey,
    alipayPublicKey: readFileSync(info.alipayPublicKeyPath, 'utf8'),
  });

const precreate = (outTradeNo: string, totalAmount: string) =>
  sdk.exec('alipay.trade.precreate', { notifyUrl, bizContent: { outTradeNo, totalAmount, subject: '测试商品 payprobe' } }, { validateSign: true });

const orderOf = (outTradeNo: string) => {
  const order = sandbox.ledger.find('alipay', { merchantOrderId: outTradeNo });
  assert.ok(order, `the sandbox has trade ${outTradeNo}`);
  return order;
};

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'payprobe-alipay-sdk-'));
  notifyServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      notifies.push({ fields: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))), contentType: String(req.headers['content-type']) });
      res.end('success');
    });
  });
  await new Promise<void>((resolve) => notifyServer.listen(0, '127.0.0.1', resolve));
  notifyUrl = `http://127.0.0.1:${(notifyServer.address() as AddressInfo).port}/notify/alipay`;
  sandbox = await createSandbox({ providers: { alipay: {} }, baseDir: dir, ports: { alipay: 0 } });
  info = (await sandbox.listen()).alipay;
  sdk = newSdk(readFileSync(info.appPrivateKeyPath, 'utf8'));
});

after(async () => {
  await sandbox?.close();
  await new Promise<void>((resolve) => notifyServer?.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('alipay-sdk against the sandbox', () => {
  test('precreate answers a verified qr_code that opens the sandbox cashier', async () => {
    const result = await precreate('SDK-PRE-1', '88.00');
    assert.equal(result.code, '10000');
    assert.equal(result.msg, 'Success');
    assert.equal(result.outTradeNo, 'SDK-PRE-1');
    assert.ok(String(result.qrCode).startsWith(`${info.cashierUrl}/`), `qr_code ${result.qrCode} points at the cashier`);
    const page = await fetch(String(result.qrCode));
    assert.equal(page.status, 200);
    assert.match(await page.text(), /¥88\.00/);
  });

  test('query reports WAIT_BUYER_PAY before payment and the paid trade after the buyer pays', async () => {
    await precreate('SDK-QUERY-1', '66.60');
    const before = await sdk.exec('alipay.trade.query', { bizContent: { outTradeNo: 'SDK-QUERY-1' } }, { validateSign: true });
    assert.equal(before.code, '10000');
    assert.equal(before.tradeStatus, 'WAIT_BUYER_PAY');
    assert.equal(before.totalAmount, '66.60');

    const result = await sandbox.runtime('alipay').buyer('pay', orderOf('SDK-QUERY-1'), {});
    assert.equal(result.ok, true);
    await Promise.all(result.deliveries);

    const paid = await sdk.exec('alipay.trade.query', { bizContent: { tradeNo: orderOf('SDK-QUERY-1').providerOrderId } }, { validateSign: true });
    assert.equal(paid.code, '10000');
    assert.equal(paid.tradeStatus, 'TRADE_SUCCESS');
    assert.equal(paid.outTradeNo, 'SDK-QUERY-1');
    assert.equal(paid.totalAmount, '66.60');
    assert.equal(paid.buyerPayAmount, '66.60');
    assert.equal(paid.receiptAmount, '66.60');
    assert.equal(paid.buyerLogonId, 'tes***@example.com');
    assert.match(String(paid.buyerUserId), /^2088\d{12}$/);
    assert.match(String(paid.sendPayDate), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  test('the payment notify verifies with checkNotifySignV2 and carries the trade facts', async () => {
    await precreate('SDK-NOTIFY-1', '88.00');
    const before = notifies.length;
    const result = await sandbox.runtime('alipay').buyer('pay', orderOf('SDK-NOTIFY-1'), {});
    await Promise.all(result.deliveries);
    const notify = notifies.slice(before).find((n) => n.fields.out_trade_no === 'SDK-NOTIFY-1');
    assert.ok(notify, 'the merchant received the notify');
    assert.equal(notify.contentType, 'application/x-www-form-urlencoded; charset=utf-8');
    assert.equal(sdk.checkNotifySignV2(notify.fields), true);
    assert.equal(notify.fields.trade_status, 'TRADE_SUCCESS');
    assert.equal(notify.fields.total_amount, '88.00');
    assert.equal(notify.fields.app_id, info.appId);
    assert.equal(notify.fields.seller_id, info.sellerId);
    assert.equal(notify.fields.notify_type, 'trade_status_sync');
    assert.equal(sandbox.journal.all().filter((e) => e.kind === 'callback' && e.orderRef === orderOf('SDK-NOTIFY-1').ref && e.acked).length, 1);
  });

  test('forged, other-key, unsigned and tampered notifies fail checkNotifySignV2', async () => {
    await precreate('SDK-NOTIFY-2', '88.00');
    const order = orderOf('SDK-NOTIFY-2');
    const runtime = sandbox.runtime('alipay');
    const build = (variant: Parameters<typeof runtime.buildCallback>[0]['variant']) =>
      Object.fromEntries(new URLSearchParams(runtime.buildCallback({ order, event: 'trade.success', variant, attempt: 1, at: Date.now(), deliveryKey: 'sdk-variants' }).body));
    assert.equal(sdk.checkNotifySignV2(build({ signer: 'provider' })), true, 'the genuine one verifies (control)');
    assert.equal(sdk.checkNotifySignV2(build({ signer: 'forged' })), false);
    assert.equal(sdk.checkNotifySignV2(build({ signer: 'other-key' })), false);
    assert.equal(sdk.checkNotifySignV2(build({ signer: 'unsigned' })), false);
    const tampered = build({ signer: 'provider', override: { total_amount: '0.01' }, tamper: { total_amount: '88.00' } });
    assert.equal(tampered.total_amount, '88.00');
    assert.equal(sdk.checkNotifySignV2(tampered), false);
  });

  test('a partial refund answers fund_change Y, and replaying its out_request_no answers N with the cumulative refund_fee', async () => {
    await precreate('SDK-REFUND-1', '100.00');
    await Promise.all((await sandbox.runtime('alipay').buyer('pay', orderOf('SDK-REFUND-1'), {})).deliveries);
    const refund = (amount: string, requestNo: string) =>
      sdk.exec('alipay.trade.refund', { bizContent: { outTradeNo: 'SDK-REFUND-1', refundAmount: amount, outRequestNo: requestNo } }, { validateSign: true });

    const first = await refund('30.00', 'R-1');
    assert.equal(first.code, '10000');
    assert.equal(first.fundChange, 'Y');
    assert.equal(first.refundFee, '30.00');
    assert.equal(first.outTradeNo, 'SDK-REFUND-1');
    assert.equal(first.tradeNo, orderOf('SDK-REFUND-1').providerOrderId);
    assert.equal(first.buyerLogonId, 'tes***@example.com');
    assert.match(String(first.gmtRefundPay), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const second = await refund('20.00', 'R-2');
    assert.equal(second.fundChange, 'Y');
    assert.equal(second.refundFee, '50.00');

    const replay = await refund('30.00', 'R-1');
    assert.equal(replay.code, '10000');
    assert.equal(replay.fundChange, 'N');
    assert.equal(replay.refundFee, '50.00');

    const order = orderOf('SDK-REFUND-1');
    assert.equal(order.refunded, 5000);
    assert.equal(order.status, 'partially_refunded');
    assert.equal(order.providerState, 'TRADE_SUCCESS');

    const lookup = await sdk.exec('alipay.trade.fastpay.refund.query', { bizContent: { outTradeNo: 'SDK-REFUND-1', outRequestNo: 'R-2' } }, { validateSign: true });
    assert.equal(lookup.code, '10000');
    assert.equal(lookup.refundAmount, '20.00');
    assert.equal(lookup.totalAmount, '100.00');
    assert.equal(lookup.refundStatus, 'REFUND_SUCCESS');
  });

  test('close turns an unpaid trade into TRADE_CLOSED, and a second close is refused', async () => {
    await precreate('SDK-CLOSE-1', '12.34');
    const closed = await sdk.exec('alipay.trade.close', { bizContent: { outTradeNo: 'SDK-CLOSE-1' } }, { validateSign: true });
    assert.equal(closed.code, '10000');
    assert.equal(closed.outTradeNo, 'SDK-CLOSE-1');
    assert.equal(closed.tradeNo, orderOf('SDK-CLOSE-1').providerOrderId);
    assert.equal(orderOf('SDK-CLOSE-1').status, 'closed');
    const query = await sdk.exec('alipay.trade.query', { bizContent: { outTradeNo: 'SDK-CLOSE-1' } }, { validateSign: true });
    assert.equal(query.tradeStatus, 'TRADE_CLOSED');
    const again = await sdk.exec('alipay.trade.close', { bizContent: { outTradeNo: 'SDK-CLOSE-1' } }, { validateSign: true });
    assert.equal(again.code, '40004');
    assert.equal(again.subCode, 'ACQ.TRADE_STATUS_ERROR');
  });

  test('a page.pay link built by pageExec sends the browser to the cashier, and paying it notifies', async () => {
    const link = sdk.pageExec('alipay.trade.page.pay', 'GET', {
      bizContent: { outTradeNo: 'SDK-PAGE-1', totalAmount: '66.60', subject: '电脑网站支付', productCode: 'FAST_INSTANT_TRADE_PAY' },
      notifyUrl,
      returnUrl: 'http://127.0.0.1:1/return',
    });
    assert.ok(link.startsWith(`${info.gateway}?`));
    const res = await fetch(link, { redirect: 'manual' });
    assert.equal(res.status, 302);
    const order = orderOf('SDK-PAGE-1');
    assert.equal(res.headers.get('location'), `${info.cashierUrl}/${order.providerOrderId}`);
    assert.equal(order.amount, 6660);
    const before = notifies.length;
    await Promise.all((await sandbox.runtime('alipay').buyer('pay', order, {})).deliveries);
    const notify = notifies.slice(before).find((n) => n.fields.out_trade_no === 'SDK-PAGE-1');
    assert.ok(notify);
    assert.equal(sdk.checkNotifySignV2(notify.fields), true);
    assert.equal(notify.fields.subject, '电脑网站支付');
  });

  test('a request signed with another private key gets 40002 isv.invalid-signature, echoing the verified string', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const impostor = newSdk(privateKey);
    const result = await impostor.exec('alipay.trade.query', { bizContent: { outTradeNo: 'SDK-PRE-1' } }, { validateSign: true });
    assert.equal(result.code, '40002');
    assert.equal(result.msg, 'Invalid Arguments');
    assert.equal(result.subCode, 'isv.invalid-signature');
    assert.match(String(result.subMsg), /^验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：alipay_sdk=|^验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：app_id=/);
    assert.match(String(result.subMsg), /&amp;method=alipay\.trade\.query&amp;/);
  });

  test('the response signature check of the SDK catches a bad-signature fault', async () => {
    sandbox.faults.add({ provider: 'alipay', api: 'alipay.trade.query', kind: 'bad-signature', remaining: 1 });
    await assert.rejects(
      sdk.exec('alipay.trade.query', { bizContent: { outTradeNo: 'SDK-PRE-1' } }, { validateSign: true }),
      (error: Error) => /验签失败/.test(error.message),
    );
    const next = await sdk.exec('alipay.trade.query', { bizContent: { outTradeNo: 'SDK-PRE-1' } }, { validateSign: true });
    assert.equal(next.code, '10000');
  });

  test('the v3 JSON API answers curl() with signed headers the SDK verifies: precreate, query, refund, close', async () => {
    const created = await sdk.curl<{ out_trade_no: string; qr_code: string }>('POST', '/v3/alipay/trade/precreate', {
      body: { out_trade_no: 'SDK-V3-1', total_amount: '9.99', subject: 'v3', notify_url: notifyUrl },
    });
    assert.equal(created.responseHttpStatus, 200);
    assert.equal(created.data.out_trade_no, 'SDK-V3-1');
    assert.ok(created.data.qr_code.startsWith(info.cashierUrl));
    assert.equal(orderOf('SDK-V3-1').notifyUrl, notifyUrl);

    const open = await sdk.curl<{ trade_status: string }>('POST', '/v3/alipay/trade/query', { body: { out_trade_no: 'SDK-V3-1' } });
    assert.equal(open.data.trade_status, 'WAIT_BUYER_PAY');
    await Promise.all((await sandbox.runtime('alipay').buyer('pay', orderOf('SDK-V3-1'), {})).deliveries);
    const refunded = await sdk.curl<{ fund_change: string; refund_fee: string }>('POST', '/v3/alipay/trade/refund', {
      body: { out_trade_no: 'SDK-V3-1', refund_amount: '1.00', out_request_no: 'V3-R1' },
    });
    assert.deepEqual([refunded.data.fund_change, refunded.data.refund_fee], ['Y', '1.00']);

    await precreate('SDK-V3-2', '5.00');
    const closed = await sdk.curl<{ out_trade_no: string }>('POST', '/v3/alipay/trade/close', { body: { out_trade_no: 'SDK-V3-2' } });
    assert.equal(closed.data.out_trade_no, 'SDK-V3-2');
    assert.equal(orderOf('SDK-V3-2').providerState, 'TRADE_CLOSED');
    const journaled = sandbox.journal.all().filter((e) => e.kind === 'request' && e.path === '/v3/alipay/trade/close');
    assert.equal(journaled.length, 1);
    assert.equal(journaled[0].kind === 'request' && journaled[0].api, 'alipay.trade.close');
  });

  test('v3 refusals are HTTP errors with code and message, and a bad-signature fault fails the SDK check', async () => {
    await assert.rejects(sdk.curl('POST', '/v3/alipay/trade/query', { body: { out_trade_no: 'NO-SUCH-V3' } }), (error: { code?: string; responseHttpStatus?: number; message: string }) => {
      assert.equal(error.code, 'ACQ.TRADE_NOT_EXIST');
      assert.equal(error.responseHttpStatus, 400);
      assert.match(error.message, /^交易不存在/);
      return true;
    });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    await assert.rejects(newSdk(privateKey).curl('POST', '/v3/alipay/trade/query', { body: { out_trade_no: 'SDK-PRE-1' } }), (error: { code?: string; responseHttpStatus?: number }) => {
      assert.equal(error.code, 'invalid-signature');
      assert.equal(error.responseHttpStatus, 401);
      return true;
    });
    sandbox.faults.add({ provider: 'alipay', api: 'alipay.trade.query', kind: 'bad-signature', remaining: 1 });
    await assert.rejects(sdk.curl('POST', '/v3/alipay/trade/query', { body: { out_trade_no: 'SDK-PRE-1' } }), (error: { code?: string }) => error.code === 'response-signature-verify-error');
  });
});
