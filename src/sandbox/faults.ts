/**
 * Faults the sandbox can inject into the merchant's calls:
 * - `reset`: the provider processes the call, then the connection drops before the answer (a timeout after success);
 * - `unavailable`: the provider answers with its 5xx error without processing;
 * - `bad-signature`: the provider processes and answers, but the response signature is wrong;
 * - `delay`: the answer comes `delayMs` late (real time).
 */
export type FaultKind = 'reset' | 'unavailable' | 'bad-signature' | 'delay';

/** Every generic fault kind. */
export const FAULT_KINDS: readonly FaultKind[] = ['reset', 'unavailable', 'bad-signature', 'delay'];

/** A rule: the next `times` calls to `api` (any API if absent) of `provider` get `kind`. */
export interface FaultRule {
  id: number;
  provider: string;
  api?: string;
  /** A generic {@link FaultKind}, or one of the provider's own (its definition's `faults`, e.g. WeChat Pay's `refund-closed`). */
  kind: FaultKind | (string & {});
  remaining: number;
  delayMs?: number;
  /** Only calls attributed to this scenario are affected. */
  scenarioId?: string;
}

/** The sandbox's pending faults. */
export interface FaultRegistry {
  add(rule: Omit<FaultRule, 'id'>): FaultRule;
  /** Consumes one use of the first rule matching the call, if any. */
  take(provider: string, api: string | undefined, scenarioId: string | undefined): FaultRule | undefined;
  /** Drops the rules of a scenario (at its end). */
  clear(scenarioId?: string): void;
  list(): readonly FaultRule[];
}

/** Creates an empty fault registry. */
export function createFaultRegistry(): FaultRegistry {
  let rules: FaultRule[] = [];
  let nextId = 1;
  return {
    add(rule) {
      const full = { ...rule, id: nextId++ };
      rules.push(full);
      return full;
    },
    take(provider, api, scenarioId) {
      const rule = rules.find(
        (r) =>
          r.provider === provider &&
          r.remaining > 0 &&
          (r.api === undefined || r.api === api) &&
          (r.scenarioId === undefined || r.scenarioId === scenarioId),
      );
      if (!rule) return undefined;
      rule.remaining--;
      if (rule.remaining === 0) rules = rules.filter((r) => r !== rule);
      return rule;
    },
    clear(scenarioId) {
      rules = scenarioId === undefined ? [] : rules.filter((r) => r.scenarioId !== scenarioId);
    },
    list: () => rules,
  };
}
