import assert from 'node:assert/strict';
import { parseXml, type XmlElement } from '../support/xml.ts';
import { test } from 'node:test';
import { createGithubReporter } from '../../src/reporters/github.ts';
import { createJunitReporter } from '../../src/reporters/junit.ts';
import { escapeData, escapeProperty } from '../../src/reporters/workflow-command.ts';
import { xmlAttr, xmlText } from '../../src/reporters/xml.ts';
import type { Reporter, RunResult, ScenarioInfo, ScenarioResult, StepResult } from '../../src/runner/types.ts';

// ---------------------------------------------------------------------------------------------
// Fixtures: a run with one scenario of each outcome, built by hand.

const scenario = (over: Partial<ScenarioInfo> & Pick<ScenarioInfo, 'id' | 'name' | 'provider' | 'category'>): ScenarioInfo => ({
  file: `scenarios/${over.id}.yaml`,
  tags: [],
  catches: [],
  hooks: [],
  location: { file: `scenarios/${over.id}.yaml`, line: 4, column: 1 },
  steps: 2,
  ...over,
});

const step = (over: Partial<StepResult> & Pick<StepResult, 'index' | 'title' | 'status'>, file: string, line: number): StepResult => ({
  kind: 'hook',
  location: { file, line, column: 5 },
  durationMs: 1,
  failures: [],
  exchanges: [],
  ...over,
});

const passed: ScenarioResult = {
  scenario: scenario({ id: 'alipay/pay-and-notify', name: 'a paid order is fulfilled once', provider: 'alipay', category: 'payment' }),
  status: 'passed',
  steps: [step({ index: 0, title: 'hook checkout', status: 'passed' }, 'scenarios/alipay/pay-and-notify.yaml', 8)],
  durationMs: 120,
};

const forgedFile = 'scenarios/alipay/forged-notify.yaml';
const failed: ScenarioResult = {
  scenario: scenario({
    id: 'alipay/forged-notify',
    name: 'a forged notify is rejected, 100% of the time: always',
    provider: 'alipay',
    category: 'callback-security',
    catches: ['A1'],
    summary: 'Catches: a notify handler that never checks the signature (real-bugs A1).',
    location: { file: forgedFile, line: 3, column: 1 },
    steps: 3,
  }),
  status: 'failed',
  reason: 'the merchant acknowledged 100% of forged notifies',
  steps: [
    step({ index: 0, title: 'hook checkout', status: 'passed' }, forgedFile, 8),
    step(
      {
        index: 1,
        kind: 'notify',
        title: 'notify trade.success (forged)',
        status: 'failed',
        failures: [
          { message: 'the merchant acknowledged 100% of forged notifies', expected: 'a rejection', actual: 'HTTP 200 "success"' },
          { message: 'order status is "paid" & <fulfilled>', expected: { status: 'pending', fulfillments: 0 }, actual: { status: 'paid', fulfillments: 1 } },
        ],
        exchanges: [
          { kind: 'request', label: 'merchant → alipay.trade.query', method: 'POST', url: 'http://127.0.0.1:4100/gateway.do', requestBody: 'older', status: 200, responseBody: '{}' },
          { kind: 'callback', label: 'trade.success (forged) attempt 1', method: 'POST', url: 'http://127.0.0.1:4100/notify/alipay?a=1&b=2', requestBody: 'subject=<b>Tea & "biscuits"</b>\nit\'s paid', status: 200, responseBody: 'success' },
        ],
      },
      forgedFile,
      10,
    ),
    step({ index: 2, title: 'hook status', status: 'skipped', skipReason: 'step 2 failed' }, forgedFile, 12),
  ],
  durationMs: 35,
};

