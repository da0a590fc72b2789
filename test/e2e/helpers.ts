import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runSuite, type RunSuiteResult } from '../../src/runner/run-suite.ts';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The reference merchant's config. */
export const REFERENCE_CONFIG = 'fixtures/merchants/reference/payprobe.config.yaml';

/** Runs the built-in suite against the reference merchant started with `bugs`. */
export async function runReference(bugs: string[] = [], extra: { paths?: string[]; grep?: RegExp } = {}): Promise<RunSuiteResult> {
  const env = { ...process.env, BUGS: bugs.join(',') };
  return runSuite({ cwd: ROOT, configPath: REFERENCE_CONFIG, env, ...extra });
}

/** Ids of the scenarios that did not pass. */
export function notPassed(run: RunSuiteResult): string[] {
  return run.result.scenarios.filter((s) => s.status === 'failed' || s.status === 'errored').map((s) => s.scenario.id).sort();
}

/** Runs the built CLI (`bin/payprobe.js`) and collects its output and exit code. */
export function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`${ROOT}bin/payprobe.js`, ...args], { cwd: options.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1', ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
