import { http, type RequestHandler } from 'msw';
import { journaled } from '../../sandbox/exchange.js';
import type { PaypalEnv } from './env.js';
import { fail, type PaypalFailure } from './errors.js';
import { newDebugId, paypalJson, paypalRefusal } from './respond.js';

/** Lifetime of an access token, seconds (what PayPal answers: 9 hours). */
export const TOKEN_TTL_S = 32_400;

const SCOPES = [
  'https://uri.paypal.com/services/payments/payment',
  'https://uri.paypal.com/services/payments/refund',
  'https://uri.paypal.com/services/payments/realtimepayment',
  'https://uri.paypal.com/services/applications/verify-webhook-signature',
  'https://uri.paypal.com/services/webhooks',
].join(' ');

const invalidClient = (note: string): PaypalFailure => ({
  status: 401,
  name: 'invalid_client',
  message: 'Client Authentication failed',
  oauth: { error: 'invalid_client', error_description: 'Client Authentication failed' },
  stored: false,
  note,
});

/** POST /v1/oauth2/token: client credentials (HTTP Basic client_id:client_secret, grant_type=client_credentials). */
export function tokenHandler(env: PaypalEnv, origin: string): RequestHandler {
  return http.post(
    `${origin}/v1/oauth2/token`,
    journaled(env.deps, async (call) => {
      const debugId = newDebugId(env);
      const form = new URLSearchParams(call.raw.toString('utf8'));
      const grant = form.get('grant_type') ?? undefined;
      call.identify({ api: 'paypal.oauth.token', fields: { grant_type: grant, requestId: call.request.headers.get('paypal-request-id') ?? undefined } });
      const basic = /^Basic\s+(\S+)\s*$/i.exec(call.request.headers.get('authorization') ?? '');
      if (!basic) return paypalRefusal(call, invalidClient('send Authorization: Basic base64(clientId:clientSecret) with the sandbox clientId and clientSecret'), debugId);
      const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const [id, secret] = colon < 0 ? [decoded, ''] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
      if (id !== env.keys.clientId || secret !== env.keys.clientSecret) {
        return paypalRefusal(call, invalidClient(id !== env.keys.clientId ? 'unknown client id; use clientId from the sandbox ready line' : 'wrong client secret'), debugId);
      }
      if (grant !== 'client_credentials') {
        const f: PaypalFailure = {
          status: 400,
          name: 'unsupported_grant_type',
          message: 'Grant Type is NULL',
          oauth: { error: 'unsupported_grant_type', error_description: grant ? `Grant Type ${grant} is not supported` : 'Grant Type is NULL' },
          stored: false,
          note: 'the sandbox issues client_credentials tokens only',
        };
        return paypalRefusal(call, f, debugId);
      }
      if (call.fault?.kind === 'unavailable') return paypalRefusal(call, { ...fail('INTERNAL_SERVER_ERROR'), stored: false }, debugId);
      const now = env.clock(call.scenarioId).now();
      const token = `A21AA${env.ctx.ledger.ids.alnum(92)}`;
      env.tokens.set(token, { expiresAt: now + TOKEN_TTL_S * 1000 });
      // An issued token is a credential: reports show it as [redacted], like the keys.
      env.ctx.journal.redactor.add(token);
      const body = {
        scope: SCOPES,
        access_token: token,
        token_type: 'Bearer',
        app_id: `APP-${env.ctx.ledger.ids.alnum(17).toUpperCase()}`,
        expires_in: TOKEN_TTL_S,
        nonce: `${new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z')}${env.ctx.ledger.ids.alnum(43)}`,
      };
      return paypalJson(debugId, 200, JSON.stringify(body));
    }),
  );
}

/** Checks the Bearer token on a REST call: a refusal (401) when missing, unknown or expired on the virtual clock. */
export function authenticate(env: PaypalEnv, authorization: string | null, now: number): PaypalFailure | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!bearer) {
    return { ...fail('AUTHENTICATION_FAILURE'), stored: false, note: 'get a token at POST /v1/oauth2/token and send Authorization: Bearer <access_token>' };
  }
  const token = env.tokens.get(bearer[1]);
  if (!token || token.expiresAt <= now) {
    return {
      status: 401,
      name: 'invalid_token',
      message: 'Access Token not found in cache',
      oauth: { error: 'invalid_token', error_description: 'Access Token not found in cache' },
      stored: false,
      note: token ? 'the access token has expired (expires_in elapsed on the virtual clock); get a new one' : 'this access token was not issued by this sandbox',
    };
  }
  return undefined;
}
