// Terraform's JSON configuration syntax (*.tf.json, *.tfvars.json) read into the tree of the
// native syntax, so that a module's .tf and .tf.json files are judged alike.
//
// The mapping is HCL's JSON syntax (hashicorp/hcl, json/spec.md) with Terraform's schema
// of block types (developer.hashicorp.com, "JSON Configuration Syntax"): a top-level
// property names a block type, a nested object for each label follows ("resource" -> type
// -> name), then a body object or an array of body objects; the property "//" of a body is
// a comment; other values are expressions, JSON strings being templates.
#include <map>

#include "cleannet/cloud/terraform.h"
#include "cleannet/core/json.h"

namespace cleannet::cloud {

namespace {

namespace json = core::json;

struct Fail {
  core::Error error;
};

struct BlockType {
  std::string_view parent, type;  // parent "" is the top level
  int labels;
};

// The block types of Terraform's own schema ("Top-level blocks" and the meta-argument
// blocks of resources, the terraform block's settings), with their number of labels.
constexpr BlockType kBlockTypes[] = {
    {"", "resource", 2},
    {"", "data", 2},
    {"", "ephemeral", 2},
    {"", "provider", 1},
    {"", "variable", 1},
    {"", "output", 1},
    {"", "module", 1},
    {"", "check", 1},
    {"", "locals", 0},
    {"", "terraform", 0},
    {"", "moved", 0},
    {"", "import", 0},
    {"", "removed", 0},
    {"terraform", "required_providers", 0},
    {"terraform", "backend", 1},
    {"terraform", "cloud", 0},
    {"terraform", "provider_meta", 1},
    {"resource", "lifecycle", 0},
    {"resource", "connection", 0},
    {"resource", "provisioner", 1},
    {"resource", "dynamic", 1},
    {"data", "lifecycle", 0},
    {"data", "dynamic", 1},
    {"variable", "validation", 0},
    {"provider", "default_tags", 0},
};

const BlockType* block_type(std::string_view parent, std::string_view type) {
  for (const BlockType& b : kBlockTypes)
    if (b.parent == parent && b.type == type) return &b;
  return nullptr;
}

class Converter {
 public:
  explicit Converter(const std::string& file) : file_(file) {}

  [[noreturn]] void fail(uint32_t line, uint32_t column, std::string expected, std::string found) const {
    throw Fail{core::Error(core::SourcePos(file_, line, column), std::move(expected), std::move(found))};
  }

  // A body object. In the bodies of resources, data sources and providers (whose schema
  // has nested blocks), properties that name a block type of Terraform's schema are blocks,
  // as is a property whose value is an array of objects (json/spec.md "Blocks": "a JSON array
  // of JSON objects that each represent a single block body"); the others are attributes,
  // each at most once (hcl: "Duplicate argument"). Other bodies (locals, variable, output,
  // module) hold attributes only, apart from their schema's blocks.
  hcl::Body body(const json::Value& v, std::string_view type, bool nested_blocks, const std::string& where) {
    if (!v.is_object()) fail(v.line, v.column, "the body of " + where + " as an object", json::describe(v));
    hcl::Body out;
    std::map<std::string_view, const json::Member*> seen;
    for (const json::Member& m : v.members) {
      if (m.key == "//") continue;  // a comment (json/spec.md "Structural Elements")
      if (const BlockType* b = block_type(type, m.key)) {
        blocks(m, b->labels, nested_blocks, {}, m.value, out.blocks);
        continue;
      }
      if (nested_blocks && is_array_of_objects(m.value)) {
        blocks(m, 0, true, {}, m.value, out.blocks);
        continue;
      }
      if (auto [it, fresh] = seen.emplace(m.key, &m); !fresh)
        fail(m.line, m.column, "each argument set only once in the body of " + where,
             "\"" + m.key + "\" again (first set at " + pos(it->second->line, it->second->column) + ")");
      hcl::Attribute a;
      a.name = m.key;
      a.line = m.line;
      a.column = m.column;
      a.value = expr(m.value);
      out.attributes.push_back(std::move(a));
    }
    return out;
  }

  // The label levels, then one body object or an array of them.
  void blocks(const json::Member& m, int labels, bool nested_blocks, std::vector<std::string> got, const json::Value& v,
              std::vector<hcl::Block>& out) {
    std::string where = "\"" + m.key + "\"";
    for (const std::string& l : got) where += " \"" + l + "\"";
    if (static_cast<int>(got.size()) < labels) {
      if (!v.is_object()) fail(v.line, v.column, "an object whose keys are the labels of " + where, json::describe(v));
      for (const json::Member& l : v.members) {
        std::vector<std::string> next = got;
        next.push_back(l.key);
        label_pos_ = {l.line, l.column};
        blocks(m, labels, nested_blocks, std::move(next), l.value, out);
      }
      return;
    }
    auto one = [&](const json::Value& body_value, uint32_t line, uint32_t column) {
      hcl::Block b;
      b.type = m.key;
      b.labels = got;
      b.line = line;
      b.column = column;
      b.body = body(body_value, m.key, nested_blocks, where);
      out.push_back(std::move(b));
    };
    uint32_t line = labels ? label_pos_.first : m.line, column = labels ? label_pos_.second : m.column;
    if (v.is_array()) {
      for (const json::Value& item : v.items) one(item, item.line, item.column);
    } else {
      one(v, line, column);
    }
  }

