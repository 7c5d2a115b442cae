#include "cleannet/path/check.h"

#include <gtest/gtest.h>

#include <functional>
#include <random>

#include "cleannet/path/findings.h"
#include "cleannet/path/map.h"
#include "cleannet/path/run.h"

namespace cleannet::path {
namespace {

trust::Registry bundled() {
  trust::RegistryBuilder b;
  EXPECT_TRUE(b.add_layer(trust::kBundledRegistryName, trust::bundled_registry_toml()).empty());
  EXPECT_TRUE(b.finish().empty());
  return b.take();
}

netmodel::Device dev(std::string id, std::string vendor, std::string segment = "core") {
  netmodel::Device d;
  d.id = std::move(id);
  d.equipment.vendor = std::move(vendor);
  d.equipment.source = "test vendor";
  d.segment = std::move(segment);
  d.role = netmodel::Role::kTransmission;
  return d;
}

netmodel::Link link(std::string a, std::string b, double cost = 1, std::string vendor = "") {
  netmodel::Link l;
  l.id = a + "-" + b;
  l.a = std::move(a);
  l.b = std::move(b);
  l.cost = cost;
  if (!vendor.empty()) {
    netmodel::Equipment e;
    e.vendor = std::move(vendor);
    e.source = "test link equipment";
    l.equipment.push_back(e);
  }
  return l;
}

struct Fixture {
  trust::Registry reg = bundled();
  trust::Resolver resolver{reg};
  trust::StatusOptions opt;
  Fixture() { opt.as_of = *core::Date::parse("2024-06-01"); }
};

// Hand-checked: a diamond a-{h,c}-b where the cheap branch crosses Huawei.
//   a --1-- h(Huawei) --1-- b,   a --2-- c(Cisco) --2-- b
TEST(PathCheck, OneBadHopHasACleanAlternativeUnderCleanNetwork) {
  Fixture f;
  netmodel::Network net;
  net.devices = {dev("a", "Cisco"), dev("h", "Huawei"), dev("c", "Cisco"), dev("b", "Cisco")};
  net.links = {link("a", "h"), link("h", "b"), link("a", "c", 2), link("c", "b", 2)};
  net.demands.push_back({"d1", "a", "b", "diplomatic", {}, {}});
  ASSERT_TRUE(net.finalize().ok());
  auto policy = *trust::load_policy("clean-network");
  ElementTrust et(net, f.resolver, policy, f.opt);
  PathChecker pc(net, et);
  DemandVerdict v = pc.check(net.demands[0]);
  ASSERT_TRUE(v.routed);
  EXPECT_FALSE(v.routed->given);
  EXPECT_EQ(path_text(net, *v.routed), "a > h > b (cost 2)");
  EXPECT_FALSE(v.routed_clean);
  ASSERT_EQ(v.routed_offenders.size(), 1u);
  EXPECT_EQ(net.devices[v.routed_offenders[0].index].id, "h");
  EXPECT_TRUE(v.clean_path_exists);
  EXPECT_EQ(path_text(net, *v.alternative), "a > c > b (cost 4)");
  auto fs = demand_findings(net, et, v);
  ASSERT_EQ(fs.size(), 1u);
  EXPECT_EQ(fs[0].rule, "CN-PATH");
  EXPECT_EQ(fs[0].organisation, "huawei");
  EXPECT_EQ(fs[0].suggested_fix, "Route over the clean alternative a > c > b (cost 4) instead of a > h > b (cost 2).");
}

// A high-risk supplier the EU Toolbox tolerates in the RAN (EU-RAN, warn) still violates
// the policy (trust::violates): the demand over it is not clean, its finding a warning, and
// the clean alternative goes around it; in the core it is denied outright.
TEST(PathCheck, EuToolboxRanWarningViolatesCoreDenies) {
  Fixture f;
  netmodel::Network net;
  net.devices = {dev("a", "Cisco"), dev("ran1", "Huawei", "ran"), dev("b", "Cisco"), dev("core1", "ZTE", "core"),
                 dev("c", "Nokia")};
  net.links = {link("a", "ran1"), link("ran1", "b"), link("b", "core1"), link("a", "c", 5), link("c", "b", 5)};
  net.demands.push_back({"d1", "a", "b", "public", {}, {}});
  net.demands.push_back({"d2", "a", "core1", "public", {}, {}});
  ASSERT_TRUE(net.finalize().ok());
  auto eu = *trust::load_policy("eu-toolbox");
  ElementTrust et(net, f.resolver, eu, f.opt);
  PathChecker pc(net, et);
  DemandVerdict ran = pc.check(net.demands[0]);
  EXPECT_FALSE(ran.routed_clean);
  ASSERT_EQ(ran.routed_offenders.size(), 1u);
  EXPECT_EQ(ran.routed_offenders[0].judgement.decision->rule->id, "EU-RAN");
  EXPECT_EQ(ran.routed_offenders[0].judgement.action, trust::Action::kWarn);
  EXPECT_TRUE(ran.routed_warnings.empty());
  ASSERT_TRUE(ran.alternative);
  EXPECT_EQ(path_text(net, *ran.alternative), "a > c > b (cost 10)");
  auto findings = demand_findings(net, et, ran);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].severity, report::Severity::kWarning);
  DemandVerdict core = pc.check(net.demands[1]);
  EXPECT_FALSE(core.routed_clean);
  EXPECT_EQ(core.routed_offenders.back().judgement.decision->rule->id, "EU-SM03-CORE");
  EXPECT_FALSE(core.clean_path_exists);  // the destination itself is denied
  // The same network under the Clean Network: the RAN hop is denied.
  auto cn = *trust::load_policy("clean-network");
  ElementTrust et2(net, f.resolver, cn, f.opt);
  PathChecker pc2(net, et2);
  DemandVerdict ran2 = pc2.check(net.demands[0]);
  EXPECT_FALSE(ran2.routed_clean);
  EXPECT_EQ(ran2.routed_offenders[0].judgement.action, trust::Action::kDeny);
}

