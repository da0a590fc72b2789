import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Problem } from '../errors.js';
import { getProvider } from '../providers/registry.js';
import type { ProviderDefinition } from '../providers/types.js';
import { FAULT_KINDS } from '../sandbox/faults.js';
import { parseYamlSource, type YamlSource } from '../util/yaml-source.js';
import { didYouMean } from '../util/did-you-mean.js';
import { zodProblems } from '../util/zod-problems.js';
import { isJsonPath } from './json-path.js';
import type { Scenario, Step, StepKind } from './model.js';
import { scenarioSchema, stepSchema, type StepSpec } from './schema.js';
import { collectVariables } from './template.js';

/** What the parser may check against besides the file itself. */
export interface ParseContext {
  /** Hook name → variables the config's hook captures. When given, undefined `${vars}` are reported. */
  hookCaptures?: Record<string, string[]>;
}

/** Variables every scenario has. */
export const BUILTIN_VARIABLES = ['provider', 'scenario', 'uid', 'today', 'yesterday', 'now'] as const;

const ACTIONS: StepKind[] = ['hook', 'buyer', 'notify', 'advance', 'let', 'fault', 'fixture'];

const stepKind = (spec: StepSpec): StepKind[] => ACTIONS.filter((k) => spec[k as keyof StepSpec] !== undefined);

const stepTitle = (kind: StepKind, spec: StepSpec): string => {
  if (spec.name) return spec.name;
  switch (kind) {
    case 'hook':
      return `hook ${spec.hook}`;
    case 'buyer':
      return `buyer ${typeof spec.buyer === 'string' ? spec.buyer : spec.buyer!.action}`;
    case 'notify': {
      const n = spec.notify!;
      const extra = [n.variant !== 'genuine' ? n.variant : '', n.times > 1 ? `×${n.times}${n.concurrent ? ' concurrent' : ''}` : ''].filter(Boolean).join(' ');
      const events = Array.isArray(n.event) ? n.event.join(' then ') : n.event;
      return `notify ${events}${extra ? ` (${extra})` : ''}`;
    }
    case 'advance':
      return `advance clock ${spec.advance}`;
    case 'let':
      return `let ${Object.keys(spec.let ?? {}).join(', ')}`;
    case 'fault':
      return `fault ${spec.fault!.kind} on ${spec.fault!.api ?? 'any call'}`;
    case 'fixture':
      return `fixture ${path.basename(fixtureFileOf(spec.fixture!))}`;
    default: {
      const e = spec.expect ?? {};
      if (e.providerCall) return `expect ${e.providerCall} call`;
      if (e.ledger) return 'expect ledger';
      if (e.callbacks) return 'expect callbacks';
      return 'expect';
    }
  }
};

const leadingComment = (text: string): string | undefined => {
  const lines: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('#')) break;
    lines.push(line.replace(/^#\s?/, ''));
  }
  return lines.length ? lines.join(' ').trim() : undefined;
};

const fixtureFileOf = (f: NonNullable<StepSpec['fixture']>): string => (typeof f === 'string' ? f : f.file);

/** Reads a fixture step's file (relative to the scenario file) and checks it in the provider's format. */
function readFixture(spec: NonNullable<StepSpec['fixture']>, scenarioFile: string, format: NonNullable<ProviderDefinition['fixtures']>): { path: string; content?: unknown; problem?: string } {
  const file = path.resolve(path.dirname(scenarioFile), fixtureFileOf(spec));
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { path: file, problem: `Cannot read the fixture file ${fixtureFileOf(spec)} (${(error as NodeJS.ErrnoException).code ?? String(error)}); its path is relative to the scenario file.` };
  }
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch (error) {
    return { path: file, problem: `The fixture file ${fixtureFileOf(spec)} is not JSON: ${(error as Error).message}.` };
  }
  const problems = format.validate(content);
  if (problems.length) return { path: file, problem: `${fixtureFileOf(spec)} is not a valid ${format.title} file: ${problems.join('; ')}.` };
  return { path: file, content };
}

/** The parts of a scenario semantic checks need; taken from a partly invalid file too. */
interface PartialSpec {
  provider?: string;
  vars?: Record<string, unknown>;
  /** Steps that passed the schema, by index; invalid ones are undefined. */
  steps: (StepSpec | undefined)[];
}

