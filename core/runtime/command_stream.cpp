#include "command_stream.h"

#include <math.h>
#include <string.h>

#include "crc16.h"
#include "little_endian.h"
#include "packet_bytes.h"

namespace emflow {

namespace {

// Operand bytes of each command (for kCmdInitial, those before the payload). A switch, not
// a table: on AVR a table would sit in RAM.
uint8_t operandCount(uint8_t code) {
  switch (code) {
    case kCmdCreateNode:
    case kCmdRemoveInitial:
      return 2;
    case kCmdConnect:
    case kCmdDisconnect:
      return 6;
    case kCmdInitial:
      return 3;
    case kCmdWatchEdge:
      return 5;
    case kCmdRemoveNode:
      return 1;
    default:
      return 0;
  }
}

// Reads a stream from RAM or from a Storage, bounded by the stream's length.
class Cursor {
 public:
  Cursor(const uint8_t* data, Storage* storage, uint32_t base, uint32_t length)
      : data_(data), storage_(storage), base_(base), length_(length), pos(0) {}

  // Status of reading n bytes at pos (advancing pos): kErrTruncated past the end.
  Status read(uint8_t* out, uint16_t n) {
    if (n > length_ - pos) return kErrTruncated;
    if (data_) {
      memcpy(out, data_ + base_ + pos, n);
    } else if (storage_->read(base_ + pos, out, n) != kOk) {
      return kErrStorage;
    }
    pos += n;
    return kOk;
  }
  uint32_t length() const { return length_; }

 private:
  const uint8_t* data_;
  Storage* storage_;
  uint32_t base_;
  uint32_t length_;

