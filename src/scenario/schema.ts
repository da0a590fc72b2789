import { z } from 'zod';
import { durationSchema } from '../util/duration.js';
import { FAULT_KINDS } from '../sandbox/faults.js';
import { CALLBACK_VARIANTS } from '../sandbox/send-notify.js';
import { ORDER_STATUSES } from '../sandbox/ledger.js';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const canonical = z.enum(ORDER_STATUSES as [string, ...string[]]);

/** A count: an exact number, or a comparison such as `">=1"`. */
export const countSchema = z.union([
  z.number().int().min(0),
  z.string().regex(/^(>=|<=|>|<|=)?\s*\d+$/, 'must be a number or a comparison such as ">=1"'),
]);


/** What a step checks. Every key is optional; a step checks what it names. */
export const expectSchema = z.strictObject({
  http: z
    .union([z.number().int().min(100).max(599), z.enum(['2xx', '4xx', '5xx', 'error'])])
    .optional()
    .describe('HTTP status of the hook answer: a number, 2xx, 4xx, 5xx, or error (any 4xx/5xx). Default: any 2xx.'),
  status: canonical.optional().describe("The hook's captured `status`, mapped through merchant.statuses."),
  values: z.record(z.string(), scalar).optional().describe('Captured values of this hook call.'),
  ack: z.enum(['accepted', 'rejected']).optional().describe("Whether the merchant's answer to this step's callbacks met the provider's ack rule."),
  providerCall: z.string().optional().describe('The merchant called this provider API (e.g. alipay.trade.query) during the scenario.'),
  fields: z.record(z.string(), scalar).optional().describe('...with these business fields (templated).'),
  times: countSchema.optional().describe('...this many times (default ">=1").'),
  distinct: z.record(z.string(), countSchema).optional().describe('...with this many distinct values of a field.'),
  ledger: z
    .strictObject({
      status: canonical.optional(),
      state: z.string().optional().describe("The provider's own state name, e.g. TRADE_SUCCESS."),
      refunded: z.string().optional().describe('Total refunded, in the provider format ("10.00").'),
      refunds: countSchema.optional(),
      orders: countSchema.optional().describe('How many orders (payments) the scenario created at the provider: 1 unless a retry duplicated one.'),
    })
    .optional()
    .describe("The sandbox's view of the scenario's order."),
  callbacks: z
    .strictObject({
      attempts: countSchema.optional(),
      acked: z.boolean().optional(),
      schedule: z.array(durationSchema).optional().describe('Offsets of each attempt from the first, e.g. [0s, 4m, 14m].'),
    })
    .optional()
    .describe("The scenario's latest notification: its delivery attempts so far."),
});

/** A step. Exactly one of hook, buyer, notify, advance, let, fault, fixture — or only `expect`. */
export const stepSchema = z.strictObject({
  name: z.string().optional().describe('Title shown in reports.'),
  hook: z.string().optional().describe('Call a merchant hook from the config.'),
  with: z.record(z.string(), scalar).optional().describe('Variables for the hook templates.'),
  capture: z.record(z.string(), z.string()).optional().describe('Variables from the hook answer: name → $.path.'),
  buyer: z
    .union([
      z.string(),
      z.strictObject({
        action: z.string(),
        order: z.string().optional(),
        url: z.string().optional().describe('Open this pay URL first, as a browser would.'),
        notify: z.enum(['deliver', 'lost', 'none']).optional(),
        dropAcks: z.number().int().min(1).optional(),
      }),
    ])
    .optional()
    .describe('Act as the buyer: pay, abandon, decline.'),
  notify: z
    .strictObject({
      event: z
        .union([z.string(), z.array(z.string()).min(1)])
        .describe('An event, or a list delivered one after another in that order (to send events out of their natural order).'),
      variant: z.enum(CALLBACK_VARIANTS).default('genuine'),
      order: z.string().optional(),
      times: z.number().int().min(1).default(1),
      concurrent: z.boolean().default(false),
      tamper: z.record(z.string(), z.string()).optional(),
      override: z.record(z.string(), z.string()).optional(),
      staleBy: durationSchema.optional(),
      retries: z.boolean().optional(),
    })
    .optional()
    .describe('Deliver a callback to the merchant.'),
  advance: durationSchema.optional().describe("Move the scenario's clock forward; due retries are delivered."),
  let: z.record(z.string(), scalar).optional().describe('Set variables now (templated), e.g. { payDate: "${today}" }.'),
  fault: z
    .strictObject({
      api: z.string().optional(),
      kind: z.string().describe(`A generic fault (${FAULT_KINDS.join(', ')}) or one of the provider's own.`),
      times: z.number().int().min(1).default(1),
      delay: durationSchema.optional(),
    })
    .optional()
    .describe("Inject a fault into the merchant's next calls."),
  fixture: z
    .union([
      z.string(),
      z.strictObject({
        file: z.string(),
        env: z.record(z.string(), scalar).optional().describe('Values for the file\'s ${.env:VAR} references (templated).'),
      }),
    ])
    .optional()
    .describe("Run a provider fixture file (Stripe CLI fixtures), path relative to the scenario file; the events it causes reach the merchant."),
  expect: expectSchema.optional(),
});

/** The schema of a scenario file. */
export const scenarioSchema = z.strictObject({
  name: z.string().min(1),
  provider: z.string(),
  description: z.string().optional(),
  catches: z.array(z.string().regex(/^[A-J]\d+$/, 'must be a bug class id from the real-bugs catalogue, such as A1')).optional(),
  category: z.string().optional().describe('Readiness-table row, e.g. payment, callback-security, idempotency.'),
  tags: z.array(z.string()).default([]),
  needs: z.array(z.string()).optional().describe('Hooks needed beyond those the steps call.'),
  vars: z.record(z.string(), scalar).optional(),
  steps: z.array(stepSchema).min(1),
});

/** A validated step as written. */
export type StepSpec = z.infer<typeof stepSchema>;
/** What a step expects. */
export type ExpectSpec = z.infer<typeof expectSchema>;
/** A validated scenario as written. */
export type ScenarioSpec = z.infer<typeof scenarioSchema>;
