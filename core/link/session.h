// The board's end of the serial link (docs/serial-link.md): turns received frames into graph
// uploads, live edits and answers, and the network's watched packets and errors into event
// frames. Device code: one LinkSession per board, no heap, the receive buffer is the frame
// decoder's (payload + 5 bytes).
//
// The rules it keeps:
//   - Every frame gets exactly one answer (ack, info, stored chunk or error) with its sequence
//     number; a damaged frame (whose sequence is unknown) is reported by a Damaged event with
//     the decoder's reason. Nothing is dropped silently.
//   - An upload (begin, chunks, commit) is written to the graph store's free slot and checked
//     (CRC-16 of the whole stream, then every command) before it is committed and applied; a
//     cut, corrupt or refused upload leaves the running network and the stored graph as they
//     were.
//   - A live edit is a whole command stream (header and CRC) checked before any command runs.
//   - A graph whose model node names a model the store lacks (the model area does not hold it,
//     or is damaged) is refused — at upload with an error naming the node and its MODEL port,
//     at boot with a network error — and cleared, never left running.
#ifndef EMFLOW_LINK_SESSION_H
#define EMFLOW_LINK_SESSION_H

#include <stdint.h>

#include "link/frame.h"
#include "link/messages.h"
#include "ml/model_area.h"
#include "runtime/command_stream.h"
#include "runtime/graph_store.h"
#include "runtime/network.h"
#include "runtime/storage.h"

namespace emflow {

// A firmware's model area in flash (core/ml/model_area.h) and what was found in it at boot.
struct LinkModelArea {
  uint32_t address;  // byte address in flash, page-aligned
  uint32_t capacity;
  uint16_t pageSize;
  const ModelAreaInfo* info;
};

struct LinkBoardInfo {
  LinkBoard board;
  uint8_t components;               // components in this firmware's library
  const LinkModelArea* models = 0;  // none: ModelArea is answered "unsupported"
};

class LinkSession {
 public:
  // Installs itself as the network's error and trace handler (watched edges → packet frames).
  LinkSession(Network& network, Storage& storage, LinkByteSink sink, void* sinkContext,
              const LinkBoardInfo& info);
  // Loads and starts the stored graph, if there is one (what a board does at boot). Reports
  // a stored graph that does not apply with an error frame; kErrNoGraph is not an error.
  Status boot();
  // One received byte (from the UART): handles a frame when one completes.
  void receive(uint8_t byte);
  // A log frame (boot banner, messages for the serial monitor); longer text is cut to one frame.
  void log(const char* text);
  const FrameDecoder& decoder() const { return decoder_; }

 private:
  static void onTrace(void* self, const TraceEvent& event);
  static void onError(void* self, const NetworkError& error);
  void handle(const LinkFrame& frame);
  void sendInfo(uint8_t sequence);
  void beginUpload(const LinkFrame& frame);
  void receiveChunk(const LinkFrame& frame);
  void commitUpload(uint8_t sequence);
  void applyLiveEdit(const LinkFrame& frame);
  void readBack(const LinkFrame& frame);
  void sendModelArea(uint8_t sequence);
  void send(uint8_t type, uint8_t sequence, const uint8_t* payload, uint8_t length);
  void answer(uint8_t sequence, Status status);
  // An Error (answer), NetworkError or Damaged (events) frame: same payload, see messages.h.
  void sendError(uint8_t type, uint8_t sequence, Status status, NodeId node, uint8_t port,
                 const StreamError* stream);
  // Clears the network and applies the graph; a model node's "no such model" while it starts
  // fails it (kErrNoModel, *missing = that node and port) and leaves the network cleared.
  Status applyStored(const StoredGraph& graph, StreamError* error, NetworkError* missing);

  FrameDecoder decoder_;
  Network& network_;
  Storage& storage_;
  GraphStoreWriter upload_;
  LinkByteSink sink_;
  void* sinkContext_;
  LinkBoardInfo info_;
  uint16_t uploadCrc_;  // the CRC-16 the host announced for the stream being uploaded
  uint8_t sequence_;    // of frames the board sends on its own (packets, errors, logs)
  bool applying_;       // applyStored runs: a missing model is caught, not sent as an event
  NetworkError missing_;
};

}  // namespace emflow

#endif  // EMFLOW_LINK_SESSION_H
