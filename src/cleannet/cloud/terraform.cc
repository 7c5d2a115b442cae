#include "cleannet/cloud/terraform.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include "cleannet/core/json.h"
#include "cleannet/core/text.h"

namespace cleannet::cloud {

namespace {

namespace json = core::json;

// Attribute names whose literal values are hostnames, addresses or URLs of the resource
// (Terraform provider schemas: aws_db_instance.address/endpoint, alicloud_db_instance
// connection_string, tencentcloud_cos_bucket cos_bucket_url, azurerm primary_blob_host ...).
constexpr std::string_view kEndpointAttributes[] = {"endpoint",
                                                    "endpoints",
                                                    "extranet_endpoint",
                                                    "intranet_endpoint",
                                                    "host",
                                                    "hostname",
                                                    "fqdn",
                                                    "domain",
                                                    "domain_name",
                                                    "bucket_domain_name",
                                                    "bucket_regional_domain_name",
                                                    "cos_bucket_url",
                                                    "connection_string",
                                                    "ip_address",
                                                    "public_ip",
                                                    "public_ip_address",
                                                    "private_ip",
                                                    "address",
                                                    "server",
                                                    "url",
                                                    "primary_blob_host",
                                                    "primary_web_host",
                                                    "eip",
                                                    "internet_ip"};

bool is_endpoint_attribute(std::string_view name) {
  return std::find(std::begin(kEndpointAttributes), std::end(kEndpointAttributes), name) !=
         std::end(kEndpointAttributes);
}

// "https://bucket.oss-cn-hangzhou.aliyuncs.com:443/x" -> "bucket.oss-cn-hangzhou.aliyuncs.com";
// "10.0.0.1:3306" -> "10.0.0.1"; "[2001:db8::1]:443" -> "2001:db8::1".
std::string host_of(std::string_view v) {
  if (size_t s = v.find("://"); s != std::string_view::npos) v.remove_prefix(s + 3);
  if (size_t at = v.find('@'); at != std::string_view::npos && at < v.find('/')) v.remove_prefix(at + 1);
  v = v.substr(0, v.find_first_of("/?#"));
  if (!v.empty() && v.front() == '[') {
    size_t close = v.find(']');
    return std::string(v.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
  }
  if (std::count(v.begin(), v.end(), ':') == 1) v = v.substr(0, v.find(':'));
  return std::string(v);
}

void add_endpoint(Asset& a, std::string_view value) {
  std::string h = host_of(value);
  if (h.empty() || h.find(' ') != std::string::npos) return;
  if (std::find(a.endpoints.begin(), a.endpoints.end(), h) == a.endpoints.end()) a.endpoints.push_back(std::move(h));
}

std::string pos_text(const std::string& file, uint32_t line, uint32_t col) {
  return core::SourcePos(file, line, col).to_string();
}

// What a module's expressions may refer to, for resolving var.X and local.X.
struct Scope {
  std::map<std::string, std::string, std::less<>> vars, var_notes, locals, local_notes;

  // A literal string, or a var./local. reference to one; note says where it came from.
  std::optional<std::string> resolve(const hcl::Expr& e, std::string& note) const {
    if (e.is_literal_string()) return e.text;
    if (e.kind != hcl::Expr::Kind::kRaw) return std::nullopt;
    std::string_view t = e.text;
    const std::map<std::string, std::string, std::less<>>*values = nullptr, *notes = nullptr;
    if (t.rfind("var.", 0) == 0) {
      values = &vars;
      notes = &var_notes;
      t.remove_prefix(4);
    } else if (t.rfind("local.", 0) == 0) {
      values = &locals;
      notes = &local_notes;
      t.remove_prefix(6);
    } else {
      return std::nullopt;
    }
    auto it = values->find(t);
    if (it == values->end()) {
      note = e.text + ", no literal value";
      return std::nullopt;
    }
    note = e.text + " = " + it->second + ", " + notes->at(std::string(t));
    return it->second;
  }
};

struct ProviderConfig {
  std::string local_name, alias;
  std::optional<std::string> region;
  std::string region_note;
  std::string where;
  const hcl::Body* default_tags = nullptr;  // aws: default_tags { tags = {...} } applies to every resource
};

void classes_from_tags(const hcl::Body& body, const std::string& tag, Asset& a) {
  for (std::string_view attr : {"tags", "labels", "freeform_tags"}) {
    const hcl::Attribute* t = body.attribute(attr);
    if (!t) continue;
    if (const hcl::Expr* v = t->value.member(tag); v && v->is_literal_string()) {
      a.data_classes = split_data_classes(v->text);
      a.data_class_source = std::string(attr == "labels" ? "label " : "tag ") + tag;
      return;
    }
  }
  // tags { key = "data_class"  value = "personal-data" } (tencentcloud, baiducloud, huaweicloud ...)
  for (const hcl::Block& b : body.blocks) {
    if (b.type != "tags" && b.type != "tag") continue;
    const hcl::Attribute* k = b.body.attribute("key");
    if (!k) k = b.body.attribute("tag_key");
    const hcl::Attribute* v = b.body.attribute("value");
    if (!v) v = b.body.attribute("tag_value");
    if (k && v && k->value.is_literal_string() && k->value.text == tag && v->value.is_literal_string()) {
      a.data_classes = split_data_classes(v->value.text);
      a.data_class_source = "tag " + tag;
      return;
    }
  }
}

void endpoints_from_body(const hcl::Body& body, Asset& a) {
  for (const hcl::Attribute& at : body.attributes) {
    if (!is_endpoint_attribute(at.name)) continue;
    if (at.value.is_literal_string()) add_endpoint(a, at.value.text);
    if (at.value.kind == hcl::Expr::Kind::kTuple)
      for (const hcl::Expr& item : at.value.items)
        if (item.is_literal_string()) add_endpoint(a, item.text);
  }
}

}  // namespace

std::string provider_type_of(std::string_view address) {
  // provider["registry.terraform.io/hashicorp/aws"].alias, module.x.provider.aws
  if (size_t q = address.find("[\""); q != std::string_view::npos) {
    address.remove_prefix(q + 2);
    address = address.substr(0, address.find('"'));
  } else if (size_t p = address.rfind("provider."); p != std::string_view::npos) {
    address.remove_prefix(p + 9);
    address = address.substr(0, address.find('.'));
  }
  if (size_t slash = address.rfind('/'); slash != std::string_view::npos) address.remove_prefix(slash + 1);
  return std::string(address);
}

std::vector<Asset> terraform_assets(const std::vector<hcl::File>& files, const std::vector<hcl::File>& tfvars,
                                    const TerraformOptions& opt) {
  Scope scope;
  std::map<std::string, std::string> sources;  // local provider name -> provider type
  std::vector<ProviderConfig> providers;
  for (const hcl::File& f : tfvars)
    for (const hcl::Attribute& a : f.body.attributes)
      if (a.value.is_literal_string()) {
        scope.vars[a.name] = a.value.text;
        scope.var_notes[a.name] = "tfvars at " + pos_text(f.name, a.line, a.column);
      }
  for (const hcl::File& f : files) {
    for (const hcl::Block& b : f.body.blocks) {
      if (b.type == "variable" && b.labels.size() == 1 && !scope.vars.count(b.labels[0])) {
        if (const hcl::Attribute* d = b.body.attribute("default"); d && d->value.is_literal_string()) {
          scope.vars[b.labels[0]] = d->value.text;
          scope.var_notes[b.labels[0]] = "variable default at " + pos_text(f.name, d->line, d->column);
        }
      } else if (b.type == "locals") {
        for (const hcl::Attribute& a : b.body.attributes)
          if (a.value.is_literal_string()) {
            scope.locals[a.name] = a.value.text;
            scope.local_notes[a.name] = "locals at " + pos_text(f.name, a.line, a.column);
          }
      } else if (b.type == "terraform") {
        for (const hcl::Block& rp : b.body.blocks)
          if (rp.type == "required_providers")
            for (const hcl::Attribute& a : rp.body.attributes) {
              const hcl::Expr* src = a.value.member("source");
              if (src && src->is_literal_string()) sources[a.name] = provider_type_of(src->text);
            }
      }
    }
  }
  for (const hcl::File& f : files)
    for (const hcl::Block& b : f.body.blocks) {
      if (b.type != "provider" || b.labels.size() != 1) continue;
      ProviderConfig p;
      p.local_name = b.labels[0];
      if (const hcl::Attribute* al = b.body.attribute("alias"); al && al->value.is_literal_string())
        p.alias = al->value.text;
      p.where = "provider block at " + pos_text(f.name, b.line, b.column);
      if (const hcl::Attribute* r = b.body.attribute("region")) {
        std::string note;
        p.region = scope.resolve(r->value, note);
        p.region_note = p.where + (note.empty() ? "" : ", " + note);
      }
      for (const hcl::Block& dt : b.body.blocks)
        if (dt.type == "default_tags") p.default_tags = &dt.body;
      providers.push_back(std::move(p));
    }
  std::vector<Asset> out;
  for (const hcl::File& f : files)
    for (const hcl::Block& b : f.body.blocks) {
      if (b.type != "resource" || b.labels.size() != 2) continue;
      Asset a;
      a.kind = b.labels[0];
      a.name = b.labels[0] + "." + b.labels[1];
      a.source_format = "terraform";
      a.pos = core::SourcePos(f.name, b.line, b.column);
      std::string local = a.kind.substr(0, a.kind.find('_')), alias;
      a.provider_note = "resource type prefix";
      // provider = aws.west (or "aws.west", the Terraform 0.11 form)
      if (const hcl::Attribute* pa = b.body.attribute("provider");
          pa && (pa->value.kind == hcl::Expr::Kind::kRaw || pa->value.is_literal_string())) {
        std::string_view ref = pa->value.text;
        local = std::string(ref.substr(0, ref.find('.')));
        if (size_t dot = ref.find('.'); dot != std::string_view::npos) alias = std::string(ref.substr(dot + 1));
        a.provider_note = "provider = " + pa->value.text + " at " + pos_text(f.name, pa->line, pa->column);
      }
      auto src = sources.find(local);
      a.terraform_provider = src != sources.end() ? src->second : local;
      if (src != sources.end() && src->second != local) a.provider_note += ", required_providers source " + src->second;
      for (std::string_view attr : {"region", "location"}) {
        if (const hcl::Attribute* r = b.body.attribute(attr)) {
          std::string note;
          if (auto v = scope.resolve(r->value, note)) {
            a.region = *v;
            a.region_note =
                std::string(attr) + " at " + pos_text(f.name, r->line, r->column) + (note.empty() ? "" : ", " + note);
          } else {
            a.region_note = std::string(attr) + " = " + hcl::to_string(r->value) + " (not a literal)";
          }
          break;
        }
      }
      const ProviderConfig* config = nullptr;
      for (const ProviderConfig& p : providers)
        if (p.local_name == local && p.alias == alias) {
          config = &p;
          break;
        }
      if (a.region.empty() && a.region_note.empty()) {
        for (const ProviderConfig& p : providers)
          if (&p == config) {
            if (p.region) {
              a.region = *p.region;
              a.region_note = p.region_note;
            } else if (!p.region_note.empty()) {
              a.region_note = p.region_note + " (not a literal)";
            }
            break;
          }
      }
      classes_from_tags(b.body, opt.data_class_tag, a);
      if (a.data_classes.empty() && config && config->default_tags) {
        classes_from_tags(*config->default_tags, opt.data_class_tag, a);
        if (!a.data_classes.empty()) a.data_class_source += " in default_tags of the " + config->where;
      }
      endpoints_from_body(b.body, a);
      out.push_back(std::move(a));
    }
  return out;
}

ConfigFile config_file_kind(std::string_view name) {
  if (size_t slash = name.find_last_of('/'); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  auto ends = [&](std::string_view x) { return name.size() >= x.size() && name.substr(name.size() - x.size()) == x; };
  if (ends(".gz")) name.remove_suffix(3);
  if (ends(".tfvars")) return ConfigFile::kTfvars;
  if (ends(".tfvars.json")) return ConfigFile::kTfvarsJson;
  if (ends(".tf.json")) return ConfigFile::kTfJson;
  if (ends(".tf")) return ConfigFile::kTf;
  return ConfigFile::kNone;
}

TerraformRead read_terraform_config(const std::vector<std::string>& paths, const TerraformOptions& opt) {
  namespace fs = std::filesystem;
  TerraformRead out;
  std::vector<std::string> dirs;
  std::map<std::string, std::pair<std::vector<hcl::File>, std::vector<hcl::File>>> modules;
  for (const std::string& path : paths) {
    auto in = core::Input::open(path);
    if (!in) {
      out.errors.push_back(in.error());
      continue;
    }
    auto text = in->read_all(hcl::kMaxFileBytes);
    if (!text) {
      out.errors.push_back(text.error());
      continue;
    }
    ConfigFile kind = config_file_kind(path);
    bool json = kind == ConfigFile::kTfJson || kind == ConfigFile::kTfvarsJson;
    bool tfvars = kind == ConfigFile::kTfvars || kind == ConfigFile::kTfvarsJson;
    auto f = json ? parse_terraform_json_config(path, *text, tfvars) : hcl::parse_hcl(path, *text);
    if (!f) {
      out.errors.push_back(f.error());
      continue;
    }
    ++(tfvars ? out.tfvars : json ? out.tf_json : out.tf);
    std::string dir = fs::path(path).parent_path().string();
    if (!modules.count(dir)) dirs.push_back(dir);
    auto& m = modules[dir];
    (tfvars ? m.second : m.first).push_back(std::move(*f));
  }
  for (const std::string& d : dirs) {
    auto& m = modules[d];
    for (Asset& a : terraform_assets(m.first, m.second, opt)) out.assets.push_back(std::move(a));
  }
  return out;
}

core::Result<std::vector<Asset>> read_terraform_files(const std::vector<std::string>& paths,
                                                      const TerraformOptions& opt) {
  TerraformRead r = read_terraform_config(paths, opt);
  if (!r.errors.empty()) return r.errors.front();
  return std::move(r.assets);
}

namespace {

void classes_from_json_tags(const json::Value& attrs, const std::string& tag, Asset& a) {
  for (std::string_view key : {"tags", "labels", "freeform_tags", "tags_all"}) {
    const json::Value* t = attrs.find(key);
    if (!t || !t->is_object()) continue;
    if (const json::Value* v = t->find(tag); v && v->is_string()) {
      a.data_classes = split_data_classes(v->text);
      a.data_class_source = std::string(key == "labels" ? "label " : "tag ") + tag;
      return;
    }
  }
}

void endpoints_from_json(const json::Value& attrs, Asset& a) {
  for (const json::Member& m : attrs.members) {
    if (!is_endpoint_attribute(m.key)) continue;
    if (m.value.is_string() && !m.value.text.empty()) add_endpoint(a, m.value.text);
    if (m.value.is_array())
      for (const json::Value& v : m.value.items)
        if (v.is_string() && !v.text.empty()) add_endpoint(a, v.text);
  }
}

void fill_from_values(Asset& a, const json::Value& attrs, const TerraformOptions& opt) {
  for (std::string_view key : {"region", "location"})
    if (const json::Value* r = attrs.find(key); r && r->is_string() && !r->text.empty()) {
      a.region = r->text;
      a.region_note = "attribute " + std::string(key);
      break;
    }
  classes_from_json_tags(attrs, opt.data_class_tag, a);
  endpoints_from_json(attrs, a);
}

// State file version 4: resources[] with mode/type/name/provider/module and instances[].
core::Result<std::vector<Asset>> read_state(const std::string& file, const json::Value& doc,
                                            const TerraformOptions& opt) {
  json::Problems problems;
  json::Object top(doc, file, "", problems);
  top.check_unique_keys();
  auto version = top.integer("version", true);
  if (version && *version != 4) top.error(*top.get("version"), "state format version 4", std::to_string(*version));
  std::vector<Asset> out;
  const auto* resources = top.array("resources", true);
  if (resources)
    for (size_t i = 0; i < resources->size(); ++i) {
      const json::Value& rv = (*resources)[i];
      std::string where = "resources[" + std::to_string(i) + "]";
      if (!rv.is_object()) {
        top.error(rv, where + " as an object", json::describe(rv));
        continue;
      }
      json::Object r(rv, file, where, problems);
      r.check_unique_keys();
      auto mode = r.str("mode", true);
      auto type = r.str("type", true);
      auto name = r.str("name", true);
      auto provider = r.str("provider", true);
      auto module = r.str("module");
      const auto* instances = r.array("instances", true);
      if (!mode || !type || !name || !provider || !instances) continue;
      if (*mode != "managed") continue;  // data sources are reads
      for (size_t k = 0; k < instances->size(); ++k) {
        const json::Value& iv = (*instances)[k];
        std::string iwhere = where + ".instances[" + std::to_string(k) + "]";
        if (!iv.is_object()) {
          r.error(iv, iwhere + " as an object", json::describe(iv));
          continue;
        }
        json::Object inst(iv, file, iwhere, problems);
        const json::Value* attrs = inst.object("attributes");
        Asset a;
        a.kind = *type;
        a.name = (module ? *module + "." : "") + *type + "." + *name;
        if (const json::Value* key = iv.find("index_key"))
          a.name += key->is_string() ? "[\"" + key->text + "\"]" : "[" + key->text + "]";
        a.source_format = "tfstate";
        a.pos = core::SourcePos(file, iv.line, iv.column);
        a.terraform_provider = provider_type_of(*provider);
        a.provider_note = "provider " + *provider;
        if (attrs) fill_from_values(a, *attrs, opt);
        out.push_back(std::move(a));
      }
    }
  if (problems.any()) return problems.first();
  return out;
}

// show -json: {planned_values|values: {root_module: {resources[], child_modules[]}}}.
void read_module(const std::string& file, const json::Value& mv, const std::string& where, int depth,
                 const TerraformOptions& opt, json::Problems& problems, std::vector<Asset>& out) {
  json::Object m(mv, file, where, problems);
  if (depth > 32) {
    m.error(mv, "modules nested at most 32 levels deep", "deeper nesting");
    return;
  }
  if (const auto* resources = m.array("resources"))
    for (size_t i = 0; i < resources->size(); ++i) {
      const json::Value& rv = (*resources)[i];
      std::string rwhere = where + ".resources[" + std::to_string(i) + "]";
      if (!rv.is_object()) {
        m.error(rv, rwhere + " as an object", json::describe(rv));
        continue;
      }
      json::Object r(rv, file, rwhere, problems);
      auto address = r.str("address", true);
      auto mode = r.str("mode", true);
      auto type = r.str("type", true);
      auto provider = r.str("provider_name", true);
      const json::Value* values = r.object("values");
      if (!address || !mode || !type || !provider || *mode != "managed") continue;
      Asset a;
      a.kind = *type;
      a.name = *address;
      a.pos = core::SourcePos(file, rv.line, rv.column);
      a.terraform_provider = provider_type_of(*provider);
      a.provider_note = "provider_name " + *provider;
      if (values) fill_from_values(a, *values, opt);
      out.push_back(std::move(a));
    }
  if (const auto* children = m.array("child_modules"))
    for (size_t i = 0; i < children->size(); ++i) {
      std::string cwhere = where + ".child_modules[" + std::to_string(i) + "]";
      if (!(*children)[i].is_object()) {
        m.error((*children)[i], cwhere + " as an object", json::describe((*children)[i]));
        continue;
      }
      read_module(file, (*children)[i], cwhere, depth + 1, opt, problems, out);
    }
}

}  // namespace

core::Result<std::vector<Asset>> read_terraform_json(core::Input& in, const TerraformOptions& opt) {
  auto doc = json::read(in);
  if (!doc) return doc.error();
  const std::string& file = in.name();
  if (!doc->is_object())
    return core::Error(core::SourcePos(file, doc->line, doc->column), "a Terraform state or show -json object",
                       json::describe(*doc));
  if (doc->find("format_version")) {
    json::Problems problems;
    json::Object top(*doc, file, "", problems);
    top.check_unique_keys();
    auto fv = top.str("format_version", true);
    bool plan = doc->find("planned_values") != nullptr;
    const json::Value* values = top.object(plan ? "planned_values" : "values");
    std::vector<Asset> out;
    if (values) {
      json::Object v(*values, file, plan ? "planned_values" : "values", problems);
      if (const json::Value* root = v.object("root_module", true))
        read_module(file, *root, std::string(plan ? "planned_values" : "values") + ".root_module", 0, opt, problems,
                    out);
    }
    if (problems.any()) return problems.first();
    for (Asset& a : out) a.source_format = plan ? "plan-json" : "state-json";
    return out;
  }
  if (doc->find("version") || doc->find("resources")) return read_state(file, *doc, opt);
  return core::Error(core::SourcePos(file, doc->line, doc->column),
                     "a Terraform state (\"version\", \"resources\") or show -json output (\"format_version\")",
                     "an object with neither");
}

}  // namespace cleannet::cloud
