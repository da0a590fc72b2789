/** Renders a few lines of `text` around 1-based `line`/`column`, with a caret under the column. */
export function codeFrame(text: string, line: number, column: number, options: { context?: number; width?: number } = {}): string {
  const lines = text.split(/\r?\n/);
  const context = options.context ?? 1;
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const gutter = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === line ? '>' : ' ';
    const src = lines[n - 1] ?? '';
    out.push(`${marker} ${String(n).padStart(gutter)} | ${src}`.trimEnd());
    if (n === line) {
      const width = Math.max(1, options.width ?? 1);
      const pad = src.slice(0, column - 1).replace(/[^\t]/g, ' ');
      out.push(`  ${' '.repeat(gutter)} | ${pad}${'^'.repeat(width)}`);
    }
  }
  return out.join('\n');
}
