#include "cleannet/cloud/hcl.h"

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "cleannet/core/text.h"

namespace cleannet::cloud::hcl {

const Expr* Expr::member(std::string_view key) const {
  if (kind != Kind::kObject) return nullptr;
  for (const ObjectItem& m : members)
    if (!m.key_expr && m.key == key) return m.value.get();
  return nullptr;
}

const Attribute* Body::attribute(std::string_view name) const {
  for (const Attribute& a : attributes)
    if (a.name == name) return &a;
  return nullptr;
}

namespace {

using core::append_utf8;

// Thrown inside the parser only and turned into the Result at parse_hcl(): the grammar is
// recursive and the first error ends the parse, so unwinding is the simplest correct path.
struct ParseError {
  core::Error error;
};

bool is_id_start(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80; }
bool is_id_char(unsigned char c) { return is_id_start(c) || (c >= '0' && c <= '9') || c == '-'; }
bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

class Parser {
 public:
  Parser(const std::string& name, std::string_view text) : name_(name), t_(text) {}

  Body parse_file() { return parse_body(0, nullptr); }

 private:
  struct Mark {
    size_t i;
    uint32_t line, column;
  };

  bool eof() const { return i_ >= t_.size(); }
  unsigned char peek(size_t ahead = 0) const {
    return i_ + ahead < t_.size() ? static_cast<unsigned char>(t_[i_ + ahead]) : 0;
  }
  bool at(char c) const { return !eof() && t_[i_] == c; }
  uint32_t col() const { return static_cast<uint32_t>(i_ - line_start_ + 1); }
  Mark mark() const { return {i_, line_, col()}; }
  void advance() {
    if (t_[i_] == '\n') {
      ++line_;
      line_start_ = i_ + 1;
    }
    ++i_;
  }

  [[noreturn]] void fail(const Mark& m, std::string expected, std::string found) const {
    throw ParseError{core::Error(core::SourcePos(name_, m.line, m.column), std::move(expected), std::move(found))};
  }
  [[noreturn]] void fail_here(std::string expected) const { fail(mark(), std::move(expected), found_here()); }

  std::string found_here() const {
    if (eof()) return "the end of the file";
    unsigned char c = peek();
    if (c == '\n' || c == '\r') return "a line break";
    if (is_id_start(c) && c < 0x80) {
      size_t j = i_;
      while (j < t_.size() && is_id_char(static_cast<unsigned char>(t_[j])) && j - i_ < 40) ++j;
      return "\"" + std::string(t_.substr(i_, j - i_)) + "\"";
    }
    if (c < 0x20 || c >= 0x7F) return core::quote_found(t_.substr(i_, 1));
    return std::string("'") + static_cast<char>(c) + "'";
  }

  void check_depth(int depth) const {
    if (depth > kMaxDepth)
      fail_here("blocks and expressions nested at most " + std::to_string(kMaxDepth) + " levels deep");
  }

  // Spaces, tabs, carriage returns and comments; line breaks too when `newlines`.
  // A line comment ends before its line break, which still ends the attribute.
  void skip_space(bool newlines) {
    while (!eof()) {
      unsigned char c = peek();
      if (c == ' ' || c == '\t' || c == '\r' || (newlines && c == '\n')) {
        advance();
      } else if (c == '#' || (c == '/' && peek(1) == '/')) {
        while (!eof() && peek() != '\n') advance();
      } else if (c == '/' && peek(1) == '*') {
        Mark m = mark();
        advance();
        advance();
        while (!eof() && !(peek() == '*' && peek(1) == '/')) advance();
        if (eof()) fail(m, "\"*/\" closing the comment opened here", "the end of the file");
        advance();
        advance();
      } else {
        break;
      }
    }
  }

  std::string ident() {
    size_t s = i_;
    while (!eof() && is_id_char(peek())) advance();
    return std::string(t_.substr(s, i_ - s));
  }

  // After an attribute or a block: the line must end (HCL spec: one item per line).
  void expect_line_end() {
    skip_space(false);
    if (eof()) return;
    if (at('\n')) {
      advance();
      return;
    }
    fail_here("a line break after the attribute or block");
  }