const lostFile = 'scenarios/alipay/lost-notify-query.yaml';
const errored: ScenarioResult = {
  scenario: scenario({
    id: 'alipay/lost-notify-query',
    name: 'a lost notify is recovered by querying',
    provider: 'alipay',
    category: 'query',
    catches: ['F1'],
    summary: 'Catches: relying on the notify alone (real-bugs F1).',
    steps: 5,
  }),
  status: 'errored',
  reason: 'The sync hook did not answer within 5 s. Raise merchant.timeout, or check the merchant log.',
  steps: [
    step({ index: 0, title: 'hook checkout', status: 'passed' }, lostFile, 8),
    step(
      {
        index: 3,
        title: 'hook sync',
        status: 'errored',
        error: { code: 'HOOK_TIMEOUT', message: 'The sync hook did not answer within 5 s. Raise merchant.timeout, or check the merchant log.' },
        exchanges: [{ kind: 'hook', label: 'hook sync', method: 'POST', url: 'http://127.0.0.1:4200/orders/O1/sync', error: 'timed out after 5000 ms' }],
      },
      lostFile,
      14,
    ),
    step({ index: 4, title: 'hook status', status: 'skipped', skipReason: 'step 4 errored' }, lostFile, 16),
  ],
  durationMs: 5003,
};

const skipped: ScenarioResult = {
  scenario: scenario({ id: 'wechatpay/pay-and-notify', name: 'a paid order is fulfilled once', provider: 'wechatpay', category: 'payment' }),
  status: 'skipped',
  reason: 'providers.wechatpay is not configured.',
  steps: [],
  durationMs: 0,
};

const runOf = (scenarios: ScenarioResult[], over: Partial<RunResult> = {}): RunResult => ({
  status: 'failed',
  counts: {
    total: scenarios.length,
    passed: scenarios.filter((s) => s.status === 'passed').length,
    failed: scenarios.filter((s) => s.status === 'failed').length,
    errored: scenarios.filter((s) => s.status === 'errored').length,
    skipped: scenarios.filter((s) => s.status === 'skipped').length,
  },
  scenarios,
  readiness: [
    { provider: 'alipay', category: 'payment', passed: 1, failed: 0, errored: 0, skipped: 0, verdict: 'ready', catches: [] },
    { provider: 'alipay', category: 'callback-security', passed: 0, failed: 1, errored: 0, skipped: 0, verdict: 'not ready', catches: ['A1'] },
    { provider: 'alipay', category: 'query', passed: 0, failed: 0, errored: 1, skipped: 0, verdict: 'not ready', catches: ['F1'] },
    { provider: 'wechatpay', category: 'payment', passed: 0, failed: 0, errored: 0, skipped: 1, verdict: 'untested', catches: [] },
  ],
  durationMs: 5400,
  seed: 'payprobe',
  ...over,
});

const run = runOf([passed, failed, errored, skipped]);

/** Calls a reporter's hooks in the order runSuite does and collects what it writes. */
async function drive(make: (write: (text: string) => void) => Reporter, result: RunResult = run): Promise<string> {
  let out = '';
  const reporter = make((text) => {
    out += text;
  });
  await reporter.onRunStart?.({ scenarios: result.scenarios.map((r) => r.scenario), providers: { alipay: 'http://127.0.0.1:4100' }, merchantUrl: 'http://127.0.0.1:4000', seed: 'payprobe', startedAt: '2025-03-01T09:29:59.000Z' });
  for (const r of result.scenarios) {
    if (r.status !== 'skipped') {
      await reporter.onScenarioStart?.(r.scenario);
      for (const s of r.steps) await reporter.onStepResult?.(r.scenario, s);
    }
    await reporter.onScenarioResult?.(r);
  }
  await reporter.onRunEnd?.(result);
  return out;
}

/** A clock that starts at 09:30:00 UTC and moves one second per reading. */
const ticking = () => {
  let t = Date.parse('2025-03-01T09:30:00.000Z');
  return () => new Date((t += 1000) - 1000);
};

const junit = (result: RunResult = run) => drive((write) => createJunitReporter({ write, now: ticking() }), result);
const github = (result: RunResult = run, cwd?: string) => drive((write) => createGithubReporter({ write, cwd }), result);