  static bool is_array_of_objects(const json::Value& v) {
    if (!v.is_array() || v.items.empty()) return false;
    for (const json::Value& i : v.items)
      if (!i.is_object()) return false;
    return true;
  }

  // json/spec.md "Expressions": objects, arrays, numbers, booleans, null as such; strings are
  // templates: `$${` and `%%{` are literal, and a string that is one interpolation of a
  // reference ("${var.region}") is that reference ("Template Interpolation Unwrapping").
  hcl::Expr expr(const json::Value& v) {
    hcl::Expr e;
    e.line = v.line;
    e.column = v.column;
    switch (v.kind) {
      case json::Value::Kind::kNull:
        e.kind = hcl::Expr::Kind::kNull;
        e.text = "null";
        break;
      case json::Value::Kind::kBool:
        e.kind = hcl::Expr::Kind::kBool;
        e.text = v.boolean ? "true" : "false";
        break;
      case json::Value::Kind::kNumber:
        e.kind = hcl::Expr::Kind::kNumber;
        e.text = v.text;
        break;
      case json::Value::Kind::kString:
        string_expr(v.text, e);
        break;
      case json::Value::Kind::kArray:
        e.kind = hcl::Expr::Kind::kTuple;
        for (const json::Value& i : v.items) e.items.push_back(expr(i));
        break;
      case json::Value::Kind::kObject: {
        e.kind = hcl::Expr::Kind::kObject;
        std::map<std::string_view, const json::Member*> seen;
        for (const json::Member& m : v.members) {
          if (auto [it, fresh] = seen.emplace(m.key, &m); !fresh)
            fail(m.line, m.column, "each property once in an object",
                 "\"" + m.key + "\" again (first at " + pos(it->second->line, it->second->column) + ")");
          hcl::ObjectItem item;
          hcl::Expr key;
          string_expr(m.key, key);
          item.key = key.kind == hcl::Expr::Kind::kString ? key.text : m.key;
          item.key_expr = !key.is_literal_string();
          item.line = m.line;
          item.column = m.column;
          item.value = std::make_shared<hcl::Expr>(expr(m.value));
          e.members.push_back(std::move(item));
        }
        break;
      }
    }
    return e;
  }

  static void string_expr(const std::string& s, hcl::Expr& e) {
    e.kind = hcl::Expr::Kind::kString;
    for (size_t k = 0; k < s.size(); ++k) {
      char c = s[k];
      if ((c == '$' || c == '%') && k + 2 < s.size() && s[k + 1] == c && s[k + 2] == '{') {
        e.text += c;
        e.text += '{';
        k += 2;
        continue;
      }
      if ((c == '$' || c == '%') && k + 1 < s.size() && s[k + 1] == '{') e.templated = true;
      e.text += c;
    }
    if (e.templated && s.size() > 3 && s.compare(0, 2, "${") == 0 && s.back() == '}') {
      std::string_view inner(s);
      inner = inner.substr(2, inner.size() - 3);
      while (!inner.empty() && (inner.front() == ' ' || inner.front() == '~')) inner.remove_prefix(1);
      while (!inner.empty() && (inner.back() == ' ' || inner.back() == '~')) inner.remove_suffix(1);
      bool reference = !inner.empty() && !(inner.front() >= '0' && inner.front() <= '9');
      for (char c : inner)
        reference = reference && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                  c == '_' || c == '-' || c == '.');
      if (reference) {
        e.kind = hcl::Expr::Kind::kRaw;
        e.text = std::string(inner);
        e.templated = false;
      }
    }
  }

  std::string pos(uint32_t line, uint32_t column) const { return core::SourcePos(file_, line, column).to_string(); }

 private:
  const std::string& file_;
  std::pair<uint32_t, uint32_t> label_pos_{0, 0};
};

}  // namespace

core::Result<hcl::File> parse_terraform_json_config(const std::string& name, std::string_view text, bool tfvars) {
  if (text.size() > hcl::kMaxFileBytes)
    return core::Error(core::SourcePos(name), "a file of at most " + std::to_string(hcl::kMaxFileBytes) + " bytes",
                       std::to_string(text.size()) + " bytes");
  auto doc = json::parse(name, text);
  if (!doc) return doc.error();
  hcl::File f;
  f.name = name;
  try {
    Converter c(f.name);
    if (!doc->is_object())
      c.fail(doc->line, doc->column,
             tfvars ? "an object of variable values" : "an object whose properties are Terraform block types",
             json::describe(*doc));
    if (tfvars) {  // variable values: each property an attribute
      for (const json::Member& m : doc->members) {
        hcl::Attribute a;
        a.name = m.key;
        a.line = m.line;
        a.column = m.column;
        a.value = c.expr(m.value);
        f.body.attributes.push_back(std::move(a));
      }
      return f;
    }
    for (const json::Member& m : doc->members) {
      if (m.key == "//") continue;
      const BlockType* b = block_type("", m.key);
      if (!b)
        c.fail(m.line, m.column,
               "a Terraform top-level block type (resource, data, provider, variable, output, module, locals, "
               "terraform, ...)",
               "\"" + m.key + "\"");
      bool nested = m.key == "resource" || m.key == "data" || m.key == "ephemeral" || m.key == "provider";
      c.blocks(m, b->labels, nested, {}, m.value, f.body.blocks);
    }
  } catch (const Fail& e) {
    return e.error;
  }
  return f;
}

}  // namespace cleannet::cloud
