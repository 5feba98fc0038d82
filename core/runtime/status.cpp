#include "status.h"

namespace emflow {

#ifndef EMFLOW_STRIP_ERROR_STRINGS
static const char* const kStatusNames[] = {
    "ok",
    "queue full",
    "node limit reached",
    "edge limit reached",
    "no such node",
    "no such port",
    "unknown component",
    "out-port not connected",
    "bad packet type for port",
    "busy",
    "truncated data",
    "bad magic",
    "unsupported format version",
    "checksum mismatch",
    "bad command",
    "value out of range",
    "corrupt data",
    "storage error",
    "no graph stored",
    "unsupported model type",
    "wrong feature count",
    "buffer too small",
    "not ready",
    "no sensor",
    "sensor CRC error",
    "unsupported by this IO",
    "no such model",
};
static_assert(sizeof(kStatusNames) / sizeof(kStatusNames[0]) == kStatusCount,
              "kStatusNames must have one entry per Status");
#endif

const char* emflow_status_name(Status status) {
#ifdef EMFLOW_STRIP_ERROR_STRINGS
  (void)status;
  return "";
#else
  return status < kStatusCount ? kStatusNames[status] : "invalid status";
#endif
}

}  // namespace emflow
