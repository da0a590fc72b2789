import { checkInitOptions, shellWord } from './check-init-options.js';
import { INIT_DEFAULTS } from './init-defaults.js';
import type { HookRoute, InitAnswers } from './init-options.js';
import { parseRoute } from './parse-route.js';

/** The options object commander builds for `payprobe init` (see src/cli/main.ts). */
export interface InitFlags {
  yes?: boolean;
  dir?: string;
  providers?: string[];
  baseUrl?: string;
  start?: string;
  ready?: string;
  hook?: string[];
  callback?: string[];
  force?: boolean;
}

/** Which answers the command line settled, so an interactive run asks only for the rest. */
export interface InitGiven {
  dir: boolean;
  providers: boolean;
  baseUrl: boolean;
  start: boolean;
  ready: boolean;
  /** Hook names given with --hook. */
  hooks: string[];
  /** Provider ids given with --callback. */
  callbacks: string[];
}

/** The result of {@link parseInitFlags}: the answers, what the flags settled, and every problem (one sentence each). */
export interface ParsedInitFlags {
  answers: InitAnswers;
  given: InitGiven;
  problems: string[];
}

const FLAG_ORDER = ['--dir', '--providers', '--base-url', '--start', '--ready', '--hook', '--callback'];

const splitPair = (text: string): [string, string] | undefined => {
  const at = text.indexOf('=');
  return at > 0 ? [text.slice(0, at).trim(), text.slice(at + 1).trim()] : undefined;
};

/**
 * Turns `payprobe init` flags into answers. Commander fills in defaults for --dir, --base-url and
 * --ready, so a value equal to its default counts as not given: a prompt then offers it.
 */
export function parseInitFlags(flags: InitFlags): ParsedInitFlags {
  const problems: string[] = [];
  const providers = [...new Set(flags.providers ?? [])];
  const command = flags.start?.trim() || undefined;
  const ready = flags.ready ?? INIT_DEFAULTS.ready;
  if (!command && ready !== INIT_DEFAULTS.ready) {
    problems.push(`--ready ${shellWord(ready)}: it only matters with --start. Add --start "<command>", or drop --ready.`);
  }

  const hooks: Record<string, HookRoute> = {};
  for (const text of flags.hook ?? []) {
    const pair = splitPair(text);
    if (!pair || !/^[A-Za-z][\w-]*$/.test(pair[0])) {
      problems.push(`--hook ${shellWord(text)}: not name=METHOD /path. Write it like --hook "checkout=POST /orders".`);
      continue;
    }
    const [name, spec] = pair;
    const parsed = parseRoute(spec);
    if (parsed.problem !== undefined) problems.push(`--hook ${shellWord(text)}: ${parsed.problem}`);
    else if (Object.hasOwn(hooks, name)) problems.push(`--hook ${name} is given twice. Give each hook once.`);
    else hooks[name] = parsed.route;
  }

  const callbacks: Record<string, string> = {};
  for (const text of flags.callback ?? []) {
    const pair = splitPair(text);
    if (!pair || !pair[1]) {
      problems.push(`--callback ${shellWord(text)}: not provider=path. Write it like --callback alipay=/notify/alipay.`);
      continue;
    }
    if (Object.hasOwn(callbacks, pair[0])) problems.push(`--callback ${pair[0]} is given twice. Give each provider's callback once.`);
    else callbacks[pair[0]] = pair[1];
  }

  const answers: InitAnswers = {
    dir: flags.dir ?? INIT_DEFAULTS.dir,
    providers: providers.length ? providers : undefined,
    baseUrl: flags.baseUrl ?? INIT_DEFAULTS.baseUrl,
    start: command ? { command, ready } : undefined,
    hooks,
    callbacks,
    force: flags.force === true,
  };
  problems.push(...checkInitOptions(answers));
  // Problems in the order the flags appear in `payprobe init --help`.
  const rank = (problem: string) => FLAG_ORDER.findIndex((flag) => problem.startsWith(`${flag} `) || problem.startsWith(`${flag}:`));
  problems.sort((a, b) => rank(a) - rank(b));
  return {
    answers,
    given: {
      dir: answers.dir !== INIT_DEFAULTS.dir,
      providers: providers.length > 0,
      baseUrl: answers.baseUrl !== INIT_DEFAULTS.baseUrl,
      start: command !== undefined,
      ready: ready !== INIT_DEFAULTS.ready,
      hooks: Object.keys(hooks),
      callbacks: Object.keys(callbacks),
    },
    problems,
  };
}
