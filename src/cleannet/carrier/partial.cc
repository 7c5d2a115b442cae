#include "cleannet/carrier/partial.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <ostream>

#include "cleannet/carrier/run_detail.h"
#include "cleannet/core/sha256.h"
#include "cleannet/core/text.h"

namespace cleannet::carrier {

namespace {

using report::Json;
using Observations = CarrierCheck::Observations;

// A side table's digest; an option not given has none.
core::Result<std::string> sha256_of(const std::string& path) {
  if (path.empty()) return std::string();
  return shard::content_sha256(path);
}

// The side tables by content.
core::Result<Json> side_digests(const CarrierInputs& in) {
  Json j = Json::object();
  for (const auto& [key, path] : {std::pair<const char*, const std::string*>{"as_rel_sha256", &in.as_rel},
                                  {"as_names_sha256", &in.as_names},
                                  {"as2org_sha256", &in.as2org}}) {
    auto h = sha256_of(*path);
    if (!h) return h.error();
    j[key] = *h;
  }
  return j;
}

// The options two partials of one run share; the side tables by content (`digests`).
Json options_json(const CarrierInputs& in, const Json& digests) {
  Json j = Json::object();
  j["asns"] = in.asns;
  j["prefixes"] = in.prefixes;
  j["ribs"] = in.ribs.size();
  j["max_destinations"] = in.max_destinations;
  j["keep_going"] = in.keep_going;
  for (const auto& [key, value] : digests.items()) j[key] = value;
  return j;
}

// A prefix's first origin, packed: v6 flag, length, 4 or 16 address bytes, origin and position
// (little-endian u32). Base64 of the records sorted by prefix: a full table is ~1M of them.
void put_u32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}

// A prefix packed: v6 flag, length, 4 or 16 address bytes. Binary rather than text, so
// that every prefix a RIB holds comes back as it was (an IPv4-mapped IPv6 prefix too).
void pack_prefix(std::string& out, const CarrierCheck::PrefixKey& key) {
  const core::Prefix p = CarrierCheck::key_prefix(key);
  out.push_back(static_cast<char>(p.v6));
  out.push_back(static_cast<char>(p.len));
  out.append(reinterpret_cast<const char*>(p.bytes.data()), p.v6 ? 16 : 4);
}

Json packed_prefixes(const CarrierCheck::Exposure& e) {
  std::vector<CarrierCheck::PrefixKey> keys(e.prefixes.begin(), e.prefixes.end());
  std::sort(keys.begin(), keys.end());
  std::string bytes;
  for (const auto& k : keys) pack_prefix(bytes, k);
  return {{"count", keys.size()}, {"records", core::base64_encode(bytes)}};
}

Json first_origins_json(const Observations& o) {
  std::vector<std::pair<CarrierCheck::PrefixKey, CarrierCheck::FirstOrigin>> rows(o.first_origin.begin(),
                                                                                  o.first_origin.end());
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string bytes;
  bytes.reserve(rows.size() * 14);
  for (const auto& [key, f] : rows) {
    pack_prefix(bytes, key);
    put_u32(bytes, f.origin);
    put_u32(bytes, f.position);
  }
  return {{"count", rows.size()}, {"records", core::base64_encode(bytes)}};
}

Json example_json(const CarrierCheck::Example& x) {
  return {{"position", x.position}, {"file", x.file},       {"offset", x.offset}, {"timestamp", x.timestamp},
          {"peer_asn", x.peer_asn}, {"peer_ip", x.peer_ip}, {"prefix", x.prefix}, {"path", x.path}};
}

Json state_json(const Observations& o) {
  Json inputs = Json::array();
  for (const CarrierCheck::Input& in : o.inputs) {
    Json skipped = Json::array();
    for (const bgp::SkippedRecords& k : in.skipped)
      skipped.push_back({{"type", k.type}, {"subtype", k.subtype}, {"records", k.records}});
    Json j = {{"position", in.position}, {"file", in.file},    {"records", in.records}, {"routes", in.routes},
              {"damaged", in.damaged},   {"skipped", skipped}, {"notes", in.notes}};
    if (in.error) j["error"] = shard::error_to_json(*in.error);
    inputs.push_back(std::move(j));
  }
  Json exposures = Json::array();
  for (const auto& [key, e] : o.exposures) {
    Json x = {{"kind", CarrierCheck::kind_name(e.kind)},
              {"network_asn", e.network_asn},
              {"untrusted_asn", e.untrusted_asn},
              {"routes", e.routes},
              {"prefixes", packed_prefixes(e)}};
    if (e.example) x["example"] = example_json(*e.example);
    exposures.push_back(std::move(x));
  }
  return {{"inputs", inputs},
          {"routes", {{"read", o.routes_seen}, {"showing_exposure", o.routes_relevant}}},
          {"exposures", exposures},
          {"first_origins", first_origins_json(o)}};
}

// Reading a state back: every member checked, the first problem named with the partial.
class StateReader {
 public:
  explicit StateReader(const std::string& name) : name_(name) {}

