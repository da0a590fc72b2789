// The Alipay sandbox provider: parsers, signatures, gateway behaviour, bills and the journal,
// driven over HTTP on 127.0.0.1 with a hand-written client (the SDK test covers alipay-sdk itself).
import assert from 'node:assert/strict';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { signRsa, verifyRsa } from '../../src/crypto/rsa.ts';
import { ProviderError } from '../../src/errors.ts';
import { formatYuan, parseYuan } from '../../src/providers/alipay/amount.ts';
import { alipayConfigSchema } from '../../src/providers/alipay/config.ts';
import { encodeGbk } from '../../src/providers/alipay/gbk.ts';
import { alipay } from '../../src/providers/alipay/index.ts';
import { buildSignContent } from '../../src/providers/alipay/sign-content.ts';
import type { CallbackEntry, RequestEntry } from '../../src/sandbox/journal.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/sandbox.ts';

let sandbox: Sandbox;
let dir: string;
let info: Record<string, string>;
let appPrivateKey: string;
let alipayPublicKey: string;
let notifyServer: Server;
let notifyUrl: string;
const notifies: Record<string, string>[] = [];

interface GatewayAnswer {
  status: number;
  text: string;
  headers: Headers;
  node: Record<string, string>;
}

const common = (method: string) => ({ app_id: info.appId, method, charset: 'utf-8', sign_type: 'RSA2', timestamp: '2026-01-02 03:04:05', version: '1.0' });

/** Calls the gateway the way a merchant without an SDK would: common parameters in the URL, biz_content in the form body. */
async function gateway(method: string, biz: Record<string, unknown>, options: { extra?: Record<string, string>; privateKey?: string; drop?: string[] } = {}): Promise<GatewayAnswer> {
  const params: Record<string, string> = { ...common(method), biz_content: JSON.stringify(biz), ...options.extra };
  for (const k of options.drop ?? []) delete params[k];
  if (!options.drop?.includes('sign')) params.sign = signRsa('RSA-SHA256', buildSignContent(params), options.privateKey ?? appPrivateKey);
  const { biz_content, ...urlParams } = params;
  const res = await fetch(`${info.gateway}?${new URLSearchParams(urlParams)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
    body: new URLSearchParams(biz_content === undefined ? {} : { biz_content }).toString(),
  });
  const text = await res.text();
  const json = JSON.parse(text) as Record<string, Record<string, string>>;
  const node = json[`${method.replaceAll('.', '_')}_response`] ?? json.error_response;
  return { status: res.status, text, headers: res.headers, node };
}

const precreate = (outTradeNo: string, amount: string, extra: Record<string, unknown> = {}) =>
  gateway('alipay.trade.precreate', { out_trade_no: outTradeNo, total_amount: amount, subject: '测试商品', ...extra }, { extra: { notify_url: notifyUrl } });

const orderOf = (outTradeNo: string) => {
  const order = sandbox.ledger.find('alipay', { merchantOrderId: outTradeNo });
  assert.ok(order, `the sandbox has trade ${outTradeNo}`);
  return order;
};

const pay = async (outTradeNo: string) => {
  const result = await sandbox.runtime('alipay').buyer('pay', orderOf(outTradeNo), {});
  assert.equal(result.ok, true, result.reason);
  await Promise.all(result.deliveries);
};

const requests = (api?: string): RequestEntry[] =>
  sandbox.journal.all().filter((e): e is RequestEntry => e.kind === 'request' && (api === undefined || e.api === api));

/** Reads a zip archive's entries (names as raw bytes) with node:zlib. */
function unzip(zip: Buffer): { name: Buffer; data: Buffer; flags: number }[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const out: { name: Buffer; data: Buffer; flags: number }[] = [];
  for (let i = 0; i < count; i++) {
    const flags = zip.readUInt16LE(at + 8);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    out.push({ name, flags, data: inflateRawSync(zip.subarray(dataStart, dataStart + size)) });
    at += 46 + nameLength + extra + comment;
  }
  return out;
}

const gbk = new TextDecoder('gbk');

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'payprobe-alipay-'));
  notifyServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      notifies.push(Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
      res.end('success');
    });
  });
  await new Promise<void>((resolve) => notifyServer.listen(0, '127.0.0.1', resolve));
  notifyUrl = `http://127.0.0.1:${(notifyServer.address() as AddressInfo).port}/notify/alipay`;
  sandbox = await createSandbox({ providers: { alipay: {} }, baseDir: dir, ports: { alipay: 0 }, callbacks: { alipay: notifyUrl } });
  info = (await sandbox.listen()).alipay;
  appPrivateKey = readFileSync(info.appPrivateKeyPath, 'utf8');
  alipayPublicKey = readFileSync(info.alipayPublicKeyPath, 'utf8');
});

