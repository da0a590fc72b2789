import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadConfig } from '../config/load-config.js';
import { createSandbox, type ProviderReadyInfo, type Sandbox } from '../sandbox/sandbox.js';
import { checkSafety } from './safety.js';
import { sandboxOptionsFrom } from './sandbox-options.js';

/** Where a running `payprobe sandbox` leaves its URLs for `payprobe trigger`, relative to the config's folder. */
export const SANDBOX_STATE_FILE = '.payprobe/sandbox.json';

/** What a running sandbox writes to its state file. */
export interface SandboxState {
  pid: number;
  startedAt: string;
  providers: Record<string, ProviderReadyInfo>;
}

/** A long-running sandbox started from a config. */
export interface ServedSandbox {
  sandbox: Sandbox;
  ready: Record<string, ProviderReadyInfo>;
  close(): Promise<void>;
}

/** Starts the configured sandbox with a live clock, and records its URLs for `payprobe trigger`. */
export async function serveSandbox(options: { cwd: string; configPath?: string; host?: string; seed?: string; env?: NodeJS.ProcessEnv }): Promise<ServedSandbox> {
  const loaded = await loadConfig({ cwd: options.cwd, configPath: options.configPath });
  checkSafety({ loaded, env: options.env ?? {} });
  const sandbox = await createSandbox(sandboxOptionsFrom(loaded, { host: options.host, seed: options.seed, liveClock: true }));
  const ready = await sandbox.listen();
  const stateFile = path.join(loaded.dir, SANDBOX_STATE_FILE);
  await mkdir(path.dirname(stateFile), { recursive: true });
  const state: SandboxState = { pid: process.pid, startedAt: new Date().toISOString(), providers: ready };
  await writeFile(stateFile, `${JSON.stringify(state, null, 2)}\n`);
  return {
    sandbox,
    ready,
    async close() {
      await rm(stateFile, { force: true });
      await sandbox.close();
    },
  };
}
