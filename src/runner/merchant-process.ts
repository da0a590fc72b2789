import { spawn, type ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { MerchantError } from '../errors.js';

/** A merchant app started by payprobe. */
export interface MerchantProcess {
  /** The last lines it printed (stdout and stderr). */
  output(): string[];
  stop(): Promise<void>;
}

/** Options for {@link startMerchant}. */
export interface StartMerchantOptions {
  command: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** URL that answers 2xx once the merchant is ready. */
  readyUrl: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

const killTree = (child: ChildProcess, signal: NodeJS.Signals): void => {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // The shell and everything it started share a process group.
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
};

/** Starts the merchant with a shell, waits until `readyUrl` answers 2xx; throws {@link MerchantError} if it exits or times out. */
export async function startMerchant(options: StartMerchantOptions): Promise<MerchantProcess> {
  const lines: string[] = [];
  const child = spawn(options.command, { cwd: options.cwd, env: options.env, shell: true, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split(/\r?\n/)) if (line) lines.push(line);
    if (lines.length > 50) lines.splice(0, lines.length - 50);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  let exited: string | undefined;
  const exitPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      resolve();
    });
    child.once('error', (error) => {
      exited = `could not start: ${error.message}`;
      resolve();
    });
  });

  const stop = async (): Promise<void> => {
    if (exited) return;
    killTree(child, 'SIGTERM');
    const killed = await Promise.race([exitPromise.then(() => true), sleep(3_000, false, { ref: false })]);
    if (!killed) {
      killTree(child, 'SIGKILL');
      await exitPromise;
    }
  };

  const deadline = Date.now() + options.timeoutMs;
  const tail = () => (lines.length ? `\nIts last output:\n  ${lines.slice(-10).join('\n  ')}` : '');
  for (;;) {
    if (options.signal?.aborted) {
      await stop();
      throw new MerchantError('Interrupted while waiting for the merchant to start.');
    }
    if (exited) throw new MerchantError(`The merchant (${options.command}) ${exited} before it was ready.${tail()}`);
    try {
      const res = await request(options.readyUrl, { method: 'GET', headersTimeout: 1_000, bodyTimeout: 1_000 });
      await res.body.dump();
      if (res.statusCode >= 200 && res.statusCode < 300) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new MerchantError(`The merchant did not answer 2xx at ${options.readyUrl} within ${Math.round(options.timeoutMs / 1000)} s. Check merchant.start.ready and merchant.baseUrl.${tail()}`);
    }
    await sleep(50);
  }
  return { output: () => [...lines], stop };
}
