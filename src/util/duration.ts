import { z } from 'zod';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `500ms`, `30s`, `4m`, `1h30m`, `2d` into milliseconds; returns undefined if malformed. */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(s)) return undefined;
  let total = 0;
  for (const [, n, , unit] of s.matchAll(/(\d+(\.\d+)?)(ms|s|m|h|d)/g)) total += Number(n) * UNITS[unit];
  return Math.round(total);
}

/** A list of valid durations (a config's retry schedule, already through {@link durationSchema}) in milliseconds. */
export function durationsMs(list: readonly string[]): number[] {
  return list.map((d) => parseDuration(d)!);
}

/** Formats milliseconds compactly: 90000 → `1m30s`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  let rest = Math.round(ms / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join('');
}

/** Zod schema for a duration written as text (`500ms`, `30s`, `4m`, `1h30m`). */
export const durationSchema = z.string().refine((s) => parseDuration(s) !== undefined, { message: 'must be a duration such as 500ms, 30s, 4m or 1h30m' });