  // Spec "Attribute Definitions": "Each distinct attribute name may be defined no more than
  // once within a single body" (Terraform: "Attribute redefined"); a block type that is also
  // an attribute name in the same body fits no schema (HCL information model: a body's names
  // are either attributes or block types).
  struct Names {
    std::map<std::string, Mark, std::less<>> attributes, blocks;
  };
  void define_attribute(Names& names, const std::string& name, const Mark& m) const {
    if (auto it = names.attributes.find(name); it != names.attributes.end())
      fail(m, "each argument set only once in a body",
           "\"" + name + "\" again (first set at " + where(it->second) + ")");
    if (auto it = names.blocks.find(name); it != names.blocks.end())
      fail(m, "an argument or blocks named \"" + name + "\", not both",
           "argument \"" + name + "\" (block at " + where(it->second) + ")");
    names.attributes.emplace(name, m);
  }
  void define_block(Names& names, const std::string& type, const Mark& m) const {
    if (auto it = names.attributes.find(type); it != names.attributes.end())
      fail(m, "an argument or blocks named \"" + type + "\", not both",
           "block \"" + type + "\" (argument at " + where(it->second) + ")");
    names.blocks.emplace(type, m);
  }
  std::string where(const Mark& m) const { return core::SourcePos(name_, m.line, m.column).to_string(); }

  // Spec "Structural Elements": Body = (Attribute | Block | OneLineBlock)*.
  Body parse_body(int depth, const Mark* open) {
    check_depth(depth);
    Body body;
    Names names;
    for (;;) {
      skip_space(true);
      if (eof()) {
        if (open) fail(*open, "'}' closing the block opened here", "the end of the file");
        return body;
      }
      if (open && at('}')) {
        advance();
        return body;
      }
      Mark m = mark();
      if (!is_id_start(peek())) fail_here("an attribute name or a block type");
      std::string name = ident();
      skip_space(false);
      if (at('=') && peek(1) != '=') {
        advance();
        define_attribute(names, name, m);
        Attribute a;
        a.name = std::move(name);
        a.line = m.line;
        a.column = m.column;
        a.value = parse_expression(depth + 1, false);
        body.attributes.push_back(std::move(a));
        skip_space(false);
        if (!eof() && !at('\n')) fail_here("an operator or the end of the expression");
        continue;
      }
      define_block(names, name, m);
      Block b;
      b.type = std::move(name);
      b.line = m.line;
      b.column = m.column;
      for (;;) {
        skip_space(false);
        if (at('"')) {  // StringLit: a quoted template without template sequences
          Mark lm = mark();
          Expr s = parse_string(depth + 1);
          if (s.templated) fail(lm, "a block label without template sequences", "\"" + s.text + "\"");
          b.labels.push_back(std::move(s.text));
        } else if (!eof() && is_id_start(peek())) {
          b.labels.push_back(ident());
        } else {
          break;
        }
      }
      if (!at('{'))
        fail_here(b.labels.empty() ? "'=' or a block label or '{' after \"" + b.type + "\"" : "'{' opening the block");
      Mark om = mark();
      advance();
      skip_space(false);
      if (at('\n') || eof()) {
        b.body = parse_body(depth + 1, &om);
      } else if (at('}')) {
        advance();
      } else {
        // OneLineBlock: at most one attribute, `b { a = 1 }`.
        Mark am = mark();
        if (!is_id_start(peek())) fail_here("an attribute name or '}'");
        Attribute a;
        a.name = ident();
        a.line = am.line;
        a.column = am.column;
        skip_space(false);
        if (!at('=') || peek(1) == '=') fail_here("'=' after \"" + a.name + "\"");
        advance();
        a.value = parse_expression(depth + 1, false);
        b.body.attributes.push_back(std::move(a));
        skip_space(false);
        if (!at('}')) {
          if (eof()) fail(om, "'}' closing the block opened here", "the end of the file");
          fail_here("'}' closing the one-line block");
        }
        advance();
      }
      body.blocks.push_back(std::move(b));
      expect_line_end();
    }
  }