  core::Result<Observations> read(const Json& s) {
    Observations o;
    const Json* inputs = need(s, "inputs", Json::value_t::array);
    const Json* routes = need(s, "routes", Json::value_t::object);
    const Json* exposures = need(s, "exposures", Json::value_t::array);
    const Json* origins = need(s, "first_origins", Json::value_t::object);
    if (error_) return *error_;
    o.routes_seen = number(*routes, "read");
    o.routes_relevant = number(*routes, "showing_exposure");
    for (const Json& j : *inputs) {
      CarrierCheck::Input in;
      in.position = static_cast<uint32_t>(number(j, "position", UINT32_MAX));
      in.file = text(j, "file");
      in.records = number(j, "records");
      in.routes = number(j, "routes");
      in.damaged = number(j, "damaged");
      if (const Json* skipped = need(j, "skipped", Json::value_t::array))
        for (const Json& k : *skipped)
          in.skipped.push_back({static_cast<uint16_t>(number(k, "type", UINT16_MAX)),
                                static_cast<uint16_t>(number(k, "subtype", UINT16_MAX)), number(k, "records")});
      if (const Json* notes = need(j, "notes", Json::value_t::array))
        for (const Json& n : *notes)
          in.notes.push_back(n.is_string() ? n.get<std::string>() : fail("notes as text", core::quote_found(n.dump())));
      if (j.is_object() && j.contains("error")) {
        core::Error e;
        if (auto st = shard::error_from_json(name_, j["error"], e); !st) return st.error();
        in.error = std::move(e);
      }
      o.inputs.push_back(std::move(in));
    }
    for (const Json& j : *exposures) {
      CarrierCheck::Exposure e;
      auto kind = CarrierCheck::kind_named(text(j, "kind"));
      if (!kind || *kind == CarrierCheck::Kind::kRelationship)
        fail("an exposure kind adjacent, inbound or outbound", found(j, "kind"));
      e.kind = kind.value_or(CarrierCheck::Kind::kAdjacent);
      e.network_asn = static_cast<uint32_t>(number(j, "network_asn", UINT32_MAX));
      e.untrusted_asn = static_cast<uint32_t>(number(j, "untrusted_asn", UINT32_MAX));
      e.routes = number(j, "routes");
      if (const Json* prefixes = need(j, "prefixes", Json::value_t::object))
        read_packed(*prefixes, "prefixes", 0,
                    [&](const core::Prefix& p, uint32_t, uint32_t) { e.prefixes.insert(CarrierCheck::prefix_key(p)); });
      if (j.is_object() && j.contains("example")) {
        const Json& x = j["example"];
        CarrierCheck::Example ex;
        ex.position = static_cast<uint32_t>(number(x, "position", UINT32_MAX));
        ex.file = text(x, "file");
        ex.offset = number(x, "offset");
        ex.timestamp = static_cast<uint32_t>(number(x, "timestamp", UINT32_MAX));
        ex.peer_asn = static_cast<uint32_t>(number(x, "peer_asn", UINT32_MAX));
        ex.peer_ip = text(x, "peer_ip");
        ex.prefix = text(x, "prefix");
        ex.path = text(x, "path");
        e.example = std::move(ex);
      }
      o.exposures[{static_cast<int>(e.kind), e.network_asn, e.untrusted_asn}] = std::move(e);
    }
    read_origins(*origins, o);
    if (error_) return *error_;
    return o;
  }

