import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Problem, SourceLocation } from '../errors.js';
import { codeFrame } from './code-frame.js';

/** A path into a YAML document: map keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/** A parsed YAML file that can point back at where any value came from. */
export interface YamlSource {
  file: string;
  text: string;
  /** The document as plain JavaScript values. */
  value: unknown;
  /** Location of the value at `path` (or of its key, with `key: true`); falls back to the nearest ancestor that exists. */
  locate(path: YamlPath, options?: { key?: boolean }): SourceLocation;
  /** A problem at `path`, with location and code frame. */
  problem(path: YamlPath, message: string, options?: { key?: boolean }): Problem;
}

const nodeLength = (node: Node | null | undefined, text: string): number => {
  if (!node?.range) return 1;
  const slice = text.slice(node.range[0], node.range[1]);
  const firstLine = slice.split(/\r?\n/)[0] ?? '';
  return Math.max(1, Math.min(firstLine.trimEnd().length, 60));
};

/** Parses YAML text; returns every syntax error as a located problem, or the source. */
export function parseYamlSource(file: string, text: string): { source?: YamlSource; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col };
  };
  const frame = (loc: SourceLocation, width = 1): string => codeFrame(text, loc.line, loc.column, { width });

  if (doc.errors.length) {
    return {
      problems: doc.errors.map((e) => {
        const loc = at(e.pos[0]);
        const message = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        return { message: `YAML syntax: ${message}`, location: loc, frame: frame(loc) };
      }),
    };
  }

  const find = (path: YamlPath, key: boolean): Node | null => {
    let node: unknown = doc.contents;
    let last: Node | null = (doc.contents as Node | null) ?? null;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) return last;
        const isLast = i === path.length - 1;
        if (isLast && key) return pair.key as Node;
        node = pair.value;
        last = (pair.value as Node | null) ?? (pair.key as Node);
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
        if (!node) return last;
        last = node as Node;
      } else return last;
    }
    return last;
  };

  const source: YamlSource = {
    file,
    text,
    value: doc.toJS(),
    locate(path, options = {}) {
      const node = find(path, options.key ?? false);
      return at(node?.range?.[0] ?? 0);
    },
    problem(path, message, options = {}) {
      const node = find(path, options.key ?? false);
      const location = at(node?.range?.[0] ?? 0);
      return { message, location, frame: frame(location, nodeLength(node, text)) };
    },
  };
  return { source, problems: [] };
}

/** `file:line:col`. */
export function formatLocation(loc: SourceLocation): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}
