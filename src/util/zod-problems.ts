import type { z } from 'zod';
import type { Problem } from '../errors.js';
import { didYouMean } from './did-you-mean.js';
import type { YamlPath, YamlSource } from './yaml-source.js';

type AnyDef = { type: string; shape?: Record<string, unknown>; innerType?: unknown; element?: unknown; options?: unknown[]; in?: unknown; valueType?: unknown };
const defOf = (schema: unknown): AnyDef | undefined => (schema as { _zod?: { def: AnyDef } })?._zod?.def;

/** The keys an object schema accepts at `path`, following optional/default/array/record/union wrappers. */
export function knownKeysAt(schema: unknown, path: YamlPath): string[] {
  const keys = new Set<string>();
  const walk = (s: unknown, rest: YamlPath): void => {
    const def = defOf(s);
    if (!def) return;
    switch (def.type) {
      case 'optional':
      case 'default':
      case 'nullable':
      case 'prefault':
      case 'readonly':
        return walk(def.innerType, rest);
      case 'pipe':
        return walk(def.in, rest);
      case 'union':
        for (const o of def.options ?? []) walk(o, rest);
        return;
      case 'array':
        if (typeof rest[0] === 'number') walk(def.element, rest.slice(1));
        return;
      case 'record':
        if (rest.length) walk(def.valueType, rest.slice(1));
        return;
      case 'object':
        if (!rest.length) for (const k of Object.keys(def.shape ?? {})) keys.add(k);
        else walk(def.shape?.[String(rest[0])], rest.slice(1));
        return;
      default:
        return;
    }
  };
  walk(schema, path);
  return [...keys];
}

const describe = (value: unknown): string => {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)}`;
  return `${typeof value} ${String(value)}`;
};

const article = (expected: string): string =>
  ({ string: 'a string', number: 'a number', boolean: 'true or false', object: 'a mapping', array: 'a list', int: 'an integer' })[expected] ?? expected;

const valueAt = (root: unknown, path: YamlPath): unknown => {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[p as string];
  }
  return v;
};

const label = (path: YamlPath): string => (path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[') : 'the file');

/** Turns zod issues into located problems, one per issue (one per unknown key), with "did you mean" hints. */
export function zodProblems(source: YamlSource, schema: z.ZodType, issues: readonly z.core.$ZodIssue[]): Problem[] {
  const problems: Problem[] = [];
  // A misspelt required key shows up twice (unknown key + missing key); report only the typo.
  const suggested = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    for (const key of issue.keys) {
      const hint = didYouMean(key, knownKeysAt(schema, path));
      if (hint) suggested.add(JSON.stringify([...path, hint]));
    }
  }
  for (const issue of issues) {
    if (issue.code === 'invalid_type' && suggested.has(JSON.stringify(issue.path))) continue;
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          const hint = didYouMean(key, knownKeysAt(schema, path));
          const where = path.length ? ` in ${label(path)}` : '';
          problems.push(
            source.problem([...path, key], `Unknown key "${key}"${where}.${hint ? ` Did you mean "${hint}"?` : ''}`, { key: true }),
          );
        }
        break;
      case 'invalid_type': {
        const actual = valueAt(source.value, path);
        const expected = article(String(issue.expected));
        if (actual === undefined) {
          const parent = path.slice(0, -1);
          problems.push(source.problem(parent, `Missing required key "${String(path[path.length - 1])}"${parent.length ? ` in ${label(parent)}` : ''}.`));
        } else problems.push(source.problem(path, `${label(path)} must be ${expected}, not ${describe(actual)}.`));
        break;
      }
      case 'invalid_value': {
        const actual = valueAt(source.value, path);
        const allowed = issue.values.map((v) => String(v));
        const hint = typeof actual === 'string' ? didYouMean(actual, allowed) : undefined;
        problems.push(
          source.problem(
            path,
            `${label(path)} is ${describe(actual)}; expected one of ${allowed.join(', ')}.${hint ? ` Did you mean "${hint}"?` : ''}`,
          ),
        );
        break;
      }
      default:
        problems.push(source.problem(path, `${label(path)}: ${issue.message}`));
    }
  }
  return problems;
}
