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

// One case per construct of the HCL native syntax specification (hashicorp/hcl,
// hclsyntax/spec.md), named after its section; each must be read, with the values shown.
struct SpecCase {
  const char* section;
  const char* text;
  const char* want;
};

constexpr SpecCase kSpecCases[] = {
    {"Comments and Whitespace", "# line\n// line\n/* inline */ a = /* in */ 1 # trailing\nb\t=\t2 // trailing\n",
     "a@3:14 = 1\nb@4:1 = 2\n"},
    {"Comments and Whitespace (after an expression)", "a = var.x // c\nb = f(1) # c\nc = x.y /* c */\nd = 1 + 2 # c\n",
     "a@1:1 = var.x\nb@2:1 = f(1)\nc@3:1 = x.y\nd@4:1 = 1 + 2\n"},
    {"Identifiers", "a-b_c1 = 1\nh\xC3\xA9llo = 2\n", "a-b_c1@1:1 = 1\nh\xC3\xA9llo@2:1 = 2\n"},
    {"Numeric Literals", "a = 1\nb = 1.5\nc = 1e3\nd = 1.5E-3\ne = 2e+10\n",
     "a@1:1 = 1\nb@2:1 = 1.5\nc@3:1 = 1e3\nd@4:1 = 1.5E-3\ne@5:1 = 2e+10\n"},
    {"Attribute Definitions", "a = \"x\"\n", "a@1:1 = \"x\"\n"},
    {"Blocks", "b \"x\" y {\n  c = 1\n  d {\n  }\n}\n", "b[x][y]@1:1 {\n  c@2:3 = 1\n  d@3:3 {\n  }\n}\n"},
    {"Blocks (OneLineBlock)", "b { c = 1 }\nd \"l\" {}\n", "b@1:1 {\n  c@1:5 = 1\n}\nd[l]@2:1 {\n}\n"},
    {"Literal Values", "a = true\nb = false\nc = null\n", "a@1:1 = true\nb@2:1 = false\nc@3:1 = null\n"},
    {"Collection Values (tuple)", "a = [1, \"x\",\n  [],\n]\nb = []\n", "a@1:1 = [1, \"x\", []]\nb@4:1 = []\n"},
    {"Collection Values (object)", "a = {\n  k = 1, \"q r\": 2\n  n = {}\n}\nb = { x = 1, }\n",
     "a@1:1 = {k = 1, q r = 2, n = {}}\nb@5:1 = {x = 1}\n"},
    {"Collection Values (numeric keys)", "a = { 80 = \"HTTP\", 443: \"HTTPS\" }\n",
     "a@1:1 = {80 = \"HTTP\", 443 = \"HTTPS\"}\n"},
    {"Collection Values (expression keys)", "a = {var.a: var.a, \"key2\": var.b}\nb = {(var.env) = 1}\n",
     "a@1:1 = {var.a = var.a, key2 = var.b}\nb@2:1 = {(var.env) = 1}\n"},
    {"Template Expressions (quoted)", "a = \"x-${var.y}-${f(\"}\")}\"\n", "a@1:1 = \"x-${var.y}-${f(\\\"}\\\")}\"\n"},
    {"Template Expressions (heredoc)",
     "a = <<EOT\n  x ${var.y}\nEOT\nb = <<-EOT\n    one\n      %{ if c }two%{ endif }\n    EOT\n",
     "a@1:1 = \"  x ${var.y}\\n\"\nb@4:1 = \"one\\n  %{ if c }two%{ endif }\\n\"\n"},
    {"Template Literals (escapes)", "a = \"$${a} %%{b} 100% $\"\n", "a@1:1 = \"${a} %{b} 100% $\"\n"},
    {"Template Literals (strip markers)", "a = \"${~ var.x ~}\"\nb = \"%{~ if true ~} x %{~ endif ~}\"\n",
     "a@1:1 = \"${~ var.x ~}\"\nb@2:1 = \"%{~ if true ~} x %{~ endif ~}\"\n"},
    {"Template If Directive", "a = \"%{ if var.x }yes%{ else }no%{ endif }\"\n",
     "a@1:1 = \"%{ if var.x }yes%{ else }no%{ endif }\"\n"},
    {"Template For Directive", "a = \"%{ for i, v in var.l }${i}=${v},%{ endfor }\"\n",
     "a@1:1 = \"%{ for i, v in var.l }${i}=${v},%{ endfor }\"\n"},
    {"Template Interpolation Unwrapping", "a = \"${true}\"\nb = \"${\"${true}\"}\"\n",
     "a@1:1 = \"${true}\"\nb@2:1 = \"${\\\"${true}\\\"}\"\n"},
    {"Variables and Variable Expressions", "a = foo\n", "a@1:1 = foo\n"},
    {"Functions and Function Calls (zero arguments, nested)",
     "a = uuid()\nb = upper(uuid())\nc = timeadd(timestamp(), \"1h\")\n",
     "a@1:1 = uuid()\nb@2:1 = upper(uuid())\nc@3:1 = timeadd(timestamp(), \"1h\")\n"},
    {"Functions and Function Calls (expansion, line breaks, trailing comma)",
     "a = min(var.l...)\nb = f(\n  1,\n  2,\n)\n", "a@1:1 = min(var.l...)\nb@2:1 = f(\n  1,\n  2,\n)\n"},
    {"Functions and Function Calls (namespaced)", "a = provider::aws::arn_parse(var.arn)\nb = core::upper(\"x\")\n",
     "a@1:1 = provider::aws::arn_parse(var.arn)\nb@2:1 = core::upper(\"x\")\n"},
    {"For Expressions (tuple)", "a = [for v in var.l : upper(v) if v != \"\"]\n",
     "a@1:1 = [for v in var.l : upper(v) if v != \"\"]\n"},
    {"For Expressions (object, grouping)",
     "a = {for k, v in var.m : v => k...}\nb = {\n  for k, v in var.m :\n  k => v\n  if v != null\n}\n",
     "a@1:1 = {for k, v in var.m : v => k...}\nb@2:1 = {\n  for k, v in var.m :\n  k => v\n  if v != null\n}\n"},
    {"Index Operator", "a = var.l[0]\nb = var.m[\"k\"][var.i]\nc = var.l[\n  1\n]\n",
     "a@1:1 = var.l[0]\nb@2:1 = var.m[\"k\"][var.i]\nc@3:1 = var.l[\n  1\n]\n"},
    {"Index Operator (legacy)", "a = var.l.0.id\n", "a@1:1 = var.l.0.id\n"},
    {"Attribute Access Operator", "a = var.a.b\n", "a@1:1 = var.a.b\n"},
    {"Splat Operators", "a = var.l.*.id\nb = var.l[*].id[0]\nc = aws_instance.x.*.tags.0\n",
     "a@1:1 = var.l.*.id\nb@2:1 = var.l[*].id[0]\nc@3:1 = aws_instance.x.*.tags.0\n"},
    {"Operations",
     "a = 1 + 2 * 3 - 4 / 5 % 6\nb = !var.x && var.y || var.z\nc = var.a == 1 != false\n"
     "d = 1 < 2 && 2 <= 3 && 3 > 2 && 3 >= 2\ne = -var.x\nf = - - 1\n",
     "a@1:1 = 1 + 2 * 3 - 4 / 5 % 6\nb@2:1 = !var.x && var.y || var.z\nc@3:1 = var.a == 1 != false\n"
     "d@4:1 = 1 < 2 && 2 <= 3 && 3 > 2 && 3 >= 2\ne@5:1 = -var.x\nf@6:1 = - - 1\n"},
    {"Conditional Operator", "a = var.x ? 1 : var.y ? 2 : 3\nb = (var.x\n  ? 1\n  : 2)\n",
     "a@1:1 = var.x ? 1 : var.y ? 2 : 3\nb@2:1 = (var.x\n  ? 1\n  : 2)\n"},
    {"Expression Terms (parentheses)", "a = (\n  1 +\n  2\n)\n", "a@1:1 = (\n  1 +\n  2\n)\n"},
};

