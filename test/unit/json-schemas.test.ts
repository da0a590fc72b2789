import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildJsonSchemas } from '../../src/config/json-schemas.ts';

test('the shipped JSON Schemas match the schemas payprobe validates with (run `npm run schemas` after a change)', () => {
  for (const [name, schema] of Object.entries(buildJsonSchemas())) {
    const shipped = JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8'));
    assert.deepEqual(shipped, JSON.parse(JSON.stringify(schema)), `schemas/${name} is out of date`);
  }
});
