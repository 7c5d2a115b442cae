#include "cleannet/bgp/stats.h"

#include <algorithm>
#include <filesystem>
#include <ostream>

namespace cleannet::bgp {

namespace {

using report::Json;

// Reaches no handler: the statistics need only what the decoder finds.
class NoHandler : public MrtHandler {};

core::Error bad(const std::string& name, const std::string& expected, const std::string& found) {
  return core::Error(core::SourcePos(name), expected, found);
}

std::string type_text(uint16_t type, uint16_t subtype) {
  return record_type_name(type, subtype) + " (" + std::to_string(type) + "/" + std::to_string(subtype) + ")";
}

// Records skipped by type over several files: by type and subtype, first seen first.
void add_skipped(std::vector<SkippedRecords>& to, const std::vector<SkippedRecords>& from) {
  for (const SkippedRecords& s : from) {
    auto it =
        std::find_if(to.begin(), to.end(), [&](const auto& t) { return t.type == s.type && t.subtype == s.subtype; });
    if (it == to.end())
      to.push_back(s);
    else
      it->records += s.records;
  }
}

Json types_json(const std::map<std::pair<uint16_t, uint16_t>, uint64_t>& types) {
  Json a = Json::array();
  for (const auto& [t, n] : types)
    a.push_back(
        {{"type", t.first}, {"subtype", t.second}, {"name", record_type_name(t.first, t.second)}, {"records", n}});
  return a;
}

Json skipped_json(const std::vector<SkippedRecords>& skipped) {
  Json a = Json::array();
  for (const SkippedRecords& s : skipped)
    a.push_back({{"type", s.type},
                 {"subtype", s.subtype},
                 {"name", record_type_name(s.type, s.subtype)},
                 {"records", s.records}});
  return a;
}

void type_lines(std::ostream& out, const std::map<std::pair<uint16_t, uint16_t>, uint64_t>& types) {
  for (const auto& [t, n] : types) out << "  " << type_text(t.first, t.second) << "  " << n << "\n";
}

}  // namespace

MrtFileStats read_stats(const std::string& path, bool keep_going) {
  MrtFileStats s;
  s.file = path;
  s.compression = core::compression_name(core::Compression::kNone);
  if (path != "-") {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec) s.file_bytes = size;
  }
  auto reader = MrtReader::open(path);
  if (!reader) {
    s.error = reader.error();
    return s;
  }
  s.compression = core::compression_name(reader->compression());
  MrtDecoder decoder(reader->name());
  NoHandler h;
  for (;;) {
    auto rec = reader->next();
    if (!rec) {
      s.bytes = reader->offset();
      if (!keep_going) {
        s.error = rec.error();
        s.skipped = decoder.skipped();
        return s;
      }
      s.truncated = rec.error();
      s.truncated_offset = reader->offset();
      s.unread_bytes = reader->unread_bytes();
      break;
    }
    if (!*rec) break;
    ++s.records;
    ++s.types[{(*rec)->type, (*rec)->subtype}];
    if (auto st = decoder.decode(**rec, h); !st) {
      if (!keep_going) {
        s.bytes = reader->offset();
        s.error = st.error();
        s.skipped = decoder.skipped();
        return s;
      }
      if (!s.first_damage) s.first_damage = st.error();
      ++s.damaged;
    }
  }
  s.bytes = reader->offset();
  s.skipped = decoder.skipped();
  // As `mrt dump` judges a file: nothing read from it is not a clean read of it.
  const uint64_t skipped = skipped_records(s.skipped);
  if (s.records == 0 || skipped == s.records)
    s.error = core::Error(
        core::SourcePos(reader->name()), "MRT records this reader decodes (TABLE_DUMP, TABLE_DUMP_V2, BGP4MP, BGP)",
        s.records == 0 ? "no complete record"
                       : std::to_string(s.records) + " record(s), all skipped by type: " + skipped_text(s.skipped));
  return s;
}

