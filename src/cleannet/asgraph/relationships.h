// CAIDA AS relationships, read as they are published: serial-1 `as-rel` files
// ("<provider>|<customer>|-1", "<peer>|<peer>|0") and serial-2 `as-rel2` files
// ("a|b|rel|source", the fourth field naming the inference: "bgp", "mlp", ...), streamed
// from any Input, so the published .bz2 reads as it is. Lines starting with '#' are
// comments; the "inferred clique" / "input clique" and "IXP ASes" headers are kept.
// Source: CAIDA, "The CAIDA AS Relationships Dataset", README of serial-1 and serial-2
// (https://publicdata.caida.org/datasets/as-relationships/).
//
//   auto rels = read_relationships_file("20180101.as-rel.txt.bz2");
//   if (!rels) { std::cerr << rels.error().message() << '\n'; return 2; }
//   for (const AsLink& l : rels->links) use(l.a, l.b, l.kind);
//
// Errors name file, line and column: "x.txt:7:3: expected an AS number from 0 to
// 4294967295, found \"AS174\"". Whether an AS pair is listed twice is checked when the
// graph is built (graph.h), which sorts the pairs anyway.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/input.h"
#include "cleannet/core/result.h"

namespace cleannet::asgraph {

enum class RelationshipFormat : uint8_t {
  kAuto,     // decided by the first relationship line: 3 fields serial-1, 4 fields serial-2
  kSerial1,  // a|b|rel
  kSerial2,  // a|b|rel|source
};
// "auto", "serial-1", "serial-2"
const char* relationship_format_name(RelationshipFormat f);
std::optional<RelationshipFormat> parse_relationship_format(std::string_view name);

// The relationship a line states, with CAIDA's codes.
enum class LinkKind : int8_t {
  kProviderCustomer = -1,  // a is b's provider (transit: b pays a)
  kPeer = 0,               // settlement-free peers
};

struct AsLink {
  uint32_t a = 0;  // the provider for kProviderCustomer
  uint32_t b = 0;
  LinkKind kind = LinkKind::kPeer;
  uint32_t line = 0;  // where it was read, for later errors (duplicate pairs)
};

struct AsRelationships {
  std::string source;                                     // the input's name, for error messages
  RelationshipFormat format = RelationshipFormat::kAuto;  // as read (never kAuto after reading)
  std::vector<AsLink> links;
  std::vector<uint32_t> clique;    // "# inferred clique: ..." (serial-1) / "# input clique: ..." (serial-2)
  std::vector<uint32_t> ixp_ases;  // "# IXP ASes: ..."
  uint32_t comment_lines = 0;
};

// Reads every line; fails on the first malformed one. A file with no relationship line is
// an error too (a wrong file, not an empty Internet).
core::Result<AsRelationships> read_relationships(core::Input in, RelationshipFormat format = RelationshipFormat::kAuto);
core::Result<AsRelationships> read_relationships_file(const std::string& path,
                                                      RelationshipFormat format = RelationshipFormat::kAuto);

// "174", "4294967295": a plain decimal AS number (what CAIDA files hold); nullopt otherwise.
std::optional<uint32_t> parse_asn_decimal(std::string_view s);

}  // namespace cleannet::asgraph