 private:
  std::string fail(const std::string& expected, const std::string& found = "something else") {
    if (!error_) error_ = core::Error(core::SourcePos(name_), "a carrier partial's state with " + expected, found);
    return {};
  }
  static std::string found(const Json& j, const char* key) {
    if (!j.is_object()) return std::string("a ") + j.type_name();
    auto it = j.find(key);
    if (it == j.end()) return "none";
    return it->is_string() ? core::quote_found(it->get<std::string>()) : it->dump().substr(0, 40);
  }
  const Json* need(const Json& j, const char* key, Json::value_t type) {
    if (j.is_object())
      if (auto it = j.find(key); it != j.end() && it->type() == type) return &*it;
    fail(std::string("\"") + key + "\" as " + Json(type).type_name(), found(j, key));
    static const Json empty_array = Json::array(), empty_object = Json::object();
    return type == Json::value_t::array ? &empty_array : type == Json::value_t::object ? &empty_object : nullptr;
  }
  uint64_t number(const Json& j, const char* key, uint64_t max = UINT64_MAX) {
    if (j.is_object())
      if (auto it = j.find(key); it != j.end() && it->is_number_unsigned() && it->get<uint64_t>() <= max)
        return it->get<uint64_t>();
    fail(std::string("\"") + key + "\" as a number from 0 to " + std::to_string(max), found(j, key));
    return 0;
  }
  std::string text(const Json& j, const char* key) {
    if (j.is_object())
      if (auto it = j.find(key); it != j.end() && it->is_string()) return it->get<std::string>();
    return fail(std::string("\"") + key + "\" as text", found(j, key));
  }
  // Packed prefixes (pack_prefix), each followed by `extra` little-endian u32s (0 or 2).
  template <typename F>
  void read_packed(const Json& j, const std::string& what, int extra, F&& each) {
    const uint64_t count = number(j, "count");
    const std::string b64 = text(j, "records");
    if (error_) return;
    auto bytes = base64_decode_checked(b64);
    if (!bytes) return;
    const std::string& b = *bytes;
    size_t at = 0;
    for (uint64_t i = 0; i < count; ++i) {
      core::Prefix p;
      const size_t n = at + 2 <= b.size() && b[at] ? 16 : 4;
      if (at + 2 > b.size() || static_cast<uint8_t>(b[at]) > 1 || at + 2 + n + 4 * extra > b.size()) {
        fail("\"" + what + "\" of " + std::to_string(count) + " records", "record " + std::to_string(i) + " cut short");
        return;
      }
      p.v6 = b[at] != 0;
      p.len = static_cast<uint8_t>(b[at + 1]);
      if (p.len > p.max_len()) {
        fail("\"" + what + "\" records with prefix lengths up to " + std::to_string(p.max_len()),
             "length " + std::to_string(p.len));
        return;
      }
      std::memcpy(p.bytes.data(), b.data() + at + 2, n);
      at += 2 + n;
      uint32_t u[2] = {0, 0};
      for (int x = 0; x < extra; ++x) {
        for (int k = 0; k < 4; ++k) u[x] |= static_cast<uint32_t>(static_cast<uint8_t>(b[at + k])) << (8 * k);
        at += 4;
      }
      each(p, u[0], u[1]);
    }
    if (at != b.size()) fail("\"" + what + "\" of " + std::to_string(count) + " records", "bytes after them");
  }
  void read_origins(const Json& j, Observations& o) {
    o.first_origin.reserve(j.is_object() && j.contains("count") && j["count"].is_number_unsigned()
                               ? std::min<uint64_t>(j["count"].get<uint64_t>(), 1u << 24)
                               : 0);
    read_packed(j, "first_origins", 2, [&](const core::Prefix& p, uint32_t origin, uint32_t position) {
      o.first_origin.emplace(CarrierCheck::prefix_key(p), CarrierCheck::FirstOrigin{origin, position});
    });
  }
  std::optional<std::string> base64_decode_checked(const std::string& text) {
    auto b = core::base64_decode(text);
    if (!b) fail("packed records in base64", "other characters");
    return b;
  }

  const std::string& name_;
  std::optional<core::Error> error_;
};

// The check's inputs as the run gave them, from a partial's options and sources.
core::Result<CarrierInputs> inputs_of(const shard::Partial& p, const std::string& name) {
  const Json& o = p.header.options;
  const Json& s = p.header.sources;
  CarrierInputs in;
  try {
    in.asns = o.at("asns").get<std::vector<std::string>>();
    in.prefixes = o.at("prefixes").get<std::vector<std::string>>();
    const size_t ribs = o.at("ribs").get<size_t>();
    if (ribs > p.header.inputs.size()) throw std::out_of_range("ribs");
    in.ribs.assign(p.header.inputs.begin(), p.header.inputs.begin() + static_cast<std::ptrdiff_t>(ribs));
    in.updates.assign(p.header.inputs.begin() + static_cast<std::ptrdiff_t>(ribs), p.header.inputs.end());
    in.max_destinations = o.at("max_destinations").get<size_t>();
    in.keep_going = o.at("keep_going").get<bool>();
    in.as_rel = s.value("as_rel", "");
    in.as_names = s.value("as_names", "");
    in.as2org = s.value("as2org", "");
  } catch (const std::exception&) {
    return core::Error(core::SourcePos(name),
                       "a carrier partial's options (asns, prefixes, ribs, max_destinations, keep_going)",
                       o.dump().substr(0, 200));
  }
  // The side tables must be the ones the shards were made with.
  for (const auto& [key, path, option] :
       {std::tuple<const char*, const std::string*, const char*>{"as_rel_sha256", &in.as_rel, "--as-rel"},
        {"as_names_sha256", &in.as_names, "--as-names"},
        {"as2org_sha256", &in.as2org, "--as2org"}}) {
    const std::string want = o.value(key, "");
    if (want.empty() != path->empty())
      return core::Error(core::SourcePos(name),
                         std::string("the run's ") + option + (want.empty() ? " absent" : " file"),
                         path->empty() ? "none given" : core::quote_found(*path));
    if (want.empty()) continue;
    auto h = sha256_of(*path);
    if (!h) return h.error();
    if (*h != want)
      return core::Error(core::SourcePos(*path),
                         std::string("the ") + option + " file the partials were made with (SHA-256 " + want + ")",
                         "SHA-256 " + *h);
  }
  return in;
}

}  // namespace

