// path check and path plan as library calls, on hand-checked networks: the report each
// command prints, and the input error for a network without demands.
#include "cleannet/path/run.h"

#include <gtest/gtest.h>

namespace cleannet::path {
namespace {

netmodel::Device dev(std::string id, std::string vendor) {
  netmodel::Device d;
  d.id = std::move(id);
  d.equipment.vendor = std::move(vendor);
  d.equipment.source = "test vendor";
  d.segment = "core";
  d.role = netmodel::Role::kTransmission;
  return d;
}

netmodel::Link link(std::string a, std::string b, double cost) {
  netmodel::Link l;
  l.id = a + "-" + b;
  l.a = std::move(a);
  l.b = std::move(b);
  l.cost = cost;
  return l;
}

struct Fixture {
  trust::Registry reg = *trust::load_registry({}, true);
  trust::Resolver resolver{reg};
  trust::Policy policy = *trust::load_policy("clean-network");
  netmodel::Network net;
  PathInputs inputs() {
    EXPECT_TRUE(net.finalize().ok());
    PathInputs in{&net, "diamond.json", &resolver, &policy, {}};
    in.status_options.as_of = *core::Date::parse("2024-06-01");
    return in;
  }
};

// a --1-- h(Huawei) --1-- b,   a --2-- c(Cisco) --2-- b: the shortest path crosses Huawei,
// the clean alternative goes through c.
void diamond(netmodel::Network& net) {
  net.devices = {dev("a", "Cisco"), dev("h", "Huawei"), dev("c", "Cisco"), dev("b", "Cisco")};
  net.links = {link("a", "h", 1), link("h", "b", 1), link("a", "c", 2), link("c", "b", 2)};
}

TEST(RunCheck, ReportOfEveryDemand) {
  Fixture f;
  diamond(f.net);
  f.net.demands.push_back({"d1", "a", "b", "diplomatic", {}, {}});
  report::CheckReport r = run_check(f.inputs());
  EXPECT_TRUE(r.reported);
  EXPECT_TRUE(r.violations);
  EXPECT_EQ(report::exit_code(r), 1);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].rule, "CN-PATH");
  EXPECT_EQ(r.findings[0].organisation, "huawei");
  EXPECT_EQ(r.summary["summary"]["demands"], 1);
  EXPECT_EQ(r.summary["summary"]["not_clean"], 1);
  EXPECT_EQ(r.summary["summary"]["with_clean_alternative"], 1);
  EXPECT_EQ(r.summary["demands"].size(), 1u);
  EXPECT_EQ(r.text_head.substr(0, r.text_head.find('\n')),
            "network diamond.json: 4 devices, 4 links, 1 demands; policy clean-network, as of 2024-06-01");
  EXPECT_EQ(r.text_tail, "\n1 of 1 demands not clean; 1 of them have a clean alternative\n");
}

// Nothing to check is no clean verdict: an input error naming the inventory.
TEST(RunCheck, NetworkWithoutDemandsIsAnInputError) {
  Fixture f;
  diamond(f.net);
  report::CheckReport r = run_check(f.inputs());
  EXPECT_FALSE(r.reported);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message(),
            "diamond.json: expected demands to check (in the inventory, a demands.csv beside it, or --demands FILE), "
            "found none (4 devices, 4 links)");
  EXPECT_EQ(report::exit_code(r), 2);
}

TEST(RunPlan, ReplacesOnlyWhatNoCleanPathAvoids) {
  Fixture f;
  diamond(f.net);
  f.net.demands.push_back({"d1", "a", "b", "diplomatic", {}, {}});
  report::CheckReport clean = run_plan(f.inputs(), {});
  EXPECT_FALSE(clean.violations);  // the path through c is clean: nothing to replace
  EXPECT_TRUE(clean.findings.empty());
  EXPECT_EQ(report::exit_code(clean), 0);

  Fixture g;
  g.net.devices = {dev("a", "Cisco"), dev("h", "Huawei"), dev("b", "Cisco")};
  g.net.links = {link("a", "h", 1), link("h", "b", 1)};
  g.net.demands.push_back({"d1", "a", "b", "diplomatic", {}, {}});
  report::CheckReport r = run_plan(g.inputs(), {});
  EXPECT_TRUE(r.violations);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].organisation, "huawei");
  EXPECT_EQ(r.summary["plan"]["replace"].size(), 1u);
  // Planning only for a class no demand has leaves nothing to replace.
  PlanRequest other;
  other.classes = {"public"};
  EXPECT_FALSE(run_plan(g.inputs(), other).violations);
}

}  // namespace
}  // namespace cleannet::path
