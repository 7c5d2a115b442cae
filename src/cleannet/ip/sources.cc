#include "cleannet/ip/sources.h"

#include <tbb/task_group.h>

#include "cleannet/ip/rib.h"

namespace cleannet::ip {

LoadedOrigins load_origins(const OriginSources& sources) {
  struct Loaded {
    std::optional<OriginTable> table;
    std::optional<core::Error> error;
    size_t damaged = 0;
  };
  const size_t n = sources.pfx2as.size() + sources.ribs.size();
  std::vector<Loaded> loaded(n);
  auto load = [&](size_t i) {
    Loaded& l = loaded[i];
    core::Result<OriginTable> t = [&]() -> core::Result<OriginTable> {
      if (i >= sources.pfx2as.size())
        return origins_from_rib(sources.ribs[i - sources.pfx2as.size()], sources.keep_going, &l.damaged);
      auto in = core::Input::open(sources.pfx2as[i]);
      if (!in) return in.error();
      return load_origin_table(std::move(*in));
    }();
    if (t)
      l.table = std::move(*t);
    else
      l.error = t.error();
  };
  bool stdin_input = false;
  for (const auto* v : {&sources.pfx2as, &sources.ribs})
    for (const std::string& f : *v) stdin_input = stdin_input || f == "-";
  if (stdin_input || n < 2) {
    for (size_t i = 0; i < n; ++i) load(i);
  } else {
    tbb::task_group g;
    for (size_t i = 0; i < n; ++i) g.run([&, i] { load(i); });
    g.wait();
  }

  LoadedOrigins out;
  std::vector<OriginTable> tables;
  for (size_t i = 0; i < n; ++i) {
    Loaded& l = loaded[i];
    if (l.error) {
      out.error = std::move(l.error);
      return out;
    }
    if (l.damaged)
      out.notes.push_back(sources.ribs[i - sources.pfx2as.size()] + ": --keep-going: " + std::to_string(l.damaged) +
                          " damaged or cut record(s) skipped");
    tables.push_back(std::move(*l.table));
  }
  out.table = merge_origin_tables(std::move(tables));
  return out;
}

OriginTable merge_origin_tables(std::vector<OriginTable> tables) {
  if (tables.size() == 1) return std::move(tables.front());
  OriginTable merged;
  std::string sources;
  for (const OriginTable& t : tables) {
    for (size_t i = 0; i < t.num_prefixes(); ++i) {
      const auto e = t.entry(i);
      for (uint32_t a : e.origins) merged.add(e.prefix, a);
    }
    sources += (sources.empty() ? "" : ", ") + t.source;
  }
  merged.source = sources;
  return merged;
}

}  // namespace cleannet::ip
