// The serial link's host end as one module: what Node code (bin/emflow-runtime.mjs --serial)
// uses, bundled into wasm/link-client.generated.mjs by scripts/build-link-client.sh so that
// Node and the browser share one implementation of the frames, the client, command streams
// and the translation of graph edits into live edits.
export { crc16, encodeFrame, FrameReader, isDamage } from './frames';
export type { LinkFrame, LinkDamage } from './frames';
export { LinkClient, LinkError, describeError, errorDetail } from './linkClient';
export type {
  BoardInfo,
  LinkEvent,
  LinkPacket,
  LinkTransport,
  ModelAreaReport,
} from './linkClient';
export { crc32, modelAreaFlashPages, modelAreaImage, modelAreaPages } from './modelArea';
export type { FlashPage, ModelAreaImage, ModelAreaPlace } from './modelArea';
export {
  LINK_BOARDS,
  LINK_MESSAGES,
  STATUS_NAMES,
  STREAM_VERSION,
  LINK_MAX_PAYLOAD,
} from './linkConstants.generated';
export { OP, joinStream, sameBytes, splitStream, watchCommand, withWatches } from './commandStream';
export type { BoardEdge } from './commandStream';
export { LiveEditError, applyEdit, copyNetwork, graphEdits, planLiveEdit } from './liveEdits';
export type {
  BoardCompiler,
  GraphEdit,
  GraphEnd,
  LiveEditOptions,
  LiveEditPlan,
  NofloGraph,
  RunningNetwork,
} from './liveEdits';
