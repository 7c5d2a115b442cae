#include "cleannet/cloud/hcl.h"

#include <gtest/gtest.h>

namespace cleannet::cloud::hcl {
namespace {

// Every attribute of a body, recursively, as "path = value" lines: a compact exact view.
void dump(const Body& b, const std::string& prefix, std::string& out) {
  for (const Attribute& a : b.attributes)
    out += prefix + a.name + "@" + std::to_string(a.line) + ":" + std::to_string(a.column) + " = " +
           to_string(a.value) + "\n";
  for (const Block& k : b.blocks) {
    std::string name = k.type;
    for (const std::string& l : k.labels) name += "[" + l + "]";
    out += prefix + name + "@" + std::to_string(k.line) + ":" + std::to_string(k.column) + " {\n";
    dump(k.body, prefix + "  ", out);
    out += prefix + "}\n";
  }
}

std::string parsed(std::string_view text) {
  auto f = parse_hcl("t.tf", text);
  if (!f) return "ERROR " + f.error().message();
  std::string out;
  dump(f->body, "", out);
  return out;
}

TEST(Hcl, BlocksAttributesAndLiterals) {
  EXPECT_EQ(parsed("resource \"a_b\" \"c\" {\n  n = 1.5e3\n  t = true\n  z = null\n  s = \"x\"\n}\n"),
            "resource[a_b][c]@1:1 {\n  n@2:3 = 1.5e3\n  t@3:3 = true\n  z@4:3 = null\n  s@5:3 = \"x\"\n}\n");
}

TEST(Hcl, OneLineBlocksAndBareLabels) {
  EXPECT_EQ(parsed("a {}\nb x { y = 2 }\nc \"q\" { }\n"), "a@1:1 {\n}\nb[x]@2:1 {\n  y@2:7 = 2\n}\nc[q]@3:1 {\n}\n");
}

TEST(Hcl, StringEscapesAndTemplates) {
  EXPECT_EQ(parsed(R"(a = "tab\there \"q\" \\ \u00e9 \U0001F600"
b = "x-${var.y}-${f("}")}"
c = "$${literal} %%{also}"
)"),
            "a@1:1 = \"tab\there \\\"q\\\" \\\\ \xC3\xA9 \xF0\x9F\x98\x80\"\n"
            "b@2:1 = \"x-${var.y}-${f(\\\"}\\\")}\"\n"
            "c@3:1 = \"${literal} %{also}\"\n");
  auto f = parse_hcl("t.tf", "b = \"x-${var.y}\"\nc = \"$${x}\"\n");
  ASSERT_TRUE(f);
  EXPECT_TRUE(f->body.attributes[0].value.templated);
  EXPECT_FALSE(f->body.attributes[1].value.templated);
}

TEST(Hcl, Heredocs) {
  EXPECT_EQ(parsed("a = <<EOF\n  one\n    two\nEOF\nb = <<-EOT\n    one\n      two\n    EOT\nc = 1\n"),
            "a@1:1 = \"  one\\n    two\\n\"\nb@5:1 = \"one\\n  two\\n\"\nc@9:1 = 1\n");
}

TEST(Hcl, Comments) {
  EXPECT_EQ(parsed("# one\n// two\n/* three\n four */ a = 1 # after\nb = 2 // after\nc = /* in */ 3\n"),
            "a@4:10 = 1\nb@5:1 = 2\nc@6:1 = 3\n");
}

TEST(Hcl, TuplesObjectsAndRawExpressions) {
  EXPECT_EQ(parsed("l = [1, \"a\",\n  [true],\n]\no = {\n  k = 1, \"q r\": \"v\"\n  n = { x = [] }\n}\n"
                   "r = var.a.b[0]\ne = a ? b : c\nf = [for x in y : x]\ng = { for k, v in m : k => v }\n"
                   "h = merge(var.t, {\n  a = 1\n})\nm = -1\n"),
            "l@1:1 = [1, \"a\", [true]]\n"
            "o@4:1 = {k = 1, q r = \"v\", n = {x = []}}\n"
            "r@8:1 = var.a.b[0]\n"
            "e@9:1 = a ? b : c\n"
            "f@10:1 = [for x in y : x]\n"
            "g@11:1 = { for k, v in m : k => v }\n"
            "h@12:1 = merge(var.t, {\n  a = 1\n})\n"
            "m@15:1 = -1\n");
}

TEST(Hcl, CrlfLineEnds) { EXPECT_EQ(parsed("a {\r\n  b = \"c\"\r\n}\r\n"), "a@1:1 {\n  b@2:3 = \"c\"\n}\n"); }

TEST(Hcl, Errors) {
  EXPECT_EQ(parsed("a = \"open\n"),
            "ERROR t.tf:1:5: expected '\"' closing the string opened here, on the same line, found a line break");
  EXPECT_EQ(parsed("a = \"open"),
            "ERROR t.tf:1:5: expected '\"' closing the string opened here, found the end of the file");
  EXPECT_EQ(parsed("r \"x\" {\n  a = 1\n"),
            "ERROR t.tf:1:7: expected '}' closing the block opened here, found the end of the file");
  EXPECT_EQ(parsed("a = <<EOF\nx\n"),
            "ERROR t.tf:1:5: expected the heredoc end marker \"EOF\" on a line of its own, found the end of the file");
  EXPECT_EQ(parsed("a = [1, 2\n"),
            "ERROR t.tf:1:5: expected ']' closing the tuple opened here, found the end of the file");
  EXPECT_EQ(
      parsed("a = \"\\q\"\n"),
      "ERROR t.tf:1:6: expected an escape sequence \\n, \\r, \\t, \\\", \\\\, \\uNNNN or \\UNNNNNNNN, found \"\\\\q\"");
  EXPECT_EQ(parsed("= 1\n"), "ERROR t.tf:1:1: expected an attribute name or a block type, found '='");
  EXPECT_EQ(parsed("a = 1 b = 2\n"), "ERROR t.tf:1:7: expected an operator or the end of the expression, found \"b\"");
  EXPECT_EQ(parsed("r x {\n} y\n"), "ERROR t.tf:2:3: expected a line break after the attribute or block, found \"y\"");
  EXPECT_EQ(parsed("a = @\n"), "ERROR t.tf:1:5: expected an expression, found '@'");
  EXPECT_EQ(parsed("a = \n"), "ERROR t.tf:1:5: expected an expression, found a line break");
  EXPECT_EQ(parsed("/* open\n"),
            "ERROR t.tf:1:1: expected \"*/\" closing the comment opened here, found the end of the file");
  EXPECT_EQ(parsed("a = \"${x"),
            "ERROR t.tf:1:6: expected '}' closing the template sequence opened here, found the end of the file");
}

TEST(Hcl, DeepNestingIsAnErrorNotACrash) {
  std::string deep = "a = " + std::string(10000, '[') + "\n";
  std::string r = parsed(deep);
  EXPECT_NE(r.find("nested at most 64 levels deep"), std::string::npos) << r;
  std::string blocks;
  for (int i = 0; i < 100; ++i) blocks += "b {\n";
  r = parsed(blocks);
  EXPECT_NE(r.find("nested at most 64 levels deep"), std::string::npos) << r;
}

}  // namespace
}  // namespace cleannet::cloud::hcl
