import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runSuite } from '../../src/runner/run-suite.ts';
import { ROOT, REFERENCE_CONFIG } from './helpers.ts';

test('a scenario needing a hook the config lacks is skipped with the reason, and the run still passes', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'payprobe-skip-'));
  const original = await readFile(path.join(ROOT, REFERENCE_CONFIG), 'utf8');
  const withoutReconcile = original
    .replace(/\n    reconcile:\n(      .*\n)+/, '\n')
    .replace('command: node server.mjs', `command: node server.mjs\n    cwd: ${path.join(ROOT, 'fixtures/merchants/reference')}`);
  assert.notEqual(withoutReconcile, original);
  await writeFile(path.join(dir, 'payprobe.config.yaml'), withoutReconcile);
  const { result, exitCode } = await runSuite({ cwd: dir, grep: /bill-download|pay-and-notify/, providers: ['alipay'] });
  assert.equal(exitCode, 0);
  const bill = result.scenarios.find((s) => s.scenario.id === 'alipay/bill-download')!;
  assert.equal(bill.status, 'skipped');
  assert.equal(bill.reason, 'needs the reconcile hook, which merchant.hooks does not define.');
  assert.deepEqual(result.counts, { total: 2, passed: 1, failed: 0, errored: 0, skipped: 1 });
  assert.deepEqual(result.readiness.find((r) => r.category === 'reconciliation')?.verdict, 'untested');
});
