import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

const YAML = /\.ya?ml$/;

const globToRegExp = (pattern: string): RegExp => {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      re += pattern[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
};

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else out.push(full);
  }
  return out;
}

/**
 * Expands files, folders (every .yaml/.yml inside) and globs (`*`, `**`, `?`) relative to `cwd`.
 * Returns absolute paths, sorted, without duplicates; `missing` lists arguments that matched nothing.
 */
export async function expandPaths(cwd: string, patterns: readonly string[]): Promise<{ files: string[]; missing: string[] }> {
  const files = new Set<string>();
  const missing: string[] = [];
  for (const pattern of patterns) {
    const before = files.size;
    if (/[*?]/.test(pattern)) {
      const posix = pattern.split(path.sep).join('/');
      const staticPart = posix.split('/').filter((_, i, parts) => !/[*?]/.test(parts.slice(0, i + 1).join('/'))).join('/');
      const root = path.resolve(cwd, staticPart || '.');
      const re = globToRegExp(path.resolve(cwd, posix).split(path.sep).join('/'));
      const candidates = await walk(root).catch(() => [] as string[]);
      for (const f of candidates) if (re.test(f.split(path.sep).join('/'))) files.add(f);
    } else {
      const full = path.resolve(cwd, pattern);
      const info = await stat(full).catch(() => undefined);
      if (info?.isDirectory()) {
        for (const f of await walk(full)) if (YAML.test(f)) files.add(f);
      } else if (info) {
        files.add(full);
      }
    }
    if (files.size === before) missing.push(pattern);
  }
  return { files: [...files].sort(), missing };
}