int write_stats(const std::vector<MrtFileStats>& files, report::Format format, std::ostream& out, std::ostream& err) {
  MrtFileStats total;
  size_t failed = 0, truncated = 0;
  for (const MrtFileStats& f : files) {
    if (f.error) {
      err << f.error->message() << "\n";
      ++failed;
    }
    truncated += f.truncated ? 1 : 0;
    total.file_bytes += f.file_bytes;
    total.bytes += f.bytes;
    total.records += f.records;
    for (const auto& [t, n] : f.types) total.types[t] += n;
    add_skipped(total.skipped, f.skipped);
    total.damaged += f.damaged;
  }
  err << std::flush;
  if (format == report::Format::kJson) {
    Json a = Json::array();
    for (const MrtFileStats& f : files) {
      Json j = {{"file", f.file},
                {"compression", f.compression},
                {"file_bytes", f.file_bytes},
                {"bytes", f.bytes},
                {"records", f.records},
                {"types", types_json(f.types)},
                {"skipped", skipped_json(f.skipped)},
                {"damaged", f.damaged}};
      if (f.first_damage) j["first_damage"] = f.first_damage->message();
      if (f.truncated)
        j["truncated"] = {
            {"offset", f.truncated_offset}, {"unread_bytes", f.unread_bytes}, {"error", f.truncated->message()}};
      if (f.error) j["error"] = f.error->message();
      a.push_back(std::move(j));
    }
    Json t = {{"files", files.size()},
              {"failed", failed},
              {"file_bytes", total.file_bytes},
              {"bytes", total.bytes},
              {"records", total.records},
              {"types", types_json(total.types)},
              {"skipped", skipped_json(total.skipped)},
              {"damaged", total.damaged},
              {"truncated", truncated}};
    out << Json{{"type", "mrt-stats"}, {"files", std::move(a)}, {"total", std::move(t)}}.dump() << "\n";
  } else {
    for (const MrtFileStats& f : files) {
      out << f.file << ": " << f.compression << ", " << f.file_bytes << " bytes on disk, " << f.bytes
          << " bytes of records, " << f.records << " records\n";
      type_lines(out, f.types);
      if (!f.skipped.empty()) out << "  skipped by type: " << skipped_text(f.skipped) << "\n";
      if (f.damaged) out << "  damaged: " << f.damaged << " records, the first: " << f.first_damage->message() << "\n";
      if (f.truncated)
        out << "  truncated: the last record, at byte " << f.truncated_offset << ", is cut off; " << f.unread_bytes
            << " bytes unread: " << f.truncated->message() << "\n";
      if (f.error) out << "  error: " << f.error->message() << "\n";
    }
    out << "total: " << files.size() << " files, " << failed << " failed, " << truncated << " truncated; "
        << total.file_bytes << " bytes on disk, " << total.bytes << " bytes of records, " << total.records
        << " records\n";
    type_lines(out, total.types);
    if (!total.skipped.empty()) out << "  skipped by type: " << skipped_text(total.skipped) << "\n";
    if (total.damaged) out << "  damaged: " << total.damaged << " records\n";
  }
  out << std::flush;
  return failed ? 2 : 0;
}

Json stats_json(const MrtFileStats& s, size_t position) {
  Json types = Json::array();
  for (const auto& [t, n] : s.types) types.push_back({t.first, t.second, n});
  Json skipped = Json::array();
  for (const SkippedRecords& k : s.skipped) skipped.push_back({k.type, k.subtype, k.records});
  Json j = {
      {"position", position}, {"file", s.file},       {"compression", s.compression}, {"file_bytes", s.file_bytes},
      {"bytes", s.bytes},     {"records", s.records}, {"types", std::move(types)},    {"skipped", std::move(skipped)},
      {"damaged", s.damaged}};
  if (s.first_damage) j["first_damage"] = shard::error_to_json(*s.first_damage);
  if (s.truncated)
    j["truncated"] = {{"offset", s.truncated_offset},
                      {"unread_bytes", s.unread_bytes},
                      {"error", shard::error_to_json(*s.truncated)}};
  if (s.error) j["error"] = shard::error_to_json(*s.error);
  return j;
}