TEST(PathCheck, GivenPathAndBadLinkEquipment) {
  Fixture f;
  netmodel::Network net;
  net.devices = {dev("a", "Cisco"), dev("m", "Nokia"), dev("b", "Cisco")};
  net.links = {link("a", "m", 1, "ZTE"), link("m", "b"), link("a", "b", 5)};
  net.demands.push_back({"d1", "a", "b", "public", {"a", "m", "b"}, {}});
  ASSERT_TRUE(net.finalize().ok());
  auto policy = *trust::load_policy("clean-network");
  ElementTrust et(net, f.resolver, policy, f.opt);
  PathChecker pc(net, et);
  DemandVerdict v = pc.check(net.demands[0]);
  ASSERT_TRUE(v.routed && v.routed->given);
  ASSERT_EQ(v.routed_offenders.size(), 1u);
  EXPECT_TRUE(v.routed_offenders[0].is_link);
  EXPECT_EQ(path_text(net, *v.alternative), "a > b (cost 5)");
  // Nokia is unknown: warned (default) under clean-network on public traffic.
  ASSERT_EQ(v.routed_warnings.size(), 1u);
  EXPECT_EQ(net.devices[v.routed_warnings[0].index].id, "m");
}

// Oracle: on random small networks with random vendors, "a clean path exists" and the
// clean alternative's cost agree with enumerating every simple path and keeping those
// whose devices and links the policy does not deny.
TEST(PathCheck, ExistsAndAlternativeAgreeWithBruteForceEnumeration) {
  Fixture f;
  auto policy = *trust::load_policy("clean-network");
  const char* vendors[] = {"Cisco", "Huawei", "Nokia", "ZTE", "Ericsson", "Telstra", ""};
  const char* classes[] = {"diplomatic", "public", ""};
  std::mt19937 rng(4242);
  int checked = 0, with_path = 0;
  for (int iter = 0; iter < 1000; ++iter) {
    netmodel::Network net;
    int n = 2 + static_cast<int>(rng() % 7);
    for (int i = 0; i < n; ++i) net.devices.push_back(dev("n" + std::to_string(i), vendors[rng() % 7]));
    int m = static_cast<int>(rng() % (n * 2 + 1));
    for (int e = 0; e < m; ++e) {
      int a = static_cast<int>(rng() % n), b = static_cast<int>(rng() % n);
      auto l = link("n" + std::to_string(a), "n" + std::to_string(b), 1 + rng() % 3,
                    rng() % 4 == 0 ? vendors[rng() % 7] : "");
      l.id += "#" + std::to_string(e);
      net.links.push_back(l);
    }
    std::string cls = classes[rng() % 3];
    net.demands.push_back({"d", "n0", "n" + std::to_string(n - 1), cls, {}, {}});
    ASSERT_TRUE(net.finalize().ok());
    ElementTrust et(net, f.resolver, policy, f.opt);
    PathChecker pc(net, et);
    DemandVerdict v = pc.check(net.demands[0]);

    // Brute force over simple paths (devices distinct), any of the parallel links.
    auto denied_dev = [&](int i) { return et.device(i, cls).action == trust::Action::kDeny; };
    auto denied_link = [&](size_t i) { return et.link(static_cast<uint32_t>(i), cls).action == trust::Action::kDeny; };
    double best = -1;
    std::vector<bool> seen(n, false);
    std::function<void(int, double)> dfs = [&](int u, double cost) {
      if (u == n - 1) {
        if (best < 0 || cost < best) best = cost;
        return;
      }
      for (size_t li = 0; li < net.links.size(); ++li) {
        const auto& l = net.links[li];
        int a = *net.find_device(l.a), b = *net.find_device(l.b);
        int w = a == u ? b : (b == u ? a : -1);
        if (w < 0 || seen[w] || denied_link(li) || denied_dev(w)) continue;
        seen[w] = true;
        dfs(w, cost + *l.cost);
        seen[w] = false;
      }
    };
    if (!denied_dev(0)) {
      seen[0] = true;
      dfs(0, 0);
    }
    ASSERT_EQ(v.clean_path_exists, best >= 0) << "iteration " << iter;
    if (best >= 0) {
      ++with_path;
      ASSERT_TRUE(v.alternative);
      // A clean presumed route is the unconstrained shortest path, hence optimal too.
      EXPECT_DOUBLE_EQ(v.alternative->cost, best) << "iteration " << iter;
    }
    ++checked;
  }
  EXPECT_EQ(checked, 1000);
  EXPECT_GT(with_path, 100);
  EXPECT_LT(with_path, 900);
}

