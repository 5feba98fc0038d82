// The library tables, expanded from library_entries.h and each component's describe-macro.
#include "library.h"

#include <string.h>

#include "components.h"

#if defined(__AVR__)
#include <avr/pgmspace.h>
#define EMFLOW_PROGMEM PROGMEM
#else
#define EMFLOW_PROGMEM
#endif

namespace emflow {

// A firmware that needs only a few components can build with
// -DEMFLOW_LIBRARY_SUBSET=\"my_components.h\", a header of EMFLOW_KEEP(Name) lines: the other
// table entries become empty (kErrUnknownComponent), so the linker drops their code.
template <class C>
struct KeptInBuild {
#ifdef EMFLOW_LIBRARY_SUBSET
  static const bool value = false;
#else
  static const bool value = true;
#endif
};
#define EMFLOW_KEEP(Name)           \
  template <>                       \
  struct KeptInBuild<Name> {        \
    static const bool value = true; \
  };
#ifdef EMFLOW_LIBRARY_SUBSET
#include EMFLOW_LIBRARY_SUBSET
#endif

#define EMFLOW_TYPE_OR_EMPTY(C)                                                                 \
  {                                                                                             \
    KeptInBuild<C>::value ? &emflowStartThunk<C> : 0,                                           \
        KeptInBuild<C>::value ? &emflowProcessThunk<C> : 0,                                     \
        KeptInBuild<C>::value ? &emflowWakeThunk<C> : 0,                                        \
        static_cast<uint8_t>(__is_empty(C) ? 0 : sizeof(C)), static_cast<uint8_t>(C::kInCount), \
        static_cast<uint8_t>(C::kOutCount)                                                      \
  }

// Node states live in the network's byte arena: their alignment must not exceed the arena's
// and their size must fit ComponentType::stateSize.
#define EMFLOW_LIBRARY_ENTRY(Name)                                       \
  static_assert(alignof(Name) <= EMFLOW_STATE_ALIGN || __is_empty(Name), \
                #Name " needs a larger EMFLOW_STATE_ALIGN");             \
  static_assert(sizeof(Name) <= 255, #Name " state is too large");
#include "library_entries.h"
#undef EMFLOW_LIBRARY_ENTRY

static const ComponentType kTypes[kComponentCount] EMFLOW_PROGMEM = {
#define EMFLOW_LIBRARY_ENTRY(Name) EMFLOW_TYPE_OR_EMPTY(Name),
#include "library_entries.h"
#undef EMFLOW_LIBRARY_ENTRY
};

bool emflow_component_type(ComponentId id, ComponentType* out) {
  if (id >= kComponentCount) return false;
#if defined(__AVR__)
  memcpy_P(out, &kTypes[id], sizeof(ComponentType));
#else
  *out = kTypes[id];
#endif
  return out->process != 0;
}

#if EMFLOW_HOST_INFO

const char* const kComponentLibraryPrefix = "core";

#define EMFLOW_INFO_PORT(name, type, flags, defaultValue, description) \
  {#name,                                                              \
   type,                                                               \
   ((flags)&kPortArray) != 0,                                          \
   ((flags)&kPortRequired) != 0,                                       \
   ((flags)&kPortOptional) != 0,                                       \
   defaultValue,                                                       \
   description},
#define EMFLOW_INFO_HEAD(name, icon, description) name, icon, description
#define EMFLOW_LIBRARY_ENTRY(Name)                                                              \
  static const PortInfo kInPorts_##Name[] = {                                                   \
      EMFLOW_DESCRIBE_##Name(EMFLOW_DESCRIBE_IGNORE, EMFLOW_INFO_PORT, EMFLOW_DESCRIBE_IGNORE){ \
          0, 0, false, false, false, 0, 0}};                                                    \
  static const PortInfo kOutPorts_##Name[] = {                                                  \
      EMFLOW_DESCRIBE_##Name(EMFLOW_DESCRIBE_IGNORE, EMFLOW_DESCRIBE_IGNORE, EMFLOW_INFO_PORT){ \
          0, 0, false, false, false, 0, 0}};
#include "library_entries.h"
#undef EMFLOW_LIBRARY_ENTRY

static const ComponentInfo kInfos[kComponentCount] = {
#define EMFLOW_LIBRARY_ENTRY(Name)                                                           \
  {kComponent_##Name,                                                                        \
   EMFLOW_DESCRIBE_##Name(EMFLOW_INFO_HEAD, EMFLOW_DESCRIBE_IGNORE, EMFLOW_DESCRIBE_IGNORE), \
   kInPorts_##Name,                                                                          \
   Name::kInCount,                                                                           \
   kOutPorts_##Name,                                                                         \
   Name::kOutCount},
#include "library_entries.h"
#undef EMFLOW_LIBRARY_ENTRY
};

size_t emflow_component_count() {
  return kComponentCount;
}

const ComponentInfo* emflow_component_info(ComponentId id) {
  return id < kComponentCount ? &kInfos[id] : 0;
}

const ComponentInfo* emflow_find_component(const char* name) {
  if (!name) return 0;
  const char* slash = strrchr(name, '/');
  const char* bare = slash ? slash + 1 : name;
  for (size_t i = 0; i < kComponentCount; ++i) {
    if (strcmp(kInfos[i].name, bare) == 0) return &kInfos[i];
  }
  return 0;
}

int emflow_find_port(const PortInfo* ports, uint8_t count, const char* name) {
  if (!ports || !name) return -1;
  for (uint8_t i = 0; i < count; ++i) {
    const char* a = ports[i].name;
    const char* b = name;
    while (*a && *b && (*a == *b || (*b >= 'A' && *b <= 'Z' && *a == *b - 'A' + 'a'))) {
      ++a;
      ++b;
    }
    if (*a == 0 && *b == 0) return i;
  }
  return -1;
}

#endif  // EMFLOW_HOST_INFO

}  // namespace emflow
