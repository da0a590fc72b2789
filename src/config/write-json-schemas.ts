import { mkdir, writeFile } from 'node:fs/promises';
import { buildJsonSchemas } from './json-schemas.js';

// `npm run schemas`: regenerates schemas/*.json from the zod schemas (a test checks they match).
const dir = new URL('../../schemas/', import.meta.url);
await mkdir(dir, { recursive: true });
for (const [name, schema] of Object.entries(buildJsonSchemas())) {
  await writeFile(new URL(name, dir), `${JSON.stringify(schema, null, 2)}\n`);
  process.stdout.write(`wrote schemas/${name}\n`);
}