core::Result<std::shared_ptr<const SideTables>> load_side_tables(const CarrierInputs& in) {
  auto t = std::make_shared<SideTables>();
  t->as_rel = in.as_rel;
  t->as_names = in.as_names;
  t->as2org = in.as2org;
  auto digests = side_digests(in);
  if (!digests) return digests.error();
  t->digests = std::move(*digests);
  auto d = asgraph::read_directory(in.as_names, in.as2org);
  if (!d) return d.error();
  if (*d) t->directory = std::make_shared<const asgraph::AsDirectory>(std::move(**d));
  return std::shared_ptr<const SideTables>(std::move(t));
}

core::Result<shard::Partial> run_partial(const CarrierInputs& in, const std::vector<size_t>& positions,
                                         const trust::Context& context, const trust::ContextOptions& context_options,
                                         bool strict, const SideTables* side) {
  auto identity = shard::context_identity(context_options, context);
  if (!identity) return identity.error();
  std::shared_ptr<const SideTables> loaded;
  if (!side) {
    auto l = load_side_tables(in);
    if (!l) return l.error();
    loaded = std::move(*l);
    side = loaded.get();
  } else if (side->as_rel != in.as_rel || side->as_names != in.as_names || side->as2org != in.as2org) {
    return core::Error(core::SourcePos("carrier partial"),
                       "the side tables loaded from the run's --as-rel, --as-names and --as2org",
                       "tables loaded from other files");
  }
  Json options = options_json(in, side->digests);
  auto run = detail::set_up(in, *context.resolver, context.policy, context.status_options, false, &side->directory);
  if (!run) return run.error();
  detail::read_inputs(**run, in, positions);
  if (strict)
    for (const CarrierCheck::Input& f : (*run)->check->inputs())
      if (f.error) return *f.error;
  shard::Partial p;
  p.header.kind = kPartialKind;
  p.header.version = report::kToolVersion;
  p.header.context = std::move(*identity);
  p.header.options = std::move(options);
  p.header.sources = shard::context_sources(context_options);
  p.header.sources["as_rel"] = in.as_rel;
  p.header.sources["as_names"] = in.as_names;
  p.header.sources["as2org"] = in.as2org;
  p.header.inputs = detail::all_inputs(in);
  p.header.positions = positions;
  std::sort(p.header.positions.begin(), p.header.positions.end());
  p.state = state_json((*run)->check->observations());
  return p;
}

core::Result<Json> merge_states(const std::vector<std::pair<std::string, const shard::Partial*>>& parts) {
  Observations all;
  for (const auto& [name, p] : parts) {
    auto o = StateReader(name).read(p->state);
    if (!o) return o.error();
    all.merge(std::move(*o));
  }
  return state_json(all);
}

int render_partial(const shard::Partial& p, const trust::Context* context, report::Format format, size_t,
                   std::ostream& out, std::ostream& err) {
  const std::string name = "merge";
  auto fail = [&](const core::Error& e) {
    err << e.message() << "\n";
    return 2;
  };
  auto in = inputs_of(p, name);
  if (!in) return fail(in.error());
  auto obs = StateReader(name).read(p.state);
  if (!obs) return fail(obs.error());
  auto run = detail::set_up(*in, *context->resolver, context->policy, context->status_options, true);
  if (!run) return fail(run.error());
  (*run)->check->absorb(std::move(*obs));
  report::CheckReport r = detail::finish(**run, *in, context->policy, context->status_options, p.header.inputs.size());
  report::print_check_report(out, err, format, r, "cleannet carrier check");
  return report::exit_code(r);
}

}  // namespace cleannet::carrier
