import type { HookConfig } from '../config/schema.js';

/** The HTTP methods a hook may use, as the config schema allows them. */
export const HOOK_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const satisfies readonly HookConfig['method'][];

/** An HTTP method a hook may use. */
export type HookMethod = (typeof HOOK_METHODS)[number];

/** Where one hook lives in the merchant app: `POST /orders`. */
export interface HookRoute {
  method: HookMethod;
  path: string;
}

/** What `payprobe init` sets up; everything but `cwd` is optional and has a default. */
export interface InitOptions {
  /** Folder that relative paths (`dir`) resolve against. */
  cwd: string;
  /** Where to write, relative to `cwd`. Default `.`. */
  dir?: string;
  /** Provider ids to set up. Default: every provider payprobe simulates. */
  providers?: string[];
  /** Where the merchant app listens. Default `http://127.0.0.1:3000`. */
  baseUrl?: string;
  /** How payprobe starts the merchant app; omitted when the user starts it. */
  start?: { command: string; ready?: string };
  /** Hook name → route, overriding the defaults of the hooks init sets up. */
  hooks?: Record<string, HookRoute>;
  /** Provider id → callback path (or absolute URL), overriding `/notify/<id>`. */
  callbacks?: Record<string, string>;
  /** Rewrite the config, env file and example scenario when they exist (keys are never regenerated). */
  force?: boolean;
}

/** The choices a person makes for `payprobe init`: the options without the process's `cwd`. */
export type InitAnswers = Omit<InitOptions, 'cwd'>;
