// Command streams for the serial runtime (bin/emflow-runtime.mjs --serial): the one
// implementation lives in web/src/link/commandStream.ts (shared with the Board panel) and
// reaches Node through the committed bundle wasm/link-client.generated.mjs; this module keeps
// the Node-side import path. Layout: docs/command-stream.md.
export {
  OP,
  joinStream,
  sameBytes,
  splitStream,
  watchCommand,
  withWatches,
} from './link-client.generated.mjs';
