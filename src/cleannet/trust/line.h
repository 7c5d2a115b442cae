// The lines of effort a policy rule can name (ARCHITECTURE.md, "Trust registry": policy
// rules by line, traffic class and segment). A rule's `line` is parsed into a Line once,
// where the policy is read, so a misspelt name is an error at its file:line rather than a
// rule that silently never matches; checks name their line by the enum.
//
//   std::optional<Line> l = parse_line("carrier");   // Line::kCarrier; "5g" -> nullopt
//   line_name(Line::kTrace)                           // "trace"
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace cleannet::trust {

enum class Line : uint8_t { kRegistry, kPath, kThings, kCarrier, kTrace, kCloud, kCable, kApps };

inline constexpr std::array<Line, 8> kLines = {Line::kRegistry, Line::kPath,  Line::kThings, Line::kCarrier,
                                               Line::kTrace,    Line::kCloud, Line::kCable,  Line::kApps};

const char* line_name(Line l);
std::optional<Line> parse_line(std::string_view name);

}  // namespace cleannet::trust
