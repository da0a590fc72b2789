import type { ScenarioInfo, ScenarioResult, StepResult } from '../runner/types.js';

/** The step that made a scenario fail or error, if any. */
export function failingStep(result: ScenarioResult): StepResult | undefined {
  return result.steps.find((s) => s.status === 'failed' || s.status === 'errored');
}

/** A value as a person reads it: strings as they are, anything else as JSON. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    const json = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    if (json !== undefined) return json;
  } catch {
    // A circular value: fall through to its plain string form.
  }
  return String(value);
}

/** `step 2, notify trade.success (forged)`: the 1-based step number and its title. */
export function stepLabel(step: StepResult): string {
  return `step ${step.index + 1}, ${step.title}`;
}

/** `file:line:col` of a step. */
export function stepLocation(step: StepResult): string {
  return `${step.location.file}:${step.location.line}:${step.location.column}`;
}

/** One line per failure (`× message`) followed by its expected and actual values, indented. */
export function failureLines(step: StepResult, pad = '    '): string[] {
  const lines: string[] = [];
  if (step.error) lines.push(`${step.error.code}: ${step.error.message}`);
  for (const f of step.failures) {
    lines.push(`× ${f.message}`);
    if (f.expected !== undefined) lines.push(`${pad}expected ${showValue(f.expected)}`);
    if (f.actual !== undefined) lines.push(`${pad}actual   ${showValue(f.actual)}`);
  }
  return lines;
}

/** The bug a scenario catches: its summary and its `catches` ids. */
export function bugLines(scenario: ScenarioInfo): string[] {
  const lines: string[] = [];
  if (scenario.summary) lines.push(scenario.summary);
  if (scenario.catches.length) lines.push(`catches: ${scenario.catches.join(', ')}`);
  return lines;
}

/** Why a scenario was skipped: its reason, else the first step's skip reason. */
export function skipReason(result: ScenarioResult): string {
  return result.reason ?? result.steps.find((s) => s.skipReason)?.skipReason ?? 'skipped';
}

/** Cuts text to about `max` characters, saying how many were left out; never splits a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
  return `${text.slice(0, end)}… (${text.length - end} more characters)`;
}
