// Writes the serial link's constants (message types, info layout, boards, frame limits, status
// names) as TypeScript for the host client in the web app, from core/link/messages.h, frame.h
// and core/runtime/status.h. Checked in; a test fails on drift; `emflow-constants --write`
// regenerates it.
#ifndef EMFLOW_HOST_CONSTANTS_LINK_CONSTANTS_H
#define EMFLOW_HOST_CONSTANTS_LINK_CONSTANTS_H

#include <string>

namespace emflow::constants {

inline constexpr const char* kLinkTypeScriptPath = "web/src/link/linkConstants.generated.ts";

std::string linkTypeScriptConstants();

}  // namespace emflow::constants

#endif  // EMFLOW_HOST_CONSTANTS_LINK_CONSTANTS_H