const testcases = (root: XmlElement) => root.children.flatMap((suite) => suite.children);
const outcomeOf = (testcase: XmlElement) => testcase.children.map((c) => c.name).join(',') || 'passed';

test('the XML reader used by these tests rejects what is not well-formed', () => {
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
  for (const doc of [`${head}<a><b></a></b>`, `${head}<a x="1" x="2"/>`, `${head}<a>1 & 2</a>`, `${head}<a>1 < 2</a>`, `${head}<a x="<"/>`, `${head}<a>\x01</a>`, `${head}<a/><b/>`, `${head}<a>`, '<a/>']) {
    assert.throws(() => parseXml(doc), Error, JSON.stringify(doc));
  }
  assert.deepEqual(parseXml(`${head}<a x="1 &amp; &quot;2&quot;&#10;"><b/>t &lt;</a>`), { name: 'a', attrs: { x: '1 & "2"\n' }, children: [{ name: 'b', attrs: {}, children: [], text: '' }], text: 't <' });
});

// ---------------------------------------------------------------------------------------------
// JUnit

test('the JUnit report is the whole run as one document, one suite per provider, one case per scenario', async () => {
  const expected = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="payprobe" tests="4" failures="1" errors="1" skipped="1" time="5.400">
  <testsuite name="alipay" tests="3" failures="1" errors="1" skipped="0" time="5.158" timestamp="2025-03-01T09:30:00">
    <testcase classname="alipay.payment" name="alipay/pay-and-notify: a paid order is fulfilled once" file="scenarios/alipay/pay-and-notify.yaml" line="4" time="0.120"/>
    <testcase classname="alipay.callback-security" name="alipay/forged-notify: a forged notify is rejected, 100% of the time: always" file="scenarios/alipay/forged-notify.yaml" line="3" time="0.035">
      <failure message="the merchant acknowledged 100% of forged notifies; order status is &quot;paid&quot; &amp; &lt;fulfilled&gt;" type="AssertionError">step 2, notify trade.success (forged) at scenarios/alipay/forged-notify.yaml:10:5
× the merchant acknowledged 100% of forged notifies
    expected a rejection
    actual   HTTP 200 "success"
× order status is "paid" &amp; &lt;fulfilled&gt;
    expected {"status":"pending","fulfillments":0}
    actual   {"status":"paid","fulfillments":1}

last exchange: trade.success (forged) attempt 1
    POST http://127.0.0.1:4100/notify/alipay?a=1&amp;b=2
    sent     subject=&lt;b&gt;Tea &amp; "biscuits"&lt;/b&gt;
             it's paid
    answer   HTTP 200 success

Catches: a notify handler that never checks the signature (real-bugs A1).
catches: A1</failure>
    </testcase>
    <testcase classname="alipay.query" name="alipay/lost-notify-query: a lost notify is recovered by querying" file="scenarios/alipay/lost-notify-query.yaml" line="4" time="5.003">
      <error message="The sync hook did not answer within 5 s. Raise merchant.timeout, or check the merchant log." type="HOOK_TIMEOUT">step 4, hook sync at scenarios/alipay/lost-notify-query.yaml:14:5
HOOK_TIMEOUT: The sync hook did not answer within 5 s. Raise merchant.timeout, or check the merchant log.

last exchange: hook sync
    POST http://127.0.0.1:4200/orders/O1/sync
    note     timed out after 5000 ms

Catches: relying on the notify alone (real-bugs F1).
catches: F1</error>
    </testcase>
  </testsuite>
  <testsuite name="wechatpay" tests="1" failures="0" errors="0" skipped="1" time="0.000" timestamp="2025-03-01T09:30:03">
    <testcase classname="wechatpay.payment" name="wechatpay/pay-and-notify: a paid order is fulfilled once" file="scenarios/wechatpay/pay-and-notify.yaml" line="4" time="0.000">
      <skipped message="providers.wechatpay is not configured."/>
    </testcase>
  </testsuite>
</testsuites>
`;
  assert.equal(await junit(), expected);
});

test('the JUnit report is well-formed XML whose counts match the run, overall and per provider', async () => {
  const root = parseXml(await junit());
  assert.equal(root.name, 'testsuites');
  assert.deepEqual(
    [root.attrs.tests, root.attrs.failures, root.attrs.errors, root.attrs.skipped],
    [run.counts.total, run.counts.failed, run.counts.errored, run.counts.skipped].map(String),
  );
  assert.equal(testcases(root).length, run.counts.total);
  for (const suite of root.children) {
    const cases = suite.children;
    assert.equal(suite.name, 'testsuite');
    assert.equal(suite.attrs.tests, String(cases.length));
    assert.equal(suite.attrs.failures, String(cases.filter((c) => outcomeOf(c) === 'failure').length));
    assert.equal(suite.attrs.errors, String(cases.filter((c) => outcomeOf(c) === 'error').length));
    assert.equal(suite.attrs.skipped, String(cases.filter((c) => outcomeOf(c) === 'skipped').length));
  }
});

test('a failed scenario is a <failure>, an errored one an <error> typed by its code, a skipped one <skipped> with its reason', async () => {
  const root = parseXml(await junit());
  assert.deepEqual(
    testcases(root).map((c) => [c.attrs.name.split(':')[0], outcomeOf(c), c.children[0]?.attrs.type, c.children[0]?.attrs.message]),
    [
      ['alipay/pay-and-notify', 'passed', undefined, undefined],
      ['alipay/forged-notify', 'failure', 'AssertionError', 'the merchant acknowledged 100% of forged notifies; order status is "paid" & <fulfilled>'],
      ['alipay/lost-notify-query', 'error', 'HOOK_TIMEOUT', 'The sync hook did not answer within 5 s. Raise merchant.timeout, or check the merchant log.'],
      ['wechatpay/pay-and-notify', 'skipped', undefined, 'providers.wechatpay is not configured.'],
    ],
  );
});

test('a merchant body with <, &, quotes and a newline reads back from the JUnit report unchanged', async () => {
  const failure = testcases(parseXml(await junit()))[1].children[0];
  assert.ok(failure.text.includes('    POST http://127.0.0.1:4100/notify/alipay?a=1&b=2\n'));
  assert.ok(failure.text.includes('    sent     subject=<b>Tea & "biscuits"</b>\n             it\'s paid\n'));
  assert.ok(failure.text.includes('× order status is "paid" & <fulfilled>\n'));
});

test('a scenario skipped by an interrupt says so in the JUnit report', async () => {
  const interrupted: ScenarioResult = { ...passed, status: 'skipped', reason: undefined, steps: [step({ index: 0, title: 'hook checkout', status: 'skipped', skipReason: 'interrupted' }, 'x.yaml', 1)] };
  const root = parseXml(await junit(runOf([interrupted], { status: 'interrupted' })));
  assert.deepEqual(testcases(root)[0].children, [{ name: 'skipped', attrs: { message: 'interrupted' }, children: [], text: '' }]);
});

test('ANSI codes are stripped and characters XML forbids are replaced, so the report still parses', async () => {
  const dirty: ScenarioResult = structuredClone(failed);
  const bad = dirty.steps[1];
  bad.failures = [{ message: '\x1b[31mstatus\x1b[39m is \x1b[1mwrong\x1b[22m', expected: 'ok', actual: 'bell\x07 nul\x00 lone\uD800 ffff\uFFFF' }];
  bad.exchanges = [{ ...bad.exchanges[1], responseBody: '\x1b]8;;http://x\x07link\x1b]8;;\x07 \x1b[2Kdone' }];
  const text = await junit(runOf([dirty]));
  assert.ok(!text.includes('\x1b'), 'no ESC character anywhere');
  const failure = testcases(parseXml(text))[0].children[0];
  assert.equal(failure.attrs.message, 'status is wrong');
  assert.ok(failure.text.includes('    actual   bell\uFFFD nul\uFFFD lone\uFFFD ffff\uFFFD\n'));
  assert.ok(failure.text.includes('    answer   HTTP 200 link done\n'));
});

test('exchange bodies are cut to 1 kB in the JUnit report, saying how much was left out', async () => {
  const long: ScenarioResult = structuredClone(failed);
  long.steps[1].exchanges = [{ ...long.steps[1].exchanges[1], requestBody: 'a'.repeat(3000) }];
  const failure = testcases(parseXml(await junit(runOf([long]))))[0].children[0];
  assert.ok(failure.text.includes(`    sent     ${'a'.repeat(1024)}… (1976 more characters)\n`));
});

test('XML escaping: text escapes &, < and >; attributes also quotes and whitespace that parsers would normalise', () => {
  const cases: [string, string, string][] = [
    ['plain', 'plain', 'plain'],
    ['a & b', 'a &amp; b', 'a &amp; b'],
    ['<tag attr="v">', '&lt;tag attr="v"&gt;', '&lt;tag attr=&quot;v&quot;&gt;'],
    ["it's", "it's", 'it&apos;s'],
    ['line 1\nline 2', 'line 1\nline 2', 'line 1&#10;line 2'],
    ['cr\r\ntab\t', 'cr&#13;\ntab\t', 'cr&#13;&#10;tab&#9;'],
    ['nul\x00 vt\x0b', 'nul\uFFFD vt\uFFFD', 'nul\uFFFD vt\uFFFD'],
    ['\x1b[32mgreen\x1b[0m', 'green', 'green'],
    ['emoji 💳', 'emoji 💳', 'emoji 💳'],
  ];
  for (const [input, text, attr] of cases) {
    assert.equal(xmlText(input), text, `text of ${JSON.stringify(input)}`);
    assert.equal(xmlAttr(input), attr, `attribute of ${JSON.stringify(input)}`);
  }
});

// ---------------------------------------------------------------------------------------------
// GitHub

test('the GitHub reporter annotates the failing step of a failed scenario with expected, actual and the bug it catches', async () => {
  const lines = (await github()).split('\n');
  assert.equal(
    lines[0],
    '::error file=scenarios/alipay/forged-notify.yaml,line=10,col=5,title=alipay/forged-notify failed%3A a forged notify is rejected%2C 100%25 of the time%3A always' +
      '::step 2, notify trade.success (forged)' +
      '%0A× the merchant acknowledged 100%25 of forged notifies%0A  expected a rejection%0A  actual   HTTP 200 "success"' +
      '%0A× order status is "paid" & <fulfilled>%0A  expected {"status":"pending","fulfillments":0}%0A  actual   {"status":"paid","fulfillments":1}' +
      '%0ACatches: a notify handler that never checks the signature (real-bugs A1).%0Acatches: A1',
  );
});

test('the GitHub reporter annotates an errored scenario at the step that could not run, with its error code', async () => {
  const lines = (await github()).split('\n');
  assert.equal(
    lines[1],
    '::error file=scenarios/alipay/lost-notify-query.yaml,line=14,col=5,title=alipay/lost-notify-query errored%3A a lost notify is recovered by querying' +
      '::step 4, hook sync%0AHOOK_TIMEOUT: The sync hook did not answer within 5 s. Raise merchant.timeout, or check the merchant log.' +
      '%0ACatches: relying on the notify alone (real-bugs F1).%0Acatches: F1',
  );
});

test('the GitHub reporter leaves a notice with the reason at a skipped scenario, and says nothing about a passed one', async () => {
  const lines = (await github()).split('\n');
  assert.equal(lines[2], '::notice file=scenarios/wechatpay/pay-and-notify.yaml,line=4,title=wechatpay/pay-and-notify skipped::providers.wechatpay is not configured.');
  assert.ok(!lines.some((l) => l.includes('alipay/pay-and-notify')));
});

test('the GitHub reporter ends with the readiness table in a group and one summary line', async () => {
  const lines = (await github()).split('\n');
  assert.deepEqual(lines.slice(3), [
    '::group::payprobe readiness',
    'alipay payment            ready      1 passed',
    'alipay callback-security  not ready  0 passed, 1 failed  catches A1',
    'alipay query              not ready  0 passed, 1 errored  catches F1',
    'wechatpay payment         untested   0 passed, 1 skipped',
    '::endgroup::',
    'payprobe: 1 passed, 1 failed, 1 errored, 1 skipped (4 scenarios) in 5.40 s',
    '',
  ]);
});

test('the GitHub summary line says when the run was interrupted', async () => {
  const out = await github(runOf([passed], { status: 'interrupted', readiness: [], durationMs: 250 }));
  assert.equal(out, 'payprobe: 1 passed, 0 failed, 0 errored, 0 skipped (1 scenario) in 250 ms, interrupted\n');
});

test('GitHub annotation paths are made relative to cwd when they lie inside it, and left alone otherwise', async () => {
  const at = (file: string): ScenarioResult => ({ ...skipped, scenario: { ...skipped.scenario, file, location: { file, line: 2, column: 1 } } });
  const fileOf = async (file: string, cwd?: string) => /^::notice file=([^,]*),/.exec(await github(runOf([at(file)], { readiness: [] }), cwd))?.[1];
  assert.equal(await fileOf('/repo/shop/scenarios/pay.yaml', '/repo'), 'shop/scenarios/pay.yaml');
  assert.equal(await fileOf('/elsewhere/pay.yaml', '/repo'), '/elsewhere/pay.yaml');
  assert.equal(await fileOf('scenarios/pay.yaml'), 'scenarios/pay.yaml');
  assert.equal(await fileOf(`${process.cwd()}/scenarios/pay.yaml`, process.cwd()), 'scenarios/pay.yaml');
});

test('a newline in a merchant answer cannot start a workflow command of its own', async () => {
  const sneaky: ScenarioResult = structuredClone(failed);
  sneaky.steps[1].failures = [{ message: 'wrong ack', expected: 'success', actual: 'fail\r\n::add-mask::x\n::stop-commands::t' }];
  const out = await github(runOf([sneaky], { readiness: [] }));
  const lines = out.split('\n');
  assert.equal(lines.length, 3, 'one annotation, one summary line, the final newline');
  assert.ok(lines[0].includes('%0A  actual   fail%0D%0A::add-mask::x%0A::stop-commands::t%0A'));
});

test('nothing the GitHub reporter writes contains an ANSI code', async () => {
  const coloured: ScenarioResult = structuredClone(failed);
  coloured.scenario.name = '\x1b[1mbold\x1b[22m name';
  coloured.steps[1].failures = [{ message: '\x1b[31mred\x1b[39m', expected: '\x1b[32mgreen\x1b[39m', actual: 'bell\x07' }];
  const out = await github(runOf([coloured]));
  assert.ok(!out.includes('\x1b'));
  assert.match(out.split('\n')[0], /title=alipay\/forged-notify failed%3A bold name::step 2, notify trade\.success \(forged\)%0A× red%0A {2}expected green%0A {2}actual {3}bell%0A/);
});

test('workflow-command escaping: data escapes %, CR and LF; properties also : and ,', () => {
  const cases: [string, string, string][] = [
    ['plain', 'plain', 'plain'],
    ['100%', '100%25', '100%25'],
    ['%0A literal', '%250A literal', '%250A literal'],
    ['a\r\nb', 'a%0D%0Ab', 'a%0D%0Ab'],
    ['file:line', 'file:line', 'file%3Aline'],
    ['a, b', 'a, b', 'a%2C b'],
    ['::error::x', '::error::x', '%3A%3Aerror%3A%3Ax'],
  ];
  for (const [input, data, property] of cases) {
    assert.equal(escapeData(input), data, `data of ${JSON.stringify(input)}`);
    assert.equal(escapeProperty(input), property, `property of ${JSON.stringify(input)}`);
  }
});