/** Reads what can be checked from a value that may not pass the schema, so all problems surface at once. */
function partialSpec(value: unknown): PartialSpec {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const steps = Array.isArray(v.steps) ? v.steps.map((s) => { const r = stepSchema.safeParse(s); return r.success ? r.data : undefined; }) : [];
  return {
    provider: typeof v.provider === 'string' ? v.provider : undefined,
    vars: v.vars && typeof v.vars === 'object' ? (v.vars as Record<string, unknown>) : undefined,
    steps,
  };
}

/** Semantic checks zod cannot express; every problem is collected. */
function checkSemantics(source: YamlSource, spec: PartialSpec, context: ParseContext, scenarioFile: string, fixtures: Map<number, { path: string; content: unknown }>): Problem[] {
  const problems: Problem[] = [];
  if (spec.provider === undefined) return problems;
  const provider = getProvider(spec.provider);
  if (!provider) {
    problems.push(source.problem(['provider'], `Unknown provider "${spec.provider}".${hint(spec.provider, ['alipay', 'wechatpay', 'stripe', 'paypal'])}`));
  }
  const defined = new Set<string>([...BUILTIN_VARIABLES, ...Object.keys(spec.vars ?? {})]);
  spec.steps.forEach((step, i) => {
    if (!step) return;
    const at = (...p: (string | number)[]) => ['steps', i, ...p];
    const kinds = stepKind(step);
    if (kinds.length > 1) problems.push(source.problem(at(kinds[1]), `A step does one thing, but this one has ${kinds.join(' and ')}. Split it into ${kinds.length} steps.`, { key: true }));
    if (kinds.length === 0 && !step.expect) problems.push(source.problem(at(), 'This step does nothing: give it one of hook, buyer, notify, advance, let, fault, fixture or expect.'));
    const kind = kinds[0] ?? 'expect';
    if (step.with && kind !== 'hook') problems.push(source.problem(at('with'), '`with` only applies to hook steps.', { key: true }));
    if (step.capture && kind !== 'hook') problems.push(source.problem(at('capture'), '`capture` only applies to hook steps.', { key: true }));
    const e = step.expect;
    if (e) {
      for (const key of ['http', 'status', 'values'] as const) {
        if (e[key] !== undefined && kind !== 'hook') problems.push(source.problem(at('expect', key), `expect.${key} checks a hook's answer; this is a ${kind} step.`, { key: true }));
      }
      if (e.ack !== undefined && kind !== 'notify' && kind !== 'buyer' && kind !== 'fixture') problems.push(source.problem(at('expect', 'ack'), 'expect.ack checks callbacks sent by a notify, buyer or fixture step.', { key: true }));
      if ((e.fields || e.times !== undefined || e.distinct) && !e.providerCall) problems.push(source.problem(at('expect'), 'fields, times and distinct describe a provider call: add providerCall.'));
      if (provider && e.providerCall && !provider.apis.includes(e.providerCall)) {
        problems.push(source.problem(at('expect', 'providerCall'), `${provider.title} has no API "${e.providerCall}".${hint(e.providerCall, provider.apis)}`));
      }
    }
    if (provider && typeof step.buyer !== 'undefined') {
      const action = typeof step.buyer === 'string' ? step.buyer : step.buyer.action;
      if (!provider.buyerActions.includes(action)) {
        const path = typeof step.buyer === 'string' ? at('buyer') : at('buyer', 'action');
        problems.push(source.problem(path, `${provider.title} buyers cannot "${action}"; they can ${provider.buyerActions.join(', ')}.${hint(action, provider.buyerActions)}`));
      }
    }
    if (step.notify) {
      const n = step.notify;
      const events = Array.isArray(n.event) ? n.event : [n.event];
      events.forEach((event, k) => {
        if (provider && !provider.events.includes(event)) {
          const path = Array.isArray(n.event) ? at('notify', 'event', k) : at('notify', 'event');
          problems.push(source.problem(path, `${provider.title} sends no "${event}" callback; events are ${provider.events.join(', ')}.${hint(event, provider.events)}`));
        }
      });
      if (Array.isArray(n.event) && n.concurrent) problems.push(source.problem(at('notify', 'concurrent'), 'A list of events is delivered in order; `concurrent` applies to a single event.', { key: true }));
      if (n.variant === 'tampered' && !n.tamper) problems.push(source.problem(at('notify', 'variant'), 'variant: tampered needs `tamper:` with the fields to change after signing.'));
      if (n.tamper && n.variant !== 'tampered') problems.push(source.problem(at('notify', 'tamper'), '`tamper` changes fields after signing: set variant: tampered.', { key: true }));
      if (n.variant === 'stale' && !n.staleBy) problems.push(source.problem(at('notify', 'variant'), 'variant: stale needs `staleBy:` (e.g. 1h).'));
    }
    if (provider && step.fixture !== undefined) {
      const where = typeof step.fixture === 'string' ? at('fixture') : at('fixture', 'file');
      if (!provider.fixtures) problems.push(source.problem(at('fixture'), `${provider.title} has no fixture file format; fixture steps run Stripe CLI fixtures in Stripe scenarios.`, { key: true }));
      else {
        const read = readFixture(step.fixture, scenarioFile, provider.fixtures);
        if (read.problem) problems.push(source.problem(where, read.problem));
        else fixtures.set(i, { path: read.path, content: read.content });
      }
    }
    if (provider && step.fault) {
      const kinds = [...FAULT_KINDS, ...(provider.faults ?? [])];
      if (!kinds.includes(step.fault.kind)) problems.push(source.problem(at('fault', 'kind'), `${provider.title} has no fault "${step.fault.kind}"; faults are ${kinds.join(', ')}.${hint(step.fault.kind, kinds)}`));
    }
    if (provider && step.fault?.api && !provider.apis.includes(step.fault.api)) {
      problems.push(source.problem(at('fault', 'api'), `${provider.title} has no API "${step.fault.api}".${hint(step.fault.api, provider.apis)}`));
    }
    for (const [name, path] of Object.entries(step.capture ?? {})) {
      if (!isJsonPath(path)) problems.push(source.problem(at('capture', name), `"${path}" is not a JSON path; write $.field or $.items[0].id.`));
    }
    // Only when every hook the scenario calls exists: otherwise the run skips it for the missing hook.
    const callsOnlyKnownHooks = spec.steps.every((st) => !st?.hook || Object.hasOwn(context.hookCaptures ?? {}, st.hook));
    if (context.hookCaptures && callsOnlyKnownHooks) {
      const local = new Set([...defined, ...Object.keys(step.with ?? {})]);
      const used = collectVariables({ ...step, capture: undefined, name: undefined });
      for (const v of used) {
        if (!v.hasDefault && !local.has(v.name)) {
          problems.push(source.problem(at(), `\${${v.name}} is used before anything defines it (vars, with, a capture of an earlier step or of the config's hooks).${hint(v.name, local)}`));
        }
      }
      if (step.hook) for (const c of context.hookCaptures[step.hook] ?? []) defined.add(c);
    }
    for (const name of Object.keys(step.capture ?? {})) defined.add(name);
    for (const name of Object.keys(step.let ?? {})) defined.add(name);
  });
  return problems;
}

