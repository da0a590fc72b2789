// Runs every test/**/*.test.ts with node:test through tsx. Node 20 does not expand globs itself,
// so the files are listed here. Extra arguments are passed to node --test (e.g. a file filter).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const walk = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : [],
  );
const filters = process.argv.slice(2);
const files = walk(root)
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort()
  .map((f) => path.relative(process.cwd(), f));
if (files.length === 0) {
  console.error(`No test files match ${filters.join(' ')}`);
  process.exit(1);
}
// The end-to-end tests run the CLI from dist/: build it first so it matches the sources.
const build = spawnSync(process.execPath, [path.join(root, '..', 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(root, '..', 'tsconfig.build.json')], { stdio: 'inherit' });
if (build.status !== 0) {
  console.error('The build failed: fix the type errors above before the tests can run.');
  process.exit(build.status ?? 1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
