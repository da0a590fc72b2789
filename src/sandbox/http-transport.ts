import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getResponse, type RequestHandler } from 'msw';
import { ProviderError } from '../errors.js';

/** Options for {@link startHttpTransport}. */
export interface HttpTransportOptions {
  provider: string;
  host: string;
  port: number;
  /** The provider's real origin; incoming paths are re-based onto it before MSW matches them. */
  origin: string;
  /** Read on every request, so runtime handler changes apply. */
  handlers: () => RequestHandler[];
  /** Answers a request no handler took. */
  fallback: (request: Request) => Response | Promise<Response>;
}

/** A listening transport. */
export interface HttpTransport {
  url: string;
  port: number;
  close(): Promise<void>;
}

const toRequest = async (req: IncomingMessage, origin: string): Promise<Request> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined || key.startsWith(':')) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(key, v);
  }
  const method = req.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks);
  return new Request(new URL(req.url ?? '/', origin), { method, headers, body });
};

const writeResponse = async (response: Response, res: ServerResponse): Promise<void> => {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  res.writeHead(response.status, response.statusText, headers);
  if (!response.body) {
    res.end();
    return;
  }
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), res);
};

/** Serves a provider's MSW handlers over node:http on `host:port` (port 0 picks a free one). */
export async function startHttpTransport(options: HttpTransportOptions): Promise<HttpTransport> {
  const server = createServer((req, res) => {
    res.on('error', () => undefined);
    req.on('error', () => undefined);
    void (async () => {
      const request = await toRequest(req, options.origin);
      let response = await getResponse(options.handlers(), request.clone());
      if (!response || response.headers.get('x-msw-intention') === 'passthrough') response = await options.fallback(request);
      if (response.type === 'error') {
        // A simulated network failure: drop the connection without an answer.
        req.socket.destroy();
        return;
      }
      await writeResponse(response, res);
    })().catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`payprobe sandbox error: ${(error as Error).message}`);
      } else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new ProviderError(
            'PORT_IN_USE',
            `Cannot start the ${options.provider} sandbox: port ${options.port} is in use. Free it, or set sandbox.ports.${options.provider}: 0.`,
            { cause: error },
          ),
        );
      } else if (error.code === 'EACCES' || error.code === 'EADDRNOTAVAIL') {
        reject(new ProviderError('PORT_UNAVAILABLE', `Cannot start the ${options.provider} sandbox on ${options.host}:${options.port}: ${error.message}.`, { cause: error }));
      } else reject(error);
    });
    server.listen(options.port, options.host, () => resolve());
  });
  server.on('error', () => undefined);
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
