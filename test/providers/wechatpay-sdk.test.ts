// Acceptance: two WeChat Pay API v3 SDKs, configured only with what the sandbox's ready line gives, talk
// to the sandbox unmodified. wechatpay-axios-plugin takes a baseURL and verifies every answer's signature
// (both key modes). wechatpay-node-v3 hard-codes https://api.mch.weixin.qq.com, so it is served by the
// in-process transport (msw intercepting node:https), as a Node merchant would run it in tests; its
// verifySign fetches GET /v3/certificates and decipher_gcm opens the notify resource.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { Aes, Formatter, Rsa, Wechatpay } from 'wechatpay-axios-plugin';
import WxPay from 'wechatpay-node-v3';
import { checkJsapiPayParams } from '../../src/providers/wechatpay/pay-sign.ts';
import { interceptInProcess, type InProcessTransport } from '../../src/sandbox/inprocess-transport.ts';
import type { CallbackEntry } from '../../src/sandbox/journal.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/sandbox.ts';

interface Notify {
  path: string;
  headers: Record<string, string>;
  body: string;
}

let dir: string;
let sandbox: Sandbox;
let info: Record<string, string>;
let transport: InProcessTransport;
let notifyServer: Server;
let notifyBase: string;
const notifies: Notify[] = [];

/** wechatpay-axios-plugin as its README configures it, from the ready facts only. */
const axiosClient = (ready: Record<string, string>, privateKey = readFileSync(ready.merchantPrivateKeyPath)) =>
  new Wechatpay({
    mchid: ready.mchid,
    serial: ready.merchantSerialNo,
    privateKey,
    certs: ready.publicKeyId ? { [ready.publicKeyId]: readFileSync(ready.platformPublicKeyPath) } : { [ready.platformSerialNo]: readFileSync(ready.platformCertificatePath) },
    baseURL: ready.baseUrl,
  });

/** wechatpay-node-v3 as its README configures it: appid, mchid, the merchant certificate (it reads the serial from it), the private key, the APIv3 key. */
const nodeV3Client = () =>
  new WxPay({
    appid: info.appid,
    mchid: info.mchid,
    publicKey: readFileSync(info.merchantCertificatePath),
    privateKey: readFileSync(info.merchantPrivateKeyPath),
    key: info.apiV3Key,
  });

const orderOf = (outTradeNo: string) => {
  const order = sandbox.ledger.find('wechatpay', { merchantOrderId: outTradeNo });
  assert.ok(order, `the sandbox has order ${outTradeNo}`);
  return order;
};

const pay = async (outTradeNo: string) => {
  const result = await sandbox.runtime('wechatpay').buyer('pay', orderOf(outTradeNo), {});
  assert.equal(result.ok, true, result.reason);
  return (await Promise.all(result.deliveries)) as CallbackEntry[];
};

const notifyOf = (needle: string, since: number) => {
  const found = notifies.slice(since).find((n) => n.body && JSON.parse(n.body).resource && decrypt(n).out_trade_no === needle);
  assert.ok(found, `the merchant received a notify for ${needle}`);
  return found;
};

/** Opens a notify resource with the axios plugin's own AES-GCM helper. */
function decrypt(n: Notify, key = info.apiV3Key): Record<string, any> {
  const { resource } = JSON.parse(n.body);
  return JSON.parse(Aes.AesGcm.decrypt(resource.ciphertext, key, resource.nonce, resource.associated_data));
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'payprobe-wechatpay-sdk-'));
  notifyServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      notifies.push({ path: req.url ?? '', headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"code":"SUCCESS","message":"成功"}');
    });
  });
  await new Promise<void>((resolve) => notifyServer.listen(0, '127.0.0.1', resolve));
  notifyBase = `http://127.0.0.1:${(notifyServer.address() as AddressInfo).port}`;
  sandbox = await createSandbox({ providers: { wechatpay: {} }, baseDir: dir, ports: { wechatpay: 0 } });
  info = (await sandbox.listen()).wechatpay;
  transport = await interceptInProcess(sandbox);
});

