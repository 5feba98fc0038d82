// The one-line message under the notebook's toolbar (upload done, autosave failed, ...).
export interface NotebookMessage {
  text: string;
  kind: 'info' | 'error';
}
