import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AlipaySdk } from 'alipay-sdk';
import { freePort } from '../../src/runner/free-port.ts';
import { cli, ROOT } from './helpers.ts';

// `payprobe sandbox --json` + the reference merchant + `payprobe trigger`, as a developer would run them.
let dir: string;
let sandbox: ChildProcess;
let merchant: ChildProcess | undefined;
let ready: { event: string; providers: Record<string, Record<string, string>> };
const lines: string[] = [];
let merchantPort: number;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'payprobe-sandbox-'));
  merchantPort = await freePort();
  await writeFile(
    path.join(dir, 'payprobe.config.yaml'),
    `merchant:\n  baseUrl: http://127.0.0.1:${merchantPort}\n  callbacks: { alipay: /notify/alipay }\nproviders:\n  alipay: {}\nsandbox:\n  ports: { alipay: 0 }\n`,
  );
  sandbox = spawn(process.execPath, [`${ROOT}bin/payprobe.js`, 'sandbox', '--json'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  let buffer = '';
  await new Promise<void>((resolve, reject) => {
    sandbox.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
    sandbox.stdout!.on('data', (d) => {
      buffer += d;
      const parts = buffer.split('\n');
      buffer = parts.pop()!;
      for (const line of parts) {
        lines.push(line);
        if (lines.length === 1) resolve();
      }
    });
  });
  ready = JSON.parse(lines[0]);
});

after(async () => {
  merchant?.kill('SIGTERM');
  if (sandbox.exitCode === null) {
    sandbox.kill('SIGINT');
    await new Promise((r) => sandbox.once('exit', r));
  }
});

describe('payprobe sandbox --json', () => {
  test('prints exactly one ready line first, with what alipay-sdk needs', () => {
    assert.equal(ready.event, 'ready');
    const alipay = ready.providers.alipay;
    for (const key of ['url', 'gateway', 'endpoint', 'appId', 'appPrivateKeyPath', 'alipayPublicKeyPath']) assert.ok(alipay[key], `ready line has alipay.${key}`);
    assert.match(alipay.gateway, /^http:\/\/127\.0\.0\.1:\d+\/gateway\.do$/);
  });

  test('the official alipay-sdk configured only from the ready line completes precreate and query', async () => {
    const info = ready.providers.alipay;
    const sdk = new AlipaySdk({ appId: info.appId, gateway: info.gateway, endpoint: info.endpoint, privateKey: readFileSync(info.appPrivateKeyPath, 'utf8'), alipayPublicKey: readFileSync(info.alipayPublicKeyPath, 'utf8') });
    const pre = await sdk.exec('alipay.trade.precreate', { bizContent: { outTradeNo: 'READY-1', totalAmount: '9.90', subject: 'ready line' } }, { validateSign: true });
    assert.equal(pre.code, '10000');
    const query = await sdk.exec('alipay.trade.query', { bizContent: { outTradeNo: 'READY-1' } }, { validateSign: true });
    assert.equal(query.tradeStatus, 'WAIT_BUYER_PAY');
    assert.equal(query.totalAmount, '9.90');
    // Then one JSON line per journal entry.
    await new Promise((r) => setTimeout(r, 100));
    const entries = lines.slice(1).map((l) => JSON.parse(l));
    assert.ok(entries.some((e) => e.event === 'journal' && e.entry.api === 'alipay.trade.precreate'));
    assert.ok(entries.some((e) => e.event === 'journal' && e.entry.api === 'alipay.trade.query'));
  });
});

describe('payprobe trigger against the reference merchant', () => {
  before(async () => {
    const env = JSON.parse((await cli(['env', '--format', 'json'], { cwd: dir })).stdout);
    // The running sandbox listens on a free port: take its URLs from the ready line, as env would with fixed ports.
    const info = ready.providers.alipay;
    merchant = spawn(process.execPath, ['server.mjs'], {
      cwd: `${ROOT}fixtures/merchants/reference`,
      env: { ...process.env, ...env, PAYPROBE_ALIPAY_GATEWAY: info.gateway, PORT: String(merchantPort) },
      stdio: 'ignore',
    });
    for (let i = 0; i < 100; i++) {
      const ok = await fetch(`http://127.0.0.1:${merchantPort}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const res = await fetch(`http://127.0.0.1:${merchantPort}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ provider: 'alipay', amount: '12.50' }) });
    assert.equal(res.status, 201);
  });

  test('a forged trade.success is shown being rejected by the merchant', async () => {
    const { code, stdout } = await cli(['trigger', 'alipay', 'trade.success', '--variant', 'forged'], { cwd: dir });
    assert.equal(code, 0, stdout);
    assert.match(stdout, /^alipay trade\.success \(forged\) for order ORD\w+ of the running sandbox/);
    assert.match(stdout, /← HTTP 400 "fail" \(.* ms\) {2}not acknowledged \(rejected\)/);
    assert.match(stdout, /The merchant rejected it, as it should\./);
  });

  test('a genuine trade.success is acknowledged and the order is paid', async () => {
    const { code, stdout } = await cli(['trigger', 'alipay', 'trade.success'], { cwd: dir });
    assert.equal(code, 0, stdout);
    assert.match(stdout, /← HTTP 200 "success" \(.* ms\) {2}acknowledged/);
    assert.match(stdout, /The merchant acknowledged it, as it should\./);
  });

  test('a tampered variant without --tamper is a usage error', async () => {
    const { code, stderr } = await cli(['trigger', 'alipay', 'trade.success', '--variant', 'tampered'], { cwd: dir });
    assert.equal(code, 2);
    assert.equal(stderr, '--variant tampered needs --tamper field=value (the change made after signing).\n');
  });
});

describe('stopping', () => {
  test('Ctrl-C stops the sandbox cleanly, exit 0, and removes its state file', async () => {
    const { existsSync } = await import('node:fs');
    const state = path.join(dir, '.payprobe/sandbox.json');
    assert.ok(existsSync(state), 'a running sandbox leaves its URLs for trigger');
    sandbox.kill('SIGINT');
    const code = await new Promise<number | null>((r) => sandbox.once('exit', r));
    assert.equal(code, 0);
    assert.equal(existsSync(state), false);
  });
});
