// The HTML report's evidence table (docs/report.md, format "cleannet-report/2"): each distinct
// evidence item once, in order of first appearance, findings referring to it by index. A
// large run's traceroute findings repeat the same few items for every trace through an AS,
// so the table is far smaller than the evidence written out finding by finding.
//
// Interning is serial and in the order the findings are written, so that the same run gives
// the same indices, and the same file, every time.
//
//   EvidenceTable t;
//   uint32_t i = t.intern(f.evidence[0]);         // the same index for an equal item
//   std::string json;
//   t.append_json(json);                           // [{"kind":...,"verified":true},...]
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "cleannet/report/finding.h"

namespace cleannet::audit {

class EvidenceTable {
 public:
  // The index of `e`, added at the end when no equal item is in the table yet.
  uint32_t intern(const report::Evidence& e);
  size_t size() const { return items_.size(); }
  const report::Evidence& operator[](size_t i) const { return *items_[i]; }
  // The table as a compact JSON array, each item as report::write_evidence writes it.
  void append_json(std::string& out) const;

 private:
  struct Hash {
    size_t operator()(const report::Evidence& e) const;
  };
  std::unordered_map<report::Evidence, uint32_t, Hash> index_;
  std::vector<const report::Evidence*> items_;  // keys of index_, which stay where they are
};

}  // namespace cleannet::audit