  // The source text from `start` to here, as an expression kept as written.
  Expr raw_from(const Mark& start) const {
    Expr e;
    e.kind = Expr::Kind::kRaw;
    e.text = std::string(t_.substr(start.i, i_ - start.i));
    e.line = start.line;
    e.column = start.column;
    return e;
  }

  bool at_keyword(std::string_view k, size_t ahead = 0) const {
    return t_.substr(i_ + ahead, k.size()) == k &&
           (i_ + ahead + k.size() >= t_.size() || !is_id_char(static_cast<unsigned char>(t_[i_ + ahead + k.size()])));
  }
  std::string open_at(const Mark& m) const { return std::to_string(m.line) + ":" + std::to_string(m.column); }

  // Spec "Expressions": Expression = ExprTerm | Operation | Conditional. `nl`: line breaks
  // are white space, as between the delimiters of parentheses, tuples, function arguments,
  // index brackets, for expressions and template sequences; elsewhere (an attribute's value,
  // an object element) a line break ends the expression.
  Expr parse_expression(int depth, bool nl) {
    check_depth(depth);
    skip_space(nl);
    Mark start = mark();
    Expr e = parse_binary(depth, nl);
    if (space_then('?', nl)) {  // "Conditional Operator": Expression "?" Expression ":" Expression
      Mark q = mark();
      advance();
      parse_expression(depth + 1, nl);
      skip_space(nl);
      if (!at(':')) fail_here("':' and the false result of the conditional at " + open_at(q));
      advance();
      parse_expression(depth + 1, nl);
      return raw_from(start);
    }
    return e;
  }

  // "Operations": binaryOp = ExprTerm binaryOperator ExprTerm. The precedence levels decide
  // the tree, not what is accepted, and operations are kept as source text.
  size_t binary_operator_here() const {
    unsigned char c = peek(), d = peek(1);
    if ((c == '=' || c == '!' || c == '<' || c == '>') && d == '=') return 2;
    if ((c == '&' && d == '&') || (c == '|' && d == '|')) return 2;
    if (c == '<' && d == '<') return 0;  // a heredoc, which cannot follow an operand
    if (c == '+' || c == '-' || c == '*' || c == '/' || c == '%' || c == '<' || c == '>') return 1;
    return 0;
  }

  Expr parse_binary(int depth, bool nl) {
    Mark start = mark();
    Expr e = parse_unary(depth, nl);
    bool operation = false;
    for (;;) {
      Mark before = mark();
      skip_space(nl);
      size_t n = eof() ? 0 : binary_operator_here();
      if (n == 0) {
        restore(before);  // the expression ends before the space and comments
        break;
      }
      for (size_t k = 0; k < n; ++k) advance();
      parse_unary(depth, nl);
      operation = true;
    }
    return operation ? raw_from(start) : e;
  }

  // unaryOp = ("-" | "!") ExprTerm; the operand is a term with its traversals (hclsyntax:
  // -46+5 is (-46)+5).
  Expr parse_unary(int depth, bool nl) {
    check_depth(depth);
    skip_space(nl);
    if (at('-') || at('!')) {
      Mark start = mark();
      advance();
      parse_unary(depth + 1, nl);
      return raw_from(start);
    }
    return parse_postfix(depth, nl);
  }

