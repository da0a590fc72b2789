// The WeChat Pay sandbox provider: request authentication, signed answers in both key modes, business
// errors, encrypted notifies and their retries, refunds, bills, and the journal, driven over HTTP on
// 127.0.0.1 with a hand-written API v3 client (the SDK test covers the SDKs themselves).
import assert from 'node:assert/strict';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { decryptAesGcm } from '../../src/crypto/aes-gcm.ts';
import { signRsa, verifyRsa } from '../../src/crypto/rsa.ts';
import { ProviderError } from '../../src/errors.ts';
import { wechatpayConfigSchema } from '../../src/providers/wechatpay/config.ts';
import { wechatpay } from '../../src/providers/wechatpay/index.ts';
import { checkJsapiPayParams, jsapiPaySignMessage } from '../../src/providers/wechatpay/pay-sign.ts';
import type { FaultKind } from '../../src/sandbox/faults.ts';
import type { CallbackEntry, RequestEntry } from '../../src/sandbox/journal.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/sandbox.ts';

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

interface Answer {
  status: number;
  text: string;
  headers: Headers;
  json: Record<string, any>;
}

let dir: string;
let sandbox: Sandbox;
let info: Record<string, string>;
let merchantKey: string;
let platformCert: string;
let apiV3Key: string;
let notifyServer: Server;
let notifyBase: string;
const received: Received[] = [];

/** Calls the sandbox as a merchant without an SDK: signs METHOD\nURL\nts\nnonce\nbody\n with the merchant key. */
async function call(method: 'GET' | 'POST', url: string, body?: unknown, o: { key?: string; serial?: string; timestamp?: number; authorization?: string; headers?: Record<string, string>; base?: Record<string, string> } = {}): Promise<Answer> {
  const ready = o.base ?? info;
  const text = body === undefined ? '' : JSON.stringify(body);
  const timestamp = String(o.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = 'NONCE0123456789ABCDEFGHIJKLMNOPQ';
  const signature = signRsa('RSA-SHA256', `${method}\n${url}\n${timestamp}\n${nonce}\n${text}\n`, o.key ?? merchantKey);
  const authorization =
    o.authorization ??
    `WECHATPAY2-SHA256-RSA2048 mchid="${ready.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${o.serial ?? ready.merchantSerialNo}"`;
  const res = await fetch(`${ready.baseUrl}${url}`, {
    method,
    headers: { Authorization: authorization, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...o.headers },
    body: body === undefined ? undefined : text,
  });
  const answer = await res.text();
  return { status: res.status, text: answer, headers: res.headers, json: answer ? JSON.parse(answer) : {} };
}

/** Verifies an answer's Wechatpay-* signature over `ts\nnonce\nbody\n` with `key` (the platform certificate by default). */
const verifyAnswer = (a: { text: string; headers: Headers }, key = platformCert): boolean =>
  verifyRsa('RSA-SHA256', `${a.headers.get('wechatpay-timestamp')}\n${a.headers.get('wechatpay-nonce')}\n${a.text}\n`, a.headers.get('wechatpay-signature') ?? '', key);

const prepayBody = (outTradeNo: string, total: number, extra: Record<string, unknown> = {}) => ({
  appid: info.appid,
  mchid: info.mchid,
  description: '测试商品',
  out_trade_no: outTradeNo,
  notify_url: `${notifyBase}/notify/ok`,
  amount: { total, currency: 'CNY' },
  ...extra,
});

const nativePrepay = (outTradeNo: string, total: number, extra: Record<string, unknown> = {}) => call('POST', '/v3/pay/transactions/native', prepayBody(outTradeNo, total, extra));
const query = (outTradeNo: string) => call('GET', `/v3/pay/transactions/out-trade-no/${outTradeNo}?mchid=${info.mchid}`);
const refund = (outTradeNo: string, outRefundNo: string, amount: number, total: number, extra: Record<string, unknown> = {}) =>
  call('POST', '/v3/refund/domestic/refunds', { out_trade_no: outTradeNo, out_refund_no: outRefundNo, notify_url: `${notifyBase}/notify/refund`, amount: { refund: amount, total, currency: 'CNY' }, ...extra });

const orderOf = (outTradeNo: string) => {
  const order = sandbox.ledger.find('wechatpay', { merchantOrderId: outTradeNo });
  assert.ok(order, `the sandbox has order ${outTradeNo}`);
  return order;
};

const pay = async (outTradeNo: string, action = 'pay') => {
  const result = await sandbox.runtime('wechatpay').buyer(action, orderOf(outTradeNo), {});
  assert.equal(result.ok, true, result.reason);
  return (await Promise.all(result.deliveries)) as CallbackEntry[];
};

const requests = (api?: string): RequestEntry[] => sandbox.journal.all().filter((e): e is RequestEntry => e.kind === 'request' && (api === undefined || e.api === api));
const callbacks = (outTradeNo: string): CallbackEntry[] => sandbox.journal.all().filter((e): e is CallbackEntry => e.kind === 'callback' && e.orderRef === orderOf(outTradeNo).ref);

/** Decrypts a notify body's resource with `key`. */
const decryptNotify = (body: string, key = apiV3Key): Record<string, any> => {
  const { resource } = JSON.parse(body) as { resource: { ciphertext: string; nonce: string; associated_data: string } };
  return JSON.parse(decryptAesGcm(resource.ciphertext, key, resource.nonce, resource.associated_data));
};

const verifyNotify = (headers: Record<string, string>, body: string, key = platformCert): boolean =>
  verifyRsa('RSA-SHA256', `${headers['wechatpay-timestamp'] ?? headers['Wechatpay-Timestamp']}\n${headers['wechatpay-nonce'] ?? headers['Wechatpay-Nonce']}\n${body}\n`, headers['wechatpay-signature'] ?? headers['Wechatpay-Signature'] ?? '', key);

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'payprobe-wechatpay-'));
  notifyServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8') });
      if (req.url?.startsWith('/notify/fail')) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"code":"FAIL","message":"失败"}');
      } else {
        res.writeHead(204);
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => notifyServer.listen(0, '127.0.0.1', resolve));
  notifyBase = `http://127.0.0.1:${(notifyServer.address() as AddressInfo).port}`;
  sandbox = await createSandbox({ providers: { wechatpay: {} }, baseDir: dir, ports: { wechatpay: 0 }, callbacks: { wechatpay: `${notifyBase}/notify/default` } });
  info = (await sandbox.listen()).wechatpay;
  merchantKey = readFileSync(info.merchantPrivateKeyPath, 'utf8');
  platformCert = readFileSync(info.platformCertificatePath, 'utf8');
  apiV3Key = info.apiV3Key;
});