 public:
  uint32_t pos;
};

struct Command {
  uint8_t code;
  uint8_t operands[6];
  Packet packet;  // kCmdInitial only
};

Status parseCommand(Cursor& cursor, Command* command) {
  Status status = cursor.read(&command->code, 1);
  if (status != kOk) return status;
  if (command->code >= kCommandCodeCount) return kErrBadCommand;
  status = cursor.read(command->operands, operandCount(command->code));
  if (status != kOk) return status;
  const uint8_t* a = command->operands;
  switch (command->code) {
    case kCmdWatchEdge:
      return a[4] <= 1 ? kOk : kErrOutOfRange;
    case kCmdInitial: {
      // The packet as bytes (core/runtime/packet_bytes.h): its type operand, then its payload.
      const int8_t size = emflow_packet_payload_size(a[2]);
      if (size < 0) return kErrBadCommand;
      uint8_t bytes[kPacketBytesMax] = {a[2], 0, 0, 0, 0};
      status = cursor.read(bytes + 1, static_cast<uint16_t>(size));
      if (status != kOk) return status;
      uint8_t used;
      status = emflow_read_packet(bytes, static_cast<uint8_t>(1 + size), &command->packet, &used);
      if (status != kOk) return status;
      // An initial value is a setting: NaN or infinity is never one.
      if (command->packet.type == kPacketFloat && !isfinite(command->packet.value.f)) {
        return kErrOutOfRange;
      }
      return kOk;
    }
    default:
      return kOk;
  }
}

Status fail(StreamError* error, Status status, uint16_t command, uint32_t offset) {
  if (error) {
    error->status = status;
    error->command = command;
    error->offset = offset;
  }
  return status;
}

// Everything that can be known without a network: header, checksum, command syntax.
Status check(Cursor& cursor, StreamError* error) {
  uint8_t header[kStreamHeaderSize];
  if (cursor.length() < kStreamHeaderSize) return fail(error, kErrTruncated, 0, 0);
  Status status = cursor.read(header, kStreamHeaderSize);
  if (status != kOk) return fail(error, status, 0, 0);
  if (header[0] != kStreamMagic0 || header[1] != kStreamMagic1 || header[2] != kStreamMagic2 ||
      header[3] != kStreamMagic3) {
    return fail(error, kErrBadMagic, 0, 0);
  }
  if (header[4] != kStreamVersion || header[5] != 0) return fail(error, kErrBadVersion, 0, 4);
  const uint32_t body = readLe16(header + 6);
  if (kStreamHeaderSize + body > cursor.length()) {
    return fail(error, kErrTruncated, 0, cursor.length());
  }
  if (kStreamHeaderSize + body < cursor.length()) {
    return fail(error, kErrCorrupt, 0, kStreamHeaderSize + body);  // bytes after the stream
  }
  uint16_t crc = kCrc16Init;
  while (cursor.pos < cursor.length()) {
    uint8_t chunk[16];
    const uint32_t left = cursor.length() - cursor.pos;
    const uint16_t n = static_cast<uint16_t>(left < sizeof(chunk) ? left : sizeof(chunk));
    status = cursor.read(chunk, n);
    if (status != kOk) return fail(error, status, 0, cursor.pos);
    crc = emflow_crc16(crc, chunk, n);
  }
  if (crc != readLe16(header + 8)) {
    return fail(error, kErrBadChecksum, 0, 8);
  }
  cursor.pos = kStreamHeaderSize;
  for (uint16_t index = 0;; ++index) {
    const uint32_t offset = cursor.pos;
    Command command;
    status = parseCommand(cursor, &command);
    if (status != kOk) return fail(error, status, index, offset);
    if (command.code == kCmdEnd) {
      if (cursor.pos != cursor.length()) return fail(error, kErrCorrupt, index, cursor.pos);
      return fail(error, kOk, index, offset);
    }
    if (index == 0xFFFF) return fail(error, kErrOutOfRange, index, offset);
  }
}

Status applyCommand(const Command& c, Network& network) {
  const uint8_t* a = c.operands;
  switch (c.code) {
    case kCmdReset:
      network.clear();
      return kOk;
    case kCmdCreateNode:
      return network.addNode(a[0], a[1]);
    case kCmdConnect:
      return network.connect(a[0], a[1], a[2], a[3], a[4], a[5], 0);
    case kCmdInitial:
      return network.addInitial(a[0], a[1], c.packet);
    case kCmdStart:
      return network.start();
    case kCmdWatchEdge: {
      bool found = false;
      for (EdgeId e = 0; e < EMFLOW_MAX_EDGES; ++e) {
        Edge edge;
        if (network.edge(e, &edge) && edge.src == a[0] && edge.srcPort == a[1] &&
            edge.tgt == a[2] && edge.tgtPort == a[3]) {
          network.watchEdge(e, a[4] != 0);
          found = true;
        }
      }
      return found ? kOk : kErrNotConnected;
    }
#if EMFLOW_STREAM_LIVE_EDITS
    case kCmdStop:
      network.stop();
      return kOk;
    case kCmdRemoveNode:
      return network.removeNode(a[0]);
    case kCmdDisconnect: {
      const EdgeId e = network.findEdge(a[0], a[1], a[2], a[3], a[4], a[5]);
      return e == kNoEdge ? kErrNotConnected : network.removeEdge(e);
    }
    case kCmdRemoveInitial:
      return network.removeInitial(a[0], a[1]);
#endif
    default:
      return kErrUnsupported;  // a valid command this build leaves out
  }
}

Status checkAndApply(Cursor& cursor, Network& network, StreamError* error) {
  Status status = check(cursor, error);
  if (status != kOk) return status;
  cursor.pos = kStreamHeaderSize;
  for (uint16_t index = 0;; ++index) {
    const uint32_t offset = cursor.pos;
    Command command;
    status = parseCommand(cursor, &command);
    if (status != kOk) return fail(error, status, index, offset);  // storage changed under us
    if (command.code == kCmdEnd) return fail(error, kOk, index, offset);
    status = applyCommand(command, network);
    if (status != kOk) return fail(error, status, index, offset);
  }
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Writer

CommandStreamWriter::CommandStreamWriter(uint8_t* buffer, uint16_t capacity)
    : buffer_(buffer), capacity_(capacity), length_(kStreamHeaderSize), commands_(0), status_(kOk) {
  if (capacity < kStreamHeaderSize) status_ = kErrBufferTooSmall;
}

void CommandStreamWriter::op(uint8_t code, const uint8_t* operands, uint8_t count) {
  if (status_ != kOk) return;
  if (static_cast<uint32_t>(capacity_ - length_) < 1u + count) {
    status_ = kErrBufferTooSmall;
    return;
  }
  buffer_[length_++] = code;
  if (count > 0) memcpy(buffer_ + length_, operands, count);
  length_ = static_cast<uint16_t>(length_ + count);
  ++commands_;
}

void CommandStreamWriter::reset() {
  op(kCmdReset, 0, 0);
}

void CommandStreamWriter::createNode(NodeId node, ComponentId component) {
  const uint8_t a[] = {node, component};
  op(kCmdCreateNode, a, sizeof(a));
}

void CommandStreamWriter::connect(NodeId src, uint8_t srcPort, uint8_t srcIndex, NodeId tgt,
                                  uint8_t tgtPort, uint8_t tgtIndex) {
  const uint8_t a[] = {src, srcPort, srcIndex, tgt, tgtPort, tgtIndex};
  op(kCmdConnect, a, sizeof(a));
}

void CommandStreamWriter::initial(NodeId tgt, uint8_t port, const Packet& packet) {
  uint8_t a[2 + kPacketBytesMax] = {tgt, port};
  const uint8_t size = emflow_write_packet(packet, a + 2);
  if (size == 0) {
    if (status_ == kOk) status_ = kErrBadPacket;
    return;
  }
  op(kCmdInitial, a, static_cast<uint8_t>(2 + size));
}

void CommandStreamWriter::start() {
  op(kCmdStart, 0, 0);
}

void CommandStreamWriter::stop() {
  op(kCmdStop, 0, 0);
}

void CommandStreamWriter::watchEdge(NodeId src, uint8_t srcPort, NodeId tgt, uint8_t tgtPort,
                                    bool on) {
  const uint8_t a[] = {src, srcPort, tgt, tgtPort, static_cast<uint8_t>(on ? 1 : 0)};
  op(kCmdWatchEdge, a, sizeof(a));
}

void CommandStreamWriter::removeNode(NodeId node) {
  op(kCmdRemoveNode, &node, 1);
}

void CommandStreamWriter::disconnect(NodeId src, uint8_t srcPort, uint8_t srcIndex, NodeId tgt,
                                     uint8_t tgtPort, uint8_t tgtIndex) {
  const uint8_t a[] = {src, srcPort, srcIndex, tgt, tgtPort, tgtIndex};
  op(kCmdDisconnect, a, sizeof(a));
}

void CommandStreamWriter::removeInitial(NodeId tgt, uint8_t port) {
  const uint8_t a[] = {tgt, port};
  op(kCmdRemoveInitial, a, sizeof(a));
}

Status CommandStreamWriter::finish(uint16_t* length) {
  op(kCmdEnd, 0, 0);
  if (status_ != kOk) return status_;
  const uint16_t body = static_cast<uint16_t>(length_ - kStreamHeaderSize);
  const uint16_t crc = emflow_crc16(kCrc16Init, buffer_ + kStreamHeaderSize, body);
  const uint8_t magic[] = {kStreamMagic0, kStreamMagic1,  kStreamMagic2,
                           kStreamMagic3, kStreamVersion, 0};
  memcpy(buffer_, magic, sizeof magic);
  writeLe16(body, buffer_ + 6);
  writeLe16(crc, buffer_ + 8);
  if (length) *length = length_;
  return kOk;
}

// ---------------------------------------------------------------------------------------
// Reader

Status emflow_check_command_stream(const uint8_t* data, uint32_t length, StreamError* error) {
  if (!data) return fail(error, kErrTruncated, 0, 0);
  Cursor cursor(data, 0, 0, length);
  return check(cursor, error);
}

Status emflow_apply_command_stream(const uint8_t* data, uint32_t length, Network& network,
                                   StreamError* error) {
  if (!data) return fail(error, kErrTruncated, 0, 0);
  Cursor cursor(data, 0, 0, length);
  return checkAndApply(cursor, network, error);
}

Status emflow_check_command_stream(Storage& storage, uint32_t offset, uint32_t length,
                                   StreamError* error) {
  Cursor cursor(0, &storage, offset, length);
  return check(cursor, error);
}

Status emflow_apply_command_stream(Storage& storage, uint32_t offset, uint32_t length,
                                   Network& network, StreamError* error) {
  Cursor cursor(0, &storage, offset, length);
  return checkAndApply(cursor, network, error);
}

}  // namespace emflow
