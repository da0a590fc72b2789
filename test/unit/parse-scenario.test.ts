import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseScenario } from '../../src/scenario/parse-scenario.ts';
import { didYouMean } from '../../src/util/did-you-mean.ts';

const problemsOf = (text: string, context = {}) =>
  parseScenario({ id: 'x', file: 'x.yaml', text, context }).problems.map((p) => `${p.location?.line}:${p.location?.column} ${p.message}`);

const header = 'name: n\nprovider: alipay\nsteps:\n';

test('a file with three mistakes gets three located problems, each with a code frame', () => {
  const text = readFileSync(new URL('../fixtures/scenarios/three-mistakes.yaml', import.meta.url), 'utf8');
  const { problems, scenario } = parseScenario({ id: 'three-mistakes', file: 'three-mistakes.yaml', text });
  assert.equal(scenario, undefined);
  assert.deepEqual(
    problems.map((p) => `${p.location?.file}:${p.location?.line}:${p.location?.column} ${p.message}`),
    [
      'three-mistakes.yaml:7:12 Alipay buyers cannot "pya"; they can pay, abandon, decline. Did you mean "pay"?',
      'three-mistakes.yaml:8:37 Unknown key "varient" in steps[2].notify. Did you mean "variant"?',
      'three-mistakes.yaml:9:14 steps[3].advance: must be a duration such as 500ms, 30s, 4m or 1h30m',
    ],
  );
  assert.equal(problems[1].frame, ['  7 |   - buyer: pya', '> 8 |   - notify: { event: trade.success, varient: forged }', '    |                                     ^^^^^^^', '  9 |   - advance: 4 minutes'].join('\n'));
});

const cases: [string, string, string[]][] = [
  ['a YAML syntax error', 'name: [unclosed\n', ['2:1 YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]']],
  ['a missing provider and steps', 'name: n\n', ['1:1 Missing required key "provider".', '1:1 Missing required key "steps".']],
  ['an unknown provider', 'name: n\nprovider: alipy\nsteps:\n  - advance: 1m\n', ['2:11 Unknown provider "alipy". Did you mean "alipay"?']],
  ['a step doing two things', `${header}  - hook: checkout\n    advance: 1m\n`, ['5:5 A step does one thing, but this one has hook and advance. Split it into 2 steps.']],
  ['an empty step', `${header}  - name: nothing\n`, ['4:5 This step does nothing: give it one of hook, buyer, notify, advance, let, fault, fixture or expect.']],
  ['an unknown event', `${header}  - notify: { event: trade.sucess }\n`, ['4:22 Alipay sends no "trade.sucess" callback; events are trade.success, trade.finished, trade.closed, trade.wait_buyer_pay, refund. Did you mean "trade.success"?']],
  ['an unknown provider API', `${header}  - expect: { providerCall: alipay.trade.qurey }\n`, ['4:29 Alipay has no API "alipay.trade.qurey". Did you mean "alipay.trade.query"?']],
  ['tampered without tamper', `${header}  - notify: { event: trade.success, variant: tampered }\n`, ['4:46 variant: tampered needs `tamper:` with the fields to change after signing.']],
  ['a bad JSON path', `${header}  - hook: status\n    capture: { s: status }\n`, ['5:19 "status" is not a JSON path; write $.field or $.items[0].id.']],
  ['ack on a hook step', `${header}  - hook: status\n    expect: { ack: accepted }\n`, ['5:15 expect.ack checks callbacks sent by a notify, buyer or fixture step.']],
  ['a bad bug class id', 'name: n\nprovider: alipay\ncatches: [Z9]\nsteps:\n  - advance: 1m\n', ['3:11 catches[0]: must be a bug class id from the real-bugs catalogue, such as A1']],
];
for (const [what, text, expected] of cases) {
  test(`reports ${what} at its location`, () => {
    assert.deepEqual(problemsOf(text), expected);
  });
}

