# Embeds the device sources of the component library (core/components/*.h, *.cpp) into the
# protocol runtime, so component:getsource returns the exact code a board compiles. The text
# is generated into the build directory at build time (never checked in) and regenerated
# whenever a component file changes.
#
# Included by wasm/CMakeLists.txt (the engine behind the browser and emflow-runtime) and,
# for native builds, by core/CMakeLists.txt after emflow_host exists:
#   include(host/protocol/component_sources.cmake)
# Without it the runtime still builds and answers getsource with a clear error.
# Included twice (core/ and wasm/) it does its work once: the target is the marker.
if(TARGET emflow_host AND NOT TARGET emflow_component_sources)
  file(GLOB emflow_component_files CONFIGURE_DEPENDS
       ${CMAKE_CURRENT_LIST_DIR}/../../components/*.h
       ${CMAKE_CURRENT_LIST_DIR}/../../components/*.cpp)
  set(emflow_component_sources_cpp ${CMAKE_BINARY_DIR}/generated/emflow_component_sources.cpp)
  add_custom_command(
    OUTPUT ${emflow_component_sources_cpp}
    COMMAND ${CMAKE_COMMAND} "-DOUTPUT=${emflow_component_sources_cpp}"
            "-DDIR=${CMAKE_CURRENT_LIST_DIR}/../../components"
            -P ${CMAKE_CURRENT_LIST_DIR}/embed_component_sources.cmake
    DEPENDS ${emflow_component_files} ${CMAKE_CURRENT_LIST_DIR}/embed_component_sources.cmake
    COMMENT "Embedding the component sources for component:getsource"
    VERBATIM)
  # The command's rule belongs to the directory that includes this file, which need not be
  # emflow_host's: a custom target carries it there.
  add_custom_target(emflow_component_sources DEPENDS ${emflow_component_sources_cpp})
  add_dependencies(emflow_host emflow_component_sources)
  target_sources(emflow_host PRIVATE ${emflow_component_sources_cpp})
  target_compile_definitions(emflow_host PRIVATE EMFLOW_EMBEDDED_COMPONENT_SOURCES=1)
endif()