after(async () => {
  transport?.close();
  await sandbox?.close();
  await new Promise<void>((resolve) => notifyServer?.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('wechatpay-axios-plugin against the sandbox (platform certificate mode)', () => {
  test('native prepay, query, refund and close, every answer signature verified by the plugin', async () => {
    const wxpay = axiosClient(info);
    const prepay = await wxpay.v3.pay.transactions.native.post({
      appid: info.appid,
      mchid: info.mchid,
      description: 'payprobe 测试商品',
      out_trade_no: 'AXIOS-NATIVE-1',
      notify_url: `${notifyBase}/notify/wechatpay`,
      amount: { total: 8800, currency: 'CNY' },
    });
    assert.equal(prepay.status, 200);
    assert.match((prepay.data as unknown as { code_url: string }).code_url, /^weixin:\/\/wxpay\/bizpayurl\?pr=/);

    const open = await wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.get({ params: { mchid: info.mchid }, out_trade_no: 'AXIOS-NATIVE-1' });
    assert.equal(open.data.trade_state, 'NOTPAY');

    const since = notifies.length;
    await pay('AXIOS-NATIVE-1');
    const paid = await wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.get({ params: { mchid: info.mchid }, out_trade_no: 'AXIOS-NATIVE-1' });
    assert.deepEqual([paid.data.trade_state, paid.data.amount.total, paid.data.trade_type], ['SUCCESS', 8800, 'NATIVE']);

    // The merchant's notify handler, written with the plugin's own helpers.
    const notify = notifyOf('AXIOS-NATIVE-1', since);
    const h = notify.headers;
    const platform = Rsa.from(readFileSync(info.platformCertificatePath), Rsa.KEY_TYPE_PUBLIC);
    assert.equal(h['wechatpay-serial'], info.platformSerialNo);
    assert.equal(Rsa.verify(Formatter.response(h['wechatpay-timestamp'], h['wechatpay-nonce'], notify.body), h['wechatpay-signature'], platform), true);
    assert.equal(decrypt(notify).transaction_id, paid.data.transaction_id);
    assert.equal(JSON.parse(notify.body).event_type, 'TRANSACTION.SUCCESS');

    const refund = await wxpay.v3.refund.domestic.refunds.post({
      out_trade_no: 'AXIOS-NATIVE-1',
      out_refund_no: 'AXIOS-REFUND-1',
      notify_url: `${notifyBase}/notify/wechatpay/refund`,
      amount: { refund: 800, total: 8800, currency: 'CNY' },
    });
    assert.equal((refund.data as unknown as { status: string }).status, 'PROCESSING');
    await sandbox.clock().advance(60_000);
    const settled = await wxpay.v3.refund.domestic.refunds._out_refund_no_.get({ out_refund_no: 'AXIOS-REFUND-1' });
    assert.equal(settled.data.status, 'SUCCESS');
    const refundNotify = notifyOf('AXIOS-NATIVE-1', since + 1);
    assert.equal(refundNotify.path, '/notify/wechatpay/refund');
    assert.equal(decrypt(refundNotify).refund_status, 'SUCCESS');

    await wxpay.v3.pay.transactions.native.post({ appid: info.appid, mchid: info.mchid, description: 'to close', out_trade_no: 'AXIOS-CLOSE-1', notify_url: `${notifyBase}/n`, amount: { total: 1 } });
    const closed = await wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.close.post({ mchid: info.mchid }, { out_trade_no: 'AXIOS-CLOSE-1' });
    assert.equal(closed.status, 204);
    assert.equal(orderOf('AXIOS-CLOSE-1').providerState, 'CLOSED');
  });

  test("the plugin rejects an answer signed with another key (bad-signature fault), and a refusal carries WeChat Pay's code", async () => {
    const wxpay = axiosClient(info);
    sandbox.faults.add({ provider: 'wechatpay', api: 'wechatpay.query.out_trade_no', kind: 'bad-signature', remaining: 1 });
    await assert.rejects(
      wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.get({ params: { mchid: info.mchid }, out_trade_no: 'AXIOS-NATIVE-1' }),
      (error: { code?: string }) => error.code === 'EV3_RES_HEADER_SIGNATURE_DIGEST',
    );
    await assert.rejects(
      wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.get({ params: { mchid: info.mchid }, out_trade_no: 'AXIOS-NO-SUCH' }),
      (error: { response?: { status: number; data: { code: string } } }) => error.response?.status === 404 && error.response.data.code === 'ORDER_NOT_EXIST',
    );
    const impostor = axiosClient(info, Buffer.from(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' })));
    await assert.rejects(
      impostor.v3.pay.transactions.outTradeNo._out_trade_no_.get({ params: { mchid: info.mchid }, out_trade_no: 'AXIOS-NATIVE-1' }),
      (error: { response?: { status: number; data: { code: string; detail: { sign_information: { url: string } } } } }) =>
        error.response?.status === 401 && error.response.data.code === 'SIGN_ERROR' && error.response.data.detail.sign_information.url === `/v3/pay/transactions/out-trade-no/AXIOS-NATIVE-1?mchid=${info.mchid}`,
    );
  });

  test('the trade bill downloads through the plugin, matches its SHA1 and parses with its castCsvBill', async () => {
    const wxpay = axiosClient(info);
    const day = new Date(orderOf('AXIOS-NATIVE-1').paidAt! + 8 * 3_600_000).toISOString().slice(0, 10);
    await sandbox.clock().advance(2 * 86_400_000);
    const applied = await wxpay.v3.bill.tradebill.get({ params: { bill_date: day, bill_type: 'ALL', tar_type: 'GZIP' } });
    const token = new URL(applied.data.download_url).searchParams.get('token');
    const file = await wxpay.v3.billdownload.file.get({ params: { token }, responseType: 'arraybuffer' });
    const bytes = Buffer.from(file.data);
    assert.equal(applied.data.hash_value, (await import('node:crypto')).createHash('sha1').update(bytes).digest('hex'));
    const { rows, summary } = Formatter.castCsvBill(gunzipSync(bytes)) as unknown as { rows: Record<string, string>[]; summary: Record<string, string> };
    const payment = rows.find((r: Record<string, string>) => r['商户订单号'] === 'AXIOS-NATIVE-1' && r['交易状态'] === 'SUCCESS');
    assert.ok(payment, JSON.stringify(rows));
    assert.equal(payment['应结订单金额'], '88.00');
    const refundRow = rows.find((r: Record<string, string>) => r['商户退款单号'] === 'AXIOS-REFUND-1');
    assert.equal(refundRow?.['退款金额'], '8.00');
    assert.equal(summary['退款总金额'], '8.00');
  });
});

describe('wechatpay-axios-plugin against the sandbox (WeChat Pay public key mode)', () => {
  test('answers signed by PUB_KEY_ID_... verify with the public key from the ready line', async () => {
    const pkDir = mkdtempSync(path.join(tmpdir(), 'payprobe-wechatpay-sdk-pk-'));
    const pk = await createSandbox({ providers: { wechatpay: { keyMode: 'public-key' } }, baseDir: pkDir, ports: { wechatpay: 0 } });
    try {
      const ready = (await pk.listen()).wechatpay;
      assert.equal(ready.platformSerialNo, undefined);
      const wxpay = axiosClient(ready);
      const prepay = await wxpay.v3.pay.transactions.native.post({ appid: ready.appid, mchid: ready.mchid, description: 'pk', out_trade_no: 'AXIOS-PK-1', notify_url: `${notifyBase}/pk`, amount: { total: 100 } });
      assert.equal(prepay.headers['wechatpay-serial'], ready.publicKeyId);
      const closed = await wxpay.v3.pay.transactions.outTradeNo._out_trade_no_.close.post({ mchid: ready.mchid }, { out_trade_no: 'AXIOS-PK-1' });
      assert.equal(closed.status, 204);
      // A client holding only the platform certificate cannot verify public-key answers: the plugin says which serial it lacks.
      const certOnly = axiosClient({ ...ready, publicKeyId: '', platformSerialNo: 'NOT-HELD', platformCertificatePath: path.join(pkDir, '.payprobe/keys/wechatpay/wechatpay_platform_cert.pem') });
      await assert.rejects(
        certOnly.v3.pay.transactions.outTradeNo._out_trade_no_.get({ params: { mchid: ready.mchid }, out_trade_no: 'AXIOS-PK-1' }),
        (error: { code?: string }) => error.code === 'EV3_RES_HEADER_PLATFORM_SERIAL',
      );
    } finally {
      await pk.close();
      rmSync(pkDir, { recursive: true, force: true });
    }
  });
});

describe('wechatpay-node-v3 against the sandbox (in-process, on the real origin)', () => {
  test('native prepay, query, refund and close through its hard-coded https://api.mch.weixin.qq.com', async () => {
    const wx = nodeV3Client();
    const prepay = await wx.transactions_native({ description: 'node-v3', out_trade_no: 'NODEV3-1', notify_url: `${notifyBase}/notify/v3`, amount: { total: 1000 } });
    assert.equal(prepay.status, 200, JSON.stringify(prepay));
    assert.match(prepay.data.code_url, /^weixin:\/\//);
    assert.equal((await wx.query({ out_trade_no: 'NODEV3-1' })).data.trade_state, 'NOTPAY');
    await pay('NODEV3-1');
    const paid = await wx.query({ transaction_id: orderOf('NODEV3-1').providerOrderId });
    assert.equal(paid.data.trade_state, 'SUCCESS');
    const refund = await wx.refunds({ out_trade_no: 'NODEV3-1', out_refund_no: 'NODEV3-R1', amount: { refund: 1000, total: 1000, currency: 'CNY' } });
    assert.equal(refund.status, 200, JSON.stringify(refund));
    assert.equal(refund.data?.status, 'PROCESSING');
    assert.equal((await wx.find_refunds('NODEV3-R1')).data?.status, 'PROCESSING');
    await wx.transactions_native({ description: 'to close', out_trade_no: 'NODEV3-CLOSE-1', notify_url: `${notifyBase}/n`, amount: { total: 1 } });
    const closed = await wx.close('NODEV3-CLOSE-1');
    assert.equal(closed.status, 204);
    const journaled = sandbox.journal.all().filter((e) => e.kind === 'request' && e.path.startsWith('/v3/') && (e.url.startsWith('https://api.mch.weixin.qq.com/')));
    assert.ok(journaled.length >= 6);
  });

  test('its verifySign accepts the sandbox notify after fetching /v3/certificates, and decipher_gcm opens the resource', async () => {
    const wx = nodeV3Client();
    await wx.transactions_native({ description: 'notify', out_trade_no: 'NODEV3-NOTIFY-1', notify_url: `${notifyBase}/notify/v3`, amount: { total: 500 } });
    const since = notifies.length;
    await pay('NODEV3-NOTIFY-1');
    const n = notifyOf('NODEV3-NOTIFY-1', since);
    const ok = await wx.verifySign({ timestamp: n.headers['wechatpay-timestamp'], nonce: n.headers['wechatpay-nonce'], body: n.body, serial: n.headers['wechatpay-serial'], signature: n.headers['wechatpay-signature'], apiSecret: info.apiV3Key });
    assert.equal(ok, true);
    assert.ok(sandbox.journal.all().some((e) => e.kind === 'request' && e.api === 'wechatpay.certificates' && e.response.status === 200));
    const { resource } = JSON.parse(n.body);
    const plain = wx.decipher_gcm(resource.ciphertext, resource.associated_data, resource.nonce, info.apiV3Key) as Record<string, unknown>;
    assert.equal(plain.out_trade_no, 'NODEV3-NOTIFY-1');
    assert.equal(plain.trade_state, 'SUCCESS');

    const runtime = sandbox.runtime('wechatpay');
    for (const signer of ['forged', 'other-key'] as const) {
      const bad = runtime.buildCallback({ order: orderOf('NODEV3-NOTIFY-1'), event: 'transaction.success', variant: { signer }, attempt: 1, at: Date.now(), deliveryKey: signer });
      const verdict = await wx.verifySign({ timestamp: bad.headers['Wechatpay-Timestamp'], nonce: bad.headers['Wechatpay-Nonce'], body: bad.body, serial: bad.headers['Wechatpay-Serial'], signature: bad.headers['Wechatpay-Signature'], apiSecret: info.apiV3Key });
      assert.equal(verdict, false, signer);
    }
    const tampered = runtime.buildCallback({ order: orderOf('NODEV3-NOTIFY-1'), event: 'transaction.success', variant: { signer: 'provider', tamper: { 'amount.total': '1' } }, attempt: 1, at: Date.now(), deliveryKey: 't' });
    assert.equal(await wx.verifySign({ timestamp: tampered.headers['Wechatpay-Timestamp'], nonce: tampered.headers['Wechatpay-Nonce'], body: tampered.body, serial: tampered.headers['Wechatpay-Serial'], signature: tampered.headers['Wechatpay-Signature'], apiSecret: info.apiV3Key }), false);
    const wrongKey = runtime.buildCallback({ order: orderOf('NODEV3-NOTIFY-1'), event: 'transaction.success', variant: { signer: 'provider', override: { apiv3key: 'wrong' } }, attempt: 1, at: Date.now(), deliveryKey: 'w' });
    const wr = JSON.parse(wrongKey.body).resource;
    // decipher_gcm never calls final(), so the GCM tag goes unchecked: a wrong key gives garbage, not an error.
    const garbage = wx.decipher_gcm(wr.ciphertext, wr.associated_data, wr.nonce, info.apiV3Key);
    assert.notEqual((garbage as { out_trade_no?: string }).out_trade_no, 'NODEV3-NOTIFY-1');
    assert.equal(typeof garbage, 'string');
  });

  test('its JSAPI payment parameters carry a paySign the buyer side accepts', async () => {
    const wx = nodeV3Client();
    const result = await wx.transactions_jsapi({ description: 'jsapi', out_trade_no: 'NODEV3-JSAPI-1', notify_url: `${notifyBase}/n`, amount: { total: 100 }, payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' } });
    assert.equal(result.status, 200, JSON.stringify(result));
    const params = result.data as { appId: string; timeStamp: string; nonceStr: string; package: string; signType: string; paySign: string };
    const problem = checkJsapiPayParams(params, { appid: info.appid, merchantCertificate: readFileSync(info.merchantCertificatePath, 'utf8'), prepayIds: [String(orderOf('NODEV3-JSAPI-1').data.prepay_id)] });
    assert.equal(problem, undefined);
  });
});
