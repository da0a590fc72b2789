import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readJsonPath, isJsonPath } from '../../src/scenario/json-path.ts';
import { expand, TemplateError } from '../../src/scenario/template.ts';
import { parseDuration, formatDuration } from '../../src/util/duration.ts';
import { countMatches } from '../../src/scenario/count.ts';

const scope = new Map<string, unknown>([['orderId', 'ORD1'], ['n', 3], ['obj', { a: 1 }]]);

test('templates expand inside strings and keep the type of a lone variable', () => {
  assert.deepEqual(expand({ path: '/orders/${orderId}', n: '${n}', s: 'n=${n}', list: ['${orderId}'] }, scope), { path: '/orders/ORD1', n: 3, s: 'n=3', list: ['ORD1'] });
});

test('a default applies only when the variable is undefined', () => {
  assert.equal(expand('${mode:-precreate}', scope), 'precreate');
  assert.equal(expand('${orderId:-x}', scope), 'ORD1');
});

test('an undefined variable is an error naming it', () => {
  assert.throws(() => expand('/orders/${missing}', scope), (e: unknown) => e instanceof TemplateError && e.variable === 'missing');
});

test('JSON paths read nested fields and list items', () => {
  const doc = { id: 'A', items: [{ id: 'x' }], 'odd key': 1 };
  assert.equal(readJsonPath(doc, '$.id'), 'A');
  assert.equal(readJsonPath(doc, '$.items[0].id'), 'x');
  assert.equal(readJsonPath(doc, '$["odd key"]'), 1);
  assert.equal(readJsonPath(doc, '$.nope.deeper'), undefined);
  assert.equal(isJsonPath('id'), false);
});

for (const [text, ms] of [['500ms', 500], ['30s', 30_000], ['4m', 240_000], ['1h30m', 5_400_000], ['1d', 86_400_000]] as const) {
  test(`the duration ${text} is ${ms} ms`, () => {
    assert.equal(parseDuration(text), ms);
  });
}

test('malformed durations are rejected and durations format compactly', () => {
  assert.equal(parseDuration('4 minutes'), undefined);
  assert.equal(parseDuration(''), undefined);
  assert.equal(formatDuration(88_440_000), '1d34m');
  assert.equal(formatDuration(5_040_000), '1h24m');
});

test('counts accept exact numbers and comparisons', () => {
  assert.ok(countMatches(2, 2));
  assert.ok(countMatches('>=1', 3));
  assert.ok(!countMatches('<2', 2));
  assert.ok(countMatches('0', 0));
});
