// Words for a failed IndexedDB operation: what happened and what the user can do, instead of
// "QuotaExceededError: …" or "[object DOMException]".

export function describeStorageError(e: unknown): string {
  const name = e instanceof Error || e instanceof DOMException ? e.name : '';
  const message = e instanceof Error || e instanceof DOMException ? e.message : String(e);
  switch (name) {
    case 'QuotaExceededError':
      return "the browser's storage for this site is full (QuotaExceededError)";
    case 'InvalidStateError':
      return 'the browser closed the project database (InvalidStateError)';
    case 'UnknownError':
      return `the browser could not write to its storage (UnknownError${message ? `: ${message}` : ''})`;
    case 'DataCloneError':
      return `the project holds data the browser cannot store (DataCloneError${message ? `: ${message}` : ''})`;
    default:
      return name ? `${name}: ${message}` : message || 'unknown storage error';
  }
}
