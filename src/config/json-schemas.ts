import { z } from 'zod';
import { scenarioSchema } from '../scenario/schema.js';
import { configSchema } from './schema.js';

/** JSON Schemas for editors, generated from the same zod schemas payprobe validates with. */
export function buildJsonSchemas(): Record<'config.schema.json' | 'scenario.schema.json', object> {
  const make = (schema: z.ZodType, title: string) => ({
    ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }),
    title,
  });
  return {
    'config.schema.json': make(configSchema, 'payprobe.config.yaml'),
    'scenario.schema.json': make(scenarioSchema, 'payprobe scenario'),
  };
}
