// The .fbp text view: Monaco on the document's text. Typing updates the graph (through the
// store); graph edits replace the text. Markers are the app's problem list (useGraphProblems:
// the parser's error at once, else the engine's validator), the same one the graph view shows.
import Editor, { type OnMount } from '@monaco-editor/react';
import { useEffect, useRef, useState } from 'react';
import type { Diagnostic } from '../graph-doc/diagnostics';
import type { ComponentLibrary } from '../graph-doc/components';
import type { Graph } from '../graph-doc/graph';
import { useProjectStore } from '../app/ProjectContext';
import { FBP_LANGUAGE, setCompletionContext } from './fbpLanguage';
import { monaco } from './monacoSetup';

interface Props {
  text: string;
  graph: Graph;
  library: ComponentLibrary;
  dark: boolean;
  problems: Diagnostic[];
}

export default function FbpEditor(props: Props) {
  const { text, graph, library, dark, problems } = props;
  const store = useProjectStore();
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  // Bumped when Monaco mounts, so the markers are set on its model once it exists.
  const [mounted, setMounted] = useState(0);

  useEffect(() => setCompletionContext(library, graph), [library, graph]);

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
  }, [problems, mounted]);

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
          setMounted((n) => n + 1);
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
