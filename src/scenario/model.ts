import type { SourceLocation } from '../errors.js';
import type { ScenarioSpec, StepSpec } from './schema.js';

/** What a step does. */
export type StepKind = 'hook' | 'buyer' | 'notify' | 'advance' | 'let' | 'fault' | 'fixture' | 'expect';

/** A step ready to run: its spec, what it does, and where it is written. */
export interface Step {
  index: number;
  kind: StepKind;
  title: string;
  spec: StepSpec;
  location: SourceLocation;
  /** For a fixture step: the file, read and checked when the scenario was loaded. */
  fixture?: { path: string; content: unknown };
}

/** A scenario ready to run. */
export interface Scenario {
  /** Stable id: the file path under its scenarios folder without extension, e.g. `alipay/forged-notify`. */
  id: string;
  /** Path shown to people (relative to the working folder). */
  file: string;
  name: string;
  provider: string;
  description?: string;
  /** The leading comment of the file: the production bug the scenario catches. */
  summary?: string;
  catches: string[];
  category: string;
  tags: string[];
  /** Hooks the scenario needs: those its steps call plus `needs`. */
  hooks: string[];
  vars: Record<string, unknown>;
  steps: Step[];
  location: SourceLocation;
  spec: ScenarioSpec;
}
