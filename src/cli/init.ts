import path from 'node:path';
import { initProject, type InitFile, type InitResult } from '../scaffold/init-project.js';
import { parseInitFlags, type InitFlags } from '../scaffold/parse-init-flags.js';
import { reportError } from './report-error.js';

const shown = (cwd: string, file: InitFile): string => {
  const relative = path.relative(cwd, file.path) || '.';
  return file.kind === 'keys' ? `${relative}/` : relative;
};

const summary = (cwd: string, result: InitResult): string => {
  const width = Math.max(...result.files.map((f) => shown(cwd, f).length));
  const lines = [`payprobe init · ${result.dir}`, ''];
  for (const file of result.files) {
    const note = file.status === 'kept' ? `(${file.note})` : file.note;
    lines.push(`  ${file.status.padEnd(9)}  ${shown(cwd, file).padEnd(width)}  ${note}`);
  }
  if (result.files.every((f) => f.status === 'kept' || f.status === 'unchanged')) lines.push('', 'Nothing changed: payprobe was already set up here.');
  lines.push('', 'Next:', ...result.nextSteps.map((step, i) => `  ${i + 1}. ${step}`), '');
  return lines.join('\n');
};

/** `payprobe init`: asks (in a terminal, without --yes) what the flags leave open, scaffolds, prints what it did; returns 0, 2 or 130. */
export async function initCommand(opts: InitFlags): Promise<number> {
  const cwd = process.cwd();
  const parsed = parseInitFlags(opts);
  if (parsed.problems.length) {
    for (const problem of parsed.problems) process.stderr.write(`${problem}\n`);
    return 2;
  }
  let answers = parsed.answers;
  if (!opts.yes && process.stdin.isTTY && process.stdout.isTTY) {
    try {
      const { askInitAnswers } = await import('../scaffold/ask-init-answers.js');
      answers = await askInitAnswers(parsed, { cwd });
      process.stdout.write('\n');
    } catch (error) {
      if ((error as Error)?.name === 'ExitPromptError') {
        process.stderr.write('Cancelled: nothing was written.\n');
        return 130;
      }
      throw error;
    }
  }
  try {
    process.stdout.write(summary(cwd, await initProject({ cwd, ...answers })));
    return 0;
  } catch (error) {
    return reportError(error, (s) => process.stderr.write(s));
  }
}
