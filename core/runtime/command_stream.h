// The binary graph command stream: what a device executes to build (and edit) its network.
// The format is defined in docs/command-stream.md; this header is its only encoder and
// decoder, shared by hosts (emflow compile, the simulator) and boards (loading from EEPROM).
//
//   header  "EMFG" | version (1) | flags (0) | body length (u16 LE) | CRC-16 of body (u16 LE)
//   body    commands, each an opcode byte and fixed operands; the last is kCmdEnd
//
// Reading never trusts the data: the header, the checksum and every command's syntax are
// checked BEFORE anything is applied, so a corrupt stream leaves the network untouched. An
// error is reported with the index of the failing command (0-based) and its byte offset.
#ifndef EMFLOW_RUNTIME_COMMAND_STREAM_H
#define EMFLOW_RUNTIME_COMMAND_STREAM_H

#include <stdint.h>

#include "network.h"
#include "packet.h"
#include "status.h"
#include "storage.h"

namespace emflow {

static const uint8_t kStreamVersion = 1;
static const uint8_t kStreamHeaderSize = 10;
// Magic bytes 'E','M','F','G' at offset 0.
static const uint8_t kStreamMagic0 = 'E', kStreamMagic1 = 'M', kStreamMagic2 = 'F',
                     kStreamMagic3 = 'G';

enum CommandCode : uint8_t {
  kCmdEnd = 0x00,            // ()                       last command of every stream
  kCmdReset = 0x01,          // ()                       Network::clear()
  kCmdCreateNode = 0x02,     // (node, component)
  kCmdConnect = 0x03,        // (src, srcPort, srcIndex, tgt, tgtPort, tgtIndex)
  kCmdInitial = 0x04,        // (tgt, tgtPort, packetType, payload by type)
  kCmdStart = 0x05,          // ()
  kCmdStop = 0x06,           // ()
  kCmdWatchEdge = 0x07,      // (src, srcPort, tgt, tgtPort, on 0/1)  all edges between them
  kCmdRemoveNode = 0x08,     // (node)
  kCmdDisconnect = 0x09,     // (src, srcPort, srcIndex, tgt, tgtPort, tgtIndex)
  kCmdRemoveInitial = 0x0A,  // (tgt, tgtPort)
  kCommandCodeCount
};

struct StreamError {
  Status status;     // kOk when there was no error
  uint16_t command;  // index of the failing command (0 = first after the header)
  uint32_t offset;   // byte offset of that command (or of the header field) in the stream
};

// Encodes commands into a caller-owned buffer. Errors are sticky: after an overflow every
// call is ignored and finish() returns kErrBufferTooSmall.
class CommandStreamWriter {
 public:
  CommandStreamWriter(uint8_t* buffer, uint16_t capacity);
  void reset();
  void createNode(NodeId node, ComponentId component);
  void connect(NodeId src, uint8_t srcPort, uint8_t srcIndex, NodeId tgt, uint8_t tgtPort,
               uint8_t tgtIndex);
  void connect(NodeId src, uint8_t srcPort, NodeId tgt, uint8_t tgtPort) {
    connect(src, srcPort, kNoIndex, tgt, tgtPort, kNoIndex);
  }
  void initial(NodeId tgt, uint8_t port, const Packet& packet);
  void start();
  void stop();
  void watchEdge(NodeId src, uint8_t srcPort, NodeId tgt, uint8_t tgtPort, bool on);
  void removeNode(NodeId node);
  void disconnect(NodeId src, uint8_t srcPort, uint8_t srcIndex, NodeId tgt, uint8_t tgtPort,
                  uint8_t tgtIndex);
  void removeInitial(NodeId tgt, uint8_t port);
  // Appends kCmdEnd and completes the header; *length = total bytes (header included).
  Status finish(uint16_t* length);
  Status status() const { return status_; }
  uint16_t commandCount() const { return commands_; }

 private:
  void op(uint8_t code, const uint8_t* operands, uint8_t count);
  uint8_t* buffer_;
  uint16_t capacity_;
  uint16_t length_;
  uint16_t commands_;
  Status status_;
};

// Checks a complete stream (header, checksum, every command) without applying it.
Status emflow_check_command_stream(const uint8_t* data, uint32_t length, StreamError* error);
// Checks, then applies every command to the network in order. If applying a command fails
// (e.g. an unknown component id, a node limit), application stops there and the error names
// that command; the commands before it stay applied (send kCmdReset first to start clean).
Status emflow_apply_command_stream(const uint8_t* data, uint32_t length, Network& network,
                                   StreamError* error);
// The same, reading the stream in place from storage (no RAM copy on boards).
Status emflow_apply_command_stream(Storage& storage, uint32_t offset, uint32_t length,
                                   Network& network, StreamError* error);
Status emflow_check_command_stream(Storage& storage, uint32_t offset, uint32_t length,
                                   StreamError* error);

}  // namespace emflow

#endif  // EMFLOW_RUNTIME_COMMAND_STREAM_H
