import type { ExchangeView, Failure, Outcome, ScenarioInfo, ScenarioResult, StepResult } from '../scenario/result.js';

export type { ExchangeView, Failure, Outcome, ScenarioInfo, ScenarioResult, StepResult };

/** What a run is about to do; given to `onRunStart`. */
export interface RunStartInfo {
  scenarios: ScenarioInfo[];
  /** Provider id → sandbox URL. */
  providers: Record<string, string>;
  merchantUrl: string;
  seed: string;
  startedAt: string;
}

/** Pass/fail counts. */
export interface RunCounts {
  total: number;
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
}

/** One row of the go-live readiness table: a provider × category. */
export interface ReadinessRow {
  provider: string;
  category: string;
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
  /** `ready` when everything ran and passed, `not ready` when anything failed or errored, `untested` when all skipped. */
  verdict: 'ready' | 'not ready' | 'untested';
  /** Bug classes the failing scenarios catch. */
  catches: string[];
}

/** The whole run. */
export interface RunResult {
  status: 'passed' | 'failed' | 'interrupted';
  counts: RunCounts;
  scenarios: ScenarioResult[];
  readiness: ReadinessRow[];
  durationMs: number;
  seed: string;
}

/**
 * A reporter: optional async hooks, all awaited in order.
 * - `onRunStart`: once, after the sandbox listens and the merchant is ready, before the first scenario.
 * - `onScenarioStart`: before a scenario's first step (not for skipped scenarios).
 * - `onStepResult`: after each step, including skipped ones.
 * - `onScenarioResult`: once per scenario, skipped ones included.
 * - `onRunEnd`: once, after the merchant and sandbox have stopped.
 */
export interface Reporter {
  onRunStart?(info: RunStartInfo): void | Promise<void>;
  onScenarioStart?(scenario: ScenarioInfo): void | Promise<void>;
  onStepResult?(scenario: ScenarioInfo, step: StepResult): void | Promise<void>;
  onScenarioResult?(result: ScenarioResult): void | Promise<void>;
  onRunEnd?(result: RunResult): void | Promise<void>;
}
