import path from 'node:path';
import { ScenarioError } from '../errors.js';
import type { Scenario } from './model.js';
import { parseScenario } from './parse-scenario.js';

/** A provider fixture file given on the command line (`payprobe run --stripe-fixture file.json`). */
export interface FixtureFileSpec {
  provider: string;
  /** Path relative to `cwd`, or absolute. */
  file: string;
}

/**
 * Makes a one-step scenario of a fixture file: run it, and expect every event it causes to reach the merchant
 * and be acknowledged (a merchant acknowledges events it does not act on, as the providers ask).
 */
export function fixtureScenarios(files: readonly FixtureFileSpec[], cwd: string): Scenario[] {
  const scenarios: Scenario[] = [];
  const problems: ScenarioError['problems'] = [];
  for (const { provider, file } of files) {
    const absolute = path.resolve(cwd, file);
    const relative = path.relative(cwd, absolute);
    const display = relative && !relative.startsWith('..') ? relative : absolute;
    const base = path.basename(absolute).replace(/\.json$/i, '');
    const text = [
      `name: ${JSON.stringify(`${provider} fixture ${base}`)}`,
      `provider: ${provider}`,
      'category: fixtures',
      'tags: [fixture]',
      'steps:',
      `  - fixture: ${JSON.stringify(path.basename(absolute))}`,
      '    expect: { ack: accepted }',
      '',
    ].join('\n');
    const result = parseScenario({ id: `${provider}/fixture/${base}`, file: display, path: absolute, text });
    // The scenario is made, not written: point every problem at the fixture file itself.
    problems.push(...result.problems.map((p) => ({ message: p.message, location: { file: display, line: 1, column: 1 } })));
    if (result.scenario) scenarios.push({ ...result.scenario, location: { file: display, line: 1, column: 1 }, steps: result.scenario.steps.map((s) => ({ ...s, location: { file: display, line: 1, column: 1 } })) });
  }
  if (problems.length) throw new ScenarioError(`${problems.length} problem${problems.length === 1 ? '' : 's'} in the fixture files.`, problems);
  return scenarios;
}
