#include "cleannet/asgraph/relationships.h"

#include <array>

namespace cleannet::asgraph {

namespace {

constexpr const char* kAsnExpected = "an AS number from 0 to 4294967295";

// Up to N fields of a '|'-separated line with the 1-based column each starts at; the
// count is the number of fields the line has (which may exceed N).
template <size_t N>
struct Fields {
  std::array<std::string_view, N> text{};
  std::array<uint32_t, N> column{};
  size_t count = 0;
};

template <size_t N>
Fields<N> split_fields(std::string_view line) {
  Fields<N> f;
  size_t start = 0;
  for (;;) {
    size_t bar = line.find('|', start);
    std::string_view field = line.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
    if (f.count < N) {
      f.text[f.count] = field;
      f.column[f.count] = static_cast<uint32_t>(start + 1);
    }
    ++f.count;
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return f;
}

// "# inferred clique: 174 209 ..." -> the numbers; words that are not AS numbers end the
// list (a comment is free text, so a header in another shape is simply not kept).
void read_as_list(std::string_view rest, std::vector<uint32_t>& out) {
  size_t i = 0;
  while (i < rest.size()) {
    while (i < rest.size() && (rest[i] == ' ' || rest[i] == '\t')) ++i;
    size_t j = i;
    while (j < rest.size() && rest[j] != ' ' && rest[j] != '\t') ++j;
    if (j == i) break;
    auto asn = parse_asn_decimal(rest.substr(i, j - i));
    if (!asn) break;
    out.push_back(*asn);
    i = j;
  }
}

void read_comment(std::string_view line, AsRelationships& r) {
  ++r.comment_lines;
  std::string_view body = line.substr(1);
  while (!body.empty() && body.front() == ' ') body.remove_prefix(1);
  for (std::string_view key : {"inferred clique:", "input clique:"}) {
    if (body.substr(0, key.size()) == key && r.clique.empty()) {
      read_as_list(body.substr(key.size()), r.clique);
      return;
    }
  }
  constexpr std::string_view kIxp = "IXP ASes:";
  if (body.substr(0, kIxp.size()) == kIxp && r.ixp_ases.empty()) read_as_list(body.substr(kIxp.size()), r.ixp_ases);
}

std::string shape(RelationshipFormat f) {
  return f == RelationshipFormat::kSerial2 ? "4 fields \"a|b|rel|source\" (CAIDA serial-2 as-rel2)"
                                           : "3 fields \"a|b|rel\" (CAIDA serial-1 as-rel)";
}

}  // namespace

const char* relationship_format_name(RelationshipFormat f) {
  switch (f) {
    case RelationshipFormat::kAuto:
      return "auto";
    case RelationshipFormat::kSerial1:
      return "serial-1";
    case RelationshipFormat::kSerial2:
      return "serial-2";
  }
  return "?";
}

std::optional<RelationshipFormat> parse_relationship_format(std::string_view name) {
  for (auto f : {RelationshipFormat::kAuto, RelationshipFormat::kSerial1, RelationshipFormat::kSerial2})
    if (name == relationship_format_name(f)) return f;
  return std::nullopt;
}

std::optional<uint32_t> parse_asn_decimal(std::string_view s) {
  if (s.empty() || s.size() > 10) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  if (v > UINT32_MAX) return std::nullopt;
  return static_cast<uint32_t>(v);
}

core::Result<AsRelationships> read_relationships(core::Input in, RelationshipFormat format) {
  AsRelationships r;
  r.source = in.name();
  r.format = format;
  for (;;) {
    auto next = in.next_line();
    if (!next) return next.error();
    if (!*next) break;
    std::string_view line = **next;
    if (line.empty()) continue;
    if (line.front() == '#') {
      read_comment(line, r);
      continue;
    }
    auto f = split_fields<4>(line);
    if (r.format == RelationshipFormat::kAuto) {
      if (f.count == 3) {
        r.format = RelationshipFormat::kSerial1;
      } else if (f.count == 4) {
        r.format = RelationshipFormat::kSerial2;
      } else {
        return core::Error(in.pos(1),
                           "a CAIDA relationship line \"a|b|rel\" (serial-1) or \"a|b|rel|source\" (serial-2)",
                           core::quote_found(line));
      }
    }
    const size_t want = r.format == RelationshipFormat::kSerial2 ? 4 : 3;
    if (f.count != want) {
      std::string found = std::to_string(f.count) + (f.count == 1 ? " field " : " fields ") + core::quote_found(line);
      return core::Error(in.pos(1), shape(r.format), found);
    }
    AsLink link;
    link.line = static_cast<uint32_t>(in.line_no());
    for (size_t i = 0; i < 2; ++i) {
      auto asn = parse_asn_decimal(f.text[i]);
      if (!asn) return core::Error(in.pos(f.column[i]), kAsnExpected, core::quote_found(f.text[i]));
      (i == 0 ? link.a : link.b) = *asn;
    }
    if (f.text[2] == "-1") {
      link.kind = LinkKind::kProviderCustomer;
    } else if (f.text[2] == "0") {
      link.kind = LinkKind::kPeer;
    } else {
      return core::Error(in.pos(f.column[2]), "a relationship -1 (provider|customer) or 0 (peer|peer)",
                         core::quote_found(f.text[2]));
    }
    if (want == 4 && f.text[3].empty())
      return core::Error(in.pos(f.column[3]), "the inference source of serial-2 (e.g. \"bgp\" or \"mlp\")",
                         "an empty field");
    if (link.a == link.b) return core::Error(in.pos(1), "two different ASes", core::quote_found(line));
    r.links.push_back(link);
  }
  if (r.links.empty())
    return core::Error(core::SourcePos(r.source), "at least one relationship line \"a|b|rel\"",
                       r.comment_lines ? "only comments" : "an empty file");
  return r;
}

core::Result<AsRelationships> read_relationships_file(const std::string& path, RelationshipFormat format) {
  auto in = core::Input::open(path);
  if (!in) return in.error();
  return read_relationships(std::move(*in), format);
}

}  // namespace cleannet::asgraph