  // ExprTerm followed by Index, GetAttr, legacy index `.0` and Splat operators.
  Expr parse_postfix(int depth, bool nl) {
    Mark start = mark();
    Expr e = parse_primary(depth, nl);
    bool traversed = false;
    bool attr_splat = false;  // after `.*` only attribute and legacy index steps
    for (;;) {
      Mark before = mark();
      skip_space(nl);
      if (at('.') && peek(1) != '.') {
        Mark dot = mark();
        advance();
        skip_space(nl);
        if (!eof() && is_digit(peek())) {  // LegacyIndex = '.' digit+
          while (!eof() && is_digit(peek())) advance();
          if (at('.') && is_digit(peek(1)))
            fail(dot, "one legacy index such as .0 (chained, they read as a number: use [0][1])",
                 core::quote_found(t_.substr(dot.i, i_ + 2 - dot.i)));
        } else if (at('*')) {  // attrSplat = "." "*" GetAttr*
          if (attr_splat) fail_here("an attribute name (a splat cannot be nested in an attribute-only splat)");
          advance();
          attr_splat = true;
        } else if (!eof() && is_id_start(peek())) {  // GetAttr = "." Identifier
          ident();
        } else {
          fail_here("an attribute name, an index or '*' after '.'");
        }
        traversed = true;
      } else if (at('[')) {
        Mark open = mark();
        advance();
        skip_space(true);
        attr_splat = false;
        if (at('*')) {  // fullSplat = "[" "*" "]" (GetAttr | Index)*
          advance();
          skip_space(true);
          if (!at(']')) fail_here("']' closing the splat [*] opened at " + open_at(open));
        } else {  // Index = "[" Expression "]"
          parse_expression(depth + 1, true);
          skip_space(true);
          if (!at(']')) {
            if (eof()) fail(open, "']' closing the index opened here", "the end of the file");
            fail_here("']' closing the index opened at " + open_at(open));
          }
        }
        advance();
        traversed = true;
      } else {
        restore(before);  // the expression ends before the space and comments
        break;
      }
    }
    return traversed ? raw_from(start) : e;
  }

  Expr parse_primary(int depth, bool nl) {
    check_depth(depth);
    Mark m = mark();
    if (eof()) fail_here("an expression");
    unsigned char c = peek();
    Expr e;
    e.line = m.line;
    e.column = m.column;
    if (c == '"') return parse_string(depth);
    if (c == '<' && peek(1) == '<') return parse_heredoc(depth);
    if (is_digit(c)) {  // NumericLit = decimal+ ("." decimal+)? (expmark decimal+)?
      while (!eof() && is_digit(peek())) advance();
      if (at('.') && is_digit(peek(1))) {
        advance();
        while (!eof() && is_digit(peek())) advance();
      }
      if ((at('e') || at('E')) && (is_digit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && is_digit(peek(2))))) {
        advance();
        if (at('+') || at('-')) advance();
        while (!eof() && is_digit(peek())) advance();
      }
      e.kind = Expr::Kind::kNumber;
      e.text = std::string(t_.substr(m.i, i_ - m.i));
      return e;
    }
    if (is_id_start(c)) {
      e.text = ident();
      Mark after = mark();
      skip_space(nl);
      if (at(':') && peek(1) == ':') {  // a namespaced function: provider::aws::arn_parse()
        while (at(':') && peek(1) == ':') {
          advance();
          advance();
          if (eof() || !is_id_start(peek())) fail_here("a function name after '::'");
          ident();
        }
        skip_space(nl);
        if (!at('(')) fail_here("'(' and the arguments of the function " + std::string(t_.substr(m.i, i_ - m.i)));
      }
      if (at('(')) return parse_call(depth, m);
      restore(after);
      if (e.text == "true" || e.text == "false") {
        e.kind = Expr::Kind::kBool;
      } else if (e.text == "null") {
        e.kind = Expr::Kind::kNull;
      } else {
        e.kind = Expr::Kind::kRaw;  // VariableExpr
      }
      return e;
    }
    if (c == '[') return parse_tuple(depth);
    if (c == '{') return parse_object(depth);
    if (c == '(') {  // "(" Expression ")", line breaks inside are white space
      advance();
      parse_expression(depth + 1, true);
      skip_space(true);
      if (!at(')')) {
        if (eof()) fail(m, "')' closing the parenthesis opened here", "the end of the file");
        fail_here("')' closing the parenthesis opened at " + open_at(m));
      }
      advance();
      return raw_from(m);
    }
    fail_here("an expression");
  }

