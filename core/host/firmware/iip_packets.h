// Initial information packets (IIPs) as typed packets, by the type of the port they go to.
//
//   port type  IIP data (a string from .fbp, or any JSON value)  packets
//   int        '5000', 5000, '0x1F', '-3'                         Int
//   number     '4.5', 4.5, '5'                                    Float
//   boolean    'true'/'false'/'1'/'0', true/false                 Bool
//   bang       anything                                           Void
//   array      '["0x28", "0xAF", ...]', [40, 175, ...]             [ element... ]
//   all        inferred: integers → Int, other numbers → Float, booleans → Bool,
//              arrays → a bracketed sequence, '' → Void
// Array elements are bytes when written 0..255 in hex ("0x28") and Int/Float otherwise.
// Anything else is an error that says what the port expected.
#ifndef EMFLOW_HOST_FIRMWARE_IIP_PACKETS_H
#define EMFLOW_HOST_FIRMWARE_IIP_PACKETS_H

#include <string>
#include <vector>

#include "host/graph/graph.h"
#include "runtime/packet.h"

namespace emflow::firmware {

// Appends the packets for `data` sent to a port of `portType`. On failure returns false and
// sets `error` (without location; the caller adds it).
bool iipToPackets(const graph::Json& data, const std::string& portType,
                  std::vector<Packet>* packets, std::string* error);

}  // namespace emflow::firmware

#endif  // EMFLOW_HOST_FIRMWARE_IIP_PACKETS_H
