#include "cleannet/asgraph/directory.h"

#include <algorithm>
#include <unordered_map>

#include "cleannet/asgraph/relationships.h"

namespace cleannet::asgraph {

const char* directory_source_name(DirectorySource s) { return s == DirectorySource::kAs2Org ? "as2org" : "asn-name"; }

std::optional<AsEntry> AsDirectory::find(uint32_t asn) const {
  auto it =
      std::lower_bound(entries_.begin(), entries_.end(), asn, [](const Entry& e, uint32_t a) { return e.asn < a; });
  if (it == entries_.end() || it->asn != asn) return std::nullopt;
  return entry(static_cast<size_t>(it - entries_.begin()));
}

AsEntry AsDirectory::entry(size_t i) const {
  const Entry& e = entries_[i];
  AsEntry out;
  out.asn = e.asn;
  out.name = text(e.name);
  out.country = text(e.country);
  out.line = e.line;
  if (e.org != UINT32_MAX) {
    const Org& o = orgs_[e.org];
    out.org_id = text(o.id);
    out.org_name = text(o.name);
    out.country = text(o.country);
  }
  return out;
}

struct DirectoryReader {
  AsDirectory d;

  AsDirectory::Span keep(std::string_view s) {
    AsDirectory::Span sp{static_cast<uint32_t>(d.text_.size()), static_cast<uint32_t>(s.size())};
    d.text_.append(s);
    return sp;
  }