// path check and path plan as library calls (run.h): the report each command prints, and
// the input error for a network without demands. a --1-- h(Huawei) --1-- b and
// a --2-- c(Cisco) --2-- b: the shortest path crosses Huawei, the clean alternative is c.
struct RunFixture : Fixture {
  trust::Policy policy = *trust::load_policy("clean-network");
  netmodel::Network net;
  explicit RunFixture(bool with_c = true) {
    net.devices = {dev("a", "Cisco"), dev("h", "Huawei"), dev("b", "Cisco")};
    net.links = {link("a", "h"), link("h", "b")};
    if (with_c) {
      net.devices.push_back(dev("c", "Cisco"));
      net.links.push_back(link("a", "c", 2));
      net.links.push_back(link("c", "b", 2));
    }
  }
  PathInputs inputs() {
    EXPECT_TRUE(net.finalize().ok());
    return {&net, "diamond.json", &resolver, &policy, opt};
  }
};

TEST(RunCheck, ReportOfEveryDemand) {
  RunFixture f;
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
  RunFixture f;
  report::CheckReport r = run_check(f.inputs());
  EXPECT_FALSE(r.reported);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0].message(),
            "diamond.json: expected demands to check (in the inventory, a demands.csv beside it, or --demands FILE), "
            "found none (4 devices, 4 links)");
  EXPECT_EQ(report::exit_code(r), 2);
}

