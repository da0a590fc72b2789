import { createSandbox } from '../sandbox/sandbox.js';
import type { LoadedConfig } from '../config/load-config.js';
import { envFromReady } from './env-vars.js';
import { sandboxOptionsFrom } from './sandbox-options.js';

/** The PAYPROBE_* variables for a config's sandbox on its configured ports, without starting it (keys are created if missing). */
export async function plannedEnv(loaded: LoadedConfig): Promise<Record<string, string>> {
  const sandbox = await createSandbox(sandboxOptionsFrom(loaded));
  try {
    return envFromReady(sandbox.plannedReady());
  } finally {
    await sandbox.close();
  }
}
