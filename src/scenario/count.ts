/** Whether `actual` satisfies a count written as `3`, `">=1"`, `"<2"`, ... */
export function countMatches(expected: number | string, actual: number): boolean {
  if (typeof expected === 'number') return actual === expected;
  const m = /^(>=|<=|>|<|=)?\s*(\d+)$/.exec(expected.trim());
  if (!m) return false;
  const n = Number(m[2]);
  switch (m[1]) {
    case '>=':
      return actual >= n;
    case '<=':
      return actual <= n;
    case '>':
      return actual > n;
    case '<':
      return actual < n;
    default:
      return actual === n;
  }
}
