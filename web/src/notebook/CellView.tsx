// One notebook cell: a Monaco Python editor (Shift+Enter runs it and moves to the next cell,
// Ctrl+Enter runs it and stays) or a Markdown text, its toolbar (run, move, change kind,
// delete) and its outputs.
import Editor, { type OnMount } from '@monaco-editor/react';
import { memo, useRef, useState } from 'react';
import 'monaco-editor/languages/definitions/python/register';
import { monaco } from '../text/monacoSetup';
import type { Cell } from './cells';
import { renderMarkdown } from './markdown';
import { OutputView } from './OutputView';
import type { RunPython } from './SweepView';

interface Props {
  cell: Cell;
  index: number;
  running: boolean;
  queued: boolean;
  dark: boolean;
  onChange: (id: string, source: string) => void;
  onRun: (id: string) => void;
  onMove: (id: string, delta: -1 | 1) => void;
  onDelete: (id: string) => void;
  onToggleKind: (id: string) => void;
  onSendModel?: (name: string, bytes: Uint8Array, rows?: number[][]) => void;
  onRunPython?: RunPython;
}

const LINE_HEIGHT = 19;

/** Puts the caret in the editor of the cell shown at `index` (no-op past the last cell). */
function focusCell(index: number): void {
  const next = document.querySelector<HTMLElement>(
    `[data-testid="nb-cell"][data-cell-index="${index}"] textarea`,
  );
  next?.focus();
}

function CellViewImpl(props: Props) {
  const { cell, index, running, queued, dark, onChange, onRun, onMove, onDelete, onToggleKind } =
    props;
  const [height, setHeight] = useState(
    Math.max(1, cell.source.split('\n').length) * LINE_HEIGHT + 12,
  );
  const [editingMarkdown, setEditingMarkdown] = useState(cell.source === '');
  const runRef = useRef(onRun);
  runRef.current = onRun;
  const indexRef = useRef(index);
  indexRef.current = index;

  const onMount: OnMount = (editor) => {
    const fit = () => setHeight(Math.min(600, editor.getContentHeight() + 4));
    editor.onDidContentSizeChange(fit);
    fit();
    editor.addCommand(monaco.KeyMod.Shift | monaco.KeyCode.Enter, () => {
      runRef.current(cell.id);
      focusCell(indexRef.current + 1);
    });
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => runRef.current(cell.id));
  };

  const count = running ? '*' : queued ? '…' : (cell.executionCount ?? ' ');
  return (
    <div
      className={`nb-cell nb-${cell.kind}${running ? ' nb-running' : ''}`}
      data-testid="nb-cell"
      data-cell-index={index}
    >
      <div className="nb-cell-bar">
        {cell.kind === 'code' ? (
          <span className="nb-count">[{count}]</span>
        ) : (
          <span className="nb-count">md</span>
        )}
        {cell.kind === 'code' && (
          <button
            onClick={() => onRun(cell.id)}
            title="Run (Ctrl+Enter; Shift+Enter runs and moves to the next cell)"
            data-testid="nb-run-cell"
          >
            ▶ Run
          </button>
        )}
        {cell.kind === 'markdown' && (
          <button onClick={() => setEditingMarkdown((e) => !e)}>
            {editingMarkdown ? 'Done' : 'Edit'}
          </button>
        )}
        <span className="spacer" />
        <button onClick={() => onMove(cell.id, -1)} title="Move up" aria-label="Move cell up">
          ↑
        </button>
        <button onClick={() => onMove(cell.id, 1)} title="Move down" aria-label="Move cell down">
          ↓
        </button>
        <button onClick={() => onToggleKind(cell.id)} title="Switch between code and Markdown">
          {cell.kind === 'code' ? 'to Markdown' : 'to code'}
        </button>
        <button onClick={() => onDelete(cell.id)} title="Delete cell" aria-label="Delete cell">
          ✕
        </button>
      </div>
      {cell.kind === 'code' ? (
        <div className="nb-editor" style={{ height }}>
          <Editor
            language="python"
            theme={dark ? 'vs-dark' : 'vs'}
            value={cell.source}
            onChange={(v) => onChange(cell.id, v ?? '')}
            onMount={onMount}
            options={{
              minimap: { enabled: false },
              scrollBeyondLastLine: false,
              lineNumbers: 'off',
              folding: false,
              fontSize: 13,
              lineHeight: LINE_HEIGHT,
              automaticLayout: true,
              scrollbar: { alwaysConsumeMouseWheel: false },
              renderLineHighlight: 'none',
              overviewRulerLanes: 0,
            }}
          />
        </div>
      ) : editingMarkdown ? (
        <textarea
          className="nb-markdown-source"
          value={cell.source}
          rows={Math.max(3, cell.source.split('\n').length)}
          onChange={(e) => onChange(cell.id, e.target.value)}
        />
      ) : (
        <div
          className="nb-markdown"
          onDoubleClick={() => setEditingMarkdown(true)}
          dangerouslySetInnerHTML={{ __html: renderMarkdown(cell.source) }}
        />
      )}
      {cell.outputs.length > 0 && (
        <div className="nb-outputs" data-testid="nb-outputs">
          {cell.outputs.map((o, i) => (
            <OutputView
              key={i}
              output={o}
              onSendModel={props.onSendModel}
              onRunPython={props.onRunPython}
            />
          ))}
        </div>
      )}
    </div>
  );
}

export const CellView = memo(CellViewImpl);
