#include "registry_cmd.h"

#include <unistd.h>

#include <iostream>
#include <memory>

#include "cleannet/core/input.h"
#include "cleannet/core/text.h"
#include "cleannet/report/evidence.h"
#include "cleannet/report/registry_json.h"
#include "cleannet/report/render.h"
#include "cleannet/trust/judge.h"
#include "context.h"

namespace cleannet::cli {

namespace {

using report::Json;

// One identifier judged on the registry line, as a Finding plus the lookup-specific facts.
struct LookupVerdict : trust::Judgement {
  std::string input;
  trust::Identifier id;
  report::Finding finding;
};

LookupVerdict lookup_one(const Context& c, std::string input, trust::Identifier id,
                         std::optional<report::Location> loc) {
  LookupVerdict v;
  v.input = std::move(input);
  v.id = std::move(id);
  static_cast<trust::Judgement&>(v) =
      trust::Judge(c.registry, c.policy, c.status_options, trust::Line::kRegistry).judge(c.resolver->resolve(v.id));

  report::Finding& f = v.finding;
  f.line = "registry";
  f.subject = v.input;
  f.element = v.input;
  f.rule = v.decision.rule ? v.decision.rule->id : std::string("default-") + trust::status_name(v.status.status);
  f.rule_text = v.decision.rule ? v.decision.rule->cite : v.decision.reason;
  f.severity = report::severity_of(v.decision.action);
  f.status = trust::status_name(v.status.status);
  f.verified = v.verified;
  f.location = std::move(loc);
  // The identifier as the registry keys it, not as typed: "Huawei.com" is "huawei.com".
  f.identity = {trust::identifier_kind_name(v.id.kind), trust::canonical_text(v.id)};
  if (v.match) {
    const auto& o = c.registry.org(v.match->org);
    f.organisation = o.id;
    f.organisation_name = o.name;
    f.evidence = report::evidence_for(c.registry, v.status, &*v.match);
    f.explanation = report::explain(c.registry, v.status, v.match->org);
  } else {
    f.explanation =
        std::string("No organisation in the registry matches this ") + trust::identifier_kind_name(v.id.kind) + ".";
    if (v.id.kind == trust::IdentifierKind::kMac && !c.ieee_note.empty()) f.explanation += " " + c.ieee_note + ".";
  }
  if (v.status.status == trust::Status::kUntrusted)
    f.suggested_fix = "Replace or avoid infrastructure and services of this organisation on traffic the policy covers.";
  else if (v.status.status == trust::Status::kUnknown)
    f.suggested_fix = "Record a designation or criteria assessment for this organisation in a --registry file.";
  return v;
}

Json verdict_json(const Context& c, const LookupVerdict& v) {
  Json j;
  j["input"] = v.input;
  j["kind"] = trust::identifier_kind_name(v.id.kind);
  j["status"] = trust::status_name(v.status.status);
  j["verified"] = v.finding.verified;
  j["basis"] = trust::status_basis_name(v.status.basis);
  j["as_of"] = c.status_options.as_of.to_string();
  if (v.match) {
    const auto& o = c.registry.org(v.match->org);
    j["organisation"] = {{"id", o.id}, {"name", o.name}, {"country", o.country}};
    Json m = {{"how", v.match->how},
              {"matched", v.match->matched},
              {"confidence", v.match->confidence},
              {"identifier_verified", v.match->identifier_verified}};
    if (!v.match->via.empty()) m["via"] = v.match->via;
    j["match"] = m;
    Json chain = Json::array();
    for (auto id : v.status.chain) {
      const auto& x = c.registry.org(id);
      chain.push_back({{"id", x.id}, {"name", x.name}, {"parent_verified", x.parent_verified}});
    }
    j["chain"] = chain;
  } else {
    j["organisation"] = nullptr;
    j["match"] = nullptr;
    j["chain"] = Json::array();
  }
  j["evidence"] = report::finding_to_json(v.finding)["evidence"];
  j["explanation"] = v.finding.explanation;
  j["policy"] = {{"name", c.policy.name},
                 {"action", trust::action_name(v.decision.action)},
                 {"rule", v.finding.rule},
                 {"reason", v.decision.reason}};
  j["fingerprint"] = report::fingerprint(v.finding);
  return j;
}

std::string verdict_text(const Context& c, const LookupVerdict& v) {
  std::string s = v.input + ": " + trust::status_name(v.status.status);
  if (!v.finding.verified) s += " (unverified)";
  if (v.match) {
    const auto& o = c.registry.org(v.match->org);
    s += " -- " + o.name + " [" + o.id + (o.country.empty() ? "" : ", " + o.country) + "]";
  }
  s += "\n  " + v.finding.explanation + "\n";
  for (const auto& e : v.finding.evidence) {
    s += "  - " + e.kind + ": " + e.text;
    if (!e.date.empty()) s += " (" + e.date + ")";
    if (!e.verified) s += " [unverified]";
    if (!e.source_url.empty()) s += " <" + e.source_url + ">";
    s += "\n";
  }
  s += "  policy " + c.policy.name + ": " + trust::action_name(v.decision.action) + " (" + v.finding.rule + ")\n";
  return s;
}

struct LookupOptions {
  CommonOptions common;
  std::vector<std::string> ids;
  std::string from;
};

int run_lookup(const LookupOptions& o) {
  auto c = load_context(o.common, true);
  if (!c) return kExitInputError;
  bool any_violation = false, any_error = false, first = true;
  std::vector<report::Finding> sarif;
  const std::string& fmt = o.common.format;
  if (fmt == "json") std::cout << "[\n";

  auto handle = [&](std::string_view text, const core::SourcePos& pos, std::optional<report::Location> loc) {
    auto id = trust::parse_identifier(text);
    if (!id) {
      core::Error e = id.error();
      e.at(pos);
      print_error(e);
      any_error = true;
      return;
    }
    LookupVerdict v = lookup_one(*c, std::string(core::trim(text)), std::move(*id), std::move(loc));
    if (c->ieee_error) {  // the IEEE files were read for this MAC, and are malformed
      print_error(*c->ieee_error);
      c->ieee_error.reset();
      any_error = true;
    }
    any_violation |= v.violates();
    if (fmt == "json") {
      // Each element ends its line, so errors on stderr never land inside one.
      std::cout << (first ? "" : ",") << verdict_json(*c, v).dump(2) << "\n";
    } else if (fmt == "sarif") {
      sarif.push_back(std::move(v.finding));
    } else {
      std::cout << verdict_text(*c, v);
    }
    std::cout.flush();  // streaming: each verdict as soon as it is known
    first = false;
  };

  if (!o.ids.empty() && !(o.ids.size() == 1 && o.ids[0] == "-")) {
    for (size_t i = 0; i < o.ids.size(); ++i)
      handle(o.ids[i], core::SourcePos("argument " + std::to_string(i + 1)), std::nullopt);
  } else {
    std::string path = o.from.empty() ? "-" : o.from;
    auto in = core::Input::open(path);
    if (!in) {
      print_error(in.error());
      return kExitInputError;
    }
    in->set_max_line(64 * 1024);
    std::string uri = path == "-" ? "stdin" : path;
    const bool progress = ::isatty(2) != 0;
    for (;;) {
      auto line = in->next_line();
      if (!line) {
        print_error(line.error());
        any_error = true;
        break;
      }
      if (!*line) break;
      std::string_view t = core::trim(**line);
      if (t.empty() || t[0] == '#') continue;
      // Progress for long streams, only when a person watches stderr.
      if (progress && in->line_no() % 50000 == 0) std::cerr << "\r" << in->line_no() << " lines read" << std::flush;
      handle(t, in->pos(), report::Location{uri, static_cast<uint32_t>(in->line_no()), 0});
    }
  }
  if (::isatty(2) && o.ids.empty()) std::cerr << "\r\033[K" << std::flush;
  if (fmt == "json") std::cout << "]\n";
  if (fmt == "sarif") std::cout << report::render_sarif(sarif, {"cleannet registry lookup"}).dump(2) << "\n";
  if (any_error) return kExitInputError;
  return any_violation ? kExitViolations : kExitClean;
}

struct ShowOptions {
  CommonOptions common;
  std::vector<std::string> orgs;
};

int run_show(const ShowOptions& o) {
  auto c = load_context(o.common, true);
  if (!c) return kExitInputError;
  Json all = Json::array();
  bool any_error = false;
  for (const auto& q : o.orgs) {
    auto id = trust::parse_identifier(q);
    std::optional<trust::Match> m;
    if (id) m = c->resolver->resolve(*id);
    if (!m) {
      print_error(
          core::Error(core::SourcePos(q), "an organisation id, name or identifier in the registry", "no match"));
      any_error = true;
      continue;
    }
    const auto& org = c->registry.org(m->org);
    auto st = trust::evaluate_status(c->registry, m->org, c->status_options);
    if (o.common.format == "json") {
      Json j = report::organisation_to_json(c->registry, org);
      j["status"] = {{"status", trust::status_name(st.status)},
                     {"verified", st.verified},
                     {"basis", trust::status_basis_name(st.basis)},
                     {"as_of", c->status_options.as_of.to_string()},
                     {"explanation", report::explain(c->registry, st, m->org)}};
      all.push_back(std::move(j));
      continue;
    }
    std::string s = org.id + ": " + org.name + "\n";
    s += "  status: " + report::explain(c->registry, st, m->org) + " (as of " + c->status_options.as_of.to_string() +
         ")\n";
    if (!org.aliases.empty()) {
      s += "  aliases:";
      for (const auto& a : org.aliases) s += " \"" + a + "\"";
      s += "\n";
    }
    if (!org.country.empty()) s += "  country: " + org.country + "\n";
    if (!org.kinds.empty()) {
      s += "  kinds:";
      for (const auto& k : org.kinds) s += " " + k;
      s += "\n";
    }
    std::string chain;
    for (auto p = org.parent_id; p; p = c->registry.org(p).parent_id) chain += " -> " + c->registry.org(p).id;
    if (!chain.empty()) s += "  owned by: " + org.id + chain + (org.parent_verified ? "" : " [link unverified]") + "\n";
    const auto& ids = org.identifiers;
    auto list = [&](const char* key, const std::vector<std::string>& v) {
      if (v.empty()) return;
      s += std::string("  ") + key + ":";
      for (const auto& x : v) s += " " + x;
      if (!ids.is_verified(key)) s += " [unverified]";
      s += "\n";
    };
    std::vector<std::string> asns, prefixes, ouis;
    for (auto a : ids.asns) asns.push_back("AS" + std::to_string(a));
    for (const auto& p : ids.prefixes) prefixes.push_back(p.to_string());
    for (const auto& x : ids.ouis) ouis.push_back(x.to_string());
    list("asns", asns);
    list("prefixes", prefixes);
    list("ouis", ouis);
    list("domains", ids.domains);
    list("android_packages", ids.android_packages);
    list("sdk_prefixes", ids.sdk_prefixes);
    list("cert_sha256", ids.cert_sha256);
    for (const auto& d : org.designations) {
      s += "  designation: " + report::designation_text(d);
      s += d.date ? " (" + d.date->to_string() + ")" : " (undated)";
      if (!d.verified) s += " [unverified]";
      if (!d.source_url.empty()) s += " <" + d.source_url + ">";
      if (d.layer > 0) s += " [from " + c->registry.layers()[d.layer] + "]";
      s += "\n";
    }
    for (const auto& a : org.assessments)
      s += "  assessment: " + a.criterion + " " + trust::criterion_result_name(a.result) +
           (a.evidence_url.empty() ? "" : " <" + a.evidence_url + ">") + "\n";
    if (!org.notes.empty()) s += "  notes: " + org.notes + "\n";
    std::cout << s;
  }
  if (o.common.format == "json") std::cout << all.dump(2) << "\n";
  return any_error ? kExitInputError : kExitClean;
}

struct CheckOptions {
  std::vector<std::string> files;
  bool standalone = false;
  std::string format = "text";
};

int run_check(const CheckOptions& o) {
  trust::RegistryBuilder b;
  std::vector<core::Error> errs;
  if (!o.standalone) {
    auto e = b.add_layer(trust::kBundledRegistryName, trust::bundled_registry_toml());
    errs.insert(errs.end(), e.begin(), e.end());
  }
  for (const auto& f : o.files) {
    auto e = b.add_file(f);
    errs.insert(errs.end(), e.begin(), e.end());
  }
  if (errs.empty()) {
    auto e = b.finish();
    errs.insert(errs.end(), e.begin(), e.end());
  }
  if (o.format == "sarif") {
    // Problems as SARIF results, so a registry kept in a repository gets annotations on
    // the offending line in code-scanning tools.
    std::vector<report::Finding> findings;
    for (const auto& e : errs) {
      report::Finding f;
      f.line = "registry";
      f.subject = e.pos().file;
      f.element = e.pos().to_string();
      f.rule = "registry-input";
      f.rule_text = "Registry files follow docs/registry-format.md";
      f.severity = report::Severity::kError;
      f.status = "invalid";
      f.explanation = "Expected " + e.expected() + (e.found().empty() ? "" : ", found " + e.found()) + ".";
      f.location = report::Location{e.pos().file, e.pos().line, e.pos().column};
      findings.push_back(std::move(f));
    }
    std::cout << report::render_sarif(findings, {"cleannet registry check"}).dump(2) << "\n";
  } else if (o.format == "json") {
    Json problems = Json::array();
    for (const auto& e : errs)
      problems.push_back({{"file", e.pos().file},
                          {"line", e.pos().line},
                          {"column", e.pos().column},
                          {"expected", e.expected()},
                          {"found", e.found()},
                          {"message", e.message()}});
    std::cout << Json{{"files", o.files}, {"ok", errs.empty()}, {"problems", problems}}.dump(2) << "\n";
  } else {
    for (const auto& e : errs) std::cerr << e.message() << "\n";
    if (errs.empty()) {
      const auto& reg = b.registry();
      for (const auto& f : o.files) {
        size_t n = 0;
        for (const auto& org : reg.organisations())
          for (uint32_t l : org.layers) n += reg.layers()[l] == f;
        std::cout << f << ": ok (" << n << " organisations)\n";
      }
    }
  }
  return errs.empty() ? kExitClean : kExitInputError;
}

}  // namespace

void add_registry_commands(CLI::App& app, int& result) {
  CLI::App* reg = app.add_subcommand("registry", "The trust registry: look up, show, check and export");
  reg->require_subcommand(1);

  auto lo = std::make_shared<LookupOptions>();
  CLI::App* lookup = reg->add_subcommand(
      "lookup", "Resolve identifiers (ASN, IP, MAC/OUI, domain, Android package, certificate, name) to a verdict");
  lookup->add_option("ids", lo->ids, "Identifiers; none or '-' reads one per line from stdin");
  lookup->add_option("--from", lo->from, "Read identifiers from this file, one per line (any compression)");
  add_common_options(lookup, lo->common, {"text", "json", "sarif"});
  lookup->callback([lo, &result] { result = run_lookup(*lo); });

  auto so = std::make_shared<ShowOptions>();
  CLI::App* show = reg->add_subcommand("show", "Show an organisation's record, ownership, evidence and status");
  show->add_option("orgs", so->orgs, "Organisation ids, names or any identifier")->required();
  add_common_options(show, so->common, {"text", "json"});
  show->callback([so, &result] { result = run_show(*so); });

  auto co = std::make_shared<CheckOptions>();
  CLI::App* check = reg->add_subcommand("check", "Validate registry files (layered over the bundled registry)");
  check->add_option("files", co->files, "Registry TOML files")->required();
  check->add_flag("--standalone", co->standalone, "Check the files alone, without the bundled registry below them");
  check->add_option("--format", co->format, "Output format")->check(CLI::IsMember({"text", "json", "sarif"}));
  check->callback([co, &result] { result = run_check(*co); });

  auto eo = std::make_shared<CommonOptions>();
  CLI::App* exp = reg->add_subcommand("export", "Export the (layered) registry as JSON");
  add_common_options(exp, *eo, {"json"}, false);
  eo->format = "json";
  exp->callback([eo, &result] {
    auto c = load_context(*eo, false);
    if (!c) {
      result = kExitInputError;
      return;
    }
    std::cout << report::registry_to_json(c->registry).dump(2) << "\n";
    result = kExitClean;
  });
}

}  // namespace cleannet::cli
