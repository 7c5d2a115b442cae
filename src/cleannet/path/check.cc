#include "cleannet/path/check.h"

#include <limits>

namespace cleannet::path {

namespace {
double link_cost(const netmodel::Link& l) { return l.cost.value_or(1.0); }
}  // namespace

PathChecker::PathChecker(const netmodel::Network& net, const ElementTrust& trust) : net_(net), trust_(trust) {
  graph::CsrBuilder b(static_cast<uint32_t>(net.devices.size()), graph::Direction::kUndirected);
  b.reserve(net.links.size());
  for (const auto& l : net.links)
    b.add_edge(graph::NodeId{*net.find_device(l.a)}, graph::NodeId{*net.find_device(l.b)}, link_cost(l));
  // The network was finalize()d: ends exist and costs are >= 0, so the build cannot fail.
  auto g = std::move(b).build();
  if (g) graph_ = std::move(*g);
  all_nodes_ = graph::NodeMask(graph_.num_nodes(), true);
  all_edges_ = graph::EdgeMask(graph_.num_edges(), true);
}

const PathChecker::ClassView& PathChecker::view(const std::string& traffic_class) {
  auto it = views_.find(traffic_class);
  if (it != views_.end()) return it->second;
  ClassView v{graph::NodeMask(graph_.num_nodes(), true), graph::EdgeMask(graph_.num_edges(), true), {}};
  const auto judge = trust_.for_class(traffic_class);
  for (uint32_t i = 0; i < net_.devices.size(); ++i)
    if (judge.device(i).violates) v.nodes.reset(graph::NodeId{i});
  for (uint32_t i = 0; i < net_.links.size(); ++i)
    if (judge.link(i).violates) v.edges.reset(graph::EdgeId{i});
  v.clean = graph::Subgraph::induced(graph_, v.nodes, v.edges);
  return views_.emplace(traffic_class, std::move(v)).first->second;
}

const graph::NodeMask& PathChecker::allowed_nodes(const std::string& traffic_class) {
  return view(traffic_class).nodes;
}

const graph::EdgeMask& PathChecker::allowed_edges(const std::string& traffic_class) {
  return view(traffic_class).edges;
}

const graph::Subgraph& PathChecker::clean_graph(const std::string& traffic_class) { return view(traffic_class).clean; }

RoutedPath PathChecker::from_graph_path(const graph::Path& p) const {
  RoutedPath r;
  for (auto n : p.nodes) r.devices.push_back(n.value());
  for (auto e : p.edges) r.links.push_back(e.value());
  r.cost = p.cost;
  return r;
}

std::optional<RoutedPath> PathChecker::given_path(const netmodel::Demand& d) const {
  if (d.path.empty()) return std::nullopt;
  RoutedPath r;
  r.given = true;
  for (const auto& id : d.path) r.devices.push_back(*net_.find_device(id));
  // Between consecutive devices the cheapest link is the one in use (parallel links).
  for (size_t i = 0; i + 1 < r.devices.size(); ++i) {
    graph::NodeId u{r.devices[i]};
    double best = std::numeric_limits<double>::infinity();
    uint32_t best_link = 0;
    for (uint32_t a = graph_.arc_begin(u); a < graph_.arc_end(u); ++a) {
      if (graph_.targets()[a].value() != r.devices[i + 1]) continue;
      if (graph_.weights()[a] < best) {
        best = graph_.weights()[a];
        best_link = graph_.edge_ids()[a].value();
      }
    }
    r.links.push_back(best_link);
    r.cost += best;
  }
  return r;
}

DemandVerdict PathChecker::check(const netmodel::Demand& d) {
  DemandVerdict v;
  v.demand = &d;
  v.traffic_class = d.traffic_class;
  graph::NodeId s{*net_.find_device(d.source)}, t{*net_.find_device(d.destination)};
  v.routed = given_path(d);
  if (!v.routed) {
    if (auto p = graph::shortest_path(graph_, s, t, all_nodes_, all_edges_, ws_)) v.routed = from_graph_path(*p);
  }
  if (v.routed) {
    const RoutedPath& r = *v.routed;
    const auto judge = trust_.for_class(d.traffic_class);
    auto add = [&](const Offender& o) {
      if (o.judgement.violates)
        v.routed_offenders.push_back(o);
      else if (o.judgement.action == trust::Action::kWarn)
        v.routed_warnings.push_back(o);
    };
    for (size_t h = 0; h < r.devices.size(); ++h) {
      add(Offender{false, r.devices[h], h, judge.device(r.devices[h])});
      if (h < r.links.size()) add(Offender{true, r.links[h], h, judge.link(r.links[h])});
    }
    v.routed_clean = v.routed_offenders.empty();
  }
  if (v.routed && v.routed_clean) {
    v.clean_path_exists = true;
    v.alternative = v.routed;
    return v;
  }
  if (auto p = clean_graph(d.traffic_class).shortest_path(s, t, ws_)) {
    v.clean_path_exists = true;
    v.alternative = from_graph_path(*p);
  }
  return v;
}

}  // namespace cleannet::path
