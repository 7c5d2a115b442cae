#include "cleannet/audit/html.h"

#include <sstream>
#include <stdexcept>
#include <streambuf>

#include "cleannet/audit/diff.h"
#include "cleannet/audit/evidence_table.h"
#include "cleannet/audit/history.h"
#include "cleannet/audit/json_dump.h"
#include "cleannet/audit/record.h"
#include "cleannet/audit/render.h"
#include "cleannet/audit/script_json.h"
#include "cleannet/cable/routes.h"

namespace cleannet::audit {

std::string_view bundled_report_js();   // embedded web/report build: report.js
std::string_view bundled_report_css();  // and report.css

std::string_view report_js() { return bundled_report_js(); }
std::string_view report_css() { return bundled_report_css(); }

namespace {

using report::Json;

// The stream a report is rendered to, passing its text through a ScriptJson.
class ScriptJsonBuf : public std::streambuf {
 public:
  explicit ScriptJsonBuf(ScriptJson& out) : out_(out) {}

 protected:
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    out_.write(std::string_view(s, static_cast<size_t>(n)));
    return n;
  }
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      const char ch = traits_type::to_char_type(c);
      out_.write(std::string_view(&ch, 1));
    }
    return traits_type::not_eof(c);
  }

 private:
  ScriptJson& out_;
};

std::string compact(const Json& j) { return dump(j, -1, Json::error_handler_t::replace); }

}  // namespace

std::string html_title(const AuditRun& run) {
  return "cleannet audit: " + run.scenario_name + ", run " + (run.id ? std::to_string(run.id) : "-");
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

Json cable_features(const AuditRun& run) {
  bool any = false;
  Json features = Json::array();
  std::optional<Json> routes;
  for (const CheckResult& c : run.checks) {
    if (c.kind != "cable") continue;
    any = true;
    const Json& summary = c.report.summary;
    if (!c.report.reported || !summary.is_object() || !summary.contains("cables")) continue;
    if (!routes) {
      // The routes are bundled data, read by cable's own tests: failing to read them is a
      // broken build, not an input error.
      auto r = cable::bundled_routes();
      if (!r) throw std::logic_error("bundled cable routes: " + r.error().message());
      routes = std::move(*r);
    }
    for (const Json& cable : summary["cables"]) {
      const std::string id = cable.value("id", "");
      auto route = routes->find(id);
      if (route == routes->end()) continue;  // no route: the page counts these from `run`
      features.push_back({{"type", "Feature"},
                          {"properties",
                           {{"id", id},
                            {"name", cable.value("name", "")},
                            {"verdict", cable.value("verdict", "")},
                            {"clean", cable.value("clean", false)},
                            {"check", c.name}}},
                          {"geometry", *route}});
    }
  }
  if (!any) return nullptr;
  return Json{{"type", "FeatureCollection"}, {"features", std::move(features)}};
}

core::Result<HtmlContext> html_context(const store::Store& store, const AuditRun& run, std::optional<int64_t> against) {
  HtmlContext ctx;
  if (!run.id) return ctx;
  auto runs = store.runs(run.scenario_name);
  if (!runs) return runs.error();
  int64_t previous = 0;
  for (const store::RunSummary& r : *runs) {
    if (r.id > run.id) break;  // oldest first
    if (r.id < run.id) previous = r.id;
    ctx.history.push_back(r);
  }
  if (against) previous = *against;
  if (previous) {
    auto rec = store.run(previous);
    if (!rec) return rec.error();
    auto a = from_record(*rec);
    if (!a) return a.error();
    ctx.previous = std::move(*a);
  }
  return ctx;
}

void render_html(const AuditRun& run, const HtmlContext& ctx, std::ostream& os) {
  // The page as docs/report.md fixes it ("The file").
  os << "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; "
        "style-src 'unsafe-inline'; img-src data:\">\n<title>"
     << html_escape(html_title(run)) << "</title>\n<style>" << report_css()
     << "</style>\n</head>\n<body>\n<div id=\"app\"></div>\n<script type=\"application/json\" id=\"cleannet-data\">";
  {
    ScriptJson data(os);
    EvidenceTable evidence;
    data.write("{\"format\":" + compact(Json(kReportFormat)) + ",\"run\":");
    {
      ScriptJsonBuf buf(data);
      std::ostream run_json(&buf);
      render_json_interned(run, run_json, evidence);
    }
    data.write(",\"history\":");
    data.write(compact(history_json(ctx.history)));
    data.write(",\"diff\":");
    if (ctx.previous)
      data.write(render_diff_json_interned(diff_runs(*ctx.previous, run), ctx.diff_fail_on, evidence));
    else
      data.write("null");
    data.write(",\"cables\":");
    data.write(compact(cable_features(run)));
    // Last: the findings above have added to it.
    data.write(",\"evidence\":");
    std::string table;
    evidence.append_json(table);
    data.write(table);
    data.write("}");
  }
  os << "</script>\n<script>" << report_js() << "</script>\n</body>\n</html>\n";
}

std::string render_html(const AuditRun& run, const HtmlContext& ctx) {
  std::ostringstream os;
  render_html(run, ctx, os);
  return os.str();
}

}  // namespace cleannet::audit