  // Spec "Functions and Function Calls": FunctionCall = Identifier "(" Arguments ")";
  // Arguments = () | Expression ("," Expression)* ("," | "...")?; line breaks are white space.
  Expr parse_call(int depth, const Mark& start) {
    Mark open = mark();
    advance();
    skip_space(true);
    while (!at(')')) {
      if (eof()) fail(open, "')' closing the function call opened here", "the end of the file");
      parse_expression(depth + 1, true);
      skip_space(true);
      if (at('.') && peek(1) == '.' && peek(2) == '.') {  // expansion of the final argument
        advance();
        advance();
        advance();
        skip_space(true);
        if (!at(')')) fail_here("')' after the expanded final argument '...'");
        break;
      }
      if (at(',')) {
        advance();
        skip_space(true);
        continue;
      }
      if (eof()) fail(open, "')' closing the function call opened here", "the end of the file");
      if (!at(')')) fail_here("',' or ')' closing the function call opened at " + open_at(open));
    }
    advance();
    return raw_from(start);
  }

  // Spec "For Expressions": forIntro = "for" Identifier ("," Identifier)? "in" Expression ":";
  // tuple: "[" forIntro Expression forCond? "]", object: "{" forIntro Expression "=>"
  // Expression "..."? forCond? "}"; line breaks are white space.
  Expr parse_for(int depth, const Mark& open, char close) {
    parse_for_intro(depth, "the for expression");
    skip_space(true);
    if (!at(':')) fail_here("':' after the collection of the for expression at " + open_at(open));
    advance();
    parse_expression(depth + 1, true);
    skip_space(true);
    if (close == '}') {
      if (!(at('=') && peek(1) == '>'))
        fail_here("'=>' and the value of the object for expression at " + open_at(open));
      advance();
      advance();
      parse_expression(depth + 1, true);
      skip_space(true);
      if (at('.') && peek(1) == '.' && peek(2) == '.') {  // grouping mode
        advance();
        advance();
        advance();
        skip_space(true);
      }
    }
    if (at_keyword("if")) {  // forCond = "if" Expression
      advance();
      advance();
      parse_expression(depth + 1, true);
      skip_space(true);
    }
    if (!at(close)) {
      if (eof())
        fail(open, std::string("'") + close + "' closing the for expression opened here", "the end of the file");
      fail_here(std::string("'") + close + "' closing the for expression opened at " + open_at(open));
    }
    advance();
    return raw_from(open);
  }

  // "for" Identifier ("," Identifier)? "in" Expression, of a for expression or a %{for}
  // directive; line breaks are white space.
  void parse_for_intro(int depth, const std::string& what) {
    for (int k = 0; k < 3; ++k) advance();
    skip_space(true);
    if (eof() || !is_id_start(peek())) fail_here("a variable name after \"for\" in " + what);
    ident();
    skip_space(true);
    if (at(',')) {
      advance();
      skip_space(true);
      if (eof() || !is_id_start(peek())) fail_here("a second variable name after ',' in " + what);
      ident();
      skip_space(true);
    }
    if (!at_keyword("in")) fail_here("\"in\" after the variables of " + what);
    advance();
    advance();
    parse_expression(depth + 1, true);
  }

  // tuple = "[" (Expression ("," Expression)* ","?)? "]"; line breaks are white space.
  Expr parse_tuple(int depth) {
    Mark m = mark();
    advance();
    skip_space(true);
    if (at_keyword("for")) return parse_for(depth + 1, m, ']');
    Expr e;
    e.kind = Expr::Kind::kTuple;
    e.line = m.line;
    e.column = m.column;
    for (;;) {
      skip_space(true);
      if (eof()) fail(m, "']' closing the tuple opened here", "the end of the file");
      if (at(']')) break;
      e.items.push_back(parse_expression(depth + 1, true));
      skip_space(true);
      if (at(',')) {
        advance();
      } else if (!at(']')) {
        if (eof()) fail(m, "']' closing the tuple opened here", "the end of the file");
        fail_here("',' or ']' closing the tuple opened at " + open_at(m));
      }
    }
    advance();
    return e;
  }

