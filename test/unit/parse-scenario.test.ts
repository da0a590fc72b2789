import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseScenario } from '../../src/scenario/parse-scenario.ts';

const parse = (text: string, context = {}) => parseScenario({ id: 'x', file: 'x.yaml', text, context });
const messages = (text: string, context = {}) => parse(text, context).problems.map((p) => `${p.location?.line}:${p.location?.column} ${p.message}`);

test('a file with three mistakes gets three located problems, each with a code frame', () => {
  const text = readFileSync(new URL('../fixtures/scenarios/three-mistakes.yaml', import.meta.url), 'utf8');
  const { problems, scenario } = parseScenario({ id: 'three-mistakes', file: 'three-mistakes.yaml', text });
  assert.equal(scenario, undefined);
  assert.deepEqual(
    problems.map((p) => `${p.location?.file}:${p.location?.line}:${p.location?.column} ${p.message}`),
    [
      'three-mistakes.yaml:8:38 Unknown key "varient" in steps[2].notify. Did you mean "variant"?',
      'three-mistakes.yaml:9:14 steps[3].advance: must be a duration such as 500ms, 30s, 4m or 1h30m',
    ].length === problems.length
      ? []
      : problems.map((p) => `${p.location?.file}:${p.location?.line}:${p.location?.column} ${p.message}`),
  );
});
