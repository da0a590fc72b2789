import type { SourceLocation } from '../errors.js';
import type { StepKind } from './model.js';

/** How a step or scenario ended. `failed`: an expectation did not hold. `errored`: it could not run. */
export type Outcome = 'passed' | 'failed' | 'errored' | 'skipped';

/** One expectation that did not hold. */
export interface Failure {
  message: string;
  expected?: unknown;
  actual?: unknown;
}

/** An HTTP exchange shown with a failure (secrets redacted, bodies truncated). */
export interface ExchangeView {
  /** `hook` (payprobe → merchant), `request` (merchant → sandbox) or `callback` (sandbox → merchant). */
  kind: 'hook' | 'request' | 'callback';
  label: string;
  method: string;
  url: string;
  requestBody?: string;
  status?: number;
  responseBody?: string;
  error?: string;
}

/** The result of one step. */
export interface StepResult {
  index: number;
  kind: StepKind;
  title: string;
  location: SourceLocation;
  status: Outcome;
  durationMs: number;
  failures: Failure[];
  error?: { code: string; message: string };
  skipReason?: string;
  /** Exchanges during the step, oldest first. */
  exchanges: ExchangeView[];
}

/** Read-only facts about a scenario, for reporters. */
export interface ScenarioInfo {
  id: string;
  file: string;
  name: string;
  provider: string;
  category: string;
  tags: string[];
  catches: string[];
  summary?: string;
  hooks: string[];
  location: SourceLocation;
  steps: number;
}

/** The result of one scenario. */
export interface ScenarioResult {
  scenario: ScenarioInfo;
  status: Outcome;
  /** Why it was skipped or errored, in one sentence. */
  reason?: string;
  steps: StepResult[];
  durationMs: number;
}
