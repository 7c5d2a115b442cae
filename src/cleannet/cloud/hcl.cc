#include "cleannet/cloud/hcl.h"
#include "cleannet/core/text.h"

#include <algorithm>
#include <optional>

namespace cleannet::cloud::hcl {

const Expr* Expr::member(std::string_view key) const {
  if (kind != Kind::kObject) return nullptr;
  for (const ObjectItem& m : members)
    if (m.key == key) return m.value.get();
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

  Body parse_body(int depth, const Mark* open) {
    check_depth(depth);
    Body body;
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
        Attribute a;
        a.name = std::move(name);
        a.line = m.line;
        a.column = m.column;
        a.value = parse_expr(depth + 1, "", true);
        body.attributes.push_back(std::move(a));
        expect_line_end();
        continue;
      }
      Block b;
      b.type = std::move(name);
      b.line = m.line;
      b.column = m.column;
      for (;;) {
        skip_space(false);
        if (at('"')) {
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
        // A one-line block holds at most one attribute (HCL spec, "Blocks").
        Mark am = mark();
        if (!is_id_start(peek())) fail_here("an attribute name or '}'");
        Attribute a;
        a.name = ident();
        a.line = am.line;
        a.column = am.column;
        skip_space(false);
        if (!at('=')) fail_here("'=' after \"" + a.name + "\"");
        advance();
        a.value = parse_expr(depth + 1, "}", true);
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

  // One expression up to a stop character at its own level (or a line break when
  // `newline_stops`). A single literal term keeps its kind; anything else is raw text.
  Expr parse_expr(int depth, std::string_view stops, bool newline_stops, bool loose = false) {
    check_depth(depth);
    skip_space(!newline_stops);
    Mark start = mark();
    size_t end = i_;
    int terms = 0;
    Expr first;
    bool first_is_operator = false;
    bool prev_operand = false;
    static constexpr std::string_view kOperatorStarts = "+-*/%!<>=&|?:.,";
    for (;;) {
      skip_space(!newline_stops);
      if (eof()) break;
      unsigned char c = peek();
      if (stops.find(static_cast<char>(c)) != std::string_view::npos) break;
      if (c == '\n' && newline_stops) break;
      // Two operands in a row are not an expression ("a = 1 b = 2"), except an index or a
      // call after its operand, and the keywords of a for-expression.
      if (prev_operand && !loose && c != '[' && c != '(' &&
          kOperatorStarts.find(static_cast<char>(c)) == std::string_view::npos)
        fail_here("an operator or the end of the expression");
      bool op = false;
      Expr t = parse_term(depth, op);
      if (terms == 0) {
        first = std::move(t);
        first_is_operator = op;
      }
      ++terms;
      prev_operand = !op;
      end = i_;
    }
    if (terms == 0) fail_here("an expression");
    if (terms == 1 && !first_is_operator) return first;
    Expr raw;
    raw.kind = Expr::Kind::kRaw;
    raw.text = std::string(t_.substr(start.i, end - start.i));
    raw.line = start.line;
    raw.column = start.column;
    return raw;
  }

  Expr parse_term(int depth, bool& op) {
    Mark m = mark();
    unsigned char c = peek();
    Expr e;
    e.line = m.line;
    e.column = m.column;
    if (c == '"') return parse_string(depth);
    if (c == '<' && peek(1) == '<') return parse_heredoc();
    if (is_digit(c)) {
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
      if (e.text == "true" || e.text == "false") {
        e.kind = Expr::Kind::kBool;
      } else if (e.text == "null") {
        e.kind = Expr::Kind::kNull;
      } else {
        e.kind = Expr::Kind::kRaw;
      }
      return e;
    }
    if (c == '[') return parse_tuple(depth);
    if (c == '{') return parse_object(depth);
    if (c == '(') {
      advance();
      parse_expr(depth + 1, ")]}", false);
      skip_space(true);
      if (!at(')')) {
        if (eof()) fail(m, "')' closing the parenthesis opened here", "the end of the file");
        fail_here("')'");
      }
      advance();
      e.kind = Expr::Kind::kRaw;
      e.text = std::string(t_.substr(m.i, i_ - m.i));
      return e;
    }
    static constexpr std::string_view kOperators = "+-*/%!<>=&|?:.,";
    if (kOperators.find(static_cast<char>(c)) != std::string_view::npos) {
      advance();
      op = true;
      e.kind = Expr::Kind::kRaw;
      e.text = std::string(1, static_cast<char>(c));
      return e;
    }
    fail_here("an expression");
  }

  bool at_for_keyword() const {
    return t_.substr(i_, 3) == "for" && i_ + 3 < t_.size() && !is_id_char(static_cast<unsigned char>(t_[i_ + 3]));
  }

  Expr parse_tuple(int depth) {
    Mark m = mark();
    advance();
    Expr e;
    e.kind = Expr::Kind::kTuple;
    e.line = m.line;
    e.column = m.column;
    skip_space(true);
    bool for_expr = at_for_keyword();
    for (;;) {
      skip_space(true);
      if (eof()) fail(m, "']' closing the tuple opened here", "the end of the file");
      if (at(']')) break;
      Expr item = parse_expr(depth + 1, for_expr ? "])}" : ",])}", false, for_expr);
      e.items.push_back(std::move(item));
      skip_space(true);
      if (at(',')) {
        advance();
      } else if (!at(']')) {
        if (eof()) fail(m, "']' closing the tuple opened here", "the end of the file");
        fail_here("',' or ']' closing the tuple opened at " + std::to_string(m.line) + ":" + std::to_string(m.column));
      }
    }
    advance();
    if (for_expr) {
      e = Expr{};
      e.kind = Expr::Kind::kRaw;
      e.text = std::string(t_.substr(m.i, i_ - m.i));
      e.line = m.line;
      e.column = m.column;
    }
    return e;
  }

  Expr parse_object(int depth) {
    Mark m = mark();
    advance();
    Expr e;
    e.kind = Expr::Kind::kObject;
    e.line = m.line;
    e.column = m.column;
    skip_space(true);
    if (at_for_keyword()) {
      parse_expr(depth + 1, "}", false, true);
      skip_space(true);
      if (!at('}')) fail(m, "'}' closing the object opened here", "the end of the file");
      advance();
      Expr raw;
      raw.kind = Expr::Kind::kRaw;
      raw.text = std::string(t_.substr(m.i, i_ - m.i));
      raw.line = m.line;
      raw.column = m.column;
      return raw;
    }
    for (;;) {
      skip_space(true);
      if (eof()) fail(m, "'}' closing the object opened here", "the end of the file");
      if (at('}')) break;
      ObjectItem item;
      Mark km = mark();
      item.line = km.line;
      item.column = km.column;
      if (at('"')) {
        item.key = parse_string(depth + 1).text;
      } else if (is_id_start(peek())) {
        item.key = ident();
      } else if (at('(')) {
        bool op = false;
        item.key = parse_term(depth + 1, op).text;
      } else {
        fail_here("an object key");
      }
      skip_space(false);
      if (!at('=') && !at(':')) fail_here("'=' or ':' after the object key \"" + item.key + "\"");
      advance();
      item.value = std::make_shared<Expr>(parse_expr(depth + 1, ",}])", true));
      e.members.push_back(std::move(item));
      skip_space(false);
      if (at(','))
        advance();
      else if (at(']') || at(')'))
        fail_here("',', a line break or '}' closing the object opened at " + std::to_string(m.line) + ":" +
                  std::to_string(m.column));
    }
    advance();
    return e;
  }

  // A quoted template. Template sequences are copied as written, with their nested strings.
  Expr parse_string(int depth) {
    check_depth(depth);
    Mark m = mark();
    advance();
    Expr e;
    e.kind = Expr::Kind::kString;
    e.line = m.line;
    e.column = m.column;
    for (;;) {
      if (eof()) fail(m, "'\"' closing the string opened here", "the end of the file");
      unsigned char c = peek();
      if (c == '\n') fail(m, "'\"' closing the string opened here, on the same line", "a line break");
      if (c == '"') {
        advance();
        return e;
      }
      if (c == '\\') {
        Mark em = mark();
        advance();
        if (eof()) fail(m, "'\"' closing the string opened here", "the end of the file");
        unsigned char x = peek();
        advance();
        switch (x) {
          case 'n':
            e.text += '\n';
            break;
          case 'r':
            e.text += '\r';
            break;
          case 't':
            e.text += '\t';
            break;
          case '"':
            e.text += '"';
            break;
          case '\\':
            e.text += '\\';
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
            append_utf8(e.text, cp);
            break;
          }
          default:
            fail(em, "an escape sequence \\n, \\r, \\t, \\\", \\\\, \\uNNNN or \\UNNNNNNNN",
                 core::quote_found(t_.substr(em.i, 2)));
        }
        continue;
      }
      if ((c == '$' || c == '%') && peek(1) == c && peek(2) == '{') {  // $${ and %%{ are literal
        e.text += static_cast<char>(c);
        e.text += '{';
        advance();
        advance();
        advance();
        continue;
      }
      if ((c == '$' || c == '%') && peek(1) == '{') {
        size_t s = i_;
        skip_template_sequence(depth);
        e.text += t_.substr(s, i_ - s);
        e.templated = true;
        continue;
      }
      e.text += static_cast<char>(c);
      advance();
    }
  }

  // From "${" or "%{" to its matching "}", over nested braces and strings.
  void skip_template_sequence(int depth) {
    check_depth(depth);
    Mark m = mark();
    advance();
    advance();
    int braces = 1;
    while (braces > 0) {
      if (eof()) fail(m, "'}' closing the template sequence opened here", "the end of the file");
      unsigned char c = peek();
      if (c == '"') {
        // A quote whose string does not close on this line ends the outer string: the
        // template sequence was left open ("x-${var.y").
        size_t k = i_ + 1;
        while (k < t_.size() && t_[k] != '"' && t_[k] != '\n') k += t_[k] == '\\' ? 2 : 1;
        if (k >= t_.size() || t_[k] != '"')
          fail(m, "'}' closing the template sequence opened here", "the string's closing '\"' first");
        parse_string(depth + 1);
        continue;
      }
      if (c == '{') ++braces;
      if (c == '}') --braces;
      advance();
    }
  }

  Expr parse_heredoc() {
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
    std::vector<std::string_view> lines;
    for (;;) {
      if (eof()) fail(m, "the heredoc end marker \"" + marker + "\" on a line of its own", "the end of the file");
      size_t s = i_;
      while (!eof() && peek() != '\n') ++i_;  // a line's bytes; the newline is advanced below
      std::string_view ln = t_.substr(s, i_ - s);
      std::string_view trimmed = ln;
      while (!trimmed.empty() && (trimmed.front() == ' ' || trimmed.front() == '\t')) trimmed.remove_prefix(1);
      while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t' || trimmed.back() == '\r'))
        trimmed.remove_suffix(1);
      if (trimmed == marker) break;  // the end marker's line break ends the attribute
      lines.push_back(ln);
      if (eof()) fail(m, "the heredoc end marker \"" + marker + "\" on a line of its own", "the end of the file");
      advance();
    }
    size_t strip = 0;
    if (indented) {  // <<-: remove the smallest indentation of the non-blank lines
      strip = std::string::npos;
      for (std::string_view ln : lines) {
        size_t k = ln.find_first_not_of(" \t");
        if (k != std::string_view::npos) strip = std::min(strip, k);
      }
      if (strip == std::string::npos) strip = 0;
    }
    Expr e;
    e.kind = Expr::Kind::kString;
    e.line = m.line;
    e.column = m.column;
    for (std::string_view ln : lines) {
      std::string_view body = ln.size() >= strip ? ln.substr(strip) : std::string_view();
      if (!body.empty() && body.back() == '\r') body.remove_suffix(1);
      e.text += body;
      e.text += '\n';
    }
    for (size_t k = 0; k + 1 < e.text.size(); ++k) {
      if ((e.text[k] == '$' || e.text[k] == '%') && e.text[k + 1] == '{' && (k == 0 || e.text[k - 1] != e.text[k])) {
        e.templated = true;
        break;
      }
    }
    return e;
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
