import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What {@link ensureGitignored} did to the `.gitignore`. */
export type GitignoreOutcome = 'created' | 'updated' | 'kept';

const escape = (s: string): string => s.replace(/[.+^${}()|[\]\\]/g, '\\$&');
const bare = (pattern: string): string => pattern.replace(/^\//, '').replace(/\/(\*\*?)?$/, '');
const matcher = (pattern: string): RegExp => new RegExp(`^${escape(bare(pattern)).replace(/\*+/g, '[^/]*').replace(/\?/g, '[^/]')}$`);

/** Whether the lines of a .gitignore ignore `entry` (a top-level name): the last pattern that matches it decides, as in git. */
export function isIgnored(text: string, entry: string): boolean {
  let ignored = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    const pattern = negated ? line.slice(1) : line;
    if (matcher(pattern).test(bare(entry))) ignored = !negated;
  }
  return ignored;
}

/** Makes `dir/.gitignore` ignore each entry: creates the file, or appends the missing lines once; never rewrites what is there. */
export async function ensureGitignored(dir: string, entries: readonly string[], comment: string): Promise<GitignoreOutcome> {
  const file = path.join(dir, '.gitignore');
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const missing = entries.filter((e) => !isIgnored(text ?? '', e));
  if (!missing.length) return 'kept';
  const eol = text?.includes('\r\n') ? '\r\n' : '\n';
  const block = [`# ${comment}`, ...missing].join(eol) + eol;
  if (text === undefined) {
    await writeFile(file, block, { flag: 'wx' });
    return 'created';
  }
  const separator = text === '' ? '' : text.endsWith('\n') ? eol : `${eol}${eol}`;
  await writeFile(file, `${text}${separator}${block}`);
  return 'updated';
}
