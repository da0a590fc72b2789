import { Agent, request } from 'undici';
import type { HookConfig } from '../config/schema.js';
import { MerchantError } from '../errors.js';
import { readJsonPath } from './json-path.js';
import type { ExchangeView } from './result.js';
import { expand, type Scope } from './template.js';

/** The answer to one hook call. */
export interface HookCallResult {
  status: number;
  text: string;
  json: unknown;
  /** Variables captured from the answer (config captures, then the step's). */
  captures: Record<string, unknown>;
  exchange: ExchangeView;
}

/** Calls the merchant's hooks as the config describes them. */
export interface HookClient {
  has(name: string): boolean;
  /** Variables a hook's config captures. */
  captureNames(name: string): string[];
  call(name: string, scope: Scope, options?: { capture?: Record<string, string>; signal?: AbortSignal }): Promise<HookCallResult>;
  close(): Promise<void>;
}

const truncate = (s: string, n = 2000): string => (s.length > n ? `${s.slice(0, n)}… (${s.length - n} more bytes)` : s);

/** Creates a hook client for a merchant at `baseUrl`. */
export function createHookClient(options: {
  baseUrl: string;
  hooks: Record<string, HookConfig>;
  timeoutMs: number;
  redact: (text: string) => string;
}): HookClient {
  const agent = new Agent({ keepAliveTimeout: 4_000 });
  return {
    has: (name) => Object.hasOwn(options.hooks, name),
    captureNames: (name) => Object.keys(options.hooks[name]?.capture ?? {}),
    async call(name, scope, callOptions = {}) {
      const hook = options.hooks[name];
      const path = String(expand(hook.path, scope));
      const url = new URL(path.replace(/^\/?/, ''), options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
      for (const [k, v] of Object.entries(expand(hook.query ?? {}, scope))) url.searchParams.set(k, String(v));
      const headers: Record<string, string> = { accept: 'application/json', ...expand(hook.headers ?? {}, scope) };
      let body: string | undefined;
      if (hook.json !== undefined) {
        body = JSON.stringify(expand(hook.json, scope));
        headers['content-type'] = 'application/json';
      } else if (hook.form) {
        body = new URLSearchParams(Object.entries(expand(hook.form, scope)).map(([k, v]): [string, string] => [k, String(v)])).toString();
        headers['content-type'] = 'application/x-www-form-urlencoded';
      }
      const exchange: ExchangeView = { kind: 'hook', label: `hook ${name}`, method: hook.method, url: url.toString(), requestBody: body && options.redact(truncate(body)) };
      let status: number;
      let text: string;
      try {
        const res = await request(url, {
          method: hook.method,
          headers,
          body,
          dispatcher: agent,
          headersTimeout: options.timeoutMs,
          bodyTimeout: options.timeoutMs,
          signal: callOptions.signal,
        });
        status = res.statusCode;
        text = await res.body.text();
      } catch (error) {
        const e = error as { code?: string; message?: string };
        exchange.error = e.code ?? e.message;
        const reason = e.code === 'UND_ERR_HEADERS_TIMEOUT' || e.code === 'UND_ERR_BODY_TIMEOUT' ? `did not answer within ${options.timeoutMs} ms` : `failed: ${e.code ?? ''} ${e.message ?? ''}`.trim();
        throw Object.assign(new MerchantError(`Hook ${name} (${hook.method} ${url.pathname}) ${reason}.`, { cause: error }), { exchange });
      }
      exchange.status = status;
      exchange.responseBody = options.redact(truncate(text));
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      const captures: Record<string, unknown> = {};
      for (const [k, p] of Object.entries({ ...hook.capture, ...callOptions.capture })) captures[k] = readJsonPath(json, p);
      return { status, text, json, captures, exchange };
    },
    close: () => agent.close(),
  };
}
