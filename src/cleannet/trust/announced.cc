#include "cleannet/trust/announced.h"

#include <cstdio>
#include <cstdlib>

#include "cleannet/core/text.h"

namespace cleannet::trust {

std::string_view bundled_announced_gz();  // data/registry/announced-prefixes.tsv.gz, embedded

core::Result<AnnouncedPrefixes> read_announced(core::Input in) {
  AnnouncedPrefixes t;
  t.name = in.name();
  auto err = [&](size_t column, std::string expected, std::string found) {
    return core::Error(core::SourcePos(t.name, static_cast<uint32_t>(in.line_no()), static_cast<uint32_t>(column)),
                       std::move(expected), std::move(found));
  };
  while (true) {
    auto next = in.next_line();
    if (!next) return next.error();
    if (!*next) break;
    std::string_view line = **next;
    if (line.empty()) continue;
    if (line.front() == '#') {
      auto header = [&](std::string_view key) -> std::optional<std::string_view> {
        if (!line.starts_with(key)) return std::nullopt;
        return core::trim(line.substr(key.size()));
      };
      if (auto v = header("# date:")) {
        t.date = core::Date::parse(*v);
        if (!t.date) return err(9, "a date YYYY-MM-DD", core::quote_found(*v));
      } else if (auto v = header("# source:")) {
        t.source = *v;
      } else if (auto v = header("# source_url:")) {
        t.source_url = *v;
      }
      continue;
    }
    const size_t tab = line.find('\t');
    if (tab == std::string_view::npos) return err(1, "prefix<TAB>asn", core::quote_found(line));
    auto p = core::parse_prefix(line.substr(0, tab), true);
    if (!p) return err(1, "an IP prefix with no host bits set", core::quote_found(line.substr(0, tab)));
    std::string_view asn = line.substr(tab + 1);
    uint64_t v = 0;
    bool ok = !asn.empty() && asn.size() <= 10;
    for (char c : asn) {
      ok &= c >= '0' && c <= '9';
      v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    if (!ok || v > 0xFFFFFFFFull) return err(tab + 2, "an AS number from 0 to 4294967295", core::quote_found(asn));
    if (!t.origins.insert(*p, static_cast<uint32_t>(v))) return err(1, "each prefix once", core::quote_found(p->to_string()));
    t.rows.emplace_back(*p, static_cast<uint32_t>(v));
  }
  // A lookup probes every stored length, and most probes miss: at a low load factor a miss
  // ends at the first empty slot instead of walking a cluster.
  t.origins.reserve(t.rows.size() * 6);
  return t;
}

const AnnouncedPrefixes& bundled_announced() {
  static const AnnouncedPrefixes table = [] {
    auto in = core::Input::from_memory(kBundledAnnouncedName, bundled_announced_gz());
    auto t = in ? read_announced(std::move(*in)) : core::Result<AnnouncedPrefixes>(in.error());
    // The embedded file is ours and checked by announced_test; a broken build must not run.
    if (!t) {
      std::fprintf(stderr, "cleannet: %s\n", t.error().message().c_str());
      std::abort();
    }
    return std::move(*t);
  }();
  return table;
}

}  // namespace cleannet::trust
