#include "cleannet/netmodel/graphml.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <pugixml.hpp>
#include <set>
#include <utility>

#include "cleannet/core/text.h"
#include "cleannet/netmodel/detail/xml.h"

namespace cleannet::netmodel {

namespace {

using detail::LineIndex;
using detail::xml_status_found;

// Country names as the Topology Zoo writes them (all 120 that occur in its 276 files), and
// common alternatives; compared after fold_ascii_lower.
constexpr std::pair<const char*, const char*> kCountries[] = {
    {"afghanistan", "AF"},
    {"albania", "AL"},
    {"algeria", "DZ"},
    {"andorra", "AD"},
    {"angola", "AO"},
    {"antigua and barbuda", "AG"},
    {"argentina", "AR"},
    {"armenia", "AM"},
    {"australia", "AU"},
    {"austria", "AT"},
    {"azerbaijan", "AZ"},
    {"bahamas", "BS"},
    {"bahrain", "BH"},
    {"bangladesh", "BD"},
    {"barbados", "BB"},
    {"belarus", "BY"},
    {"belgium", "BE"},
    {"belize", "BZ"},
    {"benin", "BJ"},
    {"bermuda", "BM"},
    {"bolivia", "BO"},
    {"bonaire, saint eustatius and saba", "BQ"},
    {"bosnia and herzegovina", "BA"},
    {"botswana", "BW"},
    {"brazil", "BR"},
    {"brunei", "BN"},
    {"bulgaria", "BG"},
    {"cambodia", "KH"},
    {"cameroon", "CM"},
    {"canada", "CA"},
    {"cayman islands", "KY"},
    {"chile", "CL"},
    {"china", "CN"},
    {"colombia", "CO"},
    {"costa rica", "CR"},
    {"croatia", "HR"},
    {"cuba", "CU"},
    {"curacao", "CW"},
    {"cyprus", "CY"},
    {"czech republic", "CZ"},
    {"czechia", "CZ"},
    {"denmark", "DK"},
    {"dominica", "DM"},
    {"dominican republic", "DO"},
    {"ecuador", "EC"},
    {"egypt", "EG"},
    {"el salvador", "SV"},
    {"estonia", "EE"},
    {"ethiopia", "ET"},
    {"fiji", "FJ"},
    {"finland", "FI"},
    {"france", "FR"},
    {"gambia", "GM"},
    {"georgia", "GE"},
    {"germany", "DE"},
    {"ghana", "GH"},
    {"gibraltar", "GI"},
    {"greece", "GR"},
    {"greenland", "GL"},
    {"grenada", "GD"},
    {"guadeloupe", "GP"},
    {"guam", "GU"},
    {"guatemala", "GT"},
    {"guyana", "GY"},
    {"haiti", "HT"},
    {"honduras", "HN"},
    {"hong kong", "HK"},
    {"hungary", "HU"},
    {"iceland", "IS"},
    {"india", "IN"},
    {"indonesia", "ID"},
    {"iran", "IR"},
    {"iraq", "IQ"},
    {"ireland", "IE"},
    {"israel", "IL"},
    {"italy", "IT"},
    {"jamaica", "JM"},
    {"japan", "JP"},
    {"jordan", "JO"},
    {"kazakhstan", "KZ"},
    {"kenya", "KE"},
    {"kosovo", "XK"},
    {"kuwait", "KW"},
    {"latvia", "LV"},
    {"lebanon", "LB"},
    {"libya", "LY"},
    {"liechtenstein", "LI"},
    {"lithuania", "LT"},
    {"luxembourg", "LU"},
    {"macau", "MO"},
    {"macao", "MO"},
    {"macedonia", "MK"},
    {"north macedonia", "MK"},
    {"malaysia", "MY"},
    {"malta", "MT"},
    {"martinique", "MQ"},
    {"mexico", "MX"},
    {"moldova", "MD"},
    {"monaco", "MC"},
    {"mongolia", "MN"},
    {"montenegro", "ME"},
    {"morocco", "MA"},
    {"mozambique", "MZ"},
    {"myanmar", "MM"},
    {"myanmar [burma]", "MM"},
    {"namibia", "NA"},
    {"nepal", "NP"},
    {"netherlands", "NL"},
    {"new zealand", "NZ"},
    {"nicaragua", "NI"},
    {"nigeria", "NG"},
    {"norway", "NO"},
    {"oman", "OM"},
    {"pakistan", "PK"},
    {"panama", "PA"},
    {"paraguay", "PY"},
    {"peru", "PE"},
    {"philippines", "PH"},
    {"poland", "PL"},
    {"portugal", "PT"},
    {"puerto rico", "PR"},
    {"qatar", "QA"},
    {"romania", "RO"},
    {"russia", "RU"},
    {"russian federation", "RU"},
    {"rwanda", "RW"},
    {"saint martin", "MF"},
    {"saint vincent and the grenadines", "VC"},
    {"saudi arabia", "SA"},
    {"senegal", "SN"},
    {"serbia", "RS"},
    {"singapore", "SG"},
    {"slovakia", "SK"},
    {"slovenia", "SI"},
    {"south africa", "ZA"},
    {"south korea", "KR"},
    {"korea, republic of", "KR"},
    {"spain", "ES"},
    {"sri lanka", "LK"},
    {"sudan", "SD"},
    {"suriname", "SR"},
    {"svalbard and jan mayen", "SJ"},
    {"sweden", "SE"},
    {"switzerland", "CH"},
    {"syria", "SY"},
    {"taiwan", "TW"},
    {"tanzania", "TZ"},
    {"thailand", "TH"},
    {"trinidad and tobago", "TT"},
    {"tunisia", "TN"},
    {"turkey", "TR"},
    {"turkiye", "TR"},
    {"turks and caicos islands", "TC"},
    {"u.s. virgin islands", "VI"},
    {"uganda", "UG"},
    {"ukraine", "UA"},
    {"united arab emirates", "AE"},
    {"united kingdom", "GB"},
    {"united states", "US"},
    {"united states of america", "US"},
    {"uruguay", "UY"},
    {"uzbekistan", "UZ"},
    {"venezuela", "VE"},
    {"vietnam", "VN"},
    {"viet nam", "VN"},
    {"yemen", "YE"},
    {"zambia", "ZM"},
    {"zimbabwe", "ZW"},
};

struct Key {
  std::string domain;  // node, edge, graph, all ...
  std::string name;    // attr.name, or the id when there is none
};

std::optional<double> parse_number(std::string_view s) {
  s = core::trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::string file_stem(const std::string& path) {
  std::string s = path.substr(path.find_last_of('/') + 1);
  for (const char* ext : {".gz", ".bz2", ".xz", ".zst", ".graphml", ".xml"})
    if (s.size() > std::string_view(ext).size() && s.ends_with(ext)) s.resize(s.size() - std::string_view(ext).size());
  return s;
}

class Reader {
 public:
  Reader(std::string file, const std::string& text, GraphmlDetails* details)
      : file_(std::move(file)), lines_(text), details_(details) {}

  core::SourcePos pos(const pugi::xml_node& n) const {
    // offset_debug() is the offset of the element's name; point at its '<'.
    ptrdiff_t off = n.offset_debug();
    return lines_.at(file_, off > 0 ? off - 1 : off);
  }

  core::Result<Network> read(const std::string& text) {
    pugi::xml_document doc;
    pugi::xml_parse_result res = doc.load_buffer(text.data(), text.size(), pugi::parse_default, pugi::encoding_utf8);
    if (!res) return core::Error(lines_.at(file_, res.offset), "well-formed XML", xml_status_found(res.status));
    pugi::xml_node root = doc.document_element();
    if (std::string_view(root.name()) != "graphml")
      return core::Error(pos(root), "a <graphml> root element", "<" + std::string(root.name()) + ">");
    pugi::xml_node graph;
    for (pugi::xml_node c : root.children()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view name = c.name();
      if (name == "key") {
        if (auto st = read_key(c); !st) return st.error();
      } else if (name == "graph") {
        if (graph)
          return core::Error(pos(c), "one <graph> element (the first is at " + pos(graph).to_string() + ")", "another");
        graph = c;
      }
    }
    if (!graph) return core::Error(pos(root), "a <graph> element in <graphml>", "none");

    Network net;
    std::map<std::pair<std::string, std::string>, size_t> pair_count;
    size_t n_edges = 0;
    for (pugi::xml_node c : graph.children()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view name = c.name();
      if (name == "node") {
        if (auto st = read_node(c, net); !st) return st.error();
      } else if (name == "edge") {
        if (auto st = read_edge(c, net, n_edges++); !st) return st.error();
        const Link& l = net.links.back();
        if (l.a == l.b) ++self_loops_;
        if (++pair_count[std::minmax(l.a, l.b)] > 1) ++multi_edges_;
      } else if (name == "hyperedge") {
        return core::Error(pos(c), "nodes and edges (hyperedges are not supported)", "<hyperedge>");
      } else if (name == "data") {
        auto k = data_key(c, "graph");
        if (!k) return k.error();
        graph_data_[(*k)->name] = std::string(core::trim(c.text().get()));
      }
    }

    auto gd = [&](const char* k) -> std::string {
      auto it = graph_data_.find(k);
      return it == graph_data_.end() ? std::string() : it->second;
    };
    net.name = gd("label");
    if (net.name.empty()) net.name = gd("Network");
    if (net.name.empty()) net.name = file_stem(file_);
    net.provenance = "GraphML " + file_;
    if (gd("Creator").find("Topology Zoo") != std::string::npos || !gd("ToolsetVersion").empty()) {
      net.provenance += " (Internet Topology Zoo";
      if (!gd("Network").empty()) net.provenance += ", network " + gd("Network");
      if (!gd("NetworkDate").empty()) net.provenance += " dated " + gd("NetworkDate");
      if (!gd("Source").empty()) net.provenance += ", from " + gd("Source");
      net.provenance += "; CC BY 4.0, Knight et al., IEEE JSAC 29(9), 2011)";
    }
    if (details_) {
      details_->graph_data = graph_data_;
      details_->self_loops = self_loops_;
      details_->multi_edges = multi_edges_;
    }
    return net;
  }

 private:
  core::Status read_key(const pugi::xml_node& k) {
    std::string id = k.attribute("id").value();
    if (id.empty()) return core::Error(pos(k), "an id attribute on <key>", "none");
    Key key{k.attribute("for").value(), k.attribute("attr.name").value()};
    if (key.domain.empty()) key.domain = "all";
    if (key.name.empty()) key.name = id;
    auto [it, fresh] = keys_.emplace(id, std::move(key));
    if (!fresh) return core::Error(pos(k), "a unique key id", core::quote_found(id));
    key_pos_.emplace(id, pos(k));
    return core::Ok{};
  }

  // The declared key of a <data> element, checked against the element it describes.
  core::Result<const Key*> data_key(const pugi::xml_node& d, const char* domain) const {
    std::string id = d.attribute("key").value();
    auto it = keys_.find(id);
    if (it == keys_.end())
      return core::Error(pos(d), "a <data> key declared by a <key> element", core::quote_found(id));
    if (it->second.domain != domain && it->second.domain != "all")
      return core::Error(pos(d),
                         std::string("a key declared for ") + domain + " (key " + core::quote_found(id) + " is for " +
                             it->second.domain + " at " + key_pos_.at(id).to_string() + ")",
                         core::quote_found(it->second.name));
    return &it->second;
  }

  core::Status read_node(const pugi::xml_node& n, Network& net) {
    Device d;
    d.pos = pos(n);
    d.id = n.attribute("id").value();
    if (d.id.empty()) return core::Error(d.pos, "an id attribute on <node>", "none");
    std::optional<double> lat, lon;
    std::string fallback_name;
    for (pugi::xml_node c : n.children()) {
      if (c.type() != pugi::node_element) continue;
      std::string_view cname = c.name();
      if (cname == "graph")
        return core::Error(pos(c), "a flat graph (nested graphs are not supported)", "<graph> in a node");
      if (cname != "data") continue;
      auto k = data_key(c, "node");
      if (!k) return k.error();
      const std::string& key = (*k)->name;
      std::string value(core::trim(c.text().get()));
      if (key == "label") {
        d.name = value;
      } else if (key == "name") {
        fallback_name = value;
      } else if (key == "Country") {
        if (value.empty()) continue;
        if (auto code = iso_country_code(value)) {
          d.country = *code;
        } else if (details_) {
          details_->unmapped_countries.push_back(value);
        }
      } else if (key == "Latitude" || key == "Longitude") {
        auto v = parse_number(value);
        double limit = key == "Latitude" ? 90 : 180;
        if (!v || std::fabs(*v) > limit)
          return core::Error(
              pos(c),
              "a " + key + " in degrees (-" + std::to_string(int(limit)) + " to " + std::to_string(int(limit)) + ")",
              core::quote_found(value));
        (key == "Latitude" ? lat : lon) = v;
      } else if (key == "Internal") {
        if (value == "0" && details_) details_->external_nodes.push_back(d.id);
      }
    }
    if (d.name.empty()) d.name = fallback_name;
    if (lat && lon) {
      d.location = GeoPoint{*lat, *lon};
      if (details_) details_->coordinates[d.id] = *d.location;
    }
    net.devices.push_back(std::move(d));
    return core::Ok{};
  }

  core::Status read_edge(const pugi::xml_node& e, Network& net, size_t ordinal) {
    Link l;
    l.pos = pos(e);
    l.id = e.attribute("id").value();
    if (l.id.empty()) l.id = "e" + std::to_string(ordinal);
    l.a = e.attribute("source").value();
    l.b = e.attribute("target").value();
    if (l.a.empty()) return core::Error(l.pos, "a source attribute on <edge>", "none");
    if (l.b.empty()) return core::Error(l.pos, "a target attribute on <edge>", "none");
    std::optional<double> raw, speed;
    std::string units;
    core::SourcePos speed_pos;
    for (pugi::xml_node c : e.children()) {
      if (c.type() != pugi::node_element || std::string_view(c.name()) != "data") continue;
      auto k = data_key(c, "edge");
      if (!k) return k.error();
      const std::string& key = (*k)->name;
      std::string value(core::trim(c.text().get()));
      auto number = [&](std::optional<double>& out, const char* what) -> core::Status {
        if (value.empty()) return core::Ok{};
        auto v = parse_number(value);
        if (!v || *v < 0)
          return core::Error(pos(c), std::string("a ") + what + " that is a number >= 0", core::quote_found(value));
        out = v;
        return core::Ok{};
      };
      if (key == "LinkSpeedRaw") {
        if (auto st = number(raw, "LinkSpeedRaw"); !st) return st;
      } else if (key == "LinkSpeed") {
        if (auto st = number(speed, "LinkSpeed"); !st) return st;
        speed_pos = pos(c);
      } else if (key == "LinkSpeedUnits") {
        units = value;
      } else if (key == "cost" || key == "weight") {
        if (auto st = number(l.cost, "link cost"); !st) return st;
      }
    }
    if (raw) {
      l.capacity = raw;
    } else if (speed) {
      double unit = units == "K" ? 1e3 : units == "M" ? 1e6 : units == "G" ? 1e9 : units == "T" ? 1e12 : 0;
      if (unit == 0)
        return core::Error(speed_pos, "LinkSpeedUnits K, M, G or T with a LinkSpeed",
                           units.empty() ? std::string("none") : core::quote_found(units));
      l.capacity = *speed * unit;
    }
    net.links.push_back(std::move(l));
    return core::Ok{};
  }

  std::string file_;
  LineIndex lines_;
  GraphmlDetails* details_;
  std::unordered_map<std::string, Key> keys_;
  std::unordered_map<std::string, core::SourcePos> key_pos_;
  std::unordered_map<std::string, std::string> graph_data_;
  size_t self_loops_ = 0;
  size_t multi_edges_ = 0;
};

}  // namespace

std::optional<std::string> iso_country_code(std::string_view name) {
  std::string n = core::fold_ascii_lower(core::trim(name));
  if (auto code = core::alpha2_upper(n)) return code;
  for (const auto& [country, code] : kCountries)
    if (n == country) return std::string(code);
  return std::nullopt;
}

core::Result<Network> load_graphml(core::Input in, const VendorAssignment* vendors, GraphmlDetails* details) {
  std::string file = in.name();
  auto text = in.read_all(kMaxGraphmlBytes);
  if (!text) return text.error();
  if (details) *details = GraphmlDetails{};
  Reader reader(file, *text, details);
  auto net = reader.read(*text);
  if (!net) return net.error();
  if (auto st = net->finalize(); !st) return st.error();
  if (vendors)
    if (auto st = apply_vendor_assignment(*vendors, *net); !st) return st.error();
  return net;
}

core::Result<Network> load_graphml_file(const std::string& graphml_path, const std::string& vendors_path,
                                        GraphmlDetails* details) {
  std::optional<VendorAssignment> va;
  if (!vendors_path.empty()) {
    auto vin = core::Input::open(vendors_path);
    if (!vin) return vin.error();
    auto v = load_vendor_assignment(std::move(*vin));
    if (!v) return v.error();
    va = std::move(*v);
  }
  auto in = core::Input::open(graphml_path);
  if (!in) return in.error();
  return load_graphml(std::move(*in), va ? &*va : nullptr, details);
}

}  // namespace cleannet::netmodel
