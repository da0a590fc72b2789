// CSI sequences (colours, cursor moves), OSC sequences (titles, hyperlinks) and two-byte escapes.
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

/** Removes ANSI escape sequences, and any stray ESC left over, so reports stay plain text. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '').replace(/[\x1b\x9b]/g, '');
}
