import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE } from '../config/load-config.js';
import { PROVIDERS } from '../providers/registry.js';
import { baseUrlProblem, callbackTargetProblem, hookRouteProblem, readyPathProblem } from './check-init-options.js';
import { EXAMPLE_SCENARIO_FILE } from './example-scenario.js';
import { defaultCallbackPath, INIT_DEFAULTS } from './init-defaults.js';
import type { InitAnswers } from './init-options.js';
import type { ParsedInitFlags } from './parse-init-flags.js';
import { formatRoute, parseRoute } from './parse-route.js';
import { ENV_FILE } from './render-env-file.js';
import { SCAFFOLD_HOOKS } from './scaffold-hooks.js';

/** Where the prompts read and write; the process's terminal by default. */
export interface AskContext {
  cwd: string;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

const valid = (problem: string | undefined): string | true => problem ?? true;

/**
 * Asks, in a terminal, for what the flags left open: folder first (an existing config there can be
 * kept, and then nothing else needs asking), then providers, base URL, start command, hook routes
 * and callback paths. Each prompt offers the flag value or the default. Throws inquirer's
 * ExitPromptError on Ctrl-C.
 */
export async function askInitAnswers(parsed: ParsedInitFlags, context: AskContext): Promise<InitAnswers> {
  // Loaded here so that runs without a terminal never load the prompt library.
  const { checkbox, confirm, input } = await import('@inquirer/prompts');
  const io = { input: context.input, output: context.output };
  const out = context.output ?? process.stdout;
  const given = parsed.given;
  const answers: InitAnswers = { ...parsed.answers, hooks: { ...parsed.answers.hooks }, callbacks: { ...parsed.answers.callbacks } };

  if (!given.dir) {
    const notAFolder = (v: string) => {
      const target = path.resolve(context.cwd, v.trim());
      return existsSync(target) && !statSync(target).isDirectory() ? `${v.trim()} is a file, not a folder. Give a folder (it is created if missing).` : true;
    };
    answers.dir = (await input({ message: 'Folder to set up (your project):', default: answers.dir ?? INIT_DEFAULTS.dir, required: true, validate: notAFolder }, io)).trim();
  }
  const dir = path.resolve(context.cwd, answers.dir ?? INIT_DEFAULTS.dir);
  if (!answers.force && existsSync(path.join(dir, CONFIG_FILE))) {
    const existing = [CONFIG_FILE, ENV_FILE, EXAMPLE_SCENARIO_FILE].filter((f) => existsSync(path.join(dir, f)));
    const replace = await confirm(
      { message: `${existing.join(', ')} ${existing.length > 1 ? 'exist' : 'exists'} there. Replace with new answers? (No keeps ${existing.length > 1 ? 'them' : 'it'}; keys are kept either way)`, default: false },
      io,
    );
    // A kept config decides everything else, so the remaining questions would change nothing.
    if (!replace) return answers;
    answers.force = true;
  }

  if (!given.providers) {
    answers.providers = await checkbox(
      {
        message: 'Providers to simulate:',
        choices: Object.entries(PROVIDERS).map(([id, definition]) => ({ value: id, name: `${definition.title} (${id})`, checked: answers.providers?.includes(id) ?? true })),
        required: true,
      },
      io,
    );
  }
  if (!given.baseUrl) {
    answers.baseUrl = (await input({ message: 'Where does your app listen (base URL)?', default: answers.baseUrl, validate: (v) => valid(baseUrlProblem(v.trim())) }, io)).trim();
  }
  if (!given.start) {
    // `${PORT}` means payprobe picks the port, which it can pass on only to an app it starts.
    const needed = answers.baseUrl?.includes('${PORT}') ?? false;
    const command = (
      await input(
        {
          message: needed ? 'Command that starts your app:' : 'Command that starts your app (empty: you start it yourself):',
          validate: (v) => (needed && !v.trim() ? 'The base URL uses ${PORT}, so payprobe must start your app: give the command.' : true),
        },
        io,
      )
    ).trim();
    answers.start = command ? { command, ready: answers.start?.ready ?? INIT_DEFAULTS.ready } : undefined;
  }
  if (answers.start && !given.ready) {
    const ready = await input({ message: 'Path that answers 2xx once your app is ready:', default: answers.start.ready ?? INIT_DEFAULTS.ready, validate: (v) => valid(readyPathProblem(v.trim())) }, io);
    answers.start = { ...answers.start, ready: ready.trim() };
  }

  const openHooks = SCAFFOLD_HOOKS.filter((h) => !given.hooks.includes(h.name));
  if (openHooks.length) out.write('Hooks: the endpoints of your app payprobe calls, as METHOD /path (Enter keeps the default).\n');
  for (const hook of openHooks) {
    const answer = await input(
      {
        message: `${hook.name} hook (${hook.short}):`,
        default: formatRoute(hook.route),
        validate: (v) => {
          const parsedRoute = parseRoute(v);
          return valid(parsedRoute.problem ?? hookRouteProblem(hook.name, parsedRoute.route!));
        },
      },
      io,
    );
    answers.hooks![hook.name] = parseRoute(answer).route!;
  }

  for (const id of answers.providers ?? Object.keys(PROVIDERS)) {
    if (given.callbacks.includes(id)) continue;
    const title = PROVIDERS[id]?.title ?? id;
    const target = await input(
      { message: `Path where ${title} posts its notifications to your app:`, default: answers.callbacks?.[id] ?? defaultCallbackPath(id), validate: (v) => valid(callbackTargetProblem(v.trim())) },
      io,
    );
    answers.callbacks![id] = target.trim();
  }
  return answers;
}
