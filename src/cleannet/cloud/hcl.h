// HCL2 native syntax (the language of Terraform .tf files), read into a tree of bodies,
// attributes and blocks with the line and column of each.
//
// Hand-written because Debian 12 packages no HCL2 library for C++ (HashiCorp's reference
// implementation is Go), and the reader is the product: the Clean Cloud check must point at
// the exact line of a resource. It follows the HCL native syntax specification
// (hashicorp/hcl, hclsyntax/spec.md) section by section:
//   Lexical Elements: comments `#`, `//`, `/* */`; identifiers with '-'; numeric literals
//     with fraction and exponent.
//   Structural Elements: bodies of attributes `name = expr` and blocks
//     `type "label" label {`...`}`, one per line, one-line blocks `b { a = 1 }`; an attribute
//     name defined twice in one body, or used for an attribute and a block, is an error
//     ("Each distinct attribute name may be defined no more than once within a single body").
//   Expressions: literals, tuples `[...]`, objects `{ k = v, k: v }` whose keys are
//     identifiers, or any expression (`80`, `var.a`, `(var.env)`, `"${x}"`); quoted templates
//     with escapes (\n \r \t \" \\ \uNNNN \UNNNNNNNN), heredocs `<<EOF` and `<<-EOF`, and in
//     both the template sequences `${...}` and `%{if/else/endif/for/endfor}` with strip markers
//     `~` (`$${` and `%%{` are literal); variables and traversals `.name`, `[index]`, legacy
//     `.0`, splats `.*` and `[*]`; function calls with zero or more arguments, `...` expansion
//     and namespaces (`provider::aws::arn_parse()`); for expressions; operators; conditionals.
// Every expression is checked against that grammar. A single literal term keeps its kind
// (string, number, bool, null, tuple, object); any other expression is kept as its source
// text: the check needs literals and the names of what is referenced, not evaluation.
//
//   auto f = parse_hcl("main.tf", text);
//   if (!f) { std::cerr << f.error().message() << '\n'; return 2; }
//   for (const hcl::Block& b : f->blocks) if (b.type == "resource") ...
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/result.h"

namespace cleannet::cloud::hcl {

// Limits: nesting of blocks and expressions (a deeper file is an error, not a stack
// overflow) and the size of one file.
inline constexpr int kMaxDepth = 64;
inline constexpr size_t kMaxFileBytes = 64u << 20;

struct Expr;

struct ObjectItem {
  // An identifier, a number's literal or a quoted key's value; the source text of a key
  // expression (`var.a`, `(var.env)`, a templated string), whose name is known only when the
  // configuration is evaluated (then key_expr is set).
  std::string key;
  bool key_expr = false;
  uint32_t line = 0, column = 0;
  std::shared_ptr<Expr> value;
};

struct Expr {
  enum class Kind : uint8_t { kString, kNumber, kBool, kNull, kTuple, kObject, kRaw };
  Kind kind = Kind::kRaw;
  // kString: the decoded value, with template sequences as written ("${var.x}");
  // kNumber: the literal; kBool: "true"/"false"; kRaw: the source text.
  std::string text;
  bool templated = false;           // a string with ${...} or %{...}: not a literal value
  std::vector<Expr> items;          // tuple elements
  std::vector<ObjectItem> members;  // object items, in source order
  uint32_t line = 0, column = 0;

  // A string with no template sequence.
  bool is_literal_string() const { return kind == Kind::kString && !templated; }
  // The object item named `key` (not a key expression), or nullptr.
  const Expr* member(std::string_view key) const;
};

struct Attribute {
  std::string name;
  Expr value;
  uint32_t line = 0, column = 0;
};

struct Block;

struct Body {
  std::vector<Attribute> attributes;
  std::vector<Block> blocks;
  const Attribute* attribute(std::string_view name) const;
};

struct Block {
  std::string type;
  std::vector<std::string> labels;
  Body body;
  uint32_t line = 0, column = 0;  // of the block type
};

struct File {
  std::string name;
  Body body;
};

// Parses one file. The first problem is the error: "main.tf:12:9: expected ..., found ...".
// A file is text of at most kMaxFileBytes.
core::Result<File> parse_hcl(const std::string& name, std::string_view text);

// A canonical one-line rendering of an expression (for tests and messages):
// strings quoted, tuples [a, b], objects {k = v, ...}, raw text as written.
std::string to_string(const Expr& e);

}  // namespace cleannet::cloud::hcl
