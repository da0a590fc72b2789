import { HOOK_METHODS, type HookMethod, type HookRoute } from './init-options.js';

/** Reads `METHOD /path` (`post /orders` too); gives the route, or a sentence saying what is wrong and how to write it. */
export function parseRoute(text: string): { route: HookRoute; problem?: undefined } | { route?: undefined; problem: string } {
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(text);
  if (!match) return { problem: `"${text}" is not METHOD /path. Write it like POST /orders.` };
  const method = match[1].toUpperCase();
  const path = match[2];
  if (!(HOOK_METHODS as readonly string[]).includes(method)) {
    return { problem: `${match[1]} is not a method payprobe calls hooks with. Use one of ${HOOK_METHODS.join(', ')}.` };
  }
  if (!path.startsWith('/')) return { problem: `The path "${path}" must start with "/". Write it like ${method} /${path}.` };
  return { route: { method: method as HookMethod, path } };
}

/** Writes a route back as `METHOD /path`. */
export function formatRoute(route: HookRoute): string {
  return `${route.method} ${route.path}`;
}