TEST(HclSpec, EveryConstructIsRead) {
  for (const SpecCase& c : kSpecCases) EXPECT_EQ(parsed(c.text), c.want) << c.section;
}

TEST(HclSpec, ObjectKeysLiteralOrExpression) {
  auto f = parse_hcl("t.tf", "a = { 80 = \"HTTP\", k = 1, \"q\" = 2, (var.k) = 3, var.j: 4, \"${x}\" = 5 }\n");
  ASSERT_TRUE(f) << f.error().message();
  const Expr& o = f->body.attributes[0].value;
  ASSERT_EQ(o.members.size(), 6u);
  std::string flags;
  for (const ObjectItem& m : o.members) flags += m.key + (m.key_expr ? ":expr " : ":name ");
  EXPECT_EQ(flags, "80:name k:name q:name (var.k):expr var.j:expr ${x}:expr ");
  ASSERT_NE(o.member("80"), nullptr);
  EXPECT_EQ(to_string(*o.member("80")), "\"HTTP\"");
  EXPECT_EQ(o.member("var.j"), nullptr);  // a key expression names no attribute before evaluation
}

TEST(HclSpec, AttributeRedefined) {
  EXPECT_EQ(parsed("r \"a\" \"b\" {\n  tags = { c = \"x\" }\n  tags = { c = \"y\" }\n}\n"),
            "ERROR t.tf:3:3: expected each argument set only once in a body, found \"tags\" again (first set at "
            "t.tf:2:3)");
  EXPECT_EQ(
      parsed("a = 1\na = 1\n"),
      "ERROR t.tf:2:1: expected each argument set only once in a body, found \"a\" again (first set at t.tf:1:1)");
  EXPECT_EQ(
      parsed("r {\n  tags = {}\n  tags {\n  }\n}\n"),
      "ERROR t.tf:3:3: expected an argument or blocks named \"tags\", not both, found block \"tags\" (argument at "
      "t.tf:2:3)");
  EXPECT_EQ(
      parsed("tags {}\ntags = 1\n"),
      "ERROR t.tf:2:1: expected an argument or blocks named \"tags\", not both, found argument \"tags\" (block at "
      "t.tf:1:1)");
  // Blocks of one type may repeat, and the same name may be used again in another body.
  EXPECT_EQ(parsed("b {}\nb {}\nc { b = 1 }\n"), "b@1:1 {\n}\nb@2:1 {\n}\nc@3:1 {\n  b@3:5 = 1\n}\n");
}

