import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { cli, ROOT } from './helpers.ts';

test('--version prints the package version', async () => {
  const { code, stdout } = await cli(['--version']);
  const { version } = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(`${ROOT}package.json`, 'utf8')));
  assert.equal(code, 0);
  assert.equal(stdout, `${version}\n`);
});

test('--help lists the commands and run --help shows an example and the exit codes', async () => {
  const top = await cli(['--help']);
  assert.equal(top.code, 0);
  assert.match(top.stdout, /run \[options\] \[paths\.\.\.\]/);
  assert.match(top.stdout, /validate \[options\] \[paths\.\.\.\]/);
  const run = await cli(['run', '--help']);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /\$ payprobe run --grep refund/);
  assert.match(run.stdout, /Exit codes: 0 passed, 1 a scenario failed, 2 invalid config or scenario, 3 could not run, 130 interrupted\./);
});

test('an unknown command is a usage error with exit 2', async () => {
  const { code, stderr } = await cli(['frobnicate']);
  assert.equal(code, 2);
  assert.match(stderr, /unknown command 'frobnicate'/);
});

test('a scenario file with three mistakes gets three located errors and exit 2', async () => {
  const { code, stderr } = await cli(['validate', '--config', 'fixtures/merchants/reference/payprobe.config.yaml', 'test/fixtures/scenarios/three-mistakes.yaml']);
  assert.equal(code, 2);
  const located = stderr.split('\n').filter((l) => /^test\/fixtures\/scenarios\/three-mistakes\.yaml:\d+:\d+ {2}/.test(l));
  assert.equal(located.length, 3, stderr);
  assert.match(stderr, /^3 problems in 1 scenario file\./);
  assert.match(stderr, /three-mistakes\.yaml:7:12 {2}Alipay buyers cannot "pya"; they can pay, abandon, decline\. Did you mean "pay"\?/);
  assert.match(stderr, /three-mistakes\.yaml:8:37 {2}Unknown key "varient" in steps\[2\]\.notify\. Did you mean "variant"\?/);
  assert.match(stderr, /three-mistakes\.yaml:9:14 {2}steps\[3\]\.advance: must be a duration such as 500ms, 30s, 4m or 1h30m/);
  assert.match(stderr, />\s+8 \|   - notify: \{ event: trade\.success, varient: forged \}\n\s+\|\s+\^{7}/);
});

test('the same file makes run exit 2 before anything starts', async () => {
  const { code, stdout } = await cli(['run', '--config', 'fixtures/merchants/reference/payprobe.config.yaml', 'test/fixtures/scenarios/three-mistakes.yaml']);
  assert.equal(code, 2);
  assert.equal(stdout, '');
});

test('a missing config says how to create one, with exit 2', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'payprobe-'));
  const { code, stderr } = await cli(['run'], { cwd: dir });
  assert.equal(code, 2);
  assert.match(stderr, /No config at payprobe\.config\.yaml\. Run `payprobe init` to create one, or pass --config <path>\./);
});

test('an unreachable merchant gives exit 3 and says where payprobe looked', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'payprobe-'));
  await writeFile(
    path.join(dir, 'payprobe.config.yaml'),
    'merchant:\n  baseUrl: http://127.0.0.1:9\n  hooks: {}\nproviders:\n  alipay: { keys: keys }\nsandbox:\n  ports: { alipay: 0 }\n',
  );
  const { code, stderr } = await cli(['run'], { cwd: dir });
  assert.equal(code, 3);
  assert.match(stderr, /The merchant is not reachable at http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)\. Start it, or set merchant\.start in the config\./);
});

test('a taken sandbox port gives exit 3 and a sentence saying what to do', async () => {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
  const port = (blocker.address() as { port: number }).port;
  try {
    const dir = await mkdtemp(path.join(tmpdir(), 'payprobe-'));
    await writeFile(
      path.join(dir, 'payprobe.config.yaml'),
      `merchant:\n  baseUrl: http://127.0.0.1:9\nproviders:\n  alipay: { keys: keys }\nsandbox:\n  ports: { alipay: ${port} }\n`,
    );
    const { code, stderr } = await cli(['run'], { cwd: dir });
    assert.equal(code, 3);
    assert.equal(stderr, `Cannot start the alipay sandbox: port ${port} is in use. Free it, or set sandbox.ports.alipay: 0.\n`);
  } finally {
    blocker.close();
  }
});

test('a config with mistakes lists each with its location, exit 2', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'payprobe-'));
  await writeFile(path.join(dir, 'payprobe.config.yaml'), 'merchant:\n  baseURL: http://127.0.0.1:3000\nproviders:\n  alipay: { appid: "1" }\n');
  const { code, stderr } = await cli(['validate'], { cwd: dir });
  assert.equal(code, 2);
  assert.match(stderr, /payprobe\.config\.yaml:2:3 {2}Unknown key "baseURL" in merchant\. Did you mean "baseUrl"\?/);
  assert.doesNotMatch(stderr, /Missing required key "baseUrl"/, 'a misspelt key is reported once, as a typo');
  assert.match(stderr, /^payprobe\.config\.yaml has 2 problems\./);
  assert.match(stderr, /payprobe\.config\.yaml:4:13 {2}Unknown key "appid" in providers\.alipay\. Did you mean "appId"\?/);
});
