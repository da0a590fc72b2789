import type { ChalkInstance } from 'chalk';
import type { ExchangeView, Reporter, RunResult, ScenarioInfo, ScenarioResult, StepResult } from '../runner/types.js';
import { colorFor } from './color.js';

/** Options for {@link createPrettyReporter}. */
export interface PrettyReporterOptions {
  stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  env?: NodeJS.ProcessEnv;
}

const ms = (n: number): string => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${Math.round(n)} ms`);
const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const indent = (text: string, pad: string): string => text.split('\n').map((l) => pad + l).join('\n');

/** The terminal reporter: a line per scenario (a live line while it runs on a TTY), failure details, the readiness table. */
export function createPrettyReporter(options: PrettyReporterOptions): Reporter {
  const out = options.stream;
  const c: ChalkInstance = colorFor(out, options.env ?? process.env);
  const tty = Boolean(out.isTTY);
  let live = false;
  const write = (s: string) => out.write(s);
  const clearLive = () => {
    if (live) write('\r\x1b[2K');
    live = false;
  };
  const mark = (status: string): string =>
    ({ passed: c.green('✓'), failed: c.red('✗'), errored: c.red('!'), skipped: c.yellow('↓') })[status] ?? '?';

  const exchange = (x: ExchangeView): string => {
    const lines = [`${c.dim(x.label)}  ${x.method} ${x.url}`];
    if (x.requestBody) lines.push(`  ${c.dim('sent')}     ${x.requestBody.slice(0, 400)}`);
    if (x.status !== undefined) lines.push(`  ${c.dim('answer')}   HTTP ${x.status} ${(x.responseBody ?? '').slice(0, 400)}`);
    if (x.error) lines.push(`  ${c.dim('note')}     ${x.error}`);
    return lines.join('\n');
  };

  const details = (r: ScenarioResult): string => {
    const lines: string[] = [c.red.bold(`${r.status === 'errored' ? 'ERROR' : 'FAIL'}  ${r.scenario.id}`) + c.dim(`  ${r.scenario.name}`)];
    if (r.scenario.summary) lines.push(c.dim(`      ${r.scenario.summary}`));
    const step = r.steps.find((s) => s.status === 'failed' || s.status === 'errored');
    if (step) {
      const loc = `${step.location.file}:${step.location.line}:${step.location.column}`;
      lines.push(`      step ${step.index + 1}, ${step.title}  ${c.cyan(loc)}`);
      if (step.error) lines.push(`      ${c.red(step.error.message)}`);
      for (const f of step.failures) {
        lines.push(`      ${c.red('×')} ${f.message}`);
        if (f.expected !== undefined) lines.push(`          ${c.green('expected')} ${show(f.expected)}`);
        if (f.actual !== undefined) lines.push(`          ${c.red('actual  ')} ${show(f.actual)}`);
      }
      const last = step.exchanges[step.exchanges.length - 1];
      if (last) lines.push(`      ${c.dim('last exchange:')}`, indent(exchange(last), '        '));
    } else if (r.reason) lines.push(`      ${r.reason}`);
    return lines.join('\n');
  };

  return {
    onRunStart(info) {
      const providers = Object.entries(info.providers).map(([id, url]) => `${id} ${c.dim(url)}`).join(', ');
      write(`${c.bold('payprobe')} ${c.dim('·')} ${info.scenarios.length} scenario${info.scenarios.length === 1 ? '' : 's'} ${c.dim('·')} merchant ${c.dim(info.merchantUrl)} ${c.dim('·')} sandbox ${providers}\n\n`);
    },
    onScenarioStart(s: ScenarioInfo) {
      if (!tty) return;
      clearLive();
      write(`${c.dim('…')} ${s.id}`);
      live = true;
    },
    onStepResult(s: ScenarioInfo, step: StepResult) {
      if (!tty) return;
      clearLive();
      write(`${c.dim('…')} ${s.id} ${c.dim(`step ${step.index + 1}/${s.steps} ${step.title}`)}`);
      live = true;
    },
    onScenarioResult(r) {
      clearLive();
      const name = r.status === 'passed' ? r.scenario.id : r.status === 'skipped' ? c.yellow(r.scenario.id) : c.red(r.scenario.id);
      const tail = r.status === 'skipped' ? c.yellow(`skipped: ${r.reason}`) : c.dim(ms(r.durationMs));
      write(` ${mark(r.status)} ${name}  ${c.dim(r.scenario.name)}  ${tail}\n`);
    },
    onRunEnd(result: RunResult) {
      clearLive();
      const bad = result.scenarios.filter((r) => r.status === 'failed' || r.status === 'errored');
      if (bad.length) write(`\n${bad.map(details).join('\n\n')}\n`);
      if (result.readiness.length) {
        write(`\n${c.bold('Go-live readiness')}\n`);
        const width = Math.max(...result.readiness.map((r) => `${r.provider} ${r.category}`.length), 10);
        for (const row of result.readiness) {
          const verdict = row.verdict === 'ready' ? c.green('ready') : row.verdict === 'not ready' ? c.red('not ready') : c.yellow('untested');
          const counts = `${row.passed} passed${row.failed ? `, ${row.failed} failed` : ''}${row.errored ? `, ${row.errored} errored` : ''}${row.skipped ? `, ${row.skipped} skipped` : ''}`;
          const catches = row.catches.length ? c.dim(`  catches ${row.catches.join(', ')}`) : '';
          write(`  ${`${row.provider} ${row.category}`.padEnd(width)}  ${verdict.padEnd(row.verdict === 'ready' ? 5 : 9)}  ${c.dim(counts)}${catches}\n`);
        }
      }
      const n = result.counts;
      const parts = [n.passed && c.green(`${n.passed} passed`), n.failed && c.red(`${n.failed} failed`), n.errored && c.red(`${n.errored} errored`), n.skipped && c.yellow(`${n.skipped} skipped`)].filter(Boolean);
      write(`\n${c.bold('Scenarios')}  ${parts.join(c.dim(' | '))} ${c.dim(`(${n.total})`)}\n${c.bold('Duration')}   ${ms(result.durationMs)}${result.status === 'interrupted' ? c.yellow('  (interrupted)') : ''}\n`);
    },
  };
}