core::Result<std::pair<size_t, MrtFileStats>> stats_from_json(const std::string& name, const Json& j) {
  if (!j.is_object()) return bad(name, "\"files\" as objects", j.type_name());
  MrtFileStats s;
  auto count = [&](const Json& in, const char* key, uint64_t& out) -> core::Status {
    auto m = shard::member(name, in, key, Json::value_t::number_unsigned);
    if (!m) return m.error();
    if (!(*m)->is_number_unsigned()) return bad(name, "\"" + std::string(key) + "\" as a count", (*m)->dump());
    out = (*m)->get<uint64_t>();
    return core::Ok{};
  };
  auto text = [&](const char* key, std::string& out) -> core::Status {
    auto m = shard::member(name, j, key, Json::value_t::string);
    if (!m) return m.error();
    out = (*m)->get<std::string>();
    return core::Ok{};
  };
  // [type, subtype, records] triples.
  auto triples = [&](const char* key, auto&& add) -> core::Status {
    auto m = shard::member(name, j, key, Json::value_t::array);
    if (!m) return m.error();
    for (const Json& t : **m) {
      if (!t.is_array() || t.size() != 3 || !t[0].is_number_unsigned() || !t[1].is_number_unsigned() ||
          !t[2].is_number_unsigned() || t[0].get<uint64_t>() > 0xffff || t[1].get<uint64_t>() > 0xffff)
        return bad(name, "\"" + std::string(key) + "\" as [type, subtype, records] triples", t.dump());
      add(t[0].get<uint16_t>(), t[1].get<uint16_t>(), t[2].get<uint64_t>());
    }
    return core::Ok{};
  };
  auto error = [&](const Json& in, const char* key, std::optional<core::Error>& out) -> core::Status {
    if (!in.contains(key)) return core::Ok{};
    core::Error e;
    if (auto st = shard::error_from_json(name, in[key], e); !st) return st.error();
    out = std::move(e);
    return core::Ok{};
  };
  uint64_t position = 0;
  for (auto st : {count(j, "position", position), text("file", s.file), text("compression", s.compression),
                  count(j, "file_bytes", s.file_bytes), count(j, "bytes", s.bytes), count(j, "records", s.records),
                  count(j, "damaged", s.damaged),
                  triples("types",
                          [&](uint16_t t, uint16_t st, uint64_t n) {
                            s.types[{t, st}] = n;
                          }),
                  triples("skipped",
                          [&](uint16_t t, uint16_t st, uint64_t n) {
                            s.skipped.push_back({t, st, n});
                          }),
                  error(j, "first_damage", s.first_damage), error(j, "error", s.error)})
    if (!st) return st.error();
  if (j.contains("truncated")) {
    const Json& t = j["truncated"];
    if (!t.is_object()) return bad(name, "\"truncated\" as an object", t.type_name());
    for (auto st : {count(t, "offset", s.truncated_offset), count(t, "unread_bytes", s.unread_bytes),
                    error(t, "error", s.truncated)})
      if (!st) return st.error();
    if (!s.truncated) return bad(name, "\"truncated\" with an \"error\"", "none");
  }
  if (s.damaged && !s.first_damage) return bad(name, "\"first_damage\" where \"damaged\" is not 0", "none");
  return std::pair{static_cast<size_t>(position), std::move(s)};
}

shard::Partial to_partial(const std::vector<MrtFileStats>& files, Json options, std::vector<std::string> inputs,
                          std::vector<size_t> positions) {
  Json a = Json::array();
  for (size_t i = 0; i < files.size(); ++i) a.push_back(stats_json(files[i], positions.at(i)));
  shard::Partial p;
  p.header.kind = kPartialKind;
  p.header.version = report::kToolVersion;
  p.header.context = nullptr;
  p.header.options = std::move(options);
  p.header.inputs = std::move(inputs);
  p.header.positions = std::move(positions);
  p.state = {{"files", std::move(a)}};
  return p;
}

core::Result<Json> merge_states(const std::vector<std::pair<std::string, const shard::Partial*>>& parts) {
  std::vector<std::pair<size_t, const Json*>> files;
  for (const auto& [name, p] : parts) {
    auto fs = shard::member(name, p->state, "files", Json::value_t::array);
    if (!fs) return fs.error();
    std::vector<size_t> positions;
    for (const Json& f : **fs) {
      auto s = stats_from_json(name, f);
      if (!s) return s.error();
      files.emplace_back(s->first, &f);
      positions.push_back(s->first);
    }
    if (auto st = shard::check_state_positions(name, p->header, std::move(positions)); !st) return st.error();
  }
  // By input position: the same state whatever the order and tree of the merges.
  std::stable_sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  Json out = Json::array();
  for (const auto& [pos, f] : files) out.push_back(*f);
  return Json{{"files", std::move(out)}};
}

int render_partial(const shard::Partial& p, const trust::Context*, report::Format format, size_t, std::ostream& out,
                   std::ostream& err) {
  const std::string name = "partial of " + std::to_string(p.header.positions.size()) + " inputs";
  if (format == report::Format::kSarif) {
    err << "merge: expected --format text or json for mrt-stats partials, found sarif (they hold no findings)\n";
    return 2;
  }
  auto fs = shard::member(name, p.state, "files", Json::value_t::array);
  if (!fs) {
    err << fs.error().message() << "\n";
    return 2;
  }
  std::vector<std::pair<size_t, MrtFileStats>> files;
  std::vector<size_t> positions;
  for (const Json& f : **fs) {
    auto s = stats_from_json(name, f);
    if (!s) {
      err << s.error().message() << "\n";
      return 2;
    }
    positions.push_back(s->first);
    files.push_back(std::move(*s));
  }
  if (auto st = shard::check_state_positions(name, p.header, std::move(positions)); !st) {
    err << st.error().message() << "\n";
    return 2;
  }
  std::stable_sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<MrtFileStats> ordered;
  for (auto& [pos, s] : files) ordered.push_back(std::move(s));
  return write_stats(ordered, format, out, err);
}

}  // namespace cleannet::bgp
