import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { cli, REFERENCE_CONFIG } from './helpers.ts';

const project = async (config: string): Promise<string> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'payprobe-cmd-'));
  await writeFile(path.join(dir, 'payprobe.config.yaml'), config);
  return dir;
};

const MINIMAL = 'merchant:\n  baseUrl: http://127.0.0.1:3000\n  hooks:\n    checkout: { path: /orders, capture: { orderId: $.id } }\nproviders:\n  alipay: {}\n';

test('env prints the PAYPROBE_* variables in dotenv, shell and JSON forms', async () => {
  const dir = await project(MINIMAL);
  const dotenv = await cli(['env'], { cwd: dir });
  assert.equal(dotenv.code, 0);
  assert.match(dotenv.stdout, /^PAYPROBE_ALIPAY_URL=http:\/\/127\.0\.0\.1:4101$/m);
  assert.match(dotenv.stdout, /^PAYPROBE_ALIPAY_GATEWAY=http:\/\/127\.0\.0\.1:4101\/gateway\.do$/m);
  assert.match(dotenv.stdout, /^PAYPROBE_ALIPAY_APP_ID=2021000000000001$/m);
  assert.match(dotenv.stdout, new RegExp(`^PAYPROBE_ALIPAY_APP_PRIVATE_KEY_PATH=${dir}/\\.payprobe/keys/alipay/app_private_key\\.pem$`, 'm'));
  const shell = await cli(['env', '--format', 'shell'], { cwd: dir });
  assert.match(shell.stdout, /^export PAYPROBE_ALIPAY_GATEWAY='http:\/\/127\.0\.0\.1:4101\/gateway\.do'$/m);
  const json = JSON.parse((await cli(['env', '--format', 'json'], { cwd: dir })).stdout);
  assert.equal(json.PAYPROBE_ALIPAY_ENDPOINT, 'http://127.0.0.1:4101');
  const bad = await cli(['env', '--format', 'yaml'], { cwd: dir });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /argument 'yaml' is invalid\. Allowed choices are dotenv, shell, json\./);
});

test('list shows each scenario, the hooks it needs and whether the config has them', async () => {
  const dir = await project(MINIMAL);
  const { code, stdout } = await cli(['list'], { cwd: dir });
  assert.equal(code, 0);
  assert.match(stdout, /^alipay\/forged-notify +skipped: no status hook {2}hooks checkout, status · callback-security · catches A1$/m);
  assert.match(stdout, /^\d+ scenarios, 0 runnable with this config\.$/m);
  const ref = JSON.parse((await cli(['list', '--json', '--config', REFERENCE_CONFIG])).stdout) as { id: string; runnable: boolean; hooks: string[] }[];
  assert.ok(ref.length >= 12 && ref.every((r) => r.runnable));
  assert.deepEqual(ref.find((r) => r.id === 'alipay/bill-download')?.hooks, ['checkout', 'reconcile', 'status']);
});

test('a live Stripe key in the environment the merchant inherits is refused with exit 2, before anything starts', async () => {
  const dir = await project(`${MINIMAL}  \nsandbox: { ports: { alipay: 0 } }\n`.replace('merchant:\n', 'merchant:\n  start: { command: "node -e 0" }\n'));
  const { code, stderr, stdout } = await cli(['run'], { cwd: dir, env: { PAYMENT_KEY: 'sk_live_51Habc' } });
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /^Refusing to run: payprobe only works with sandbox credentials/);
  assert.match(stderr, /The environment variable PAYMENT_KEY, which the merchant would inherit, holds a live Stripe key \(sk_live_…\)\./);
  assert.doesNotMatch(stderr, /51Habc/, 'the key itself is never printed');
});

test('a production provider host in the config is refused with its location', async () => {
  const dir = await project(MINIMAL.replace('merchant:\n', 'merchant:\n  start: { command: "node -e 0", env: { ALIPAY_GATEWAY: "https://openapi.alipay.com/gateway.do" } }\n'));
  const { code, stderr } = await cli(['run'], { cwd: dir });
  assert.equal(code, 2);
  assert.match(stderr, /^payprobe\.config\.yaml:2:66 {2}The config holds the production host openapi\.alipay\.com\./m);
  assert.match(stderr, /The environment variable ALIPAY_GATEWAY, which the merchant would inherit, holds the production host openapi\.alipay\.com\./);
});

test('the sandbox binds 127.0.0.1 by default', async () => {
  const { stdout } = await cli(['list', '--json', '--config', REFERENCE_CONFIG]);
  assert.ok(stdout.length > 0);
  const config = await import('../../src/config/schema.ts');
  assert.equal(config.configSchema.parse({ merchant: { baseUrl: 'http://x' }, providers: { alipay: {} } }).sandbox.host, '127.0.0.1');
});

test('--shard splits the suite into disjoint parts that together cover it', async () => {
  const { runSuite } = await import('../../src/runner/run-suite.ts');
  const { ROOT } = await import('./helpers.ts');
  const { listScenarios } = await import('../../src/runner/list-scenarios.ts');
  const all = (await listScenarios({ cwd: ROOT, configPath: REFERENCE_CONFIG })).map((s) => s.id).sort();
  const seen: string[] = [];
  for (const index of [1, 2]) {
    const { result } = await runSuite({ cwd: ROOT, configPath: REFERENCE_CONFIG, shard: { index, count: 2 }, grep: /alipay\/(forged|unsigned|other-app|underpaid)/ });
    seen.push(...result.scenarios.map((s) => s.scenario.id));
  }
  assert.deepEqual(seen.sort(), all.filter((id) => /alipay\/(forged|unsigned|other-app|underpaid)/.test(id)));
  const bad = await cli(['run', '--config', REFERENCE_CONFIG, '--shard', '0/2']);
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr, '--shard 0/2 is not i/n with 1 <= i <= n (e.g. --shard 2/4).\n');
});
