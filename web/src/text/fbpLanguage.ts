// The .fbp language for Monaco: a Monarch tokenizer and completion of component, node and
// port names from the engine's component library and the open graph.
import type * as Monaco from 'monaco-editor/editor/editor.api';
import type { ComponentLibrary } from '../graph-doc/components';
import type { Graph } from '../graph-doc/graph';

export const FBP_LANGUAGE = 'fbp';

/** What completion knows right now; the editor updates it as the graph and library change. */
const context: { library: ComponentLibrary; graph: Graph | null } = {
  library: new Map(),
  graph: null,
};

export function setCompletionContext(library: ComponentLibrary, graph: Graph): void {
  context.library = library;
  context.graph = graph;
}

const monarch: Monaco.languages.IMonarchLanguage = {
  defaultToken: '',
  tokenizer: {
    root: [
      [/#\s*@[\w-]+.*$/, 'annotation'],
      [/#.*$/, 'comment'],
      [/'/, { token: 'string.quote', next: '@iip' }],
      [/\b(INPORT|OUTPORT|DEFAULT_INPORT|DEFAULT_OUTPORT)(=)/, ['keyword', 'delimiter']],
      [/->/, 'operator.arrow'],
      // name(Component:meta)
      [
        /([a-zA-Z_][\w-]*)(\()([\w/-]*)((?::[\w/=,]*)?)(\))/,
        ['variable.node', 'delimiter.paren', 'type.component', 'attribute', 'delimiter.paren'],
      ],
      [/\([\w/-]*\)/, 'type.component'],
      [/[A-Z_][A-Z0-9_.]*(?:\[\d+\])?/, 'keyword.port'],
      [/[a-zA-Z_][\w-]*/, 'variable.node'],
      [/[{}[\]]/, 'delimiter.bracket'],
      [/-?\d+(\.\d+)?([eE][-+]?\d+)?/, 'number'],
      [/"([^"\\]|\\.)*"/, 'string'],
      [/[,:.=]/, 'delimiter'],
    ],
    iip: [
      [/\\'/, 'string.escape'],
      [/[^'\\]+/, 'string'],
      [/\\/, 'string'],
      [/'/, { token: 'string.quote', next: '@pop' }],
    ],
  },
};

const config: Monaco.languages.LanguageConfiguration = {
  comments: { lineComment: '#' },
  brackets: [
    ['(', ')'],
    ['[', ']'],
    ['{', '}'],
  ],
  autoClosingPairs: [
    { open: '(', close: ')' },
    { open: '[', close: ']' },
    { open: '{', close: '}' },
    { open: "'", close: "'", notIn: ['string'] },
  ],
  wordPattern: /[a-zA-Z_][\w/-]*/,
};

function nodeComponent(node: string): string | undefined {
  return context.graph?.nodes.find((n) => n.id === node)?.component;
}

/** Suggestions for the position: components inside `(…)`, else ports/nodes from the context. */
export function completionItems(
  monaco: typeof Monaco,
  lineBefore: string,
  lineAfter: string,
  range: Monaco.IRange,
): Monaco.languages.CompletionItem[] {
  const { library, graph } = context;
  const K = monaco.languages.CompletionItemKind;
  const portItems = (component: string | undefined, dir: 'in' | 'out') => {
    const info = component ? library.get(component) : undefined;
    return (dir === 'in' ? info?.inPorts : info?.outPorts)?.map((p) => ({
      label: p.id.toUpperCase(),
      kind: K.Field,
      detail: `${dir === 'in' ? 'in' : 'out'}port of ${component} · ${p.type}`,
      documentation: p.description,
      insertText: p.id.toUpperCase(),
      range,
    }));
  };
  // Inside the parentheses of a node declaration: component names.
  if (/\([\w/-]*$/.test(lineBefore)) {
    return [...library.values()].map((c) => ({
      label: c.name,
      kind: K.Class,
      detail: `${c.inPorts.map((p) => p.id.toUpperCase()).join(', ')} → ${c.outPorts.map((p) => p.id.toUpperCase()).join(', ')}`,
      documentation: c.description,
      insertText: c.name,
      range,
    }));
  }
  // `-> PORT node(`: the in-ports of the node that follows the cursor.
  const following = /^[\w[\]]*\s+([a-zA-Z_][\w-]*)\(/.exec(lineAfter);
  if (following) {
    const items = portItems(
      nodeComponent(following[1]) ?? /\(([\w/-]+)\)/.exec(lineAfter)?.[1],
      'in',
    );
    if (items?.length) return items;
  }
  // `node() PORT`: the out-ports of the node before the cursor.
  const preceding = /([a-zA-Z_][\w-]*)\(([\w/-]*)\)\s+[\w]*$/.exec(lineBefore);
  if (preceding) {
    const items = portItems(preceding[2] || nodeComponent(preceding[1]), 'out');
    if (items?.length) return items;
  }
  // Otherwise: the graph's node names (to refer to them) and keywords.
  const nodes = (graph?.nodes ?? []).map((n) => ({
    label: `${n.id}()`,
    kind: K.Variable,
    detail: n.component,
    insertText: `${n.id}()`,
    range,
  }));
  const keywords = ['INPORT=', 'OUTPORT='].map((k) => ({
    label: k,
    kind: K.Keyword,
    insertText: k,
    range,
  }));
  return [...nodes, ...keywords];
}

export function registerFbpLanguage(monaco: typeof Monaco): void {
  if (monaco.languages.getLanguages().some((l) => l.id === FBP_LANGUAGE)) return;
  monaco.languages.register({ id: FBP_LANGUAGE, extensions: ['.fbp'], aliases: ['FBP', 'fbp'] });
  monaco.languages.setMonarchTokensProvider(FBP_LANGUAGE, monarch);
  monaco.languages.setLanguageConfiguration(FBP_LANGUAGE, config);
  monaco.languages.registerCompletionItemProvider(FBP_LANGUAGE, {
    triggerCharacters: ['(', ' '],
    provideCompletionItems(model, position) {
      const line = model.getLineContent(position.lineNumber);
      const word = model.getWordUntilPosition(position);
      const range = {
        startLineNumber: position.lineNumber,
        endLineNumber: position.lineNumber,
        startColumn: word.startColumn,
        endColumn: word.endColumn,
      };
      const before = line.slice(0, position.column - 1);
      const after = line.slice(position.column - 1 + (word.endColumn - position.column));
      return { suggestions: completionItems(monaco, before, after, range) };
    },
  });
  const rules = (dark: boolean): Monaco.editor.ITokenThemeRule[] => [
    { token: 'comment', foreground: dark ? '6a9955' : '008000', fontStyle: 'italic' },
    { token: 'annotation', foreground: dark ? 'c586c0' : 'af00db' },
    { token: 'type.component', foreground: dark ? '4ec9b0' : '267f99' },
    { token: 'variable.node', foreground: dark ? '9cdcfe' : '001080' },
    { token: 'keyword.port', foreground: dark ? 'dcdcaa' : '795e26' },
    { token: 'operator.arrow', foreground: dark ? 'd4d4d4' : '000000', fontStyle: 'bold' },
    { token: 'string', foreground: dark ? 'ce9178' : 'a31515' },
    { token: 'string.quote', foreground: dark ? 'ce9178' : 'a31515' },
    { token: 'number', foreground: dark ? 'b5cea8' : '098658' },
  ];
  monaco.editor.defineTheme('emflow-dark', {
    base: 'vs-dark',
    inherit: true,
    rules: rules(true),
    colors: { 'editor.background': '#1b1e24' },
  });
  monaco.editor.defineTheme('emflow-light', {
    base: 'vs',
    inherit: true,
    rules: rules(false),
    colors: {},
  });
}