  // object = "{" (objectelem (("," | Newline) objectelem)* ","?)? "}";
  // objectelem = (Identifier | Expression) ("=" | ":") Expression. Elements are separated by
  // commas or line breaks (hclsyntax), so a line break ends an element's key and value. An
  // identifier key is a literal name, any other expression is evaluated ("Collection
  // Values": `{(foo) = "baz"}` takes the name from the variable foo).
  Expr parse_object(int depth) {
    Mark m = mark();
    advance();
    skip_space(true);
    if (at_keyword("for")) return parse_for(depth + 1, m, '}');
    Expr e;
    e.kind = Expr::Kind::kObject;
    e.line = m.line;
    e.column = m.column;
    for (;;) {
      skip_space(true);
      if (eof()) fail(m, "'}' closing the object opened here", "the end of the file");
      if (at('}')) break;
      ObjectItem item;
      Mark km = mark();
      item.line = km.line;
      item.column = km.column;
      Expr key = parse_expression(depth + 1, false);
      bool bare_name = key.kind == Expr::Kind::kRaw && !key.text.empty() &&
                       std::all_of(key.text.begin(), key.text.end(),
                                   [](char c) { return is_id_char(static_cast<unsigned char>(c)); });
      item.key_expr = !(bare_name || key.kind == Expr::Kind::kNumber || key.kind == Expr::Kind::kBool ||
                        key.kind == Expr::Kind::kNull || key.is_literal_string());
      item.key = std::move(key.text);
      skip_space(false);
      if (!(at('=') && peek(1) != '=' && peek(1) != '>') && !at(':'))
        fail_here("'=' or ':' after the object key " + core::quote_found(item.key));
      advance();
      item.value = std::make_shared<Expr>(parse_expression(depth + 1, false));
      e.members.push_back(std::move(item));
      skip_space(false);
      if (at(',') || at('\n'))
        advance();
      else if (!at('}'))
        fail_here(eof() ? "'}' closing the object opened at " + open_at(m)
                        : "',', a line break or '}' closing the object opened at " + open_at(m));
    }
    advance();
    return e;
  }

  // A quoted template ("Template Expressions"): escapes decoded, template sequences copied
  // as written after checking them.
  Expr parse_string(int depth) {
    check_depth(depth);
    Mark m = mark();
    advance();
    Expr e;
    e.kind = Expr::Kind::kString;
    e.line = m.line;
    e.column = m.column;
    std::vector<Directive> open;
    for (;;) {
      if (eof()) fail(m, "'\"' closing the string opened here", "the end of the file");
      unsigned char c = peek();
      if (c == '\n') fail(m, "'\"' closing the string opened here, on the same line", "a line break");
      if (c == '"') {
        close_directives(open, "the end of the string");
        advance();
        return e;
      }
      if (c == '\\') {
        parse_escape(m, e.text);
        continue;
      }
      if (template_part(depth, e, open)) continue;
      e.text += static_cast<char>(c);
      advance();
    }
  }

  void parse_escape(const Mark& m, std::string& out) {
    Mark em = mark();
    advance();
    if (eof()) fail(m, "'\"' closing the string opened here", "the end of the file");
    unsigned char x = peek();
    advance();
    switch (x) {
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case 'u':
      case 'U': {
        size_t n = x == 'u' ? 4 : 8;
        uint32_t cp = 0;
        for (size_t k = 0; k < n; ++k) {
          unsigned char h = peek();
          int v = is_digit(h)              ? h - '0'
                  : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                  : (h >= 'A' && h <= 'F') ? h - 'A' + 10
                                           : -1;
          if (v < 0 || eof())
            fail(em, std::to_string(n) + " hexadecimal digits after \\" + static_cast<char>(x), found_here());
          cp = cp * 16 + static_cast<uint32_t>(v);
          advance();
        }
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
          fail(em, "a Unicode scalar value", std::string(t_.substr(em.i, i_ - em.i)));
        append_utf8(out, cp);
        break;
      }
      default:
        fail(em, "an escape sequence \\n, \\r, \\t, \\\", \\\\, \\uNNNN or \\UNNNNNNNN",
             core::quote_found(t_.substr(em.i, 2)));
    }
  }

  // A directive that needs its end: %{if} (with at most one %{else}) or %{for}.
  struct Directive {
    bool is_for = false, had_else = false;
    Mark at;
  };

