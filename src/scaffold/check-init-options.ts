import { PROVIDERS } from '../providers/registry.js';
import { didYouMean } from '../util/did-you-mean.js';
import { HOOK_METHODS, type HookRoute, type InitAnswers } from './init-options.js';
import { formatRoute } from './parse-route.js';
import { SCAFFOLD_HOOKS } from './scaffold-hooks.js';

const hint = (word: string, candidates: Iterable<string>): string => {
  const m = didYouMean(word, candidates);
  return m ? ` Did you mean "${m}"?` : '';
};

/** A value as a person would type it after a flag: quoted when the shell would need it. */
export function shellWord(value: string): string {
  if (/^[\w@%+=:,./-]+$/.test(value)) return value;
  return value.includes("'") ? JSON.stringify(value) : `'${value}'`;
}

/** Why `id` is not a provider payprobe can set up, or undefined when it is one. */
export function providerProblem(id: string): string | undefined {
  if (Object.hasOwn(PROVIDERS, id)) return undefined;
  return `payprobe has no "${id}" sandbox.${hint(id, Object.keys(PROVIDERS))} Choose from ${Object.keys(PROVIDERS).join(', ')}.`;
}

/** Why `url` cannot be the merchant's base URL, or undefined when it can. */
export function baseUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.replaceAll('${PORT}', '1'));
  } catch {
    return `"${url}" is not a URL. Give the address your app listens on, such as http://127.0.0.1:3000.`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `"${url}" is not an http(s) URL. Give the address your app listens on, such as http://127.0.0.1:3000.`;
  }
  return undefined;
}

/** Why `path` cannot be the ready path, or undefined when it can. */
export function readyPathProblem(path: string): string | undefined {
  return path.startsWith('/') ? undefined : `The ready path "${path}" must start with "/", like /healthz.`;
}

/** Why `target` cannot be a callback target, or undefined when it can (a path, or an absolute http(s) URL). */
export function callbackTargetProblem(target: string): string | undefined {
  if (target.startsWith('/')) return undefined;
  if (/^https?:\/\//i.test(target) && !baseUrlProblem(target)) return undefined;
  return `"${target}" is neither a path under the base URL (starting with "/") nor an absolute http(s) URL. Write it like /notify/alipay.`;
}

/** Why `route` does not suit the hook `name`, or undefined when it does. */
export function hookRouteProblem(name: string, route: HookRoute): string | undefined {
  if (!(HOOK_METHODS as readonly string[]).includes(route.method)) return `${route.method} is not a method payprobe calls hooks with. Use one of ${HOOK_METHODS.join(', ')}.`;
  if (!route.path.startsWith('/')) return `The path "${route.path}" must start with "/".`;
  const scaffold = SCAFFOLD_HOOKS.find((h) => h.name === name);
  // These hooks act on one order: without ${orderId} in the path the app cannot tell which (often a shell ate it).
  if (scaffold?.route.path.includes('${orderId}') && !route.path.includes('${orderId}')) {
    return `The path has no \${orderId}, so your app cannot tell which order. Write it like ${formatRoute(scaffold.route)} (in single quotes on a command line, so the shell leaves \${orderId} alone).`;
  }
  return undefined;
}

/** Every problem in a set of init answers, one sentence each, named after the flag that sets the value. */
export function checkInitOptions(answers: InitAnswers): string[] {
  const problems: string[] = [];
  const chosen = answers.providers ?? Object.keys(PROVIDERS);
  if (answers.providers && answers.providers.length === 0) {
    problems.push(`--providers: no provider chosen. Choose at least one of ${Object.keys(PROVIDERS).join(', ')}.`);
  }
  for (const id of answers.providers ?? []) {
    const problem = providerProblem(id);
    if (problem) problems.push(`--providers ${shellWord(id)}: ${problem}`);
  }
  const providersInvalid = problems.length > 0;
  if (answers.baseUrl !== undefined) {
    const problem = baseUrlProblem(answers.baseUrl);
    if (problem) problems.push(`--base-url ${shellWord(answers.baseUrl)}: ${problem}`);
    else if (answers.baseUrl.includes('${PORT}') && !answers.start) {
      problems.push(
        `--base-url ${shellWord(answers.baseUrl)}: \${PORT} lets payprobe pick the port, which works only when payprobe starts your app. Add --start "<command>", or give a fixed port.`,
      );
    }
  }
  if (answers.start) {
    if (!answers.start.command.trim()) problems.push('--start: the command is empty. Give the command that starts your app, or leave --start out.');
    const { ready } = answers.start;
    const problem = ready === undefined ? undefined : readyPathProblem(ready);
    if (ready !== undefined && problem) problems.push(`--ready ${shellWord(ready)}: ${problem}`);
  }
  const hookNames = SCAFFOLD_HOOKS.map((h) => h.name);
  for (const [name, route] of Object.entries(answers.hooks ?? {})) {
    const flag = `--hook ${shellWord(`${name}=${formatRoute(route)}`)}`;
    if (!hookNames.includes(name)) {
      problems.push(`${flag}: init sets up the hooks ${hookNames.join(', ')}, not "${name}".${hint(name, hookNames)} Add other hooks to the config by hand.`);
      continue;
    }
    const problem = hookRouteProblem(name, route);
    if (problem) problems.push(`${flag}: ${problem}`);
  }
  for (const [id, target] of Object.entries(answers.callbacks ?? {})) {
    const flag = `--callback ${shellWord(`${id}=${target}`)}`;
    const unknown = providerProblem(id);
    if (unknown) problems.push(`${flag}: ${unknown}`);
    else if (!providersInvalid && !chosen.includes(id)) problems.push(`${flag}: ${id} is not among the providers being set up (${chosen.join(', ')}). Add it to --providers, or drop this --callback.`);
    const problem = callbackTargetProblem(target);
    if (problem) problems.push(`${flag}: ${problem}`);
  }
  return problems;
}
