#include "cleannet/shard/partial.h"

#include <zstd.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <new>

#include "cleannet/core/input.h"
#include "cleannet/core/sha256.h"
#include "cleannet/trust/policy.h"
#include "cleannet/trust/registry.h"

namespace cleannet::shard {

namespace {

using report::Json;

// A partial holds tables bounded by distinct keys (prefixes, destinations, probes), not by
// the inputs' size; beyond this it is not one cleannet wrote.
constexpr size_t kMaxPartialBytes = size_t{4} << 30;
constexpr int kLevel = 3;

core::Result<std::string> file_sha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Error(core::SourcePos(path), "a readable file", "it cannot be opened");
  core::Sha256 h;
  std::vector<char> buf(1u << 20);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    if (in.gcount() <= 0) break;
    h.add(std::string_view(buf.data(), static_cast<size_t>(in.gcount())));
  }
  if (in.bad()) return core::Error(core::SourcePos(path), "a readable file", "a read error");
  return h.hex();
}

core::Error bad(const std::string& name, const std::string& expected, const std::string& found) {
  return core::Error(core::SourcePos(name), expected, found);
}

core::Result<Partial> parse(const std::string& name, const std::string& text) {
  const std::string what = std::string("a cleannet partial (") + kPartialFormat + ", JSON)";
  Json j;
  try {
    j = Json::parse(text);
  } catch (const Json::parse_error& e) {
    return core::Error(core::SourcePos::at_offset(name, e.byte ? e.byte - 1 : 0), what, "invalid JSON");
  } catch (const Json::exception&) {  // a number out of range
    return core::Error(core::SourcePos(name), what, "a number out of range");
  }
  return from_json(name, j);
}

}  // namespace

core::Result<Json> context_identity(const trust::ContextOptions& options, const trust::Context& context) {
  Json j = Json::object();
  j["policy"] = context.policy.name;
  if (auto text = trust::bundled_policy_toml(options.policy); !text.empty()) {
    j["policy_sha256"] = core::sha256_hex(text);
  } else {
    auto h = file_sha256(options.policy);
    if (!h) return h.error();
    j["policy_sha256"] = *h;
  }
  // The layers in order, each by content: the same files in another order are another registry.
  core::Sha256 reg;
  if (options.bundled) reg.add(core::sha256_hex(trust::bundled_registry_toml()));
  for (const std::string& path : options.registries) {
    auto h = file_sha256(path);
    if (!h) return h.error();
    reg.add("\n" + *h);
  }
  j["registry_sha256"] = reg.hex();
  j["as_of"] = context.status_options.as_of.to_string();
  return j;
}

Json context_sources(const trust::ContextOptions& options) {
  return {{"policy", options.policy}, {"registries", options.registries}, {"bundled", options.bundled}};
}

trust::ContextOptions merge_context_options(const Header& h, trust::ContextOptions given, bool policy_given) {
  const Json& s = h.sources;
  if (!policy_given && s.contains("policy") && s["policy"].is_string()) given.policy = s["policy"].get<std::string>();
  if (given.registries.empty() && s.contains("registries") && s["registries"].is_array())
    for (const Json& r : s["registries"])
      if (r.is_string()) given.registries.push_back(r.get<std::string>());
  if (s.contains("bundled") && s["bundled"].is_boolean() && !s["bundled"].get<bool>()) given.bundled = false;
  if (given.as_of.empty() && h.context.is_object() && h.context.contains("as_of") && h.context["as_of"].is_string()) {
    given.as_of = h.context["as_of"].get<std::string>();
    given.as_of_source = "the partials' as-of date";
  }
  return given;
}

Json to_json(const Partial& p) {
  Json j = Json::object();
  j["format"] = kPartialFormat;
  j["kind"] = p.header.kind;
  j["cleannet"] = p.header.version;
  j["context"] = p.header.context;
  j["options"] = p.header.options;
  j["sources"] = p.header.sources;
  j["inputs"] = p.header.inputs;
  j["positions"] = p.header.positions;
  j["state"] = p.state;
  return j;
}

std::string to_bytes(const Partial& p) {
  const std::string raw = to_json(p).dump();
  std::string out(ZSTD_compressBound(raw.size()), '\0');
  const size_t z = ZSTD_compress(out.data(), out.size(), raw.data(), raw.size(), kLevel);
  // With a buffer of ZSTD_compressBound bytes, compression fails only when memory does.
  if (ZSTD_isError(z)) throw std::bad_alloc();
  out.resize(z);
  return out;
}

