import { z } from 'zod';
import { PROVIDERS } from '../providers/registry.js';
import { ORDER_STATUSES } from '../sandbox/ledger.js';
import { durationSchema } from '../util/duration.js';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** Any JSON value (for hook bodies). */
export const jsonValueSchema: z.ZodType<unknown> = z.lazy(() => z.union([scalar, z.array(jsonValueSchema), z.record(z.string(), jsonValueSchema)]));

/** How payprobe calls one merchant hook. */
export const hookSchema = z.strictObject({
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST').describe('HTTP method.'),
  path: z.string().describe('Path under merchant.baseUrl; may use ${var} templates.'),
  json: jsonValueSchema.optional().describe('JSON body, templated.'),
  form: z.record(z.string(), z.string()).optional().describe('Form body, templated.'),
  query: z.record(z.string(), z.string()).optional().describe('Query string parameters, templated.'),
  headers: z.record(z.string(), z.string()).optional().describe('Extra request headers, templated.'),
  capture: z.record(z.string(), z.string()).optional().describe('Variables taken from the JSON answer: name → $.path.'),
});

const canonical = z.enum(ORDER_STATUSES as [string, ...string[]]);

/** Provider sections, built from the registry so a new provider needs no change here. */
const providersSchema = z.strictObject(
  Object.fromEntries(Object.entries(PROVIDERS).map(([id, def]) => [id, (def.configSchema as z.ZodType).optional()])),
);

/** The schema of `payprobe.config.yaml`. */
export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  merchant: z.strictObject({
    baseUrl: z.string().describe('Where the merchant listens. `${PORT}` makes payprobe pick a free port and pass it as PORT.'),
    start: z
      .strictObject({
        command: z.string().describe('Shell command that starts the merchant; it gets the PAYPROBE_* variables.'),
        cwd: z.string().optional().describe('Working directory, relative to the config file.'),
        ready: z.string().default('/').describe('Path that answers 2xx once the merchant is ready.'),
        timeout: durationSchema.default('30s'),
        env: z.record(z.string(), z.string()).optional(),
      })
      .optional(),
    hooks: z.record(z.string(), hookSchema).default({}),
    statuses: z.record(canonical, z.union([z.string(), z.array(z.string())])).optional(),
    callbacks: z.record(z.string(), z.string()).optional().describe('Provider id → callback path (or absolute URL) on the merchant.'),
    timeout: durationSchema.default('10s').describe('How long one hook call may take.'),
  }),
  providers: providersSchema,
  sandbox: z
    .strictObject({
      host: z.string().default('127.0.0.1'),
      ports: z.record(z.string(), z.number().int().min(0).max(65535)).optional(),
      seed: z.string().optional(),
      callbackTimeout: durationSchema.default('10s'),
    })
    .default({ host: '127.0.0.1', callbackTimeout: '10s' }),
  scenarios: z.array(z.string()).optional().describe('Your own scenario files or globs, relative to the config file.'),
  builtin: z.boolean().default(true).describe('Run the built-in go-live suite for the configured providers.'),
});

/** A validated config, with defaults applied. */
export type PayprobeConfig = z.infer<typeof configSchema>;
/** One hook definition. */
export type HookConfig = z.infer<typeof hookSchema>;