  void close_directives(const std::vector<Directive>& open, const char* found) const {
    if (open.empty()) return;
    const Directive& d = open.back();
    fail(d.at, d.is_for ? "%{endfor} closing the %{for} opened here" : "%{endif} closing the %{if} opened here", found);
  }

  // At a template sequence ("Template Literals", "Template Interpolations", "Template If
  // Directive", "Template For Directive"): `$${` and `%%{` are the literal `${` and `%{`;
  // `${ Expression }` and `%{ if/else/endif/for/endfor }`, each with optional strip markers
  // `~` after the opening and before the closing brace. Returns false elsewhere.
  bool template_part(int depth, Expr& e, std::vector<Directive>& open) {
    unsigned char c = peek();
    if ((c != '$' && c != '%')) return false;
    if (peek(1) == c && peek(2) == '{') {
      e.text += static_cast<char>(c);
      e.text += '{';
      advance();
      advance();
      advance();
      return true;
    }
    if (peek(1) != '{') return false;
    Mark m = mark();
    advance();
    advance();
    if (at('~')) advance();
    if (c == '$') {
      parse_expression(depth + 1, true);
    } else {
      skip_space(true);
      if (at_keyword("if")) {
        advance();
        advance();
        parse_expression(depth + 1, true);
        if (open.size() >= static_cast<size_t>(kMaxDepth))
          fail(m, "template directives nested at most " + std::to_string(kMaxDepth) + " levels deep", "%{if}");
        open.push_back({false, false, m});
      } else if (at_keyword("for")) {
        parse_for_intro(depth, "%{for}");
        if (open.size() >= static_cast<size_t>(kMaxDepth))
          fail(m, "template directives nested at most " + std::to_string(kMaxDepth) + " levels deep", "%{for}");
        open.push_back({true, false, m});
      } else if (at_keyword("else")) {
        if (open.empty() || open.back().is_for || open.back().had_else)
          fail(m, "%{else} only once inside %{if} ... %{endif}", "%{else}");
        for (int k = 0; k < 4; ++k) advance();
        open.back().had_else = true;
      } else if (at_keyword("endif") || at_keyword("endfor")) {
        bool is_for = at_keyword("endfor");
        if (open.empty() || open.back().is_for != is_for)
          fail(m,
               open.empty() ? std::string("a template directive if or for before its end")
                            : std::string(open.back().is_for ? "%{endfor}" : "%{endif}") + " closing the " +
                                  (open.back().is_for ? "%{for}" : "%{if}") + " opened at " + open_at(open.back().at),
               is_for ? "%{endfor}" : "%{endif}");
        for (int k = 0; k < (is_for ? 6 : 5); ++k) advance();
        open.pop_back();
      } else {
        fail_here("a template directive: if, else, endif, for or endfor");
      }
    }
    skip_space(true);
    if (at('~')) advance();
    if (!at('}')) {
      if (at('"')) fail(m, "'}' closing the template sequence opened here", "the string's closing '\"' first");
      if (eof()) fail(m, "'}' closing the template sequence opened here", "the end of the file");
      fail_here("'}' closing the template sequence opened at " + open_at(m));
    }
    advance();
    e.text += t_.substr(m.i, i_ - m.i);
    e.templated = true;
    return true;
  }