test('with the config known, a variable nobody defines is reported', () => {
  const text = `${header}  - hook: status\n  - hook: refund\n    with: { amount: "1.00" }\n`;
  assert.deepEqual(problemsOf(text, { hookCaptures: { status: ['status'], refund: [] } }), []);
  const bad = `${header}  - hook: checkout\n  - expect: { providerCall: alipay.trade.query, fields: { out_trade_no: "\${orderld}" } }\n`;
  assert.deepEqual(problemsOf(bad, { hookCaptures: { checkout: ['orderId'] } }), ['5:5 ${orderld} is used before anything defines it (vars, with, a capture of an earlier step or of the config\'s hooks). Did you mean "orderId"?']);
  // A scenario calling a hook the config lacks is skipped at run time, not rejected here.
  assert.deepEqual(problemsOf(`${header}  - hook: nope\n  - expect: { providerCall: alipay.trade.query, fields: { out_trade_no: "\${orderId}" } }\n`, { hookCaptures: {} }), []);
});

test('every built-in scenario parses and starts with a comment naming the bug it catches', async () => {
  const { readdirSync } = await import('node:fs');
  const dir = new URL('../../scenarios/alipay/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  assert.ok(files.length >= 12, `only ${files.length} built-in scenarios`);
  for (const f of files) {
    const text = readFileSync(new URL(f, dir), 'utf8');
    const { scenario, problems } = parseScenario({ id: f, file: f, text, context: { hookCaptures: { checkout: ['orderId', 'payUrl', 'qrCode'], status: ['status', 'fulfillments', 'refunded'], refund: ['refundStatus', 'refunded'], close: ['status'], sync: ['status'], reconcile: ['recovered'] } } });
    assert.deepEqual(problems, [], f);
    assert.match(scenario!.summary ?? '', /^Catches: /, `${f} must start with "# Catches: ..."`);
    assert.ok(scenario!.catches.length > 0, `${f} must list the bug classes it catches`);
  }
});

test('did-you-mean counts a swap of neighbours as one edit', () => {
  assert.equal(didYouMean('pya', ['pay', 'abandon']), 'pay');
  assert.equal(didYouMean('xyz', ['pay', 'abandon']), undefined);
});

test("a fault must be a generic one or the provider's own", () => {
  const text = (kind: string) => `name: n\nprovider: wechatpay\nsteps:\n  - fault: { kind: ${kind} }\n`;
  assert.deepEqual(problemsOf(text('refund-closed')), []);
  assert.deepEqual(problemsOf(text('refund-close')), ['4:20 WeChat Pay has no fault "refund-close"; faults are reset, unavailable, bad-signature, delay, not-enough, refund-closed, refund-abnormal. Did you mean "refund-closed"?']);
});

test('a fixture step reads its file next to the scenario, checks it in the provider format, and only where the provider has one', () => {
  const dir = new URL('../../scenarios/stripe/', import.meta.url).pathname;
  const parse = (provider: string, fixture: string) =>
    parseScenario({ id: 'x', file: 'x.yaml', path: `${dir}x.yaml`, text: `name: n\nprovider: ${provider}\nsteps:\n  - fixture: ${fixture}\n` });
  const ok = parse('stripe', 'fixtures/foreign-payment.json');
  assert.deepEqual(ok.problems, []);
  assert.equal(ok.scenario!.steps[0].kind, 'fixture');
  assert.equal(ok.scenario!.steps[0].title, 'fixture foreign-payment.json');
  assert.equal((ok.scenario!.steps[0].fixture!.content as { fixtures: unknown[] }).fixtures.length, 1);
  assert.match(parse('stripe', 'fixtures/nope.json').problems[0].message, /^Cannot read the fixture file fixtures\/nope\.json \(ENOENT\); its path is relative to the scenario file\.$/);
  assert.match(parse('stripe', '../../package.json').problems[0].message, /is not a valid Stripe CLI fixture file: a fixture file is an object with a fixtures array\.$/);
  assert.equal(parse('alipay', 'fixtures/foreign-payment.json').problems[0].message, 'Alipay has no fixture file format; fixture steps run Stripe CLI fixtures in Stripe scenarios.');
});
