import type { ReadinessRow, RunCounts, ScenarioResult } from './types.js';

/** Counts outcomes. */
export function countResults(results: readonly ScenarioResult[]): RunCounts {
  const counts: RunCounts = { total: results.length, passed: 0, failed: 0, errored: 0, skipped: 0 };
  for (const r of results) counts[r.status]++;
  return counts;
}

/** The go-live readiness table: one row per provider and category, in first-seen order. */
export function readinessTable(results: readonly ScenarioResult[]): ReadinessRow[] {
  const rows = new Map<string, ReadinessRow>();
  for (const r of results) {
    const key = `${r.scenario.provider}\u0000${r.scenario.category}`;
    let row = rows.get(key);
    if (!row) {
      row = { provider: r.scenario.provider, category: r.scenario.category, passed: 0, failed: 0, errored: 0, skipped: 0, verdict: 'untested', catches: [] };
      rows.set(key, row);
    }
    row[r.status]++;
    if (r.status === 'failed' || r.status === 'errored') for (const c of r.scenario.catches) if (!row.catches.includes(c)) row.catches.push(c);
  }
  for (const row of rows.values()) row.verdict = row.failed || row.errored ? 'not ready' : row.passed ? 'ready' : 'untested';
  return [...rows.values()];
}