after(async () => {
  await sandbox?.close();
  await new Promise<void>((resolve) => notifyServer?.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('amounts', () => {
  const valid: [string, number][] = [
    ['0.01', 1],
    ['88', 8800],
    ['88.8', 8880],
    ['88.80', 8880],
    ['100000000', 10_000_000_000],
  ];
  for (const [text, fen] of valid) {
    test(`accepts "${text}" as ${fen} fen`, () => {
      assert.equal(parseYuan(text), fen);
      assert.equal(sandbox.runtime('alipay').parseAmount(text, 'CNY'), fen);
    });
  }
  for (const text of ['0', '0.001', '88.000000001', '1e2', '-1', '8800.5.1', '100000000.01', '', ' 88', '088', '88.', '.5']) {
    test(`refuses "${text}"`, () => {
      assert.equal(parseYuan(text), undefined);
      assert.throws(
        () => sandbox.runtime('alipay').parseAmount(text, 'CNY'),
        (e: unknown) => e instanceof ProviderError && e.message === `"${text}" is not an Alipay amount: write yuan with at most two decimals, between 0.01 and 100000000 (e.g. "88.00").`,
      );
    });
  }

  test('refuses float noise in a JSON number and accepts a clean one', () => {
    assert.equal(parseYuan(0.1 + 0.2), undefined);
    assert.equal(parseYuan(88.8), 8880);
  });

  test('formats fen as yuan with two decimals', () => {
    assert.equal(formatYuan(8800), '88.00');
    assert.equal(formatYuan(1), '0.01');
    assert.equal(formatYuan(-3000), '-30.00');
    assert.equal(sandbox.runtime('alipay').formatAmount(8880, 'CNY'), '88.80');
  });

  test('a precreate with a malformed total_amount is refused with ACQ.INVALID_PARAMETER and creates nothing', async () => {
    const answer = await precreate('AMT-BAD-1', '88.000000001');
    assert.deepEqual(answer.node, { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.INVALID_PARAMETER', sub_msg: '参数无效:订单总金额格式错误' });
    assert.equal(sandbox.ledger.find('alipay', { merchantOrderId: 'AMT-BAD-1' }), undefined);
  });
});

describe('signatures', () => {
  test('the sign content is sorted by key, skips empty values and sign, and keeps values raw', () => {
    const content = buildSignContent({ timestamp: '2026-01-02 03:04:05', app_id: '2021', sign: 'xxx', empty: '', biz_content: '{"a":"b&c=d"}', method: 'alipay.trade.query', sign_type: 'RSA2' });
    assert.equal(content, 'app_id=2021&biz_content={"a":"b&c=d"}&method=alipay.trade.query&sign_type=RSA2&timestamp=2026-01-02 03:04:05');
    assert.equal(buildSignContent({ b: '2', a: '1', sign_type: 'RSA2' }, { exclude: ['sign_type'] }), 'a=1&b=2');
  });

  test('verifyRsa answers false, never throws, for a malformed signature or key', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const good = signRsa('RSA-SHA256', 'hello', privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    assert.equal(verifyRsa('RSA-SHA256', 'hello', good, publicKey.export({ type: 'spki', format: 'pem' }).toString()), true);
    assert.equal(verifyRsa('RSA-SHA256', 'hello', 'not base64!', alipayPublicKey), false);
    assert.equal(verifyRsa('RSA-SHA256', 'hello', '', alipayPublicKey), false);
    assert.equal(verifyRsa('RSA-SHA256', 'hello', good, 'not a key'), false);
  });

  test('the response signature covers the exact node substring, slashes escaped as the gateway writes them', async () => {
    const answer = await precreate('SIG-1', '10.00');
    const key = '"alipay_trade_precreate_response":';
    const start = answer.text.indexOf(key) + key.length;
    const end = answer.text.lastIndexOf(',"sign":"');
    const substring = answer.text.slice(start, end);
    const sign = (JSON.parse(answer.text) as { sign: string }).sign;
    assert.match(substring, /"qr_code":"http:\\\/\\\/127\.0\.0\.1/);
    assert.equal(verifyRsa('RSA-SHA256', substring, sign, alipayPublicKey), true);
    // A merchant that re-serialises the parsed node verifies different bytes and fails.
    assert.equal(verifyRsa('RSA-SHA256', JSON.stringify(JSON.parse(substring)), sign, alipayPublicKey), false);
  });

  test('errors are signed too', async () => {
    const answer = await gateway('alipay.trade.query', { out_trade_no: 'NO-SUCH-TRADE' });
    assert.deepEqual(answer.node, { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.TRADE_NOT_EXIST', sub_msg: '交易不存在' });
    const sign = (JSON.parse(answer.text) as { sign: string }).sign;
    assert.equal(verifyRsa('RSA-SHA256', JSON.stringify(answer.node), sign, alipayPublicKey), true);
  });
});

describe('the gateway', () => {
  test('a missing method is answered in error_response with 40001 isv.missing-method', async () => {
    const answer = await gateway('alipay.trade.query', {}, { drop: ['method'] });
    assert.deepEqual(answer.node, { code: '40001', msg: 'Missing Required Arguments', sub_code: 'isv.missing-method', sub_msg: '缺少方法名参数' });
    assert.ok(answer.text.startsWith('{"error_response":'));
  });

  test('an unknown method is answered with 40002 isv.invalid-method', async () => {
    const answer = await gateway('alipay.trade.nonsense', {});
    assert.deepEqual(answer.node, { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-method', sub_msg: '不存在的方法名' });
  });

  const missing: [string, string, string][] = [
    ['sign', 'isv.missing-signature', '缺少签名参数'],
    ['sign_type', 'isv.missing-signature-type', '缺少签名类型参数'],
    ['app_id', 'isv.missing-app-id', '缺少appId参数'],
    ['timestamp', 'isv.missing-timestamp', '缺少时间戳参数'],
    ['version', 'isv.missing-version', '缺少版本参数'],
  ];
  for (const [param, subCode, subMsg] of missing) {
    test(`a request without ${param} gets 40001 ${subCode}`, async () => {
      const answer = await gateway('alipay.trade.query', { out_trade_no: 'X' }, { drop: [param] });
      assert.deepEqual(answer.node, { code: '40001', msg: 'Missing Required Arguments', sub_code: subCode, sub_msg: subMsg });
    });
  }

  test("another app's app_id gets 40002 isv.invalid-app-id", async () => {
    const answer = await gateway('alipay.trade.query', { out_trade_no: 'X' }, { extra: { app_id: '2021009999999999' } });
    assert.deepEqual(answer.node, { code: '40002', msg: 'Invalid Arguments', sub_code: 'isv.invalid-app-id', sub_msg: '无效的AppID参数' });
  });

  test('a signature by another key gets 40002 isv.invalid-signature with the string the gateway verified', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const answer = await gateway('alipay.trade.query', { out_trade_no: 'X' }, { privateKey: other });
    assert.equal(answer.node.code, '40002');
    assert.equal(answer.node.sub_code, 'isv.invalid-signature');
    assert.equal(
      answer.node.sub_msg,
      '验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：app_id=2021000000000001&amp;biz_content={"out_trade_no":"X"}&amp;charset=utf-8&amp;method=alipay.trade.query&amp;sign_type=RSA2&amp;timestamp=2026-01-02 03:04:05&amp;version=1.0',
    );
    assert.deepEqual(requests('alipay.trade.query').at(-1)?.error, { code: 'isv.invalid-signature', message: answer.node.sub_msg });
  });

  test('a GBK form body signed over GBK bytes is accepted and decoded', async () => {
    const params: Record<string, string> = {
      ...common('alipay.trade.precreate'),
      charset: 'GBK',
      biz_content: JSON.stringify({ out_trade_no: 'GBK-1', total_amount: '9.90', subject: '中文标题＋符号' }),
    };
    params.sign = signRsa('RSA-SHA256', encodeGbk(buildSignContent(params)), appPrivateKey);
    const body = Object.entries(params)
      .map(([k, v]) => `${k}=${[...encodeGbk(v)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')}`)
      .join('&');
    const res = await fetch(info.gateway, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=GBK' }, body });
    const node = (JSON.parse(await res.text()) as Record<string, Record<string, string>>).alipay_trade_precreate_response;
    assert.equal(node.code, '10000');
    assert.equal(orderOf('GBK-1').data.subject, '中文标题＋符号');
  });

  test('re-precreating an open trade returns it; another amount is ACQ.CONTEXT_INCONSISTENT; a paid one ACQ.TRADE_HAS_SUCCESS', async () => {
    const first = await precreate('RE-1', '20.00');
    const again = await precreate('RE-1', '20.00');
    assert.equal(again.node.code, '10000');
    assert.equal(again.node.qr_code, first.node.qr_code);
    assert.equal(sandbox.ledger.list({ provider: 'alipay' }).filter((o) => o.merchantOrderId === 'RE-1').length, 1);
    assert.equal((await precreate('RE-1', '21.00')).node.sub_code, 'ACQ.CONTEXT_INCONSISTENT');
    await pay('RE-1');
    assert.equal((await precreate('RE-1', '20.00')).node.sub_code, 'ACQ.TRADE_HAS_SUCCESS');
  });

  test('an unavailable fault answers 20000 isp.unknow-error without creating the trade', async () => {
    sandbox.faults.add({ provider: 'alipay', api: 'alipay.trade.precreate', kind: 'unavailable', remaining: 1 });
    const answer = await precreate('FAULT-1', '10.00');
    assert.deepEqual(answer.node, { code: '20000', msg: 'Service Currently Unavailable', sub_code: 'isp.unknow-error', sub_msg: '系统繁忙' });
    assert.equal(sandbox.ledger.find('alipay', { merchantOrderId: 'FAULT-1' }), undefined);
    assert.equal(requests('alipay.trade.precreate').at(-1)?.fault, 'unavailable');
    assert.equal((await precreate('FAULT-1', '10.00')).node.code, '10000');
  });

  test('a signed page.pay link redirects the browser to the cashier, and a tampered one shows the error page', async () => {
    const params: Record<string, string> = {
      ...common('alipay.trade.page.pay'),
      notify_url: notifyUrl,
      return_url: 'http://127.0.0.1:1/return',
      biz_content: JSON.stringify({ out_trade_no: 'PAGE-1', total_amount: '66.60', subject: 'page', product_code: 'FAST_INSTANT_TRADE_PAY' }),
    };
    params.sign = signRsa('RSA-SHA256', buildSignContent(params), appPrivateKey);
    const res = await fetch(`${info.gateway}?${new URLSearchParams(params)}`, { redirect: 'manual' });
    assert.equal(res.status, 302);
    const order = orderOf('PAGE-1');
    assert.equal(res.headers.get('location'), `${info.cashierUrl}/${order.providerOrderId}`);
    assert.equal(order.data.product_code, 'FAST_INSTANT_TRADE_PAY');
    assert.equal(order.data.return_url, 'http://127.0.0.1:1/return');
    assert.equal(requests('alipay.trade.page.pay').at(-1)?.fields?.total_amount, '66.60');

    const tampered = new URLSearchParams({ ...params, biz_content: params.biz_content.replace('66.60', '0.01') });
    const refused = await fetch(`${info.gateway}?${tampered}`, { redirect: 'manual' });
    assert.equal(refused.status, 200);
    assert.match(await refused.text(), /错误代码 invalid-signature 错误原因: 验签出错/);
  });
});

describe('trades and refunds', () => {
  test('a refund above the refundable amount is refused with ACQ.REASON_TRADE_REFUND_FEE_ERR and books nothing', async () => {
    await precreate('OVER-1', '88.00');
    await pay('OVER-1');
    const answer = await gateway('alipay.trade.refund', { out_trade_no: 'OVER-1', refund_amount: '88.01', out_request_no: 'too-much' });
    assert.deepEqual(answer.node, { code: '40004', msg: 'Business Failed', sub_code: 'ACQ.REASON_TRADE_REFUND_FEE_ERR', sub_msg: '退款金额无效', refund_fee: '0.00', send_back_fee: '0.00' });
    assert.equal(orderOf('OVER-1').refunded, 0);
    assert.equal(orderOf('OVER-1').status, 'paid');
    assert.equal(requests('alipay.trade.refund').at(-1)?.error?.code, 'ACQ.REASON_TRADE_REFUND_FEE_ERR');
  });

  test('a repeated out_request_no refunds once; the same number with another amount is ACQ.DISCORDANT_REPEAT_REQUEST', async () => {
    await precreate('DUP-1', '50.00');
    await pay('DUP-1');
    const first = await gateway('alipay.trade.refund', { out_trade_no: 'DUP-1', refund_amount: '10.00', out_request_no: 'DUP-R1' });
    const second = await gateway('alipay.trade.refund', { out_trade_no: 'DUP-1', refund_amount: '10.00', out_request_no: 'DUP-R1' });
    assert.equal(first.node.fund_change, 'Y');
    assert.equal(second.node.fund_change, 'N');
    assert.equal(second.node.refund_fee, '10.00');
    assert.equal(orderOf('DUP-1').refunds.length, 1);
    assert.equal(orderOf('DUP-1').refunded, 1000);
    const other = await gateway('alipay.trade.refund', { out_trade_no: 'DUP-1', refund_amount: '11.00', out_request_no: 'DUP-R1' });
    assert.equal(other.node.sub_code, 'ACQ.DISCORDANT_REPEAT_REQUEST');
  });

  test('a partial refund without out_request_no is ACQ.REFUND_AMT_NOT_EQUAL_TOTAL; an unpaid trade cannot be refunded', async () => {
    await precreate('NOREQ-1', '50.00');
    assert.equal((await gateway('alipay.trade.refund', { out_trade_no: 'NOREQ-1', refund_amount: '50.00' })).node.sub_code, 'ACQ.TRADE_STATUS_ERROR');
    await pay('NOREQ-1');
    assert.equal((await gateway('alipay.trade.refund', { out_trade_no: 'NOREQ-1', refund_amount: '20.00' })).node.sub_code, 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL');
    const full = await gateway('alipay.trade.refund', { out_trade_no: 'NOREQ-1', refund_amount: '50.00' });
    assert.equal(full.node.fund_change, 'Y');
    const query = await gateway('alipay.trade.fastpay.refund.query', { out_trade_no: 'NOREQ-1', out_request_no: 'NOREQ-1' });
    assert.equal(query.node.refund_amount, '50.00');
    const unknown = await gateway('alipay.trade.fastpay.refund.query', { out_trade_no: 'NOREQ-1', out_request_no: 'nope' });
    assert.deepEqual(unknown.node, { code: '10000', msg: 'Success' });
  });

  test('a full refund closes the trade and sends a TRADE_CLOSED refund notify with out_biz_no', async () => {
    await precreate('FULL-1', '20.00');
    await pay('FULL-1');
    // The refund notify is not awaited by the refund answer; wait for its journal entry instead.
    const journaled = new Promise<CallbackEntry>((resolve) => {
      const stop = sandbox.journal.subscribe((e) => {
        if (e.kind === 'callback' && e.event === 'refund' && e.orderRef === orderOf('FULL-1').ref) {
          stop();
          resolve(e);
        }
      });
    });
    const answer = await gateway('alipay.trade.refund', { out_trade_no: 'FULL-1', refund_amount: '20.00', out_request_no: 'full-1' });
    assert.equal(answer.node.refund_fee, '20.00');
    const order = orderOf('FULL-1');
    assert.equal(order.status, 'refunded');
    assert.equal(order.providerState, 'TRADE_CLOSED');
    const entry = await journaled;
    assert.equal(entry.acked, true);
    const notify = Object.fromEntries(new URLSearchParams(entry.request.body));
    assert.equal(notify.out_biz_no, 'full-1');
    assert.equal(notify.trade_status, 'TRADE_CLOSED');
    assert.equal(notify.refund_fee, '20.00');
    assert.match(notify.gmt_refund, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);
  });

  test('timeout_express closes an unpaid trade on the virtual clock and notifies TRADE_CLOSED', async () => {
    await precreate('TIMEOUT-1', '10.00', { timeout_express: '5m' });
    const before = notifies.length;
    await sandbox.clock().advance(4 * 60_000);
    assert.equal(orderOf('TIMEOUT-1').status, 'pending');
    await sandbox.clock().advance(60_000);
    assert.equal(orderOf('TIMEOUT-1').providerState, 'TRADE_CLOSED');
    const notify = notifies.slice(before).find((n) => n.out_trade_no === 'TIMEOUT-1');
    assert.equal(notify?.trade_status, 'TRADE_CLOSED');
    assert.equal((await sandbox.runtime('alipay').buyer('pay', orderOf('TIMEOUT-1'), {})).ok, false);
  });

  test('decline fails the attempt but keeps WAIT_BUYER_PAY; abandon changes nothing; a declined trade can still be paid', async () => {
    await precreate('DECLINE-1', '10.00');
    const runtime = sandbox.runtime('alipay');
    assert.equal((await runtime.buyer('abandon', orderOf('DECLINE-1'), {})).ok, true);
    assert.equal(orderOf('DECLINE-1').status, 'pending');
    const declined = await runtime.buyer('decline', orderOf('DECLINE-1'), {});
    assert.deepEqual(declined, { ok: true, deliveries: [] });
    assert.equal(orderOf('DECLINE-1').status, 'failed');
    assert.equal(orderOf('DECLINE-1').providerState, 'WAIT_BUYER_PAY');
    assert.equal((await gateway('alipay.trade.query', { out_trade_no: 'DECLINE-1' })).node.trade_status, 'WAIT_BUYER_PAY');
    await pay('DECLINE-1');
    assert.equal(orderOf('DECLINE-1').providerState, 'TRADE_SUCCESS');
  });
});

describe('notifies', () => {
  test('only a 2xx "success", in any case and with nothing around it, acknowledges a notify', () => {
    const runtime = sandbox.runtime('alipay');
    const table: [number, string, boolean][] = [
      [200, 'success', true],
      [200, 'SUCCESS', true],
      [204, 'Success', true],
      [200, 'success\n', false],
      [200, ' success', false],
      [200, '<html>success</html>', false],
      [200, '"success"', false],
      [200, 'fail', false],
      [500, 'success', false],
    ];
    for (const [status, body, ack] of table) assert.equal(runtime.isAck({ status, body }), ack, `${status} ${JSON.stringify(body)}`);
  });

  test("the default retry schedule is Alipay's 4m, 10m, 10m, 1h, 2h, 6h, 15h", () => {
    assert.deepEqual(sandbox.runtime('alipay').retrySchedule, [240_000, 600_000, 600_000, 3_600_000, 7_200_000, 21_600_000, 54_000_000]);
  });

  test('a notify whose ack was lost is re-sent 4 minutes later on the scenario clock, keeping its notify_id', async () => {
    await precreate('RETRY-1', '10.00');
    const order = orderOf('RETRY-1');
    const clock = sandbox.clock('retry-scenario');
    const result = await sandbox.runtime('alipay').buyer('pay', order, { scenarioId: 'retry-scenario', notify: { dropAcks: 1 } });
    const [first] = (await Promise.all(result.deliveries)) as CallbackEntry[];
    assert.equal(first.acked, false);
    const attempts = () => sandbox.dispatcher.attempts(first.deliveryId);
    await clock.advance(3 * 60_000);
    assert.equal(attempts().length, 1);
    await clock.advance(60_000);
    assert.equal(attempts().length, 2);
    assert.equal(attempts()[1].acked, true);
    assert.equal(attempts()[1].at - attempts()[0].at, 4 * 60_000);
    const ids = attempts().map((a) => new URLSearchParams(a.request.body).get('notify_id'));
    assert.equal(ids[0], ids[1]);
  });

  test('a notify keeps its notify_id across attempts and is signed over the sorted fields without sign and sign_type', async () => {
    await precreate('NID-1', '10.00');
    const runtime = sandbox.runtime('alipay');
    const build = (attempt: number, at: number) =>
      Object.fromEntries(new URLSearchParams(runtime.buildCallback({ order: orderOf('NID-1'), event: 'trade.success', variant: { signer: 'provider' }, attempt, at, deliveryKey: 'dlv-x' }).body));
    const first = build(1, Date.UTC(2026, 0, 1));
    const retry = build(2, Date.UTC(2026, 0, 1, 0, 4));
    assert.equal(first.notify_id, retry.notify_id);
    assert.notEqual(first.notify_time, retry.notify_time);
    assert.equal(first.notify_time, '2026-01-01 08:00:00');
    const { sign, sign_type: signType, ...rest } = first;
    assert.equal(signType, 'RSA2');
    assert.equal(verifyRsa('RSA-SHA256', buildSignContent(rest), sign, alipayPublicKey), true);
    const stale = Object.fromEntries(new URLSearchParams(runtime.buildCallback({ order: orderOf('NID-1'), event: 'trade.success', variant: { signer: 'provider', staleByMs: 3_600_000 }, attempt: 1, at: Date.UTC(2026, 0, 1), deliveryKey: 'dlv-x' }).body));
    assert.equal(stale.notify_time, '2026-01-01 07:00:00');
  });
});

describe('bills', () => {
  test("today's bill does not exist yet: isv.invalid_arguments", async () => {
    const today = new Date(sandbox.clock().now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const answer = await gateway('alipay.data.dataservice.bill.downloadurl.query', { bill_type: 'trade', bill_date: today });
    assert.deepEqual(answer.node, { code: '40004', msg: 'Business Failed', sub_code: 'isv.invalid_arguments', sub_msg: '入参不合法' });
  });

  test('the bill download URL serves a GBK zip whose detail CSV lists the paid trade and its refund, and expires after 30 virtual seconds', async () => {
    await precreate('BILL-1', '88.00');
    await pay('BILL-1');
    await gateway('alipay.trade.refund', { out_trade_no: 'BILL-1', refund_amount: '8.00', out_request_no: 'BILL-R1' });
    const order = orderOf('BILL-1');
    const day = new Date(order.paidAt! + 8 * 3_600_000).toISOString().slice(0, 10);
    await sandbox.clock().advance(86_400_000);

    const answer = await gateway('alipay.data.dataservice.bill.downloadurl.query', { bill_type: 'trade', bill_date: day });
    assert.equal(answer.node.code, '10000');
    const url = answer.node.bill_download_url;
    const compact = day.replaceAll('-', '');
    assert.ok(url.startsWith(`${info.url}/downloadBillFile.resource?bizType=trade&`), url);
    assert.match(url, new RegExp(`bizDates=${compact}&downloadFileName=20880000000000010156_${compact}\\.csv\\.zip&`));

    const res = await fetch(url);
    assert.equal(res.status, 200);
    const entries = unzip(Buffer.from(await res.arrayBuffer()));
    assert.deepEqual(
      entries.map((e) => gbk.decode(e.name)),
      [`20880000000000010156_${compact}_业务明细.csv`, `20880000000000010156_${compact}_业务明细(汇总).csv`],
    );
    assert.equal(entries[0].flags & 0x800, 0, 'names are GBK, not flagged UTF-8');
    const lines = gbk.decode(entries[0].data).split('\n');
    const [y, m, d] = day.split('-');
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10).split('-');
    assert.equal(lines[0], '#支付宝业务明细查询');
    assert.equal(lines[1], '#账号：[20880000000000010156]');
    assert.equal(lines[2], `#起始日期：[${y}年${m}月${d}日 00:00:00]   终止日期：[${next[0]}年${next[1]}月${next[2]}日 00:00:00]`);
    assert.equal(lines[3], '#-----------------------------------------业务明细列表----------------------------------------');
    assert.equal(
      lines[4],
      '支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注',
    );
    const rows = lines.filter((l) => l.startsWith(`${order.providerOrderId}\t,`));
    assert.equal(rows.length, 2);
    const trade = rows[0].split(',');
    assert.equal(trade.length, 25);
    assert.deepEqual(trade.slice(0, 4), [`${order.providerOrderId}\t`, 'BILL-1\t', '交易\t', '测试商品']);
    assert.deepEqual(trade.slice(10, 13), ['**家(tes***@example.com)\t', '88.00', '88.00']);
    const refund = rows[1].split(',');
    assert.deepEqual([refund[2], refund[11], refund[12], refund[21]], ['退款\t', '-8.00', '-8.00', 'BILL-R1\t']);
    const end = lines.indexOf('#-----------------------------------------业务明细列表结束------------------------------------');
    assert.ok(end > 5);
    assert.match(lines[end + 1], /^#交易合计：\d+笔，商家实收共[\d.]+元，商家优惠共0\.00元$/);
    assert.match(lines[end + 2], /^#退款合计：\d+笔，商家实收退款共-[\d.]+元，商家优惠退款共0\.00元$/);
    assert.match(lines[end + 3], /^#导出时间：\[\d{4}年\d{2}月\d{2}日 \d{2}:\d{2}:\d{2}\]$/);
    assert.match(gbk.decode(entries[1].data), /^#支付宝业务汇总查询\n/);
    assert.equal(requests('bill.download').at(-1)?.response.status, 200);

    await sandbox.clock().advance(31_000);
    const expired = await fetch(url);
    assert.equal(expired.status, 403);
    assert.match(await expired.text(), /下载链接已失效/);
    assert.equal(requests('bill.download').at(-1)?.error?.code, 'BILL_LINK_EXPIRED');
  });
});

describe('the journal', () => {
  test('an unknown route is journaled as unhandled and answered 404 naming method, path and routes', async () => {
    const res = await fetch(`${info.url}/v1/does/not/exist`, { method: 'DELETE' });
    assert.equal(res.status, 404);
    assert.match(await res.text(), /^payprobe alipay sandbox: no route for DELETE \/v1\/does\/not\/exist\. Routes: GET\|POST \/gateway\.do, GET \/downloadBillFile\.resource/);
    const entry = requests().at(-1)!;
    assert.equal(entry.unhandled, true);
    assert.equal(entry.path, '/v1/does/not/exist');
    assert.equal(entry.api, undefined);
  });

  test('a gateway call is journaled with its api and business fields, private keys redacted and nothing else', async () => {
    const answer = await precreate('JOURNAL-1', '88.00');
    const entry = requests('alipay.trade.precreate').at(-1)!;
    assert.equal(entry.fields?.out_trade_no, 'JOURNAL-1');
    assert.equal(entry.fields?.total_amount, '88.00');
    assert.equal(entry.fields?.notify_url, notifyUrl);
    assert.equal(entry.orderRef, orderOf('JOURNAL-1').ref);
    assert.equal(entry.response.body, answer.text, 'the signed answer is kept whole');
    assert.match(entry.request.body, /^biz_content=/);
    assert.ok(!entry.request.body.includes('[redacted]'));
    const everything = JSON.stringify(sandbox.journal.all());
    const secretLine = appPrivateKey.split('\n')[1];
    assert.ok(!everything.includes(secretLine));
    // Public keys are not secrets: the sandbox may show them.
    assert.ok(createPublicKey(alipayPublicKey));
  });
});

describe('keys', () => {
  test('missing keys are generated with private keys readable by the owner only', () => {
    for (const name of ['app_private_key.pem', 'alipay_private_key.pem']) {
      assert.equal(statSync(path.join(dir, '.payprobe/keys/alipay', name)).mode & 0o777, 0o600, name);
    }
    assert.match(appPrivateKey, /^-----BEGIN RSA PRIVATE KEY-----/);
  });

  test('missing keys without create are an error that says what to run', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'payprobe-alipay-nokeys-'));
    try {
      await assert.rejects(
        alipay.loadKeys(alipayConfigSchema.parse({ keys: 'keys' }), { baseDir: empty, create: false }),
        (e: unknown) =>
          e instanceof ProviderError &&
          e.code === 'KEYS_MISSING' &&
          e.message === `Cannot start the alipay sandbox: ${path.join(empty, 'keys')} has no app_private_key.pem, app_public_key.pem, alipay_private_key.pem. Run \`payprobe init\` to generate the sandbox keys, or point providers.alipay.keys at the folder that holds them.`,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  test('the config schema fills in the defaults and refuses unknown keys', () => {
    assert.deepEqual(alipayConfigSchema.parse({}), {
      appId: '2021000000000001',
      keys: '.payprobe/keys/alipay',
      sellerId: '2088000000000001',
      notifyRetry: ['4m', '10m', '10m', '1h', '2h', '6h', '15h'],
      signType: 'RSA2',
    });
    assert.equal(alipayConfigSchema.safeParse({ appid: 'x' }).success, false);
    assert.equal(alipayConfigSchema.safeParse({ notifyRetry: ['soon'] }).success, false);
  });
});
