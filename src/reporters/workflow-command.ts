import { stripAnsi } from './strip-ansi.js';

// Other C0 controls would garble the log; tab is kept, LF and CR are escaped.
const plain = (text: string): string => stripAnsi(text).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '');

/** Escapes a workflow command's message as @actions/core does (`%`, CR, LF), after removing ANSI and control codes. */
export function escapeData(text: string): string {
  return plain(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value (`file=`, `title=`, …): the data rules plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One GitHub Actions workflow command line, e.g. `::error file=a.yaml,line=3::message`, ending in a newline. */
export function workflowCommand(name: string, props: Record<string, string | number>, message: string): string {
  const list = Object.entries(props).map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${name}${list ? ` ${list}` : ''}::${escapeData(message)}\n`;
}

/** A plain log line: no ANSI or control codes, no line breaks, and never read as a workflow command. */
export function logLine(text: string): string {
  const line = plain(text).replace(/[\r\n]+/g, ' ');
  return line.startsWith('::') ? ` ${line}` : line;
}