const hint = (word: string, candidates: Iterable<string>): string => {
  const m = didYouMean(word, candidates);
  return m ? ` Did you mean "${m}"?` : '';
};

/** Parses and validates one scenario file's text; returns the scenario or every problem found. */
export function parseScenario(input: { id: string; file: string; text: string; context?: ParseContext; /** The file's absolute path, for files it refers to; default `file`. */ path?: string }): { scenario?: Scenario; problems: Problem[] } {
  const parsed = parseYamlSource(input.file, input.text);
  if (!parsed.source) return { problems: parsed.problems };
  const source = parsed.source;
  const result = scenarioSchema.safeParse(source.value ?? {});
  const fixtures = new Map<number, { path: string; content: unknown }>();
  const problems = [
    ...(result.success ? [] : zodProblems(source, scenarioSchema, result.error.issues)),
    ...checkSemantics(source, result.success ? result.data : partialSpec(source.value), input.context ?? {}, input.path ?? input.file, fixtures),
  ].sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0));
  if (problems.length || !result.success) return { problems };
  const spec = result.data;
  const steps: Step[] = spec.steps.map((s, index) => {
    const kind = stepKind(s)[0] ?? 'expect';
    return { index, kind, title: stepTitle(kind, s), spec: s, location: source.locate(['steps', index]), ...(fixtures.has(index) ? { fixture: fixtures.get(index) } : {}) };
  });
  const hooks = [...new Set([...steps.filter((s) => s.kind === 'hook').map((s) => s.spec.hook!), ...(spec.needs ?? [])])];
  return {
    problems: [],
    scenario: {
      id: input.id,
      file: input.file,
      name: spec.name,
      provider: spec.provider,
      description: spec.description,
      summary: leadingComment(input.text),
      catches: spec.catches ?? [],
      category: spec.category ?? 'general',
      tags: spec.tags,
      hooks,
      vars: spec.vars ?? {},
      steps,
      location: source.locate([]),
      spec,
    },
  };
}