core::Result<Partial> from_json(const std::string& name, const Json& j) {
  const std::string what = std::string("a cleannet partial (") + kPartialFormat + ")";
  if (!j.is_object()) return bad(name, what, "JSON that is not an object");
  auto format = j.find("format");
  if (format == j.end() || !format->is_string()) return bad(name, what, "no \"format\" member");
  if (format->get<std::string>() != kPartialFormat)
    return bad(name, what, "format " + core::quote_found(format->get<std::string>()));
  Partial p;
  auto str = [&](const char* key, std::string& out) -> core::Status {
    auto m = member(name, j, key, Json::value_t::string);
    if (!m) return m.error();
    out = (*m)->get<std::string>();
    return core::Ok{};
  };
  if (auto st = str("kind", p.header.kind); !st) return st.error();
  if (auto st = str("cleannet", p.header.version); !st) return st.error();
  auto context = j.find("context");
  if (context == j.end() || !(context->is_object() || context->is_null()))
    return bad(name, "a \"context\" object (or null)", "none");
  p.header.context = *context;
  auto options = member(name, j, "options", Json::value_t::object);
  if (!options) return options.error();
  p.header.options = **options;
  auto sources = member(name, j, "sources", Json::value_t::object);
  if (!sources) return sources.error();
  p.header.sources = **sources;
  auto inputs = member(name, j, "inputs", Json::value_t::array);
  if (!inputs) return inputs.error();
  for (const Json& f : **inputs) {
    if (!f.is_string()) return bad(name, "\"inputs\" as file names", "a " + std::string(f.type_name()));
    p.header.inputs.push_back(f.get<std::string>());
  }
  auto positions = member(name, j, "positions", Json::value_t::array);
  if (!positions) return positions.error();
  for (const Json& v : **positions) {
    if (!v.is_number_unsigned() || v.get<uint64_t>() >= p.header.inputs.size())
      return bad(name,
                 "\"positions\" as indexes into \"inputs\" (below " + std::to_string(p.header.inputs.size()) + ")",
                 v.dump());
    const size_t pos = v.get<size_t>();
    if (!p.header.positions.empty() && pos <= p.header.positions.back())
      return bad(name, "\"positions\" ascending and distinct",
                 v.dump() + " after " + std::to_string(p.header.positions.back()));
    p.header.positions.push_back(pos);
  }
  auto state = member(name, j, "state", Json::value_t::object);
  if (!state) return state.error();
  p.state = **state;
  return p;
}

core::Result<Partial> from_bytes(const std::string& name, std::string_view bytes) {
  auto in = core::Input::from_memory(name, bytes);
  if (!in) return in.error();
  auto text = in->read_all(kMaxPartialBytes);
  if (!text) return text.error();
  return parse(name, *text);
}

core::Status write_partial(const std::string& path, const Partial& p) {
  const std::string bytes = to_bytes(p);
  // Written beside and renamed: a killed run leaves no half partial under the name.
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return core::Error(core::SourcePos(path), "a file the partial can be written to", "it cannot be created");
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::remove(tmp.c_str());
      return core::Error(core::SourcePos(path), "a file the partial can be written to", "a write error");
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return core::Error(core::SourcePos(path), "a file the partial can be written to",
                       "it cannot be renamed into place");
  }
  return core::Ok{};
}

core::Result<Partial> read_partial(const std::string& path) {
  auto in = core::Input::open(path);
  if (!in) return in.error();
  auto text = in->read_all(kMaxPartialBytes);
  if (!text) return text.error();
  return parse(path, *text);
}

core::Status check_mergeable(const std::vector<std::pair<std::string, const Partial*>>& partials) {
  if (partials.empty()) return core::Error(core::SourcePos("merge"), "at least one partial", "none");
  const std::string& first_name = partials.front().first;
  const Partial* first = partials.front().second;
  std::vector<std::pair<size_t, size_t>> owner;  // position, partial
  for (size_t i = 0; i < partials.size(); ++i) {
    const std::string& name = partials[i].first;
    const Partial* p = partials[i].second;
    auto differs = [&](const std::string& what, const std::string& mine, const std::string& theirs) {
      return core::Error(core::SourcePos(name),
                         "a partial of the same run as " + first_name + " (" + what + " " + theirs + ")",
                         what + " " + mine);
    };
    if (p->header.kind != first->header.kind) return differs("kind", p->header.kind, first->header.kind);
    if (p->header.version != first->header.version)
      return differs("cleannet version", p->header.version, first->header.version);
    if (p->header.context != first->header.context) {
      // Name the first member that differs: policy, registry or as-of.
      for (const char* key : {"policy", "policy_sha256", "registry_sha256", "as_of"}) {
        const Json a = p->header.context.is_object() ? p->header.context.value(key, Json()) : Json();
        const Json b = first->header.context.is_object() ? first->header.context.value(key, Json()) : Json();
        if (a != b) return differs(key, a.dump(), b.dump());
      }
      return differs("context", p->header.context.dump(), first->header.context.dump());
    }
    if (p->header.options != first->header.options) {
      std::string key = "options";
      for (const auto& [k, v] : first->header.options.items())
        if (!p->header.options.contains(k) || p->header.options[k] != v) {
          key = k;
          break;
        }
      const Json a = p->header.options.value(key, Json());
      const Json b = first->header.options.value(key, Json());
      return differs("option " + key, a.dump(), b.dump());
    }
    if (p->header.inputs != first->header.inputs)
      return differs("input list of", std::to_string(p->header.inputs.size()) + " files",
                     std::to_string(first->header.inputs.size()) + " files");
    for (size_t pos : p->header.positions) owner.emplace_back(pos, i);
  }
  std::sort(owner.begin(), owner.end());
  for (size_t k = 1; k < owner.size(); ++k)
    if (owner[k].first == owner[k - 1].first) {
      const size_t pos = owner[k].first;
      return core::Error(
          core::SourcePos(partials[owner[k].second].first), "partials of disjoint inputs",
          "input " + positions_text({pos}, first->header.inputs) + " also in " + partials[owner[k - 1].second].first);
    }
  return core::Ok{};
}

