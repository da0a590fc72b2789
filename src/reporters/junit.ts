import type { ExchangeView, Reporter, RunResult, ScenarioInfo, ScenarioResult } from '../runner/types.js';
import { bugLines, failingStep, failureLines, skipReason, stepLabel, stepLocation, truncate } from './failure-details.js';
import { xmlAttrs, xmlText } from './xml.js';

/** Options for {@link createJunitReporter}. */
export interface JunitReporterOptions {
  /** Receives the whole XML document once, at the end of the run. */
  write: (text: string) => void | Promise<void>;
  /** Clock for the suites' `timestamp`; tests pass a fixed one. */
  now?: () => Date;
}

/** Exchange bodies longer than this are cut in the report. */
const BODY_LIMIT = 1024;

const seconds = (ms: number): string => (Math.max(0, Number.isFinite(ms) ? ms : 0) / 1000).toFixed(3);
// The JUnit schema's timestamp has no fraction and no zone; payprobe writes UTC.
const timestamp = (d: Date): string => d.toISOString().slice(0, 19);
// Continuation lines of a multi-line value line up under its first line.
const hang = (text: string, pad: string): string => text.replace(/\r?\n/g, `\n${pad}`);

const exchangeLines = (x: ExchangeView): string[] => {
  const pad = '             ';
  const lines = [`last exchange: ${x.label}`, `    ${x.method} ${x.url}`];
  if (x.requestBody) lines.push(`    sent     ${hang(truncate(x.requestBody, BODY_LIMIT), pad)}`);
  if (x.status !== undefined) lines.push(`    answer   HTTP ${x.status}${x.responseBody ? ` ${hang(truncate(x.responseBody, BODY_LIMIT), pad)}` : ''}`);
  if (x.error) lines.push(`    note     ${hang(x.error, pad)}`);
  return lines;
};

/** The element text of a `<failure>` or `<error>`: the step, each failure, the last exchange, the bug caught. */
const details = (r: ScenarioResult): string => {
  const step = failingStep(r);
  const blocks: string[][] = [];
  if (step) {
    blocks.push([`${stepLabel(step)} at ${stepLocation(step)}`, ...failureLines(step)]);
    const last = step.exchanges[step.exchanges.length - 1];
    if (last) blocks.push(exchangeLines(last));
  } else if (r.reason) blocks.push([r.reason]);
  const bug = bugLines(r.scenario);
  if (bug.length) blocks.push(bug);
  return blocks.map((b) => b.join('\n')).join('\n\n');
};

const testcase = (r: ScenarioResult): string => {
  const s = r.scenario;
  const open = `    <testcase${xmlAttrs({ classname: `${s.provider}.${s.category}`, name: `${s.id}: ${s.name}`, file: s.file, line: s.location.line, time: seconds(r.durationMs) })}`;
  const step = failingStep(r);
  if (r.status === 'failed') {
    const message = step?.failures.map((f) => f.message).join('; ') || r.reason || 'an expectation did not hold';
    return `${open}>\n      <failure${xmlAttrs({ message, type: 'AssertionError' })}>${xmlText(details(r))}</failure>\n    </testcase>`;
  }
  if (r.status === 'errored') {
    const message = step?.error?.message ?? r.reason ?? 'a step could not run';
    return `${open}>\n      <error${xmlAttrs({ message, type: step?.error?.code ?? 'ERROR' })}>${xmlText(details(r))}</error>\n    </testcase>`;
  }
  if (r.status === 'skipped') return `${open}>\n      <skipped${xmlAttrs({ message: skipReason(r) })}/>\n    </testcase>`;
  return `${open}/>`;
};

/** Renders a run as a JUnit XML document: one `<testsuite>` per provider, one `<testcase>` per scenario. */
function renderJunit(result: RunResult, startedAt: (scenario: ScenarioInfo) => Date): string {
  const byProvider = new Map<string, ScenarioResult[]>();
  for (const r of result.scenarios) {
    const list = byProvider.get(r.scenario.provider) ?? [];
    list.push(r);
    byProvider.set(r.scenario.provider, list);
  }
  const n = result.counts;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${xmlAttrs({ name: 'payprobe', tests: n.total, failures: n.failed, errors: n.errored, skipped: n.skipped, time: seconds(result.durationMs) })}>`,
  ];
  for (const [provider, results] of byProvider) {
    const count = (status: ScenarioResult['status']) => results.filter((r) => r.status === status).length;
    const first = Math.min(...results.map((r) => startedAt(r.scenario).getTime()));
    const time = seconds(results.reduce((sum, r) => sum + r.durationMs, 0));
    lines.push(`  <testsuite${xmlAttrs({ name: provider, tests: results.length, failures: count('failed'), errors: count('errored'), skipped: count('skipped'), time, timestamp: timestamp(new Date(first)) })}>`);
    for (const r of results) lines.push(testcase(r));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

/**
 * The JUnit reporter: the whole run as one XML document, written at the end. Failed scenarios are
 * `<failure>`, errored ones `<error>` (type = the error code), skipped ones `<skipped>`.
 */
export function createJunitReporter(options: JunitReporterOptions): Reporter {
  const now = options.now ?? (() => new Date());
  const starts = new Map<string, Date>();
  let runStart: Date | undefined;
  return {
    onRunStart(info) {
      const at = new Date(info.startedAt);
      runStart = Number.isNaN(at.getTime()) ? now() : at;
    },
    onScenarioStart(scenario) {
      starts.set(scenario.id, now());
    },
    onScenarioResult(result) {
      // Skipped scenarios never start; they are stamped when their result arrives.
      if (!starts.has(result.scenario.id)) starts.set(result.scenario.id, now());
    },
    async onRunEnd(result) {
      const fallback = runStart ?? now();
      await options.write(renderJunit(result, (s) => starts.get(s.id) ?? fallback));
    },
  };
}
