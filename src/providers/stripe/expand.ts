import type { StripeEnv, StripeObject } from './env.js';

/** Replaces id fields named by `expand[]` paths (`latest_charge`, `payment_intent.latest_charge`, `data.payment_intent`) with the objects. */
export function expandObject(env: StripeEnv, object: StripeObject, paths: readonly string[]): Record<string, unknown> {
  if (!paths.length) return object;
  const copy = structuredClone(object) as Record<string, unknown>;
  for (const path of paths) expandPath(env, copy, path.split('.'));
  return copy;
}

function expandPath(env: StripeEnv, node: Record<string, unknown>, parts: string[]): void {
  const [head, ...rest] = parts;
  // Lists: `data.x` expands x in every element.
  if (node.object === 'list' && head === 'data' && Array.isArray(node.data)) {
    for (const item of node.data as Record<string, unknown>[]) if (rest.length) expandPath(env, item, rest);
    return;
  }
  let value = node[head];
  if (typeof value === 'string' && env.objects.has(value)) {
    value = structuredClone(env.objects.get(value)!.object);
    node[head] = value;
  }
  if (rest.length && value && typeof value === 'object') expandPath(env, value as Record<string, unknown>, rest);
}
