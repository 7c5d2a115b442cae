#include "cleannet/cloud/asset.h"

#include <algorithm>
#include <cctype>

namespace cleannet::cloud {

std::vector<std::string> split_data_classes(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty() && std::find(out.begin(), out.end(), cur) == out.end()) out.push_back(cur);
    cur.clear();
  };
  for (char c : s) {
    if (c == ';' || c == ',' || c == '|' || c == ' ' || c == '\t') {
      flush();
    } else {
      cur += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  flush();
  return out;
}

std::string describe(const Asset& a) {
  auto list = [](const std::vector<std::string>& v) {
    std::string s = "[";
    for (size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + v[i];
    return s + "]";
  };
  std::string s = a.pos.to_string() + " " + a.name + " kind=" + a.kind + " format=" + a.source_format;
  if (!a.declared_provider.empty()) s += " declared_provider=" + a.declared_provider;
  if (!a.terraform_provider.empty()) s += " terraform_provider=" + a.terraform_provider + " (" + a.provider_note + ")";
  if (!a.region.empty() || !a.region_note.empty())
    s += " region=" + (a.region.empty() ? std::string("?") : a.region) +
         (a.region_note.empty() ? "" : " (" + a.region_note + ")");
  if (!a.endpoints.empty()) s += " endpoints=" + list(a.endpoints);
  if (!a.data_classes.empty()) s += " data_classes=" + list(a.data_classes) + " (" + a.data_class_source + ")";
  if (a.data_bearing) s += " data-bearing";
  return s;
}

}  // namespace cleannet::cloud
