// The keyboard shortcuts of the playground, listed once for the "?" sheet (each is handled
// where it acts: useUndoKeys, GraphView's copy/paste, the dialogs' Esc).
export const SHORTCUTS: readonly { keys: string; what: string }[] = [
  { keys: '?', what: 'this sheet of shortcuts' },
  { keys: 'Esc', what: 'close a dialog, menu, the tour or this sheet' },
  { keys: 'Ctrl+Z', what: 'undo' },
  { keys: 'Ctrl+Shift+Z / Ctrl+Y', what: 'redo' },
  {
    keys: 'Ctrl+C',
    what: 'copy the selected nodes (with the edges and initial values between them)',
  },
  { keys: 'Ctrl+V', what: 'paste the copied nodes, in view, under new names' },
  { keys: 'Delete / Backspace', what: 'remove the selected nodes or edges' },
  { keys: 'double-click a palette entry', what: 'add that component in the middle of the view' },
  { keys: 'drag port → port', what: 'connect an out-port to an in-port' },
];