  // Sorts by ASN; a repeated AS is an error at its later line.
  core::Status finish(const char* what) {
    if (d.entries_.empty())
      return core::Error(core::SourcePos(d.file_), std::string("at least one AS ") + what, "none");
    std::stable_sort(d.entries_.begin(), d.entries_.end(),
                     [](const AsDirectory::Entry& a, const AsDirectory::Entry& b) { return a.asn < b.asn; });
    const AsDirectory::Entry* bad = nullptr;
    const AsDirectory::Entry* first = nullptr;
    for (size_t i = 1; i < d.entries_.size(); ++i) {
      const auto& e = d.entries_[i];
      if (e.asn == d.entries_[i - 1].asn && (!bad || e.line < bad->line)) {
        bad = &e;
        first = &d.entries_[i - 1];
      }
    }
    if (bad)
      return core::Error(
          core::SourcePos(d.file_, bad->line, 1), "each AS once",
          "AS" + std::to_string(bad->asn) + " again (first on line " + std::to_string(first->line) + ")");
    d.entries_.shrink_to_fit();
    return core::Ok{};
  }
};

namespace {

// Fields split at '|', with the 1-based column of each.
struct Field {
  std::string_view text;
  uint32_t column;
};

std::vector<Field> split_bars(std::string_view line) {
  std::vector<Field> out;
  size_t start = 0;
  for (;;) {
    size_t bar = line.find('|', start);
    out.push_back({line.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start),
                   static_cast<uint32_t>(start + 1)});
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return out;
}

// The text from field `from` to field `to` (inclusive), '|' included: a name that holds '|'.
std::string_view join(std::string_view line, const std::vector<Field>& f, size_t from, size_t to) {
  size_t b = f[from].column - 1;
  size_t e = f[to].column - 1 + f[to].text.size();
  return line.substr(b, e - b);
}

}  // namespace

core::Result<AsDirectory> read_as2org(core::Input in) {
  DirectoryReader r;
  r.d.source_ = DirectorySource::kAs2Org;
  r.d.file_ = in.name();
  enum class Section { kNone, kOrg, kAut } section = Section::kNone;
  std::unordered_map<std::string, uint32_t> org_index;
  std::vector<uint32_t> org_line;
  struct Pending {
    uint32_t entry;
    std::string org_id;
    uint32_t line, column;
  };
  std::vector<Pending> pending;
  static constexpr std::string_view kFormat = "format:";
  for (;;) {
    auto next = in.next_line();
    if (!next) return next.error();
    if (!*next) break;
    std::string_view line = **next;
    if (line.empty()) continue;
    if (line.front() == '#') {
      std::string_view body = line.substr(1);
      while (!body.empty() && body.front() == ' ') body.remove_prefix(1);
      if (body.substr(0, kFormat.size()) != kFormat) continue;
      std::string_view fmt = body.substr(kFormat.size());
      if (fmt.substr(0, 7) == "org_id|") {
        section = Section::kOrg;
      } else if (fmt.substr(0, 4) == "aut|") {
        section = Section::kAut;
      } else {
        return core::Error(in.pos(1), "an as2org format line \"# format:org_id|...\" or \"# format:aut|...\"",
                           core::quote_found(line));
      }
      continue;
    }
    auto f = split_bars(line);
    const uint32_t ln = static_cast<uint32_t>(in.line_no());
    if (section == Section::kNone) {
      return core::Error(in.pos(1), "a \"# format:\" line before the first as2org record", core::quote_found(line));
    }
    if (section == Section::kOrg) {
      if (f.size() < 5)
        return core::Error(
            in.pos(1), "5 fields \"org_id|changed|org_name|country|source\"",
            std::to_string(f.size()) + (f.size() == 1 ? " field " : " fields ") + core::quote_found(line));
      if (f[0].text.empty()) return core::Error(in.pos(1), "an org_id", "an empty field");
      auto [it, fresh] = org_index.emplace(std::string(f[0].text), static_cast<uint32_t>(r.d.orgs_.size()));
      if (!fresh)
        return core::Error(
            in.pos(1), "each org_id once",
            core::quote_found(f[0].text) + " again (first on line " + std::to_string(org_line[it->second]) + ")");
      AsDirectory::Org o;
      o.id = r.keep(f[0].text);
      o.name = r.keep(join(line, f, 2, f.size() - 3));
      o.country = r.keep(f[f.size() - 2].text);
      r.d.orgs_.push_back(o);
      org_line.push_back(ln);
      continue;
    }
    if (f.size() < 6)
      return core::Error(in.pos(1), "6 fields \"aut|changed|aut_name|org_id|opaque_id|source\"",
                         std::to_string(f.size()) + (f.size() == 1 ? " field " : " fields ") + core::quote_found(line));
    auto asn = parse_asn_decimal(f[0].text);
    if (!asn) return core::Error(in.pos(1), "an AS number from 0 to 4294967295", core::quote_found(f[0].text));
    const Field& org = f[f.size() - 3];
    if (org.text.empty()) return core::Error(in.pos(org.column), "an org_id", "an empty field");
    AsDirectory::Entry e;
    e.asn = *asn;
    e.name = r.keep(join(line, f, 2, f.size() - 4));
    e.line = ln;
    pending.push_back({static_cast<uint32_t>(r.d.entries_.size()), std::string(org.text), ln, org.column});
    r.d.entries_.push_back(e);
  }
  // Organisations may come after the ASes that name them: resolve at the end.
  for (const Pending& p : pending) {
    auto it = org_index.find(p.org_id);
    if (it == org_index.end())
      return core::Error(core::SourcePos(r.d.file_, p.line, p.column), "an org_id of the organisation section",
                         core::quote_found(p.org_id));
    r.d.entries_[p.entry].org = it->second;
  }
  if (auto st = r.finish("(an \"aut\" record)"); !st) return st.error();
  return std::move(r.d);
}

core::Result<AsDirectory> read_as_names(core::Input in) {
  DirectoryReader r;
  r.d.source_ = DirectorySource::kAsNames;
  r.d.file_ = in.name();
  for (;;) {
    auto next = in.next_line();
    if (!next) return next.error();
    if (!*next) break;
    std::string_view line = **next;
    if (line.empty() || line.front() == '#') continue;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) return core::Error(in.pos(1), "\"ASN:NAME, CC\"", core::quote_found(line));
    auto asn = parse_asn_decimal(line.substr(0, colon));
    if (!asn)
      return core::Error(in.pos(1), "an AS number from 0 to 4294967295", core::quote_found(line.substr(0, colon)));
    std::string_view rest = line.substr(colon + 1);
    // ", CC" at the end: a two-letter upper-case code.
    const bool has_cc = rest.size() >= 4 && rest[rest.size() - 4] == ',' && rest[rest.size() - 3] == ' ' &&
                        rest[rest.size() - 2] >= 'A' && rest[rest.size() - 2] <= 'Z' && rest[rest.size() - 1] >= 'A' &&
                        rest[rest.size() - 1] <= 'Z';
    if (!has_cc) {
      size_t comma = rest.rfind(',');
      std::string_view tail = comma == std::string_view::npos ? rest : rest.substr(comma);
      uint32_t col = static_cast<uint32_t>(colon + 2 + (comma == std::string_view::npos ? 0 : comma));
      return core::Error(in.pos(col), "\", CC\" (a two-letter country code) ending the line", core::quote_found(tail));
    }
    std::string_view name = rest.substr(0, rest.size() - 4);
    AsDirectory::Entry e;
    e.asn = *asn;
    e.name = r.keep(name);
    e.country = r.keep(rest.substr(rest.size() - 2));
    e.line = static_cast<uint32_t>(in.line_no());
    r.d.entries_.push_back(e);
  }
  if (auto st = r.finish("line \"ASN:NAME, CC\""); !st) return st.error();
  return std::move(r.d);
}

core::Result<std::optional<AsDirectory>> read_directory(const std::string& as_names, const std::string& as2org) {
  if (as_names.empty() && as2org.empty()) return std::optional<AsDirectory>();
  auto in = core::Input::open(as2org.empty() ? as_names : as2org);
  if (!in) return in.error();
  auto d = as2org.empty() ? read_as_names(std::move(*in)) : read_as2org(std::move(*in));
  if (!d) return d.error();
  return std::optional<AsDirectory>(std::move(*d));
}

}  // namespace cleannet::asgraph
