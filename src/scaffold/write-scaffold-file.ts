import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What happened to one scaffolded file. */
export type WriteOutcome = 'created' | 'kept' | 'updated' | 'unchanged';

/** Writes `text` to `file` unless it exists: then it is kept, or with `force` rewritten (and reported unchanged when the bytes are the same). */
export async function writeScaffoldFile(file: string, text: string, options: { force: boolean }): Promise<WriteOutcome> {
  await mkdir(path.dirname(file), { recursive: true });
  try {
    // `wx` fails when the file exists, so a file that appears meanwhile is never clobbered.
    await writeFile(file, text, { flag: 'wx' });
    return 'created';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  if (!options.force) return 'kept';
  if ((await readFile(file, 'utf8')) === text) return 'unchanged';
  await writeFile(file, text);
  return 'updated';
}
