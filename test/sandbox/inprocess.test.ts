// In-process transport: a Node merchant calling Alipay's real origin with global fetch is answered
// by the sandbox, with no URL change; anything else off-host is refused.
import assert from 'node:assert/strict';
import { createSign, createVerify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { interceptInProcess, type InProcessTransport } from '../../src/sandbox/inprocess-transport.ts';
import { createSandbox, type Sandbox } from '../../src/sandbox/sandbox.ts';

let dir: string;
let sandbox: Sandbox;
let transport: InProcessTransport;

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'payprobe-inprocess-'));
  sandbox = await createSandbox({ providers: { alipay: {} }, baseDir: dir });
  transport = await interceptInProcess(sandbox);
});

after(async () => {
  transport.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a signed precreate sent to https://openapi.alipay.com/gateway.do with fetch is answered by the sandbox, signed', async () => {
  const keys = path.join(dir, '.payprobe/keys/alipay');
  const params: Record<string, string> = {
    app_id: '2021000000000001',
    method: 'alipay.trade.precreate',
    format: 'JSON',
    charset: 'utf-8',
    sign_type: 'RSA2',
    timestamp: '2026-11-25 12:00:00',
    version: '1.0',
    biz_content: JSON.stringify({ out_trade_no: 'INPROC-1', total_amount: '1.00', subject: 'in-process' }),
  };
  const content = Object.keys(params).sort().map((k) => `${k}=${params[k]}`).join('&');
  params.sign = createSign('RSA-SHA256').update(content).sign(readFileSync(path.join(keys, 'app_private_key.pem'), 'utf8'), 'base64');
  const res = await fetch('https://openapi.alipay.com/gateway.do', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' }, body: new URLSearchParams(params) });
  const text = await res.text();
  const node = /"alipay_trade_precreate_response":(\{.*?\}),"sign"/.exec(text)![1];
  const sign = JSON.parse(text).sign as string;
  assert.equal(JSON.parse(node).code, '10000');
  assert.ok(createVerify('RSA-SHA256').update(node).verify(readFileSync(path.join(keys, 'alipay_public_key.pem'), 'utf8'), sign, 'base64'));
  assert.equal(sandbox.ledger.find('alipay', { merchantOrderId: 'INPROC-1' })?.providerState, 'WAIT_BUYER_PAY');
});

test('a request to any other real host is refused, never sent', async () => {
  await assert.rejects(fetch('https://api.example.com/anything'), /fetch failed|\[MSW\]/);
});
