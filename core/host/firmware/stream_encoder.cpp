#include "stream_encoder.h"

#include "runtime/command_stream.h"

namespace emflow::firmware {

std::vector<uint8_t> encodeCommandStream(const CompiledGraph& graph, std::string* error) {
  std::vector<uint8_t> buffer(0xFFFF);
  CommandStreamWriter writer(buffer.data(), static_cast<uint16_t>(buffer.size()));
  for (const CompiledNode& node : graph.nodes) writer.createNode(node.id, node.component);
  for (const CompiledEdge& e : graph.edges)
    writer.connect(e.src, e.srcPort, e.srcIndex, e.tgt, e.tgtPort, e.tgtIndex);
  for (const CompiledInitial& i : graph.initials) writer.initial(i.tgt, i.port, i.packet);
  writer.start();
  uint16_t length = 0;
  const Status status = writer.finish(&length);
  if (status != kOk) {
    *error = std::string("the command stream does not fit the format's 64 KB: ") +
             emflow_status_name(status);
    return {};
  }
  buffer.resize(length);
  return buffer;
}

}  // namespace emflow::firmware
