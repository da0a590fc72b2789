import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { parseXml } from '../support/xml.ts';
import { cli, REFERENCE_CONFIG, ROOT } from './helpers.ts';

test('a failure shows the step, its file:line:col, expected and actual, and the last exchange', async () => {
  const { code, stdout } = await cli(['run', '--config', REFERENCE_CONFIG, '--provider', 'alipay', '--grep', 'forged-notify'], { env: { BUGS: 'skip-notify-signature' } });
  assert.equal(code, 1);
  assert.match(stdout, / ✗ alipay\/forged-notify {2}a notify with a forged signature is rejected/);
  assert.match(stdout, /FAIL {2}alipay\/forged-notify/);
  assert.match(stdout, /step 2, notify trade\.success \(forged\) {2}scenarios\/alipay\/forged-notify\.yaml:10:5/);
  assert.match(stdout, /× 1 of 1 callback was acknowledged \(variant forged\)\n\s+expected a rejection\n\s+actual {3}HTTP 200 "success"/);
  assert.match(stdout, /last exchange:\n\s+trade\.success \(forged\) attempt 1 {2}POST http:\/\/127\.0\.0\.1:\d+\/notify\/alipay/);
  assert.match(stdout, /alipay callback-security {2}not ready {2}0 passed, 1 failed {2}catches A1/);
  assert.match(stdout, /Scenarios {2}1 failed \(1\)/);
  assert.doesNotMatch(stdout, /\x1b\[/, 'no colour when NO_COLOR is set');
});

test('the JSON report carries schemaVersion, failures and exchanges, and no ANSI codes or key material', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'payprobe-report-'));
  const file = path.join(dir, 'report.json');
  const { code } = await cli(['run', '--config', REFERENCE_CONFIG, '--provider', 'alipay', '--reporter', `json=${file}`, '--grep', 'forged|refund-partial'], { env: { BUGS: 'skip-notify-signature', FORCE_COLOR: '1' } });
  assert.equal(code, 1);
  const text = await readFile(file, 'utf8');
  assert.doesNotMatch(text, /\x1b\[/);
  const keyDir = path.join(ROOT, 'fixtures/merchants/reference/.payprobe/keys/alipay');
  for (const name of ['app_private_key.pem', 'alipay_private_key.pem']) {
    const pem = await readFile(path.join(keyDir, name), 'utf8');
    const body = pem.split('\n').filter((l) => l && !l.startsWith('-----'));
    for (const line of body) assert.ok(!text.includes(line), `the report leaks a line of ${name}`);
  }
  const report = JSON.parse(text);
  assert.equal(report.schemaVersion, 1);
  assert.equal(report.status, 'failed');
  assert.deepEqual(report.counts, { total: 2, passed: 1, failed: 1, errored: 0, skipped: 0 });
  const failed = report.scenarios.find((s: { status: string }) => s.status === 'failed');
  assert.equal(failed.scenario.id, 'alipay/forged-notify');
  const step = failed.steps.find((s: { status: string }) => s.status === 'failed');
  assert.deepEqual(step.location, { file: 'scenarios/alipay/forged-notify.yaml', line: 10, column: 5 });
  assert.equal(step.failures[0].expected, 'a rejection');
  assert.equal(step.exchanges.at(-1).kind, 'callback');
});

test('no report format carries key material, ANSI codes or Authorization headers', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'payprobe-redact-'));
  const files = { json: path.join(dir, 'r.json'), junit: path.join(dir, 'r.xml'), github: path.join(dir, 'r.github') };
  const { code, stdout } = await cli(
    ['run', '--config', REFERENCE_CONFIG, '--reporter', 'pretty', '--reporter', `json=${files.json}`, '--reporter', `junit=${files.junit}`, '--reporter', `github=${files.github}`],
    { env: { BUGS: 'skip-notify-signature,amount-in-fen,refund-new-request-no', FORCE_COLOR: '1', NO_COLOR: '' } },
  );
  assert.equal(code, 1);
  const keyDir = path.join(ROOT, 'fixtures/merchants/reference/.payprobe/keys/alipay');
  const secrets: string[] = [];
  for (const name of ['app_private_key.pem', 'alipay_private_key.pem']) {
    const pem = await readFile(path.join(keyDir, name), 'utf8');
    secrets.push(...pem.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----')));
  }
  const reports = { pretty: stdout, json: await readFile(files.json, 'utf8'), junit: await readFile(files.junit, 'utf8'), github: await readFile(files.github, 'utf8') };
  for (const [format, text] of Object.entries(reports)) {
    assert.ok(text.length > 500, `${format} report is not empty`);
    for (const line of secrets) assert.ok(!text.includes(line), `the ${format} report leaks private key material`);
    assert.doesNotMatch(text, /authorization: (?!\[redacted\])/i, `the ${format} report shows an Authorization header`);
    if (format !== 'pretty') assert.doesNotMatch(text, /\x1b\[/, `the ${format} report contains ANSI codes`);
  }
  assert.match(reports.pretty, /\x1b\[/, 'FORCE_COLOR colours the terminal reporter only');
});

test('run --reporter junit and github on a failing merchant: the XML counts match and annotations name the right file and line', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'payprobe-junit-'));
  const junit = path.join(dir, 'out/junit.xml');
  const { code, stdout } = await cli(['run', '--config', REFERENCE_CONFIG, '--reporter', `junit=${junit}`, '--reporter', 'github'], { env: { BUGS: 'skip-notify-signature' } });
  assert.equal(code, 1);
  const xml = await readFile(junit, 'utf8');
  const root = parseXml(xml);
  const suite = root.children[0];
  assert.equal(root.name, 'testsuites');
  assert.equal(suite.children.length, Number(suite.attrs.tests));
  assert.equal(suite.children.filter((c) => c.children.some((f) => f.name === 'failure')).length, Number(suite.attrs.failures));
  assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="payprobe" tests="87" failures="5" errors="0" skipped="0"/);
  assert.equal((xml.match(/<testcase /g) ?? []).length, 87);
  assert.deepEqual(root.children.map((c) => [c.attrs.name, c.attrs.tests, c.attrs.failures]), [['alipay', '25', '5'], ['wechatpay', '21', '0'], ['stripe', '21', '0'], ['paypal', '20', '0']]);
  assert.equal((xml.match(/<failure /g) ?? []).length, 5);
  assert.match(xml, /<testcase classname="alipay\.callback-security" name="alipay\/forged-notify: a notify with a forged signature is rejected" file="scenarios\/alipay\/forged-notify\.yaml" line="3"/);
  const annotations = stdout.split('\n').filter((l) => l.startsWith('::error '));
  assert.equal(annotations.length, 5);
  assert.ok(annotations.some((l) => l.startsWith('::error file=scenarios/alipay/forged-notify.yaml,line=10,col=5,title=alipay/forged-notify failed%3A a notify with a forged signature is rejected::')));
  assert.ok(annotations.some((l) => l.startsWith('::error file=scenarios/alipay/unsigned-notify.yaml,line=10,col=5,')));
});

test('Ctrl-C stops the merchant and the sandbox and exits 130', async () => {
  const child = spawn(process.execPath, [`${ROOT}bin/payprobe.js`, 'run', '--config', REFERENCE_CONFIG, 'test/fixtures/scenarios/slow-checkout.yaml'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('payprobe ·')) resolve();
    });
  });
  // Give the slow step a moment to start, then interrupt.
  await new Promise((r) => setTimeout(r, 300));
  child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(code, 130);
  assert.match(stderr, /Interrupted: stopping the merchant and the sandbox/);
});
