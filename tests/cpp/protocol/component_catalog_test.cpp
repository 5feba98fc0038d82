// The protocol reads the one component catalog (host/graph/catalog.h): the same specs the
// validator sees, its own prefix rule, the shared "did you mean" and component:component
// payloads built from the library's descriptions and defaults.
#include <gtest/gtest.h>

#include "host/graph/catalog.h"
#include "host/protocol/component_catalog.h"

namespace emflow::protocol {
namespace {

TEST(ProtocolCatalog, IsTheLibraryCatalogTheValidatorUses) {
  const ComponentCatalog catalog = ComponentCatalog::fromLibrary();
  const graph::ListCatalog& shared = graph::libraryCatalog();
  ASSERT_EQ(catalog.all().size(), shared.all().size());
  for (size_t i = 0; i < shared.all().size(); ++i) {
    EXPECT_EQ(catalog.all()[i].name, shared.all()[i].name);
    EXPECT_EQ(catalog.all()[i].inPorts.size(), shared.all()[i].inPorts.size());
  }
}

TEST(ProtocolCatalog, FindsKnownPrefixesOnly) {
  const ComponentCatalog catalog = ComponentCatalog::fromLibrary();
  ASSERT_NE(catalog.find("Timer"), nullptr);
  EXPECT_EQ(catalog.find("core/Timer"), catalog.find("Timer"));
  EXPECT_EQ(catalog.find("emflow/Timer"), catalog.find("Timer"));
  EXPECT_EQ(catalog.find("other/Timer"), nullptr);
  EXPECT_EQ(catalog.find("timer"), nullptr);  // component names are exact
}

TEST(ProtocolCatalog, PortNumbersFollowTheDeviceOrder) {
  const ComponentCatalog catalog = ComponentCatalog::fromLibrary();
  const ComponentSpec* timer = catalog.find("Timer");
  ASSERT_NE(timer, nullptr);
  EXPECT_EQ(timer->inPortNumber("interval"), 0);
  EXPECT_EQ(timer->inPortNumber("ENABLE"), 1);
  EXPECT_EQ(timer->inPortNumber("nope"), -1);
  EXPECT_EQ(timer->outPortNumber("out"), 0);
}

TEST(ProtocolCatalog, SuggestsWithTheSharedEditDistance) {
  const ComponentCatalog catalog = ComponentCatalog::fromLibrary();
  EXPECT_EQ(catalog.suggest("core/Timr"), "Timer");
  EXPECT_EQ(catalog.suggest("Reapet"), "Repeat");  // a swap of two neighbours is one edit
  EXPECT_EQ(catalog.suggest("Zzzzzz"), "");
}

TEST(ProtocolCatalog, DescribesPortsWithDescriptionsAndTypedDefaults) {
  const ComponentCatalog catalog = ComponentCatalog::fromLibrary();
  const Json payload = ComponentCatalog::describe(*catalog.find("Timer"), "core/Timer");
  EXPECT_EQ(payload["name"], "core/Timer");
  EXPECT_EQ(payload["icon"], "clock-o");
  EXPECT_EQ(payload["inPorts"][0]["id"], "interval");
  EXPECT_EQ(payload["inPorts"][0]["type"], "int");
  EXPECT_EQ(payload["inPorts"][0]["default"], 1000);
  EXPECT_EQ(payload["inPorts"][1]["default"], true);
  EXPECT_FALSE(payload["inPorts"][0]["description"].get<std::string>().empty());
}

}  // namespace
}  // namespace emflow::protocol
