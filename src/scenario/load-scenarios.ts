import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ScenarioError, type Problem } from '../errors.js';
import { expandPaths } from '../util/glob.js';
import type { Scenario } from './model.js';
import { parseScenario, type ParseContext } from './parse-scenario.js';

/** The folder of the built-in go-live suite shipped with payprobe. */
export const BUILTIN_SCENARIOS_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** Options for {@link loadScenarios}. */
export interface LoadScenariosOptions {
  cwd: string;
  /** Files, folders or globs given by the user (relative to `cwd`). */
  paths?: readonly string[];
  /** Run the built-in suite of these providers (ignored when `paths` are given). */
  builtinProviders?: readonly string[];
  /** Extra files/globs from the config, relative to `configDir`. */
  configPaths?: readonly string[];
  configDir?: string;
  context?: ParseContext;
}

const idFor = (file: string, cwd: string): string => {
  const rel = file.startsWith(BUILTIN_SCENARIOS_DIR) ? path.relative(BUILTIN_SCENARIOS_DIR, file) : path.relative(cwd, file);
  return rel.split(path.sep).join('/').replace(/\.ya?ml$/, '');
};

/** Finds, reads and validates scenarios; throws {@link ScenarioError} with every problem in every file. */
export async function loadScenarios(options: LoadScenariosOptions): Promise<Scenario[]> {
  const files: string[] = [];
  const problems: Problem[] = [];
  if (options.paths?.length) {
    const found = await expandPaths(options.cwd, options.paths);
    files.push(...found.files);
    for (const m of found.missing) problems.push({ message: `No scenario file matches "${m}".` });
  } else {
    for (const provider of options.builtinProviders ?? []) {
      files.push(...(await expandPaths(BUILTIN_SCENARIOS_DIR, [provider])).files);
    }
    if (options.configPaths?.length) {
      const found = await expandPaths(options.configDir ?? options.cwd, options.configPaths);
      files.push(...found.files);
      for (const m of found.missing) problems.push({ message: `No scenario file matches "${m}" (from the config's scenarios list).` });
    }
  }
  const scenarios: Scenario[] = [];
  const ids = new Map<string, string>();
  for (const file of [...new Set(files)]) {
    const relative = path.relative(options.cwd, file);
    const display = relative && !relative.startsWith('..') ? relative : file;
    const text = await readFile(file, 'utf8');
    const result = parseScenario({ id: idFor(file, options.cwd), file: display, path: file, text, context: options.context });
    problems.push(...result.problems);
    if (result.scenario) {
      const clash = ids.get(result.scenario.id);
      if (clash) problems.push({ message: `Two scenarios have the id ${result.scenario.id}: ${clash} and ${display}.`, location: result.scenario.location });
      ids.set(result.scenario.id, display);
      scenarios.push(result.scenario);
    }
  }
  if (problems.length) {
    const filesWithProblems = new Set(problems.map((p) => p.location?.file).filter(Boolean));
    throw new ScenarioError(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in ${filesWithProblems.size || 1} scenario file${filesWithProblems.size > 1 ? 's' : ''}.`,
      problems,
    );
  }
  return scenarios;
}
