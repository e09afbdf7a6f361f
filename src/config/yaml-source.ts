import { isMap, isNode, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { ConfigProblem } from './config-problem.js';

export interface Position {
  line: number;
  column: number;
}

/** A YAML file parsed to plain data, remembering where each value stands so problems can point at lines. */
export interface YamlSource {
  file: string;
  data: unknown;
  syntaxProblems: ConfigProblem[];
  /** Position of the value at `path`, or of its nearest existing parent. */
  locate(path: readonly PropertyKey[]): Position | undefined;
  /** Position of the key `key` inside the mapping at `path` (for unknown settings). */
  locateKey(path: readonly PropertyKey[], key: string): Position | undefined;
}

export function parseYamlSource(file: string, text: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): Position => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };

  const syntaxProblems: ConfigProblem[] = doc.errors.map((error) => ({
    file,
    ...at(error.pos[0]),
    path: '(file)',
    expected: 'valid YAML',
    found: error.message.split('\n')[0] ?? error.code,
  }));

  const nodeAt = (path: readonly PropertyKey[]): Node | undefined => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = getNode(doc, path.slice(0, depth));
      if (node?.range) return node;
    }
    return undefined;
  };

  return {
    file,
    data: syntaxProblems.length === 0 ? doc.toJS({ maxAliasCount: 100 }) : undefined,
    syntaxProblems,
    locate(path) {
      const node = nodeAt(path);
      return node?.range ? at(node.range[0]) : undefined;
    },
    locateKey(path, key) {
      const map = getNode(doc, path);
      if (isMap(map)) {
        for (const pair of map.items) {
          if (isPair(pair) && isScalar(pair.key) && pair.key.value === key && pair.key.range) {
            return at(pair.key.range[0]);
          }
        }
      }
      return this.locate(path);
    },
  };
}

function getNode(doc: Document, path: readonly PropertyKey[]): Node | undefined {
  if (path.length === 0) return doc.contents ?? undefined;
  const node: unknown = doc.getIn(path, true);
  return isNode(node) ? node : undefined;
}
