// The .fbp text view: Monaco on the document's text. Typing updates the graph (through the
// store); graph edits replace the text. Markers come from the parser (syntax, at once) and the
// engine's validator (unknown components and ports, debounced).
import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Diagnostic } from '../graph-doc/diagnostics';
import type { ComponentLibrary } from '../graph-doc/components';
import type { Graph } from '../graph-doc/graph';
import { useProjectStore } from '../app/ProjectContext';
import { useEngineSession, useSession } from '../app/SessionContext';
import { FBP_LANGUAGE, setCompletionContext } from './fbpLanguage';
import { monaco } from './monacoSetup';

interface Props {
  text: string;
  textError: Diagnostic | null;
  graph: Graph;
  library: ComponentLibrary;
  dark: boolean;
  onProblems: (problems: Diagnostic[]) => void;
}

const VALIDATE_DELAY_MS = 300;

export default function FbpEditor(props: Props) {
  const { text, textError, graph, library, dark, onProblems } = props;
  const store = useProjectStore();
  const session = useEngineSession();
  const engineReady = useSession((s) => s.engine === 'ready');
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  const [engineProblems, setEngineProblems] = useState<Diagnostic[]>([]);

  useEffect(() => setCompletionContext(library, graph), [library, graph]);

  // The engine's validator, once the text parses.
  useEffect(() => {
    if (textError || !engineReady) {
      setEngineProblems([]);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(async () => {
      const result = await session.validate(text);
      if (cancelled || !result) return;
      setEngineProblems(
        result.problems.map((p) => ({
          message: p.message,
          line: Math.max(1, p.line),
          column: Math.max(1, p.column),
          severity: p.severity,
        })),
      );
    }, VALIDATE_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [text, textError, engineReady, session]);

  const problems = useMemo(
    () => (textError ? [textError] : engineProblems),
    [textError, engineProblems],
  );
  useEffect(() => onProblems(problems), [problems, onProblems]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    monaco.editor.setModelMarkers(
      model,
      'fbp',
      problems.map((p) => {
        const lineLength = model.getLineMaxColumn(Math.min(p.line, model.getLineCount()));
        return {
          message: p.message,
          severity:
            p.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
          startLineNumber: p.line,
          startColumn: p.column,
          endLineNumber: p.endLine ?? p.line,
          endColumn: p.endColumn && p.endColumn > p.column ? p.endColumn : lineLength,
        };
      }),
    );
  }, [problems]);

  return (
    <div className="text-view" data-testid="text-view">
      <Editor
        language={FBP_LANGUAGE}
        theme={dark ? 'emflow-dark' : 'emflow-light'}
        value={text}
        onChange={(value) => store.editText(value ?? '')}
        onMount={(editor) => {
          editorRef.current = editor;
          // A pause in typing ends the undo step, like a text editor's own undo.
          let pause: ReturnType<typeof setTimeout> | undefined;
          editor.onDidChangeModelContent(() => {
            clearTimeout(pause);
            pause = setTimeout(() => store.breakUndoGroup(), 800);
          });
          setEngineProblems((p) => [...p]);
        }}
        loading={<div className="pane-loading">Loading editor…</div>}
        options={{
          fontSize: 13,
          minimap: { enabled: false },
          scrollBeyondLastLine: false,
          automaticLayout: true,
          wordWrap: 'on',
          tabSize: 2,
          renderLineHighlight: 'line',
          fixedOverflowWidgets: true,
          padding: { top: 8 },
        }}
      />
    </div>
  );
}
