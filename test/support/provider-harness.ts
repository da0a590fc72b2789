import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSandbox, type Sandbox } from '../../src/sandbox/sandbox.ts';

/** One callback the stand-in merchant endpoint received. */
export interface ReceivedHook {
  headers: Record<string, string>;
  body: string;
}

/** A provider's sandbox on a free port, with keys in a temporary folder and a local endpoint standing in for the merchant's. */
export interface ProviderHarness {
  dir: string;
  sandbox: Sandbox;
  /** The provider's ready-line facts (url, keys, ids). */
  info: Record<string, string>;
  /** The stand-in endpoint's URL (the provider's callback URL). */
  hookUrl: string;
  close(): Promise<void>;
}

/**
 * Starts `provider`'s sandbox with its callbacks going to a local endpoint at `callbackPath`, which answers
 * 200 (with `answer` as the body) and pushes every delivery onto `into`.
 */
export async function startProviderHarness(provider: string, options: { callbackPath: string; into: ReceivedHook[]; answer?: string }): Promise<ProviderHarness> {
  const dir = mkdtempSync(path.join(tmpdir(), `payprobe-${provider}-`));
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      options.into.push({ headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8') });
      if (options.answer === undefined) res.writeHead(200).end();
      else res.writeHead(200, { 'content-type': 'application/json' }).end(options.answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${options.callbackPath}`;
  const sandbox = await createSandbox({ providers: { [provider]: {} }, baseDir: dir, ports: { [provider]: 0 }, callbacks: { [provider]: hookUrl } });
  const info = (await sandbox.listen())[provider];
  return {
    dir,
    sandbox,
    info,
    hookUrl,
    async close() {
      await sandbox.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
