// Monaco contribution modules imported for their side effects (no typings shipped for them).
declare module 'monaco-editor/editor/contrib/suggest/browser/suggestController';