  // heredocTemplate = ("<<" | "<<-") Identifier Newline (content) Identifier Newline. The
  // content is a template; a line holding only the marker (after white space) ends it. With
  // `<<-` the smallest indentation of the lines is removed.
  Expr parse_heredoc(int depth) {
    Mark m = mark();
    advance();
    advance();
    bool indented = false;
    if (at('-')) {
      indented = true;
      advance();
    }
    if (eof() || !is_id_start(peek())) fail_here("a heredoc marker such as <<EOF or <<-EOF");
    std::string marker = ident();
    while (at(' ') || at('\t') || at('\r')) advance();
    if (!at('\n')) fail_here("a line break after the heredoc marker " + marker);
    advance();
    Expr e;
    e.kind = Expr::Kind::kString;
    e.line = m.line;
    e.column = m.column;
    std::vector<std::string> lines;
    std::vector<Directive> open;
    for (;;) {
      if (eof()) fail(m, "the heredoc end marker \"" + marker + "\" on a line of its own", "the end of the file");
      size_t nl_at = t_.find('\n', i_);
      std::string_view ln = t_.substr(i_, nl_at == std::string_view::npos ? std::string_view::npos : nl_at - i_);
      while (!ln.empty() && (ln.front() == ' ' || ln.front() == '\t')) ln.remove_prefix(1);
      while (!ln.empty() && (ln.back() == ' ' || ln.back() == '\t' || ln.back() == '\r')) ln.remove_suffix(1);
      if (ln == marker) {  // the end marker's line break ends the attribute
        close_directives(open, "the heredoc end marker");
        while (!eof() && peek() != '\n') advance();
        break;
      }
      Expr line;
      while (!eof() && peek() != '\n') {
        if (template_part(depth, line, open)) continue;
        line.text += static_cast<char>(peek());
        advance();
      }
      if (line.templated) e.templated = true;
      if (!line.text.empty() && line.text.back() == '\r') line.text.pop_back();
      lines.push_back(std::move(line.text));
      if (eof()) fail(m, "the heredoc end marker \"" + marker + "\" on a line of its own", "the end of the file");
      advance();
    }
    size_t strip = 0;
    if (indented) {  // <<-: remove the smallest indentation of the non-blank lines
      strip = std::string::npos;
      for (const std::string& ln : lines) {
        size_t k = ln.find_first_not_of(" \t");
        if (k != std::string::npos) strip = std::min(strip, k);
      }
      if (strip == std::string::npos) strip = 0;
    }
    for (const std::string& ln : lines) {
      if (ln.size() > strip) e.text.append(ln, strip);
      e.text += '\n';
    }
    return e;
  }

  // After white space (and line breaks when `nl`), is `c` next? If so the space is skipped,
  // else left for the caller, so that an expression's text ends at its last token.
  bool space_then(char c, bool nl) {
    Mark before = mark();
    skip_space(nl);
    if (at(c)) return true;
    restore(before);
    return false;
  }

  void restore(const Mark& m) {
    i_ = m.i;
    line_ = m.line;
    line_start_ = m.i - (m.column - 1);
  }

  const std::string& name_;
  std::string_view t_;
  size_t i_ = 0;
  size_t line_start_ = 0;
  uint32_t line_ = 1;
};

void render(const Expr& e, std::string& out) {
  switch (e.kind) {
    case Expr::Kind::kString:
      out += '"';
      for (char c : e.text) {
        if (c == '"' || c == '\\') {
          out += '\\';
          out += c;
        } else if (c == '\n') {
          out += "\\n";
        } else {
          out += c;
        }
      }
      out += '"';
      break;
    case Expr::Kind::kTuple:
      out += '[';
      for (size_t k = 0; k < e.items.size(); ++k) {
        if (k) out += ", ";
        render(e.items[k], out);
      }
      out += ']';
      break;
    case Expr::Kind::kObject:
      out += '{';
      for (size_t k = 0; k < e.members.size(); ++k) {
        out += k ? ", " : "";
        out += e.members[k].key + " = ";
        render(*e.members[k].value, out);
      }
      out += '}';
      break;
    default:
      out += e.text;
  }
}

}  // namespace

core::Result<File> parse_hcl(const std::string& name, std::string_view text) {
  if (text.size() > kMaxFileBytes)
    return core::Error(core::SourcePos(name), "an HCL file of at most " + std::to_string(kMaxFileBytes) + " bytes",
                       std::to_string(text.size()) + " bytes");
  File f;
  f.name = name;
  try {
    Parser p(f.name, text);
    f.body = p.parse_file();
  } catch (const ParseError& e) {
    return e.error;
  }
  return f;
}

std::string to_string(const Expr& e) {
  std::string out;
  render(e, out);
  return out;
}

}  // namespace cleannet::cloud::hcl
