import type { Sandbox } from './sandbox.js';

/** An active in-process interception. */
export interface InProcessTransport {
  close(): void;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * Serves the sandbox inside this process: requests to the providers' real origins
 * (`https://openapi.alipay.com/...`) made with global fetch, node:http/https or axios are answered by
 * the sandbox's handlers, so a Node merchant under test needs no URL change. Any other request to a
 * non-loopback host is an error: nothing leaks to a real provider. Loopback traffic (the merchant's
 * own server, callbacks) passes through. One interception per process (an msw/node limit).
 */
export async function interceptInProcess(sandbox: Sandbox): Promise<InProcessTransport> {
  const { setupServer } = await import('msw/node');
  const server = setupServer(...sandbox.handlers());
  server.listen({
    onUnhandledRequest(request, print) {
      if (LOOPBACK.has(new URL(request.url).hostname)) return;
      print.error();
    },
  });
  return { close: () => server.close() };
}
