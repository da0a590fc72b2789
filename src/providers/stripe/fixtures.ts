import { ProviderError } from '../../errors.js';
import { FIXTURE_USER_AGENT, type FixtureRunResult, type FixtureStepResult } from '../types.js';

/** One request of a Stripe CLI fixture file. */
export interface StripeFixtureStep {
  name: string;
  path: string;
  method: 'get' | 'post' | 'delete';
  params?: Record<string, unknown>;
  /** The step is expected to fail with this Stripe error type (e.g. `card_error`). */
  expected_error_type?: string;
}

/** A Stripe CLI fixture file: `_meta` (template_version) and `fixtures[]`. */
export interface StripeFixtureFile {
  _meta?: { template_version?: number };
  fixtures: StripeFixtureStep[];
}

/** What happened at one step. */
export type StripeFixtureStepResult = FixtureStepResult;

/** Options for {@link runStripeFixture}. */
export interface RunStripeFixtureOptions {
  /** The sandbox URL (ready line `url`). */
  baseUrl: string;
  secretKey: string;
  /** Variables for `${.env:VAR}`. */
  env?: Record<string, string | undefined>;
  fetch?: typeof fetch;
}

/** The result of a fixture run: every step until the first one that did not go as written. */
export type StripeFixtureResult = FixtureRunResult;

/** Checks the shape of a parsed fixture file; every problem at once. */
export function validateStripeFixture(value: unknown): string[] {
  const problems: string[] = [];
  const file = value as StripeFixtureFile;
  if (!file || typeof file !== 'object' || !Array.isArray(file.fixtures)) return ['a fixture file is an object with a fixtures array'];
  const names = new Set<string>();
  file.fixtures.forEach((f, i) => {
    const at = `fixtures[${i}]`;
    if (!f || typeof f !== 'object') return problems.push(`${at} is not an object`);
    if (typeof f.name !== 'string' || !f.name) problems.push(`${at}.name is missing`);
    else if (names.has(f.name)) problems.push(`${at}.name "${f.name}" is used twice`);
    else names.add(f.name);
    if (typeof f.path !== 'string' || !f.path.startsWith('/')) problems.push(`${at}.path must be an API path such as /v1/payment_intents`);
    if (!['get', 'post', 'delete'].includes(String(f.method).toLowerCase())) problems.push(`${at}.method must be get, post or delete`);
    if (f.params !== undefined && (typeof f.params !== 'object' || Array.isArray(f.params))) problems.push(`${at}.params must be an object`);
    return undefined;
  });
  return problems;
}

/** Reads a dotted path (`latest_charge`, `data.0.id`) in a JSON value. */
function dig(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
}

/** Replaces `${name:path}` (an earlier step's answer) and `${.env:VAR}` / `${.env:VAR|default}` in a string. */
export function resolveReferences(text: string, answers: Map<string, unknown>, env: Record<string, string | undefined>): string {
  return text.replace(/\$\{([^:}]+):([^}]+)\}/g, (whole, name: string, path: string) => {
    if (name === '.env') {
      const [variable, fallback] = path.split('|');
      const value = env[variable] ?? fallback;
      if (value === undefined) throw new ProviderError('FIXTURE_REFERENCE', `${whole}: the environment has no ${variable}, and the reference gives no default (\${.env:${variable}|default}).`);
      return value;
    }
    if (!answers.has(name)) throw new ProviderError('FIXTURE_REFERENCE', `${whole}: no earlier fixture is named ${name}.`);
    const value = dig(answers.get(name), path);
    if (value === undefined || (typeof value === 'object' && value !== null)) throw new ProviderError('FIXTURE_REFERENCE', `${whole}: fixture ${name}'s answer has no scalar at ${path}.`);
    return String(value);
  });
}

/** Form-encodes params as the Stripe CLI does: `a[b]=…` for objects, `a[0]=…` for arrays. */
export function encodeParams(params: Record<string, unknown>, resolve: (s: string) => string): string {
  const pairs: [string, string][] = [];
  const walk = (value: unknown, key: string): void => {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${key}[${i}]`));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${key}[${k}]`);
    else if (value !== undefined) pairs.push([key, resolve(value === null ? '' : String(value))]);
  };
  for (const [k, v] of Object.entries(params)) walk(v, k);
  return pairs.map(([k, v]) => `${encodeURIComponent(k).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(v)}`).join('&');
}

/** Runs a Stripe CLI fixture file against the sandbox, in order, stopping at the first step that does not go as written. */
export async function runStripeFixture(file: unknown, options: RunStripeFixtureOptions): Promise<StripeFixtureResult> {
  const problems = validateStripeFixture(file);
  if (problems.length) throw new ProviderError('FIXTURE_INVALID', `Cannot run the Stripe fixture: ${problems.join('; ')}.`);
  const doFetch = options.fetch ?? fetch;
  const env = options.env ?? {};
  const answers = new Map<string, unknown>();
  const steps: StripeFixtureStepResult[] = [];
  for (const f of (file as StripeFixtureFile).fixtures) {
    const method = f.method.toLowerCase();
    const resolve = (s: string) => resolveReferences(s, answers, env);
    const path = resolve(f.path);
    const body = encodeParams(f.params ?? {}, resolve);
    const url = `${options.baseUrl}${path}${method === 'post' || !body ? '' : `?${body}`}`;
    const res = await doFetch(url, {
      method: method.toUpperCase(),
      headers: { authorization: `Bearer ${options.secretKey}`, 'user-agent': FIXTURE_USER_AGENT, ...(method === 'post' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: method === 'post' ? body : undefined,
    });
    const response = (await res.json()) as Record<string, unknown>;
    answers.set(f.name, response);
    const errorType = (response.error as { type?: string } | undefined)?.type;
    const problem = f.expected_error_type
      ? errorType === f.expected_error_type
        ? undefined
        : `expected a ${f.expected_error_type}, got ${errorType ? `a ${errorType}` : `HTTP ${res.status} success`}`
      : res.ok
        ? undefined
        : `HTTP ${res.status} ${errorType ?? ''}: ${(response.error as { message?: string } | undefined)?.message ?? ''}`.trim();
    steps.push({ name: f.name, method, path, status: res.status, ok: !problem, response, ...(problem ? { problem } : {}) });
    if (problem) return { ok: false, steps };
  }
  return { ok: true, steps };
}