Header merged_header(const std::vector<const Partial*>& partials) {
  Header h = partials.front()->header;
  h.positions.clear();
  for (const Partial* p : partials)
    h.positions.insert(h.positions.end(), p->header.positions.begin(), p->header.positions.end());
  std::sort(h.positions.begin(), h.positions.end());
  return h;
}

std::vector<size_t> missing_positions(const Header& h) {
  std::vector<size_t> out;
  size_t k = 0;
  for (size_t pos = 0; pos < h.inputs.size(); ++pos) {
    while (k < h.positions.size() && h.positions[k] < pos) ++k;
    if (k == h.positions.size() || h.positions[k] != pos) out.push_back(pos);
  }
  return out;
}

std::string positions_text(const std::vector<size_t>& positions, const std::vector<std::string>& inputs, size_t max) {
  std::string s;
  for (size_t i = 0; i < positions.size() && i < max; ++i) {
    size_t p = positions[i];
    s += (s.empty() ? "" : ", ") + std::to_string(p + 1) + " (" + (p < inputs.size() ? inputs[p] : "?") + ")";
  }
  if (positions.size() > max) s += " and " + std::to_string(positions.size() - max) + " more";
  return s;
}

Json error_to_json(const core::Error& e) {
  Json j = {{"file", e.pos().file}, {"line", e.pos().line}, {"column", e.pos().column}};
  if (e.pos().offset) j["offset"] = *e.pos().offset;
  j["expected"] = e.expected();
  j["found"] = e.found();
  return j;
}

core::Status error_from_json(const std::string& name, const Json& j, core::Error& out) {
  auto fail = [&] { return bad(name, "an error as {file, line, column, [offset], expected, found}", j.dump()); };
  if (!j.is_object()) return fail();
  for (const char* k : {"file", "expected", "found"})
    if (!j.contains(k) || !j[k].is_string()) return fail();
  for (const char* k : {"line", "column"})
    if (!j.contains(k) || !j[k].is_number_unsigned() || j[k].get<uint64_t>() > UINT32_MAX) return fail();
  core::SourcePos pos(j["file"].get<std::string>(), j["line"].get<uint32_t>(), j["column"].get<uint32_t>());
  if (j.contains("offset")) {
    if (!j["offset"].is_number_unsigned()) return fail();
    pos.offset = j["offset"].get<uint64_t>();
  }
  out = core::Error(std::move(pos), j["expected"].get<std::string>(), j["found"].get<std::string>());
  return core::Ok{};
}

core::Result<const Json*> member(const std::string& name, const Json& j, std::string_view key, Json::value_t type) {
  auto it = j.find(key);
  const Json probe(type);
  if (it == j.end())
    return bad(name, "a partial with " + std::string(probe.type_name()) + " \"" + std::string(key) + "\"", "none");
  if (it->type() != type && !(probe.is_number() && it->is_number()))
    return bad(name, "\"" + std::string(key) + "\" as " + probe.type_name(), it->type_name());
  return &*it;
}

core::Status check_state_positions(const std::string& name, const Header& h, std::vector<size_t> state_positions) {
  std::sort(state_positions.begin(), state_positions.end());
  if (state_positions == h.positions) return core::Ok{};
  auto list = [](const std::vector<size_t>& v) {
    std::string s;
    for (size_t i = 0; i < v.size() && i < 8; ++i) s += (i ? "," : "") + std::to_string(v[i]);
    if (v.size() > 8) s += ",... (" + std::to_string(v.size()) + ")";
    return s.empty() ? std::string("none") : s;
  };
  return bad(name, "a state with the files at the partial's positions " + list(h.positions),
             "files at " + list(state_positions));
}

core::Result<std::string> content_sha256(const std::string& path) { return file_sha256(path); }

}  // namespace cleannet::shard
