// GraphML topologies, as the Internet Topology Zoo publishes them, into a Network.
//
// Keys are read from their declarations (<key id="d29" for="node" attr.name="Latitude">),
// never from fixed ids. Each <node> becomes a Device: id = the GraphML node id, name = its
// "label" data, country = its "Country" data as an ISO 3166-1 alpha-2 code, location = its
// "Latitude" and "Longitude" data when it has both. Each <edge>
// becomes a Link between its source and target: multi-edges and self-loops are kept as they
// occur; capacity (bit/s) comes from "LinkSpeedRaw", or from "LinkSpeed" x "LinkSpeedUnits"
// (K, M, G, T); the link id is the edge's id attribute, or "e<N>" for the N-th edge (from 0)
// when it has none. The topology names no vendors: pass a VendorAssignment to add them (and
// its "synthetic" label, when it has one). The result is finalize()d.
//
// Errors name file:line:column (pugixml's byte offsets are converted) and what was expected:
// malformed XML, a root other than <graphml>, no <graph>, nested graphs and hyperedges (not
// supported), <data> naming an undeclared key or a key declared for another kind of element,
// a node without an id, an edge without source or target, a non-numeric coordinate or link
// speed, duplicate node or edge ids, edges naming unknown nodes.
//
//   auto va = load_vendor_assignment(*core::Input::open("data/inventory/synthetic/Geant2012.vendors.csv"));
//   auto net = load_graphml(*core::Input::open("data/inventory/topologyzoo/Geant2012.graphml.gz"), &*va);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cleannet/core/input.h"
#include "cleannet/core/result.h"
#include "cleannet/netmodel/network.h"
#include "cleannet/netmodel/vendor_assignment.h"

namespace cleannet::netmodel {

// What a GraphML file says beyond the Network model.
struct GraphmlDetails {
  std::unordered_map<std::string, GeoPoint> coordinates;    // by device id, nodes with both (= Device::location)
  std::unordered_map<std::string, std::string> graph_data;  // graph-level <data> by attr.name
  std::vector<std::string> external_nodes;                  // device ids with Internal = 0
  std::vector<std::string> unmapped_countries;              // Country values with no ISO code
  size_t self_loops = 0;
  size_t multi_edges = 0;  // edges beyond the first between the same two nodes
};

// Largest GraphML document read (decompressed).
inline constexpr size_t kMaxGraphmlBytes = size_t{1} << 30;

// Reads a GraphML document (compressed or not, see core::Input) into a finalize()d Network,
// applying `vendors` when given. `details`, when given, receives what the model has no field for.
core::Result<Network> load_graphml(core::Input in, const VendorAssignment* vendors = nullptr,
                                   GraphmlDetails* details = nullptr);

// Opens both files ("" = no vendor assignment) and calls load_graphml.
core::Result<Network> load_graphml_file(const std::string& graphml_path, const std::string& vendors_path = "",
                                        GraphmlDetails* details = nullptr);

// ISO 3166-1 alpha-2 code for a country name as the Topology Zoo writes it ("Czech
// Republic" -> "CZ", "Myanmar [Burma]" -> "MM"); a two-letter code is returned upper-cased.
// Kosovo, which has no ISO code, is "XK" (the user-assigned code the EU uses).
std::optional<std::string> iso_country_code(std::string_view name);

}  // namespace cleannet::netmodel
