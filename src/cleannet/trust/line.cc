#include "cleannet/trust/line.h"

namespace cleannet::trust {

const char* line_name(Line l) {
  switch (l) {
    case Line::kRegistry:
      return "registry";
    case Line::kPath:
      return "path";
    case Line::kThings:
      return "things";
    case Line::kCarrier:
      return "carrier";
    case Line::kTrace:
      return "trace";
    case Line::kCloud:
      return "cloud";
    case Line::kCable:
      return "cable";
    case Line::kApps:
      return "apps";
  }
  return "?";
}

std::optional<Line> parse_line(std::string_view name) {
  for (Line l : kLines)
    if (name == line_name(l)) return l;
  return std::nullopt;
}

}  // namespace cleannet::trust