// The map in the summary: only located devices, each with the status of its worst
// equipment, and only links between two of them; no map when nothing is located.
TEST(RunCheck, MapOnlyWhenDevicesHaveALocation) {
  RunFixture plain;
  plain.net.demands.push_back({"d1", "a", "b", "diplomatic", {}, {}});
  report::CheckReport none = run_check(plain.inputs());
  EXPECT_FALSE(none.summary.contains("map"));
  EXPECT_FALSE(none.summary.contains("map_omitted"));

  RunFixture f;
  f.net.devices[0].location = netmodel::GeoPoint{52.52, 13.40};
  f.net.devices[0].name = "Berlin core";
  f.net.devices[0].site = "Berlin";
  f.net.devices[1].location = netmodel::GeoPoint{50.11, 8.68};
  f.net.devices[2].location = netmodel::GeoPoint{48.14, 11.58};
  f.net.devices[2].components.push_back({"Acme Optics Nobody Knows", "X1", "", "", "test component", {}});
  f.net.demands.push_back({"d1", "a", "b", "diplomatic", {}, {}});
  report::CheckReport r = run_check(f.inputs());
  ASSERT_TRUE(r.summary.contains("map"));
  EXPECT_FALSE(r.summary.contains("map_omitted"));
  const report::Json& m = r.summary["map"];
  ASSERT_EQ(m["devices"].size(), 3u);  // c has no location
  EXPECT_EQ(m["devices"][0], report::Json({{"id", "a"},
                                           {"name", "Berlin core"},
                                           {"site", "Berlin"},
                                           {"vendor", "Cisco"},
                                           {"latitude", 52.52},
                                           {"longitude", 13.40},
                                           {"status", "trusted"},
                                           {"organisation", "cisco"}}));
  EXPECT_EQ(m["devices"][1]["status"], "untrusted");
  EXPECT_EQ(m["devices"][1]["organisation"], "huawei");
  // A trusted chassis with a card of an unknown maker is unknown, its organisation null.
  EXPECT_EQ(m["devices"][2]["status"], "unknown");
  EXPECT_TRUE(m["devices"][2]["organisation"].is_null());
  EXPECT_EQ(m["links"],
            report::Json::parse(R"([{"id": "a-h", "a": "a", "b": "h"}, {"id": "h-b", "a": "h", "b": "b"}])"));
}

TEST(RunCheck, MapOmittedAboveTheLimit) {
  RunFixture f;
  for (size_t i = 0; i <= kMaxMapDevices; ++i) {
    f.net.devices.push_back(dev("x" + std::to_string(i), "Cisco"));
    f.net.devices.back().location = netmodel::GeoPoint{50, 10};
  }
  f.net.demands.push_back({"d1", "a", "b", "diplomatic", {}, {}});
  report::CheckReport r = run_check(f.inputs());
  EXPECT_FALSE(r.summary.contains("map"));
  EXPECT_EQ(r.summary["map_omitted"], "20001 devices have a location, more than the 20000 a map shows");
}

TEST(RunPlan, ReplacesOnlyWhatNoCleanPathAvoids) {
  RunFixture f;
  f.net.demands.push_back({"d1", "a", "b", "diplomatic", {}, {}});
  report::CheckReport clean = run_plan(f.inputs(), {});
  EXPECT_FALSE(clean.violations);  // the path through c is clean: nothing to replace
  EXPECT_TRUE(clean.findings.empty());
  EXPECT_EQ(report::exit_code(clean), 0);

  RunFixture g(false);
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
