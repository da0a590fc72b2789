import path from 'node:path';
import type { ReadinessRow, Reporter, RunResult, ScenarioResult } from '../runner/types.js';
import { bugLines, failingStep, failureLines, skipReason, stepLabel } from './failure-details.js';
import { logLine, workflowCommand } from './workflow-command.js';

/** Options for {@link createGithubReporter}. */
export interface GithubReporterOptions {
  /** Receives workflow-command lines as the run goes (stdout in GitHub Actions). */
  write: (text: string) => void | Promise<void>;
  /**
   * Folder annotation paths are made relative to (the repository root; GitHub needs repo-relative paths).
   * Relative scenario paths are taken to be relative to the process's working folder, as the CLI runs.
   */
  cwd?: string;
}

const countsText = (row: Pick<ReadinessRow, 'passed' | 'failed' | 'errored' | 'skipped'>): string =>
  `${row.passed} passed${row.failed ? `, ${row.failed} failed` : ''}${row.errored ? `, ${row.errored} errored` : ''}${row.skipped ? `, ${row.skipped} skipped` : ''}`;

const readinessLines = (rows: readonly ReadinessRow[]): string[] => {
  const width = Math.max(...rows.map((r) => `${r.provider} ${r.category}`.length), 10);
  return rows.map((row) => {
    const catches = row.catches.length ? `  catches ${row.catches.join(', ')}` : '';
    return `${`${row.provider} ${row.category}`.padEnd(width)}  ${row.verdict.padEnd(9)}  ${countsText(row)}${catches}`;
  });
};

const duration = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

/**
 * The GitHub Actions reporter: workflow commands that annotate the failing step of each failed or
 * errored scenario (`::error`) and each skipped scenario (`::notice`) as results arrive, then the
 * readiness table in a collapsed group and a summary line at the end.
 */
export function createGithubReporter(options: GithubReporterOptions): Reporter {
  const fromRoot = (file: string): string => {
    let shown = file;
    if (options.cwd) {
      const rel = path.relative(options.cwd, path.resolve(file));
      if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) shown = rel;
    }
    return shown.split(path.sep).join('/');
  };

  const annotate = (r: ScenarioResult): string | undefined => {
    const s = r.scenario;
    if (r.status === 'skipped') return workflowCommand('notice', { file: fromRoot(s.location.file || s.file), line: s.location.line, title: `${s.id} skipped` }, skipReason(r));
    if (r.status !== 'failed' && r.status !== 'errored') return undefined;
    const step = failingStep(r);
    const where = step?.location ?? s.location;
    const lines = step ? [stepLabel(step), ...failureLines(step, '  ')] : [r.reason ?? r.status];
    return workflowCommand('error', { file: fromRoot(where.file || s.file), line: where.line, col: where.column, title: `${s.id} ${r.status}: ${s.name}` }, [...lines, ...bugLines(s)].join('\n'));
  };

  return {
    async onScenarioResult(result) {
      const text = annotate(result);
      if (text) await options.write(text);
    },
    async onRunEnd(result: RunResult) {
      const n = result.counts;
      const out: string[] = [];
      if (result.readiness.length) out.push('::group::payprobe readiness', ...readinessLines(result.readiness).map(logLine), '::endgroup::');
      const interrupted = result.status === 'interrupted' ? ', interrupted' : '';
      out.push(logLine(`payprobe: ${n.passed} passed, ${n.failed} failed, ${n.errored} errored, ${n.skipped} skipped (${n.total} scenario${n.total === 1 ? '' : 's'}) in ${duration(result.durationMs)}${interrupted}`));
      await options.write(`${out.join('\n')}\n`);
    },
  };
}
