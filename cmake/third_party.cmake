# nlohmann/json (Debian's nlohmann-json3-dev) for host code. Emscripten must not search
# /usr/include as a whole, so we expose only the nlohmann folder through a build-tree link.
set(EMFLOW_NLOHMANN_DIR "${CMAKE_BINARY_DIR}/third_party/include")
if(NOT EXISTS "${EMFLOW_NLOHMANN_DIR}/nlohmann")
  file(MAKE_DIRECTORY "${EMFLOW_NLOHMANN_DIR}")
  file(CREATE_LINK /usr/include/nlohmann "${EMFLOW_NLOHMANN_DIR}/nlohmann" SYMBOLIC)
endif()
add_library(emflow_json INTERFACE)
target_include_directories(emflow_json SYSTEM INTERFACE "${EMFLOW_NLOHMANN_DIR}")
