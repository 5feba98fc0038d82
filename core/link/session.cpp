#include "link/session.h"

#include "runtime/little_endian.h"
#include "runtime/packet_bytes.h"

namespace emflow {

namespace {

static_assert(kModelAreaFieldsSize + EMFLOW_MAX_MODELS <= kLinkMaxPayload,
              "a ModelAreaInfo frame names every model");

const uint8_t kChunkHeader = 2;        // offset
const uint8_t kStoredChunkHeader = 6;  // offset, total, CRC-16
const uint16_t kNotInStream = 0xFFFF;

}  // namespace

LinkSession::LinkSession(Network& network, Storage& storage, LinkByteSink sink, void* sinkContext,
                         const LinkBoardInfo& info)
    : network_(network),
      storage_(storage),
      upload_(storage),
      sink_(sink),
      sinkContext_(sinkContext),
      info_(info),
      uploadCrc_(0),
      sequence_(0),
      applying_(false) {
  missing_.status = kOk;
  network_.setErrorHandler(onError, this);
  network_.setTraceHandler(onTrace, this);
}

Status LinkSession::boot() {
  StoredGraph stored;
  if (emflow_find_graph(storage_, &stored) != kOk) return kErrNoGraph;
  StreamError error;
  NetworkError missing;
  const Status status = applyStored(stored, &error, &missing);
  if (status == kErrNoModel) {
    sendError(kLinkNetworkError, sequence_++, status, missing.node, missing.port, 0);
  } else if (status != kOk) {
    sendError(kLinkNetworkError, sequence_++, status, kLinkNoNode, kLinkNoNode, &error);
  }
  return status;
}

void LinkSession::receive(uint8_t byte) {
  const LinkEvent event = decoder_.feed(byte);
  if (event == kLinkFrameReady) {
    handle(decoder_.frame());
  } else if (event == kLinkFrameError) {
    // The damaged frame's sequence is unknown: the error names its length on the wire.
    StreamError where = {decoder_.error(), kNotInStream, decoder_.errorLength()};
    sendError(kLinkDamaged, sequence_++, decoder_.error(), kLinkNoNode, kLinkNoNode, &where);
  }
}

void LinkSession::handle(const LinkFrame& frame) {
  switch (frame.type) {
    case kLinkHello:
      if (frame.length != 0) return answer(frame.sequence, kErrOutOfRange);
      return sendInfo(frame.sequence);
    case kLinkStreamBegin:
      return beginUpload(frame);
    case kLinkStreamChunk:
      return receiveChunk(frame);
    case kLinkStreamCommit:
      if (frame.length != 0) return answer(frame.sequence, kErrOutOfRange);
      return commitUpload(frame.sequence);
    case kLinkLiveEdit:
      return applyLiveEdit(frame);
    case kLinkReadBack:
      return readBack(frame);
    case kLinkModelArea:
      if (frame.length != 0) return answer(frame.sequence, kErrOutOfRange);
      return sendModelArea(frame.sequence);
    default:
      return answer(frame.sequence, kErrBadCommand);
  }
}

void LinkSession::sendInfo(uint8_t sequence) {
  uint8_t info[kInfoSize];
  info[kInfoLinkVersion] = kLinkVersion;
  info[kInfoStreamVersion] = kStreamVersion;
  info[kInfoBoard] = info_.board;
  info[kInfoMaxNodes] = EMFLOW_MAX_NODES;
  info[kInfoMaxEdges] = EMFLOW_MAX_EDGES;
  writeLe16(EMFLOW_QUEUE_SIZE, info + kInfoQueueSize);
  writeLe16(static_cast<uint16_t>(emflow_graph_capacity(storage_)), info + kInfoGraphCapacity);
  info[kInfoComponents] = info_.components;
  info[kInfoRunning] = network_.isRunning() ? 1 : 0;
  StoredGraph stored;
  const bool haveStored = emflow_find_graph(storage_, &stored) == kOk;
  writeLe16(haveStored ? stored.length : 0, info + kInfoStoredLength);
  writeLe16(haveStored ? stored.crc : 0, info + kInfoStoredCrc);
  writeLe16(EMFLOW_MAX_INITIALS, info + kInfoMaxInitials);
  writeLe16(EMFLOW_STATE_BYTES, info + kInfoStateBytes);
  info[kInfoMaxWakeups] = EMFLOW_MAX_WAKEUPS;
  // Running but idle (nothing queued, no wake-up waited for) is a network that has finished:
  // what the FBP protocol's network:status calls started but not running.
  info[kInfoActive] = network_.isRunning() && (network_.queued() > 0 || network_.hasWakeup());
  send(kLinkInfo, sequence, info, kInfoSize);
}

void LinkSession::beginUpload(const LinkFrame& frame) {
  if (frame.length != 4) return answer(frame.sequence, kErrOutOfRange);
  uploadCrc_ = readLe16(frame.payload + 2);
  answer(frame.sequence, upload_.begin(readLe16(frame.payload)));
}

void LinkSession::receiveChunk(const LinkFrame& frame) {
  if (frame.length < kChunkHeader) return answer(frame.sequence, kErrTruncated);
  const Status status = upload_.write(readLe16(frame.payload), frame.payload + kChunkHeader,
                                      static_cast<uint16_t>(frame.length - kChunkHeader));
  // A chunk out of order or past the end ends the upload: the host starts again.
  if (status != kOk) upload_.abandon();
  answer(frame.sequence, status);
}

void LinkSession::commitUpload(uint8_t sequence) {
  // The bytes the host announced (all of them, with its CRC-16), then the stream's syntax
  // (header, checksum, every command), in the free slot, before anything changes.
  Status status = upload_.verify(uploadCrc_);
  if (status != kOk) {
    upload_.abandon();
    return answer(sequence, status);
  }
  StreamError error;
  status = emflow_check_command_stream(storage_, upload_.payloadOffset(), upload_.length(), &error);
  if (status != kOk) {
    upload_.abandon();
    return sendError(kLinkError, sequence, status, kLinkNoNode, kLinkNoNode, &error);
  }
  // Then apply: a command this firmware cannot carry out (an unknown component, a capacity)
  // is found only by doing it. On failure the stored graph is restored and nothing committed.
  StoredGraph uploaded = {0, 0, upload_.payloadOffset(), upload_.length(), uploadCrc_};
  NetworkError missing;
  status = applyStored(uploaded, &error, &missing);
  if (status != kOk) {
    upload_.abandon();
    if (status == kErrNoModel) {
      sendError(kLinkError, sequence, status, missing.node, missing.port, 0);
    } else {
      sendError(kLinkError, sequence, status, kLinkNoNode, kLinkNoNode, &error);
    }
    // The stored graph runs again, unless it too needs a model the board lacks: then the board
    // says so, as at boot, and runs nothing.
    StoredGraph previous;
    StreamError ignored;
    if (emflow_find_graph(storage_, &previous) == kOk &&
        applyStored(previous, &ignored, &missing) == kErrNoModel) {
      sendError(kLinkNetworkError, sequence_++, kErrNoModel, missing.node, missing.port, 0);
    }
    return;
  }
  answer(sequence, upload_.commit(uploadCrc_, 0));
}

Status LinkSession::applyStored(const StoredGraph& graph, StreamError* error,
                                NetworkError* missing) {
  network_.clear();
  // The model nodes open their models when the stream's start delivers the MODEL packets:
  // a missing one is caught here (onError), and the graph does not run without it.
  applying_ = true;
  missing_.status = kOk;
  Status status =
      emflow_apply_command_stream(storage_, graph.offset, graph.length, network_, error);
  applying_ = false;
  if (status == kOk && missing_.status != kOk) {
    network_.clear();
    status = missing_.status;
  }
  *missing = missing_;
  return status;
}

void LinkSession::sendModelArea(uint8_t sequence) {
  if (!info_.models) return answer(sequence, kErrUnsupported);
  const LinkModelArea& area = *info_.models;
  const ModelAreaInfo& found = *area.info;
  uint8_t payload[kModelAreaFieldsSize + EMFLOW_MAX_MODELS];
  writeLe32(area.address, payload + kModelAreaFieldAddress);
  writeLe32(area.capacity, payload + kModelAreaFieldCapacity);
  writeLe16(area.pageSize, payload + kModelAreaFieldPageSize);
  payload[kModelAreaFieldMaxModels] = EMFLOW_MAX_MODELS;
  payload[kModelAreaFieldState] = found.state;
  payload[kModelAreaFieldStatus] = found.status;
  payload[kModelAreaFieldCount] = found.count;
  writeLe32(found.length, payload + kModelAreaFieldLength);
  writeLe32(found.crc, payload + kModelAreaFieldCrc);
  for (uint8_t i = 0; i < found.count; ++i) payload[kModelAreaFieldsSize + i] = found.ids[i];
  send(kLinkModelAreaInfo, sequence, payload,
       static_cast<uint8_t>(kModelAreaFieldsSize + found.count));
}

void LinkSession::applyLiveEdit(const LinkFrame& frame) {
  StreamError error;
  const Status status = emflow_apply_command_stream(frame.payload, frame.length, network_, &error);
  if (status != kOk)
    return sendError(kLinkError, frame.sequence, status, kLinkNoNode, kLinkNoNode, &error);
  answer(frame.sequence, kOk);
}

void LinkSession::readBack(const LinkFrame& frame) {
  if (frame.length != 2) return answer(frame.sequence, kErrOutOfRange);
  StoredGraph stored;
  const Status found = emflow_find_graph(storage_, &stored);
  if (found != kOk) return answer(frame.sequence, found);
  const uint16_t offset = readLe16(frame.payload);
  if (offset > stored.length) return answer(frame.sequence, kErrOutOfRange);
  uint8_t chunk[kLinkMaxPayload];
  const uint16_t room = kLinkMaxPayload - kStoredChunkHeader;
  const uint16_t left = static_cast<uint16_t>(stored.length - offset);
  const uint8_t n = static_cast<uint8_t>(left < room ? left : room);
  writeLe16(offset, chunk);
  writeLe16(stored.length, chunk + 2);
  writeLe16(stored.crc, chunk + 4);
  if (n > 0 && storage_.read(stored.offset + offset, chunk + kStoredChunkHeader, n) != kOk) {
    return answer(frame.sequence, kErrStorage);
  }
  send(kLinkStoredChunk, frame.sequence, chunk, static_cast<uint8_t>(kStoredChunkHeader + n));
}

void LinkSession::log(const char* text) {
  uint8_t length = 0;
  while (length < kLinkMaxPayload && text[length] != 0) ++length;
  send(kLinkLog, sequence_++, reinterpret_cast<const uint8_t*>(text), length);
}

void LinkSession::onTrace(void* self, const TraceEvent& event) {
  LinkSession* session = static_cast<LinkSession*>(self);
  uint8_t payload[8 + kPacketBytesMax];
  const uint32_t time = event.time;
  for (uint8_t i = 0; i < 4; ++i) payload[i] = static_cast<uint8_t>(time >> (8 * i));
  payload[4] = event.src;
  payload[5] = event.srcPort;
  payload[6] = event.tgt;
  payload[7] = event.tgtPort;
  const uint8_t n = emflow_write_packet(event.packet, payload + 8);
  session->send(kLinkPacket, session->sequence_++, payload, static_cast<uint8_t>(8 + n));
}

void LinkSession::onError(void* self, const NetworkError& error) {
  LinkSession* session = static_cast<LinkSession*>(self);
  if (session->applying_ && error.status == kErrNoModel) {
    if (session->missing_.status == kOk) session->missing_ = error;  // the first one is named
    return;
  }
  session->sendError(kLinkNetworkError, session->sequence_++, error.status, error.node, error.port,
                     0);
}

void LinkSession::send(uint8_t type, uint8_t sequence, const uint8_t* payload, uint8_t length) {
  writeLinkFrame(sink_, sinkContext_, type, sequence, payload, length);
}

void LinkSession::answer(uint8_t sequence, Status status) {
  if (status != kOk) return sendError(kLinkError, sequence, status, kLinkNoNode, kLinkNoNode, 0);
  const uint8_t ok = kOk;
  send(kLinkAck, sequence, &ok, 1);
}

void LinkSession::sendError(uint8_t type, uint8_t sequence, Status status, NodeId node,
                            uint8_t port, const StreamError* stream) {
  uint8_t payload[kLinkErrorSize] = {static_cast<uint8_t>(status), node, port, 0, 0, 0, 0};
  writeLe16(stream ? stream->command : kNotInStream, payload + 3);
  const uint32_t offset = stream ? stream->offset : kNotInStream;
  writeLe16(static_cast<uint16_t>(offset < kNotInStream ? offset : kNotInStream), payload + 5);
  send(type, sequence, payload, kLinkErrorSize);
}

}  // namespace emflow
