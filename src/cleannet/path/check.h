// Clean Path checks per demand (State Department 5G Clean Path, 2020-04-29; EU 5G Toolbox
// SM03 for core and management segments):
//  - routed: does the path used today (given with the demand, or else the shortest path
//    by link cost, labelled "presumed") cross any element whose judgement violates the
//    policy (trust::violates: deny, or warn on an untrusted vendor) for the demand's traffic
//    class? Which is the first, and why? "Denied" below means exactly that.
//  - exists: is there any path that uses no such element?
//  - alternative: the shortest such clean path, with its cost against today's.
// Built once per network: one CSR graph (devices = nodes, links = edges, weight = link
// cost or 1) and, per traffic class, the node/edge masks of what the policy allows and
// that allowed part as a compact graph of its own (graph::Subgraph), which the clean
// alternative is searched on.
//
//   PathChecker checker(net, element_trust);
//   DemandVerdict v = checker.check(net.demands[0]);
//   if (!v.routed_clean) report(v.routed_offenders.front());
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "cleannet/graph/csr.h"
#include "cleannet/graph/search.h"
#include "cleannet/graph/subgraph.h"
#include "cleannet/netmodel/network.h"
#include "cleannet/path/element_trust.h"

namespace cleannet::path {

struct Offender {
  bool is_link = false;
  uint32_t index = 0;  // device or link index in the network
  size_t hop = 0;      // position on the path (device index on the path, or link between hop and hop+1)
  ElementJudgement judgement;
};

struct RoutedPath {
  std::vector<uint32_t> devices;  // device indices, source first
  std::vector<uint32_t> links;    // link indices, links[i] joins devices[i] and devices[i+1]
  double cost = 0;
  bool given = false;  // false: presumed (shortest by cost), no path in the input
};

struct DemandVerdict {
  const netmodel::Demand* demand = nullptr;
  std::string traffic_class;
  std::optional<RoutedPath> routed;  // none when source and destination are not connected
  bool routed_clean = false;
  std::vector<Offender> routed_offenders;  // violating elements on the routed path, in path order
  std::vector<Offender> routed_warnings;   // warned-about elements that do not violate
  bool clean_path_exists = false;
  std::optional<RoutedPath> alternative;  // shortest clean path (equals routed when that is clean)
  bool clean() const { return routed && routed_clean; }
};

class PathChecker {
 public:
  PathChecker(const netmodel::Network& net, const ElementTrust& trust);

  DemandVerdict check(const netmodel::Demand& d);
  const graph::Csr& graph() const { return graph_; }
  // Nodes/edges the policy allows for a traffic class (cached).
  const graph::NodeMask& allowed_nodes(const std::string& traffic_class);
  const graph::EdgeMask& allowed_edges(const std::string& traffic_class);
  // The allowed part as its own graph (cached): clean_graph(c).shortest_path(s, t, ws) is the
  // clean alternative, in the network's device and link indices.
  const graph::Subgraph& clean_graph(const std::string& traffic_class);

 private:
  RoutedPath from_graph_path(const graph::Path& p) const;
  std::optional<RoutedPath> given_path(const netmodel::Demand& d) const;
  struct ClassView {
    graph::NodeMask nodes;
    graph::EdgeMask edges;
    graph::Subgraph clean;
  };
  const ClassView& view(const std::string& traffic_class);

  const netmodel::Network& net_;
  const ElementTrust& trust_;
  graph::Csr graph_;
  graph::SearchWorkspace ws_;
  graph::NodeMask all_nodes_;
  graph::EdgeMask all_edges_;
  std::unordered_map<std::string, ClassView> views_;
};

}  // namespace cleannet::path