after(async () => {
  await sandbox?.close();
  await new Promise<void>((resolve) => notifyServer?.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('amounts', () => {
  test('amounts are integer fen both ways', () => {
    const runtime = sandbox.runtime('wechatpay');
    assert.equal(runtime.formatAmount(8800, 'CNY'), '8800');
    assert.equal(runtime.parseAmount('8800', 'CNY'), 8800);
    for (const text of ['88.00', '0', '-1', '1e3', ' 1', '', '08']) {
      assert.throws(
        () => runtime.parseAmount(text, 'CNY'),
        (e: unknown) => e instanceof ProviderError && e.message === `"${text}" is not a WeChat Pay amount: write a whole number of fen, at least 1 (e.g. "8800" for 88.00 CNY).`,
      );
    }
  });

  for (const total of [88.5, '100', 0]) {
    test(`a prepay with amount.total ${JSON.stringify(total)} is refused with PARAM_ERROR and creates nothing`, async () => {
      const answer = await nativePrepay(`AMT-${String(total).replace('.', '')}X`, total as number);
      assert.equal(answer.status, 400);
      assert.equal(answer.json.code, 'PARAM_ERROR');
      assert.match(answer.json.message, /^输入源“\/body\/amount\/total”映射到字段“总金额”/);
      assert.equal(sandbox.ledger.find('wechatpay', { merchantOrderId: `AMT-${String(total).replace('.', '')}X` }), undefined);
    });
  }
});

describe('request authentication', () => {
  test('a request signed with the merchant key is answered, and the answer is signed by the platform certificate it names', async () => {
    const answer = await nativePrepay('AUTH-OK-1', 100);
    assert.equal(answer.status, 200);
    assert.match(answer.json.code_url, /^weixin:\/\/wxpay\/bizpayurl\?pr=\w+$/);
    assert.equal(answer.headers.get('wechatpay-serial'), info.platformSerialNo);
    assert.match(answer.headers.get('wechatpay-nonce') ?? '', /^[A-Z0-9]{32}$/);
    assert.ok(Math.abs(Number(answer.headers.get('wechatpay-timestamp')) - Date.now() / 1000) < 300, 'the timestamp is wall-clock seconds');
    assert.equal(verifyAnswer(answer), true);
    assert.equal(verifyRsa('RSA-SHA256', `${answer.headers.get('wechatpay-timestamp')}\n${answer.headers.get('wechatpay-nonce')}\n${JSON.stringify(JSON.parse(answer.text))} \n`, answer.headers.get('wechatpay-signature')!, platformCert), false);
  });

  test('a signature by another key gets 401 SIGN_ERROR with what the sandbox verified, and the journal keeps the whole string', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const answer = await call('GET', `/v3/pay/transactions/out-trade-no/AUTH-OK-1?mchid=${info.mchid}`, undefined, { key: other });
    assert.equal(answer.status, 401);
    assert.equal(answer.json.code, 'SIGN_ERROR');
    assert.equal(answer.json.message, '错误的签名，验签失败');
    const info2 = answer.json.detail.sign_information;
    assert.equal(answer.json.detail.field, 'signature');
    assert.equal(answer.json.detail.issue, 'sign not match');
    assert.equal(info2.method, 'GET');
    assert.equal(info2.url, `/v3/pay/transactions/out-trade-no/AUTH-OK-1?mchid=${info.mchid}`);
    assert.match(info2.truncated_sign_message, new RegExp(`^GET\\n/v3/pay/transactions/out-trade-no/AUTH-OK-1\\?mchid=${info.mchid}\\n\\d{10}\\nNONCE0123456789ABCDEFGHIJKLMNOPQ\\n\\n$`));
    assert.equal(info2.sign_message_length, Buffer.byteLength(info2.truncated_sign_message));
    assert.equal(verifyAnswer(answer), true, 'errors are signed too');
    const entry = requests('wechatpay.query.out_trade_no').at(-1)!;
    assert.equal(entry.error?.code, 'SIGN_ERROR');
    assert.ok(entry.error?.message.includes('the sandbox verified "GET\\n/v3/pay/transactions/out-trade-no/AUTH-OK-1'), entry.error?.message);
  });

  test('a POST body in truncated_sign_message is cut after 8 characters, and sign_message_length counts the whole string in bytes', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const answer = await call('POST', '/v3/pay/transactions/native', prepayBody('AUTH-BAD-2', 100), { key: other });
    const signInfo = answer.json.detail.sign_information;
    assert.match(signInfo.truncated_sign_message, /\nNONCE0123456789ABCDEFGHIJKLMNOPQ\n\{"appid"\n$/);
    assert.ok(signInfo.sign_message_length > Buffer.byteLength(JSON.stringify(prepayBody('AUTH-BAD-2', 100))));
    assert.equal(sandbox.ledger.find('wechatpay', { merchantOrderId: 'AUTH-BAD-2' }), undefined);
  });

  test('the certificate serial is compared case-insensitively', async () => {
    const answer = await call('GET', `/v3/pay/transactions/out-trade-no/AUTH-OK-1?mchid=${info.mchid}`, undefined, { serial: info.merchantSerialNo.toLowerCase() });
    assert.equal(answer.status, 200);
  });

  const refusals: [string, Parameters<typeof call>[3], string][] = [
    ['another certificate serial', { serial: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1' }, '商户证书序列号有误。'],
    ['a timestamp 10 minutes old', { timestamp: Math.floor(Date.now() / 1000) - 600 }, 'Http头Authorization中的timestamp与发起请求的时间不得超过5分钟'],
    ['a malformed Authorization', { authorization: 'WECHATPAY2-SHA256-RSA2048 mchid=1900000001' }, 'Http头Authorization值格式错误，请参考《微信支付商户REST API签名规则》'],
    ['another scheme', { authorization: 'Bearer abc' }, 'Http头Authorization认证类型不正确'],
  ];
  for (const [what, options, message] of refusals) {
    test(`${what} gets 401 SIGN_ERROR "${message}"`, async () => {
      const answer = await call('GET', `/v3/pay/transactions/out-trade-no/AUTH-OK-1?mchid=${info.mchid}`, undefined, options);
      assert.equal(answer.status, 401);
      assert.deepEqual([answer.json.code, answer.json.message], ['SIGN_ERROR', message]);
    });
  }

  test('close answers 204 with no body, signed over an empty last line', async () => {
    await nativePrepay('CLOSE-1', 100);
    const answer = await call('POST', '/v3/pay/transactions/out-trade-no/CLOSE-1/close', { mchid: info.mchid });
    assert.equal(answer.status, 204);
    assert.equal(answer.text, '');
    assert.equal(verifyRsa('RSA-SHA256', `${answer.headers.get('wechatpay-timestamp')}\n${answer.headers.get('wechatpay-nonce')}\n\n`, answer.headers.get('wechatpay-signature')!, platformCert), true);
    assert.equal((await query('CLOSE-1')).json.trade_state, 'CLOSED');
    assert.equal(orderOf('CLOSE-1').status, 'closed');
  });

  test('a bad-signature fault answers signed by another key; an unavailable fault is 500 SYSTEM_ERROR and creates nothing', async () => {
    sandbox.faults.add({ provider: 'wechatpay', api: 'wechatpay.native.prepay', kind: 'bad-signature', remaining: 1 });
    const forged = await nativePrepay('FAULT-1', 100);
    assert.equal(forged.status, 200);
    assert.equal(verifyAnswer(forged), false);
    sandbox.faults.add({ provider: 'wechatpay', api: 'wechatpay.native.prepay', kind: 'unavailable', remaining: 1 });
    const down = await nativePrepay('FAULT-2', 100);
    assert.deepEqual([down.status, down.json.code, down.json.message], [500, 'SYSTEM_ERROR', '系统错误']);
    assert.equal(sandbox.ledger.find('wechatpay', { merchantOrderId: 'FAULT-2' }), undefined);
    assert.equal(requests('wechatpay.native.prepay').at(-1)?.fault, 'unavailable');
  });

  test('a Wechatpay-Serial naming a key the sandbox does not have gets 400 INVALID_REQUEST', async () => {
    const answer = await call('GET', `/v3/pay/transactions/out-trade-no/AUTH-OK-1?mchid=${info.mchid}`, undefined, { headers: { 'Wechatpay-Serial': 'PUB_KEY_ID_0000000000000000000000000000000' } });
    assert.deepEqual([answer.status, answer.json.code], [400, 'INVALID_REQUEST']);
  });
});

describe('business errors', () => {
  const cases: { name: string; run: () => Promise<Answer>; status: number; code: string; message?: string }[] = [
    { name: 'a query for an unknown out_trade_no', run: () => query('NO-SUCH-ORDER'), status: 404, code: 'ORDER_NOT_EXIST', message: '订单不存在' },
    {
      name: 'a query by transaction_id of an unpaid order (it has none yet)',
      run: async () => {
        await nativePrepay('ERR-TXID-1', 100);
        return call('GET', `/v3/pay/transactions/id/${orderOf('ERR-TXID-1').providerOrderId}?mchid=${info.mchid}`);
      },
      status: 404,
      code: 'ORDER_NOT_EXIST',
    },
    { name: 'a query without mchid', run: () => call('GET', '/v3/pay/transactions/out-trade-no/AUTH-OK-1'), status: 400, code: 'PARAM_ERROR', message: '输入源“/query/mchid”映射到字段“直连商户号”必填性规则校验失败，此字段为必填项' },
    {
      name: 'a re-prepay of an open order with another amount',
      run: async () => (await nativePrepay('ERR-USED-1', 100), nativePrepay('ERR-USED-1', 200)),
      status: 403,
      code: 'OUT_TRADE_NO_USED',
      message: '商户订单号重复',
    },
    {
      name: 'a re-prepay of a paid order',
      run: async () => (await nativePrepay('ERR-PAID-1', 100), await pay('ERR-PAID-1'), nativePrepay('ERR-PAID-1', 100)),
      status: 400,
      code: 'ORDERPAID',
      message: '订单已支付',
    },
    {
      name: 'a re-prepay of a closed order',
      run: async () => (await nativePrepay('ERR-CLOSED-1', 100), await call('POST', '/v3/pay/transactions/out-trade-no/ERR-CLOSED-1/close', { mchid: info.mchid }), nativePrepay('ERR-CLOSED-1', 100)),
      status: 400,
      code: 'ORDER_CLOSED',
      message: '订单已关闭',
    },
    {
      name: 'closing a paid order',
      run: async () => (await nativePrepay('ERR-PAID-2', 100), await pay('ERR-PAID-2'), call('POST', '/v3/pay/transactions/out-trade-no/ERR-PAID-2/close', { mchid: info.mchid })),
      status: 400,
      code: 'ORDERPAID',
    },
    { name: 'closing an unknown order', run: () => call('POST', '/v3/pay/transactions/out-trade-no/NO-SUCH-ORDER/close', { mchid: info.mchid }), status: 404, code: 'ORDER_NOT_EXIST' },
    { name: 'a refund of an unpaid order', run: async () => (await nativePrepay('ERR-REF-1', 100), refund('ERR-REF-1', 'ERR-REF-1-R', 100, 100)), status: 404, code: 'RESOURCE_NOT_EXISTS', message: '订单不存在' },
    {
      name: 'a refund above the refundable amount',
      run: async () => (await nativePrepay('ERR-OVER-1', 100), await pay('ERR-OVER-1'), await refund('ERR-OVER-1', 'ERR-OVER-1-A', 60, 100), refund('ERR-OVER-1', 'ERR-OVER-1-B', 41, 100)),
      status: 400,
      code: 'INVALID_REQUEST',
      message: '申请退款金额超过订单可退金额',
    },
    {
      name: 'a refund when the not-enough fault is set',
      run: async () => {
        await nativePrepay('ERR-NE-1', 100);
        await pay('ERR-NE-1');
        sandbox.faults.add({ provider: 'wechatpay', api: 'wechatpay.refund.create', kind: 'not-enough' as FaultKind, remaining: 1 });
        return refund('ERR-NE-1', 'ERR-NE-1-R', 100, 100);
      },
      status: 403,
      code: 'NOT_ENOUGH',
      message: '余额不足',
    },
    {
      name: 'a prepay without description',
      run: () => call('POST', '/v3/pay/transactions/native', { ...prepayBody('ERR-PARAM-1', 100), description: undefined }),
      status: 400,
      code: 'PARAM_ERROR',
      message: '输入源“/body/description”映射到字段“商品描述”必填性规则校验失败，此字段为必填项',
    },
    { name: 'a prepay whose out_trade_no is shorter than 6 characters', run: () => nativePrepay('SHORT', 100), status: 400, code: 'PARAM_ERROR' },
    { name: "a prepay with another merchant's appid", run: () => nativePrepay('ERR-APPID-1', 100, { appid: 'wx9999999999999999' }), status: 400, code: 'APPID_MCHID_NOT_MATCH' },
    { name: 'a JSAPI prepay without payer.openid', run: () => call('POST', '/v3/pay/transactions/jsapi', prepayBody('ERR-JSAPI-1', 100)), status: 400, code: 'PARAM_ERROR' },
  ];
  for (const c of cases) {
    test(`${c.name} is ${c.status} ${c.code}`, async () => {
      const answer = await c.run();
      assert.equal(answer.status, c.status, answer.text);
      assert.equal(answer.json.code, c.code);
      if (c.message) assert.equal(answer.json.message, c.message);
      assert.equal(verifyAnswer(answer), true);
    });
  }

  test('the refused over-refund books nothing, and re-prepaying an open order with the same parameters answers the same code_url', async () => {
    assert.equal(orderOf('ERR-OVER-1').refunds.length, 1);
    const first = await nativePrepay('SAME-1', 300);
    const again = await nativePrepay('SAME-1', 300);
    assert.equal(again.status, 200);
    assert.equal(again.json.code_url, first.json.code_url);
    assert.equal(sandbox.ledger.list({ provider: 'wechatpay' }).filter((o) => o.merchantOrderId === 'SAME-1').length, 1);
  });
});

describe('orders and buyers', () => {
  test('abandon leaves NOTPAY; user-paying shows USERPAYING while the ledger stays pending; pay then answers SUCCESS with the payer', async () => {
    await call('POST', '/v3/pay/transactions/jsapi', prepayBody('BUYER-1', 888, { payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' }, attach: 'cart=9' }));
    await pay('BUYER-1', 'abandon');
    assert.equal((await query('BUYER-1')).json.trade_state, 'NOTPAY');
    await pay('BUYER-1', 'user-paying');
    const paying = await query('BUYER-1');
    assert.deepEqual([paying.json.trade_state, orderOf('BUYER-1').status], ['USERPAYING', 'pending']);
    await pay('BUYER-1');
    const paid = await query('BUYER-1');
    assert.equal(paid.json.trade_state, 'SUCCESS');
    assert.equal(paid.json.trade_type, 'JSAPI');
    assert.equal(paid.json.attach, 'cart=9');
    assert.deepEqual(paid.json.payer, { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' });
    assert.deepEqual(paid.json.amount, { currency: 'CNY', payer_currency: 'CNY', payer_total: 888, total: 888 });
    assert.match(paid.json.transaction_id, /^4200000\d{21}$/);
    assert.match(paid.json.success_time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    const byId = await call('GET', `/v3/pay/transactions/id/${paid.json.transaction_id}?mchid=${info.mchid}`);
    assert.equal(byId.text, paid.text);
  });

  test('pay-no-notify pays the order but every notify attempt is lost', async () => {
    await nativePrepay('BUY-LOST-1', 100);
    const [first] = await pay('BUY-LOST-1', 'pay-no-notify');
    assert.equal(orderOf('BUY-LOST-1').providerState, 'SUCCESS');
    assert.equal(first.acked, false);
    assert.match(first.error ?? '', /^lost/);
    assert.equal(received.filter((r) => r.body.includes('BUY-LOST-1')).length, 0);
  });

  test('an H5 prepay answers an h5_url that opens the sandbox cashier, and an APP prepay a prepay_id', async () => {
    const h5 = await call('POST', '/v3/pay/transactions/h5', prepayBody('H5-PAY-1', 100, { scene_info: { payer_client_ip: '127.0.0.1', h5_info: { type: 'Wap' } } }));
    assert.ok(h5.json.h5_url.startsWith(`${info.baseUrl}/_payprobe/cashier/${orderOf('H5-PAY-1').providerOrderId}?prepay_id=wx`), h5.json.h5_url);
    assert.equal((await fetch(h5.json.h5_url)).status, 200);
    const app = await call('POST', '/v3/pay/transactions/app', prepayBody('APP-PAY-1', 100));
    assert.match(app.json.prepay_id, /^wx\d{14}[0-9a-f]{20}$/);
    assert.equal(orderOf('APP-PAY-1').data.trade_type, 'APP');
  });

  test('the JSAPI paySign a merchant builds with its key passes the check the buyer side makes, and a tampered one fails it', async () => {
    const answer = await call('POST', '/v3/pay/transactions/jsapi', prepayBody('JSAPI-SIGN-1', 100, { payer: { openid: 'o000000000000000000000000000' } }));
    const params = { appId: info.appid, timeStamp: String(Math.floor(Date.now() / 1000)), nonceStr: 'abc123', package: `prepay_id=${answer.json.prepay_id}`, signType: 'RSA', paySign: '' };
    params.paySign = signRsa('RSA-SHA256', jsapiPaySignMessage(params), merchantKey);
    const expected = { appid: info.appid, merchantCertificate: readFileSync(info.merchantCertificatePath, 'utf8'), prepayIds: [answer.json.prepay_id] };
    assert.equal(checkJsapiPayParams(params, expected), undefined);
    assert.match(checkJsapiPayParams({ ...params, nonceStr: 'abc124' }, expected) ?? '', /^paySign does not verify over "wx0000000000000001\\n\d{10}\\nabc124\\nprepay_id=wx/);
    assert.equal(checkJsapiPayParams({ ...params, signType: 'MD5' }, expected), 'signType must be RSA for API v3, not "MD5"');
  });

  test('an order with time_expire closes by itself on the virtual clock', async () => {
    const expire = new Date(sandbox.clock().now() + 5 * 60_000 + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
    await nativePrepay('EXPIRE-1', 100, { time_expire: expire });
    await sandbox.clock().advance(4 * 60_000);
    assert.equal((await query('EXPIRE-1')).json.trade_state, 'NOTPAY');
    await sandbox.clock().advance(2 * 60_000);
    assert.equal((await query('EXPIRE-1')).json.trade_state, 'CLOSED');
    assert.equal((await sandbox.runtime('wechatpay').buyer('pay', orderOf('EXPIRE-1'), {})).ok, false);
  });
});

describe('notifications', () => {
  test('the payment notify is signed, and its resource decrypts with the APIv3 key into the paid Transaction', async () => {
    await nativePrepay('NOTIFY-1', 8800);
    const before = received.length;
    const [entry] = await pay('NOTIFY-1');
    assert.equal(entry.acked, true);
    const got = received.slice(before).find((r) => r.path === '/notify/ok')!;
    assert.equal(got.headers['content-type'], 'application/json');
    assert.equal(got.headers['wechatpay-serial'], info.platformSerialNo);
    assert.equal(got.headers['wechatpay-signature-type'], 'WECHATPAY2-SHA256-RSA2048');
    assert.equal(verifyNotify(got.headers, got.body), true);
    const envelope = JSON.parse(got.body);
    assert.deepEqual(Object.keys(envelope), ['id', 'create_time', 'resource_type', 'event_type', 'summary', 'resource']);
    assert.deepEqual([envelope.resource_type, envelope.event_type, envelope.summary], ['encrypt-resource', 'TRANSACTION.SUCCESS', '支付成功']);
    assert.deepEqual([envelope.resource.original_type, envelope.resource.algorithm, envelope.resource.associated_data], ['transaction', 'AEAD_AES_256_GCM', 'transaction']);
    assert.match(envelope.resource.nonce, /^[a-z0-9]{12}$/);
    const resource = decryptNotify(got.body);
    assert.equal(resource.out_trade_no, 'NOTIFY-1');
    assert.equal(resource.trade_state, 'SUCCESS');
    assert.equal(resource.amount.total, 8800);
    assert.equal(resource.mchid, info.mchid);
    assert.equal(resource.transaction_id, orderOf('NOTIFY-1').providerOrderId);
    assert.throws(() => decryptNotify(got.body, 'x'.repeat(32)), /Unsupported state or unable to authenticate data/);
  });

  test('the apiv3key override makes a notify signed right that no merchant can decrypt', async () => {
    const message = sandbox.runtime('wechatpay').buildCallback({ order: orderOf('NOTIFY-1'), event: 'transaction.success', variant: { signer: 'provider', override: { apiv3key: 'wrong' } }, attempt: 1, at: Date.now(), deliveryKey: 'k' });
    assert.equal(verifyNotify(message.headers, message.body), true);
    assert.throws(() => decryptNotify(message.body));
  });

  test('override changes the resource before signing; tamper changes it after, re-encrypted, so the signature breaks', () => {
    const runtime = sandbox.runtime('wechatpay');
    const build = (variant: Parameters<typeof runtime.buildCallback>[0]['variant']) =>
      runtime.buildCallback({ order: orderOf('NOTIFY-1'), event: 'transaction.success', variant, attempt: 1, at: Date.now(), deliveryKey: 'k2' });
    const overridden = build({ signer: 'provider', override: { 'amount.total': '1', out_trade_no: 'OTHER' } });
    assert.equal(verifyNotify(overridden.headers, overridden.body), true);
    assert.deepEqual([decryptNotify(overridden.body).amount.total, decryptNotify(overridden.body).out_trade_no], [1, 'OTHER']);
    const tampered = build({ signer: 'provider', tamper: { 'amount.total': '1' } });
    assert.equal(decryptNotify(tampered.body).amount.total, 1);
    assert.equal(verifyNotify(tampered.headers, tampered.body), false);
    const outer = build({ signer: 'provider', tamper: { event_type: 'TRANSACTION.FAIL' } });
    assert.equal(JSON.parse(outer.body).event_type, 'TRANSACTION.FAIL');
    assert.equal(verifyNotify(outer.headers, outer.body), false);
    const forged = build({ signer: 'forged' });
    assert.equal(verifyNotify(forged.headers, forged.body), false);
    const other = build({ signer: 'other-key' });
    assert.equal(verifyNotify(other.headers, other.body), false);
    const unsigned = build({ signer: 'unsigned' });
    assert.equal(unsigned.headers['Wechatpay-Signature'], undefined);
    assert.equal(unsigned.headers['Wechatpay-Serial'], info.platformSerialNo);
    const stale = build({ signer: 'provider', staleByMs: 3_600_000 });
    assert.ok(Math.abs(Number(stale.headers['Wechatpay-Timestamp']) - (Date.now() / 1000 - 3600)) < 60);
    assert.equal(verifyNotify(stale.headers, stale.body), true);
  });

  test('a 200 or 204 acknowledges a notify whatever the body says; anything else does not', () => {
    const runtime = sandbox.runtime('wechatpay');
    const table: [number, string, boolean][] = [
      [200, '', true],
      [204, '', true],
      [200, '{"code":"FAIL","message":"失败"}', true],
      [201, '', false],
      [202, '', false],
      [400, '{"code":"FAIL","message":"失败"}', false],
      [500, '', false],
    ];
    for (const [status, body, ack] of table) assert.equal(runtime.isAck({ status, body }), ack, `${status} ${body}`);
  });

  test("the retry schedule is WeChat Pay's 15 intervals, 24 h 4 m in all, and a refused notify is re-sent on it over the virtual clock", async () => {
    const schedule = sandbox.runtime('wechatpay').retrySchedule;
    assert.equal(schedule.length, 15);
    assert.equal(schedule.reduce((a, b) => a + b, 0), (24 * 60 + 4) * 60_000);
    const prepay = await call('POST', '/v3/pay/transactions/native', { ...prepayBody('RETRY-1', 100), notify_url: `${notifyBase}/notify/fail` });
    assert.equal(prepay.status, 200);
    const clock = sandbox.clock('retry-scenario');
    const [first] = (await Promise.all((await sandbox.runtime('wechatpay').buyer('pay', orderOf('RETRY-1'), { scenarioId: 'retry-scenario' })).deliveries)) as CallbackEntry[];
    assert.equal(first.acked, false);
    await clock.advance((24 * 60 + 4) * 60_000);
    const attempts = sandbox.dispatcher.attempts(first.deliveryId);
    assert.equal(attempts.length, 16);
    assert.deepEqual(attempts.slice(1).map((a, i) => a.at - attempts[i].at), schedule);
    assert.ok(attempts.every((a) => a.response?.status === 500 && !a.acked));
    const ids = new Set(attempts.map((a) => JSON.parse(a.request.body).id));
    assert.equal(ids.size, 1, 'the notification id stays the same across attempts');
    await clock.advance(24 * 3_600_000);
    assert.equal(sandbox.dispatcher.attempts(first.deliveryId).length, 16, 'WeChat Pay gives up after the last interval');
  });
});

describe('refunds', () => {
  test('a refund is PROCESSING, then SUCCESS after refundDelay, with a signed REFUND.SUCCESS notify to its notify_url', async () => {
    await nativePrepay('REFUND-1', 1000);
    await pay('REFUND-1');
    const created = await refund('REFUND-1', 'REFUND-1-R1', 300, 1000, { reason: '缺货' });
    assert.equal(created.status, 200);
    assert.equal(created.json.status, 'PROCESSING');
    assert.equal(created.json.out_refund_no, 'REFUND-1-R1');
    assert.match(created.json.refund_id, /^503000\d{23}$/);
    assert.deepEqual([created.json.amount.refund, created.json.amount.total, created.json.amount.payer_refund, created.json.amount.currency], [300, 1000, 300, 'CNY']);
    assert.equal(created.json.channel, 'ORIGINAL');
    assert.equal(orderOf('REFUND-1').refunds[0].status, 'pending');
    assert.equal((await query('REFUND-1')).json.trade_state, 'REFUND');
    assert.equal((await call('GET', '/v3/refund/domestic/refunds/REFUND-1-R1')).json.status, 'PROCESSING');

    const again = await refund('REFUND-1', 'REFUND-1-R1', 300, 1000);
    assert.equal(again.json.refund_id, created.json.refund_id);
    assert.equal(orderOf('REFUND-1').refunds.length, 1, 'a repeated out_refund_no refunds once');
    assert.equal((await refund('REFUND-1', 'REFUND-1-R1', 301, 1000)).json.code, 'INVALID_REQUEST');

    const before = received.length;
    await sandbox.clock().advance(60_000);
    const done = await call('GET', '/v3/refund/domestic/refunds/REFUND-1-R1');
    assert.equal(done.json.status, 'SUCCESS');
    assert.match(done.json.success_time, /\+08:00$/);
    assert.equal(orderOf('REFUND-1').status, 'partially_refunded');
    assert.equal(orderOf('REFUND-1').refunded, 300);
    const got = received.slice(before).find((r) => r.path === '/notify/refund')!;
    assert.ok(got, 'the refund notify went to the refund notify_url');
    assert.equal(verifyNotify(got.headers, got.body), true);
    const envelope = JSON.parse(got.body);
    assert.deepEqual([envelope.event_type, envelope.summary, envelope.resource.original_type], ['REFUND.SUCCESS', '退款成功', 'refund']);
    const resource = decryptNotify(got.body);
    assert.deepEqual(
      [resource.refund_status, resource.out_refund_no, resource.refund_id, resource.amount.refund, resource.amount.total],
      ['SUCCESS', 'REFUND-1-R1', created.json.refund_id, 300, 1000],
    );
  });

  test('the refund-abnormal fault makes the refund end ABNORMAL with a REFUND.ABNORMAL notify, and nothing is refunded', async () => {
    await nativePrepay('REFUND-2', 500);
    await pay('REFUND-2');
    sandbox.faults.add({ provider: 'wechatpay', api: 'wechatpay.refund.create', kind: 'refund-abnormal' as FaultKind, remaining: 1 });
    const created = await refund('REFUND-2', 'REFUND-2-R1', 500, 500);
    assert.equal(created.json.status, 'PROCESSING');
    const before = received.length;
    await sandbox.clock().advance(60_000);
    assert.equal((await call('GET', '/v3/refund/domestic/refunds/REFUND-2-R1')).json.status, 'ABNORMAL');
    assert.equal(orderOf('REFUND-2').refunded, 0);
    const got = received.slice(before).find((r) => r.body.includes('REFUND.ABNORMAL'))!;
    assert.equal(decryptNotify(got.body).refund_status, 'ABNORMAL');
    assert.equal(decryptNotify(got.body).success_time, undefined);
    assert.equal((await call('GET', '/v3/refund/domestic/refunds/NO-SUCH-REFUND')).json.code, 'RESOURCE_NOT_EXISTS');
  });
});

describe('the platform certificates and the journal', () => {
  test('GET /v3/certificates lists the platform certificate encrypted with the APIv3 key', async () => {
    const answer = await call('GET', '/v3/certificates');
    assert.equal(verifyAnswer(answer), true);
    const [item] = answer.json.data;
    assert.equal(item.serial_no, info.platformSerialNo);
    assert.deepEqual([item.encrypt_certificate.algorithm, item.encrypt_certificate.associated_data], ['AEAD_AES_256_GCM', 'certificate']);
    const pem = decryptAesGcm(item.encrypt_certificate.ciphertext, apiV3Key, item.encrypt_certificate.nonce, 'certificate');
    assert.equal(pem, platformCert);
    assert.equal(new X509Certificate(pem).serialNumber, info.platformSerialNo);
    assert.match(item.effective_time, /\+08:00$/);
  });

  test('a call is journaled under its api with the body flattened into dot keys', async () => {
    await nativePrepay('JOURNAL-1', 8800, { detail: { goods_detail: [{ merchant_goods_id: 'g1', quantity: 1, unit_price: 8800 }] } });
    const entry = requests('wechatpay.native.prepay').at(-1)!;
    assert.equal(entry.fields?.out_trade_no, 'JOURNAL-1');
    assert.equal(entry.fields?.['amount.total'], 8800);
    assert.deepEqual(entry.fields?.['detail.goods_detail'], [{ merchant_goods_id: 'g1', quantity: 1, unit_price: 8800 }]);
    assert.equal(entry.orderRef, orderOf('JOURNAL-1').ref);
    assert.equal(entry.request.headers.authorization, '[redacted]');
    assert.ok(!JSON.stringify(sandbox.journal.all()).includes(merchantKey.split('\n')[1]));
  });

  test('an unknown route is journaled as unhandled and answered 404 naming method, path and routes', async () => {
    const res = await fetch(`${info.baseUrl}/v3/does/not/exist`, { method: 'DELETE' });
    assert.equal(res.status, 404);
    const body = (await res.json()) as { code: string; message: string };
    assert.equal(body.code, 'NOT_FOUND');
    assert.match(body.message, /^payprobe wechatpay sandbox: no route for DELETE \/v3\/does\/not\/exist\. Routes: POST \/v3\/pay\/transactions\/native, POST \/v3\/pay\/transactions\/jsapi, /);
    const entry = requests().at(-1)!;
    assert.equal(entry.unhandled, true);
  });
});

describe('bills', () => {
  test("a day's trade bill: SHA1 of the file, a gzip download in WeChat's CSV format, amounts in yuan, a link that expires", async () => {
    await nativePrepay('BILL-1', 8800);
    await pay('BILL-1');
    await refund('BILL-1', 'BILL-1-R1', 800, 8800);
    await sandbox.clock().advance(60_000);
    const day = new Date(orderOf('BILL-1').paidAt! + 8 * 3_600_000).toISOString().slice(0, 10);
    assert.equal((await call('GET', `/v3/bill/tradebill?bill_date=${day}`)).json.code, 'STATEMENT_CREATING');
    await sandbox.clock().advance(2 * 86_400_000);
    assert.equal((await call('GET', '/v3/bill/tradebill?bill_date=2020-02-30')).json.code, 'INVALID_REQUEST');
    const empty = new Date(sandbox.clock().now() + 8 * 3_600_000 - 86_400_000 * 20).toISOString().slice(0, 10);
    assert.deepEqual((await call('GET', `/v3/bill/tradebill?bill_date=${empty}`)).json, { code: 'NO_STATEMENT_EXIST', message: '账单文件不存在' });

    const applied = await call('GET', `/v3/bill/tradebill?bill_date=${day}&bill_type=ALL&tar_type=GZIP`);
    assert.equal(applied.status, 200);
    assert.equal(applied.json.hash_type, 'SHA1');
    const url = new URL(applied.json.download_url);
    assert.equal(url.origin + url.pathname, `${info.baseUrl}/v3/billdownload/file`);
    const download = await fetch(url, {
      headers: { Authorization: (await signedAuthorization('GET', `${url.pathname}${url.search}`)) },
    });
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('wechatpay-signature'), null, 'file downloads are not signed');
    const gz = Buffer.from(await download.arrayBuffer());
    assert.equal(createHash('sha1').update(gz).digest('hex'), applied.json.hash_value);
    const csv = gunzipSync(gz).toString('utf8');
    assert.ok(csv.startsWith('\uFEFF交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,'));
    const lines = csv.slice(1).split('\n');
    assert.equal(lines.at(-1), '');
    const order = orderOf('BILL-1');
    const rows = lines.filter((l) => l.includes(`\`${order.providerOrderId},`));
    assert.equal(rows.length, 2);
    const payRow = rows[0].split(',').map((c) => c.slice(1));
    assert.deepEqual([payRow[1], payRow[2], payRow[6], payRow[8], payRow[9], payRow[11], payRow[12], payRow[22], payRow[23], payRow[24]], [info.appid, info.mchid, 'BILL-1', 'NATIVE', 'SUCCESS', 'CNY', '88.00', '0.53000', '0.60%', '88.00']);
    const back = rows[1].split(',').map((c) => c.slice(1));
    assert.deepEqual([back[9], back[12], back[15], back[16], back[18], back[19], back[25]], ['REFUND', '0.00', 'BILL-1-R1', '8.00', 'ORIGINAL', 'SUCCESS', '8.00']);
    assert.equal(lines.at(-3), '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额');
    assert.match(lines.at(-2)!, /^`\d+,`[\d.]+,`[\d.]+,`0\.00,`-?[\d.]+,`[\d.]+,`[\d.]+$/);

    const fund = await call('GET', `/v3/bill/fundflowbill?bill_date=${day}`);
    const fundFile = await fetch(fund.json.download_url, { headers: { Authorization: await signedAuthorization('GET', new URL(fund.json.download_url).pathname + new URL(fund.json.download_url).search) } });
    const fundCsv = (await fundFile.text()).replace(/^\uFEFF/, '');
    assert.ok(fundCsv.startsWith('记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额(元),账户结余(元),资金变更提交申请人,备注,业务凭证号\n'));
    assert.match(fundCsv, /`交易,`交易,`收入,`88\.00,/);
    assert.match(fundCsv, /`退款,`退款,`支出,`7\.95,.*`退款总金额8\.00元;含手续费0\.05元,`BILL-1-R1/);

    await sandbox.clock().advance(5 * 60_000 + 1000);
    const expired = await fetch(url, { headers: { Authorization: await signedAuthorization('GET', `${url.pathname}${url.search}`) } });
    assert.equal(expired.status, 400);
    assert.equal(((await expired.json()) as { code: string }).code, 'INVALID_REQUEST');
  });
});

/** An Authorization header for a request without body. */
async function signedAuthorization(method: string, url: string): Promise<string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = 'DOWNLOAD0123456789ABCDEFGHIJKLMN';
  const signature = signRsa('RSA-SHA256', `${method}\n${url}\n${timestamp}\n${nonce}\n\n`, merchantKey);
  return `WECHATPAY2-SHA256-RSA2048 mchid="${info.mchid}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${info.merchantSerialNo}"`;
}

describe('the public-key mode', () => {
  test('answers and notifies are signed by the WeChat Pay public key named PUB_KEY_ID_..., and the ready facts name it', async () => {
    const pkDir = mkdtempSync(path.join(tmpdir(), 'payprobe-wechatpay-pk-'));
    const pk = await createSandbox({ providers: { wechatpay: { keyMode: 'public-key' } }, baseDir: pkDir, ports: { wechatpay: 0 } });
    try {
      const ready = (await pk.listen()).wechatpay;
      assert.deepEqual(Object.keys(ready), ['url', 'baseUrl', 'mchid', 'appid', 'merchantSerialNo', 'merchantPrivateKeyPath', 'merchantCertificatePath', 'publicKeyId', 'platformPublicKeyPath', 'apiV3Key']);
      assert.match(ready.publicKeyId, /^PUB_KEY_ID_01\d{30}$/);
      const publicKey = readFileSync(ready.platformPublicKeyPath, 'utf8');
      assert.ok(createPublicKey(publicKey));
      const key = readFileSync(ready.merchantPrivateKeyPath, 'utf8');
      const body = { ...prepayBody('PUBKEY-1', 100), notify_url: `${notifyBase}/notify/pk` };
      const answer = await call('POST', '/v3/pay/transactions/native', body, { key, base: ready });
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('wechatpay-serial'), ready.publicKeyId);
      assert.equal(verifyAnswer(answer, publicKey), true);
      // A merchant still migrating names the platform certificate it holds: the answer follows it.
      const platform = readFileSync(path.join(pkDir, '.payprobe/keys/wechatpay/wechatpay_platform_cert.pem'), 'utf8');
      const migrating = await call('GET', `/v3/pay/transactions/out-trade-no/PUBKEY-1?mchid=${ready.mchid}`, undefined, { key, base: ready, headers: { 'Wechatpay-Serial': new X509Certificate(platform).serialNumber } });
      assert.equal(verifyAnswer(migrating, platform), true);

      const before = received.length;
      const order = pk.ledger.find('wechatpay', { merchantOrderId: 'PUBKEY-1' })!;
      await Promise.all((await pk.runtime('wechatpay').buyer('pay', order, {})).deliveries);
      const got = received.slice(before).find((r) => r.path === '/notify/pk')!;
      assert.equal(got.headers['wechatpay-serial'], ready.publicKeyId);
      assert.equal(verifyNotify(got.headers, got.body, publicKey), true);
      assert.equal(decryptNotify(got.body, ready.apiV3Key).trade_state, 'SUCCESS');
    } finally {
      await pk.close();
      rmSync(pkDir, { recursive: true, force: true });
    }
  });
});

describe('keys and config', () => {
  test('generated private keys and the APIv3 key are readable by the owner only; certificates carry 40-hex serials', () => {
    const keys = path.join(dir, '.payprobe/keys/wechatpay');
    for (const name of ['apiclient_key.pem', 'wechatpay_platform_key.pem', 'pub_key_private.pem', 'apiv3_key.txt']) assert.equal(statSync(path.join(keys, name)).mode & 0o777, 0o600, name);
    assert.equal(statSync(path.join(keys, 'apiclient_cert.pem')).mode & 0o777, 0o644);
    assert.match(info.merchantSerialNo, /^[1-7][0-9A-F]{39}$/);
    assert.equal(new X509Certificate(readFileSync(info.merchantCertificatePath)).checkPrivateKey(createPrivateKey(merchantKey)), true);
    assert.match(info.apiV3Key, /^[A-Za-z0-9]{32}$/);
    assert.deepEqual(
      wechatpay.secrets(
        { merchantPrivateKey: 'a', platformPrivateKey: 'b', publicKeyPrivate: 'c', apiV3Key: 'd' } as Parameters<typeof wechatpay.secrets>[0],
        {} as Parameters<typeof wechatpay.secrets>[1],
      ),
      ['a', 'b', 'c', 'd'],
    );
  });

  test('missing keys without create are an error that says what to run', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'payprobe-wechatpay-nokeys-'));
    try {
      await assert.rejects(
        wechatpay.loadKeys(wechatpayConfigSchema.parse({ keys: 'keys' }), { baseDir: empty, create: false }),
        (e: unknown) =>
          e instanceof ProviderError &&
          e.code === 'KEYS_MISSING' &&
          e.message ===
            `Cannot start the wechatpay sandbox: ${path.join(empty, 'keys')} has no apiclient_key.pem, apiclient_cert.pem, wechatpay_platform_key.pem, wechatpay_platform_cert.pem, pub_key_private.pem, pub_key_id.txt, apiv3_key.txt. Run \`payprobe init\` to generate the sandbox keys, or point providers.wechatpay.keys at the folder that holds them.`,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  test('the config schema fills in the defaults and refuses unknown keys', () => {
    assert.deepEqual(wechatpayConfigSchema.parse({}), {
      mchid: '1900000001',
      appid: 'wx0000000000000001',
      keys: '.payprobe/keys/wechatpay',
      keyMode: 'certificate',
      notifyRetry: ['15s', '15s', '30s', '3m', '10m', '20m', '30m', '30m', '30m', '60m', '3h', '3h', '3h', '6h', '6h'],
      refundDelay: '1m',
    });
    assert.equal(wechatpayConfigSchema.safeParse({ mchId: '1' }).success, false);
    assert.equal(wechatpayConfigSchema.safeParse({ keyMode: 'rsa' }).success, false);
    assert.equal(wechatpayConfigSchema.safeParse({ refundDelay: 'soon' }).success, false);
  });
});