TEST(HclSpec, Errors) {
  EXPECT_EQ(parsed("a = { = 1 }\n"), "ERROR t.tf:1:7: expected an expression, found '='");
  EXPECT_EQ(parsed("a = { 8x = 1 }\n"), "ERROR t.tf:1:8: expected '=' or ':' after the object key \"8\", found \"x\"");
  EXPECT_EQ(parsed("a = {\n  b\n}\n"),
            "ERROR t.tf:2:4: expected '=' or ':' after the object key \"b\", found a line break");
  EXPECT_EQ(parsed("a = { b = 1 c = 2 }\n"),
            "ERROR t.tf:1:13: expected ',', a line break or '}' closing the object opened at 1:5, found \"c\"");
  EXPECT_EQ(parsed("a = f(1 2)\n"),
            "ERROR t.tf:1:9: expected ',' or ')' closing the function call opened at 1:6, found '2'");
  EXPECT_EQ(parsed("a = f(\n"),
            "ERROR t.tf:1:6: expected ')' closing the function call opened here, found the end of the file");
  EXPECT_EQ(parsed("a = 1 +\n2\n"), "ERROR t.tf:1:8: expected an expression, found a line break");
  EXPECT_EQ(parsed("a = b ? c\n"),
            "ERROR t.tf:1:10: expected ':' and the false result of the conditional at 1:7, found a line break");
  EXPECT_EQ(parsed("a = b.0.1\n"),
            "ERROR t.tf:1:6: expected one legacy index such as .0 (chained, they read as a number: use [0][1]), found "
            "\".0.1\"");
  EXPECT_EQ(parsed("a = b.*.*\n"),
            "ERROR t.tf:1:9: expected an attribute name (a splat cannot be nested in an attribute-only splat), found "
            "'*'");
  EXPECT_EQ(parsed("a = b.\n"),
            "ERROR t.tf:1:7: expected an attribute name, an index or '*' after '.', found a line break");
  EXPECT_EQ(parsed("a = [for x y : x]\n"),
            "ERROR t.tf:1:12: expected \"in\" after the variables of the for expression, found \"y\"");
  EXPECT_EQ(parsed("a = {for k, v in m : k}\n"),
            "ERROR t.tf:1:23: expected '=>' and the value of the object for expression at 1:5, found '}'");
  EXPECT_EQ(parsed("a = \"%{ if x }y\"\n"),
            "ERROR t.tf:1:6: expected %{endif} closing the %{if} opened here, found the end of the string");
  EXPECT_EQ(parsed("a = \"%{ for x in y }${x}%{ endif }\"\n"),
            "ERROR t.tf:1:25: expected %{endfor} closing the %{for} opened at 1:6, found %{endif}");
  EXPECT_EQ(parsed("a = \"x%{ endif }\"\n"),
            "ERROR t.tf:1:7: expected a template directive if or for before its end, found %{endif}");
  EXPECT_EQ(parsed("a = \"%{ while x }\"\n"),
            "ERROR t.tf:1:9: expected a template directive: if, else, endif, for or endfor, found \"while\"");
  EXPECT_EQ(parsed("a = <<EOT\n%{ if x }\nEOT\n"),
            "ERROR t.tf:2:1: expected %{endif} closing the %{if} opened here, found the heredoc end marker");
  EXPECT_EQ(parsed("a = provider::\n"), "ERROR t.tf:1:15: expected a function name after '::', found a line break");
  EXPECT_EQ(parsed("a = x::y\n"),
            "ERROR t.tf:1:9: expected '(' and the arguments of the function x::y, found a line break");
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
