// One error vocabulary for all device code (runtime, components, models, storage).
// Device code returns a Status instead of throwing; hosts turn it into text with
// emflow_status_name(). Add new codes before kStatusCount and a name in status.cpp:
// a static_assert there keeps the table and the enum in step.
#ifndef EMFLOW_RUNTIME_STATUS_H
#define EMFLOW_RUNTIME_STATUS_H

#include <stdint.h>

namespace emflow {

enum Status : uint8_t {
  kOk = 0,
  // network / graph
  kErrQueueFull,         // a packet could not be queued: the network's queue is at capacity
  kErrNodeLimit,         // more nodes than the compile-time capacity
  kErrEdgeLimit,         // more connections than the compile-time capacity
  kErrNoSuchNode,        // a node id that does not exist
  kErrNoSuchPort,        // a port number the node's component does not have
  kErrUnknownComponent,  // a component id this build does not contain
  kErrNotConnected,      // a component sent on an out-port with no connection (counted, not fatal)
  kErrBadPacket,         // a packet of a type the port cannot accept
  kErrBusy,              // operation not allowed in the current state
  // binary streams (command stream, model blobs, storage)
  kErrTruncated,    // the data ended before a complete record
  kErrBadMagic,     // the data does not start with the expected magic bytes
  kErrBadVersion,   // a format version this build cannot read
  kErrBadChecksum,  // the checksum does not match the content
  kErrBadCommand,   // an unknown or malformed command
  kErrOutOfRange,   // an index, size or count outside what the format or capacity allows
  kErrCorrupt,      // structurally invalid content (e.g. a cycle in a tree)
  kErrStorage,      // the storage device failed to read or write
  kErrNoGraph,      // no valid graph stored
  // models
  kErrModelType,       // a model kind this build does not support
  kErrFeatureCount,    // the caller passed the wrong number of features
  kErrBufferTooSmall,  // a caller-owned buffer is smaller than the model needs
  // sensors / IO
  kErrNotReady,     // a conversion is still running; try again later
  kErrNoSensor,     // no device answered on the bus
  kErrSensorCrc,    // a device answered with a bad CRC
  kErrUnsupported,  // the IO implementation does not support this operation
  // models on a board
  kErrNoModel,  // no model is stored under this id (a board's model area lacks it)
  kStatusCount
};

// Human-readable name of a status ("queue full"). Compiled out to "" when
// EMFLOW_STRIP_ERROR_STRINGS is defined (small boards).
const char* emflow_status_name(Status status);

}  // namespace emflow

#endif  // EMFLOW_RUNTIME_STATUS_H
