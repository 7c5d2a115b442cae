// Resolver: golden cases on the bundled registry and the real IEEE data, then a
// randomised oracle test against an independent brute-force resolver written from the
// documented matching rules (resolver.h).
#include "cleannet/trust/resolver.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cleannet/core/text.h"
#include "cleannet/trust/identifier.h"
#include "cleannet/trust/ieee_oui.h"
#include "cleannet/trust/names.h"

namespace cleannet::trust {
namespace {

const Registry& bundled() {
  static const Registry reg = [] {
    RegistryBuilder b;
    auto errs = b.add_layer(kBundledRegistryName, bundled_registry_toml());
    for (auto& e : errs) ADD_FAILURE() << e.message();
    for (auto& e : b.finish()) ADD_FAILURE() << e.message();
    return b.take();
  }();
  return reg;
}

// The Debian ieee-data registry, or null when the package is not installed.
const IeeeOuiRegistry* ieee() {
  static const std::optional<IeeeOuiRegistry> reg = []() -> std::optional<IeeeOuiRegistry> {
    if (!std::filesystem::exists(std::string(IeeeOuiRegistry::kDefaultDir) + "/oui.csv")) return std::nullopt;
    auto r = IeeeOuiRegistry::load_dir(IeeeOuiRegistry::kDefaultDir);
    if (!r) {
      ADD_FAILURE() << r.error().message();
      return std::nullopt;
    }
    return std::move(*r);
  }();
  return reg ? &*reg : nullptr;
}

// One resolver over the bundled registry and the IEEE data, shared by the IEEE tests
// (building it resolves every IEEE registrant name).
const Resolver& ieee_resolver() {
  static const Resolver r(bundled(), ieee());
  return r;
}

Identifier parse(std::string_view s) {
  auto r = parse_identifier(s);
  EXPECT_TRUE(r.ok()) << s << ": " << (r.ok() ? "" : r.error().message());
  return r.ok() ? *r : Identifier{};
}

std::string org_id(const Registry& reg, const std::optional<Match>& m) { return m ? reg.org(m->org).id : "<none>"; }

// ---------------------------------------------------------------------------------------
// Golden cases on the bundled registry.

class BundledResolver : public ::testing::Test {
 protected:
  const Registry& reg = bundled();
  Resolver r{reg, nullptr};
  std::optional<Match> resolve(std::string_view s) { return r.resolve(parse(s)); }
};

TEST_F(BundledResolver, Asn) {
  auto m = resolve("AS4134");
  ASSERT_TRUE(m);
  EXPECT_EQ(reg.org(m->org).id, "china-telecom");
  EXPECT_EQ(m->how, "asn");
  EXPECT_EQ(m->matched, "AS4134");
  EXPECT_EQ(m->kind, IdentifierKind::kAsn);
  EXPECT_EQ(m->confidence, 1.0);
  EXPECT_TRUE(m->identifier_verified);

  EXPECT_EQ(org_id(reg, resolve("AS1221")), "telstra");
  EXPECT_EQ(org_id(reg, resolve("1221")), "telstra");
  EXPECT_EQ(org_id(reg, resolve("as37963")), "alibaba-cloud");
  EXPECT_EQ(org_id(reg, resolve("AS23764")), "china-telecom-global");
  EXPECT_EQ(org_id(reg, resolve("AS9808")), "china-mobile");
  EXPECT_EQ(org_id(reg, resolve("AS64512")), "<none>");  // private-use ASN
  EXPECT_EQ(org_id(reg, resolve("AS4135")), "<none>");
  // asdot: 2.1626 = 2 * 65536 + 1626 = 132698, not in the registry; 2.1131 = 132203 is Tencent Cloud.
  EXPECT_EQ(org_id(reg, resolve("2.1626")), "<none>");
  EXPECT_EQ(org_id(reg, resolve("2.1131")), "tencent-cloud");
}

TEST_F(BundledResolver, Packages) {
  auto m = resolve("com.zhiliaoapp.musically");
  ASSERT_TRUE(m);
  EXPECT_EQ(reg.org(m->org).id, "bytedance");
  EXPECT_EQ(m->how, "package");
  EXPECT_EQ(m->matched, "com.zhiliaoapp.musically");
  EXPECT_EQ(m->kind, IdentifierKind::kAndroidPackage);
  // The package prefixes added for the apps check (scripts/registry-seed-to-toml.py EXTRA:
  // com.ss.android, com.zhiliaoapp) make bytedance's android_packages unverified as a kind.
  EXPECT_FALSE(m->identifier_verified);

  auto sub = resolve("com.tencent.mm.opensdk");
  ASSERT_TRUE(sub);
  EXPECT_EQ(reg.org(sub->org).id, "tencent");
  EXPECT_EQ(sub->how, "package-prefix");
  EXPECT_EQ(sub->matched, "com.tencent.mm");

  // com.tencent is itself a (prefix) entry of the bundled registry (for the apps check); the
  // boundary and parent rules are shown on Huawei's com.huawei.
  EXPECT_EQ(org_id(reg, resolve("com.tencent.mmx")), "tencent");
  EXPECT_EQ(org_id(reg, resolve("com.huaweix")), "<none>");  // segment boundary
  EXPECT_EQ(org_id(reg, resolve("com.huawei.hwid")), "huawei");
  EXPECT_EQ(org_id(reg, resolve("com")), "<none>");  // a parent is not covered
  EXPECT_EQ(org_id(reg, resolve("com.ss.android.ugc.aweme.lite")), "bytedance");
  EXPECT_EQ(org_id(reg, resolve("Com.Tencent.MM")), "<none>");  // package names are case-sensitive
}

TEST_F(BundledResolver, Domains) {
  auto m = resolve("oss-cn-hangzhou.aliyuncs.com");
  ASSERT_TRUE(m);
  EXPECT_EQ(reg.org(m->org).id, "alibaba-cloud");
  EXPECT_EQ(m->how, "domain-suffix");
  EXPECT_EQ(m->matched, "aliyuncs.com");
  EXPECT_EQ(m->kind, IdentifierKind::kDomain);
  EXPECT_FALSE(m->identifier_verified);  // alibaba-cloud: unverified = ["domains"]

  auto exact = resolve("aliyuncs.com");
  ASSERT_TRUE(exact);
  EXPECT_EQ(exact->how, "domain");
  EXPECT_EQ(exact->matched, "aliyuncs.com");

  auto ct = resolve("WWW.ChinaTelecom.CN");
  ASSERT_TRUE(ct);
  EXPECT_EQ(reg.org(ct->org).id, "china-telecom");
  EXPECT_EQ(ct->matched, "chinatelecom.cn");
  EXPECT_TRUE(ct->identifier_verified);  // china-telecom does not mark its domains unverified

  EXPECT_EQ(org_id(reg, resolve("xaliyuncs.com")), "<none>");  // label boundary
  EXPECT_EQ(org_id(reg, resolve("aliyuncs.com.evil.example")), "<none>");
  EXPECT_EQ(org_id(reg, resolve("huawei.com.")), "huawei");
  EXPECT_EQ(org_id(reg, resolve("cloud.huaweicloud.com")), "huawei-cloud");
  EXPECT_EQ(org_id(reg, resolve("www.10086.cn")), "china-mobile");
}

TEST_F(BundledResolver, DottedFallbackToTheOtherKind) {
  // "app.tiktok.com" reads as a package (reverse-DNS head "app"); no package matches, so
  // the domain reading decides.
  Identifier id = parse("app.tiktok.com");
  ASSERT_EQ(id.kind, IdentifierKind::kAndroidPackage);
  ASSERT_TRUE(id.also_other);
  auto m = r.resolve(id);
  ASSERT_TRUE(m);
  EXPECT_EQ(reg.org(m->org).id, "bytedance");
  EXPECT_EQ(m->how, "domain-suffix");
  EXPECT_EQ(m->matched, "tiktok.com");
  EXPECT_EQ(m->kind, IdentifierKind::kDomain);
  // Domains are case-insensitive in the fallback too.
  auto upper = resolve("APP.TikTok.COM");
  ASSERT_TRUE(upper);
  EXPECT_EQ(reg.org(upper->org).id, "bytedance");
  EXPECT_EQ(upper->matched, "tiktok.com");
  // Forced kinds do not fall back.
  EXPECT_EQ(org_id(reg, resolve("package:app.tiktok.com")), "<none>");
  EXPECT_EQ(org_id(reg, resolve("domain:com.tencent.mm")), "<none>");
}

TEST_F(BundledResolver, Names) {
  auto hw = resolve("HUAWEI TECHNOLOGIES CO.,LTD");
  ASSERT_TRUE(hw);
  EXPECT_EQ(reg.org(hw->org).id, "huawei");
  EXPECT_EQ(hw->how, "normalised");
  EXPECT_EQ(hw->matched, "huawei technologies");
  EXPECT_EQ(hw->confidence, 0.9);
  EXPECT_EQ(hw->kind, IdentifierKind::kName);

  auto exact = resolve("Huawei Technologies Co., Ltd.");
  ASSERT_TRUE(exact);
  EXPECT_EQ(reg.org(exact->org).id, "huawei");
  EXPECT_EQ(exact->how, "name");
  EXPECT_EQ(exact->matched, "Huawei Technologies Co., Ltd.");
  EXPECT_EQ(exact->confidence, 1.0);

  auto id = resolve("huawei");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->how, "id");
  auto alias = resolve("HUAWEI");
  ASSERT_TRUE(alias);
  EXPECT_EQ(alias->how, "alias");
  EXPECT_EQ(alias->matched, "HUAWEI");

  auto device = resolve("Huawei Device Co., Ltd.");
  ASSERT_TRUE(device);
  EXPECT_EQ(reg.org(device->org).id, "huawei");
  EXPECT_EQ(device->how, "name-prefix");
  EXPECT_EQ(device->matched, "huawei");
  EXPECT_EQ(device->confidence, 0.7);

  // Longest whole-word prefix: "china telecom" (china-telecom), not a shorter alias.
  auto ct = resolve("China Telecom Hong Kong International Ltd");
  ASSERT_TRUE(ct);
  EXPECT_EQ(reg.org(ct->org).id, "china-telecom");
  EXPECT_EQ(ct->how, "name-prefix");
  EXPECT_EQ(ct->matched, "china telecom");
  auto cta = resolve("China Telecom (Americas) Corp.");
  ASSERT_TRUE(cta);
  EXPECT_EQ(reg.org(cta->org).id, "china-telecom-americas");
  EXPECT_EQ(cta->how, "normalised");

  auto tef = resolve("TELEFÓNICA");
  ASSERT_TRUE(tef);
  EXPECT_EQ(reg.org(tef->org).id, "telefonica");
  EXPECT_EQ(tef->how, "alias");  // folds to the alias "Telefonica"
  auto tef2 = resolve("Telefonica S.A.");
  ASSERT_TRUE(tef2);
  EXPECT_EQ(reg.org(tef2->org).id, "telefonica");
  EXPECT_EQ(tef2->how, "normalised");
  EXPECT_EQ(tef2->matched, "telefonica");

  EXPECT_EQ(org_id(reg, resolve("Kaspersky Lab Moscow")), "kaspersky");
  EXPECT_EQ(org_id(reg, resolve("SK")), "sk-telecom");  // exact alias
  // "sk" is shorter than three characters, so it is no prefix match.
  EXPECT_EQ(org_id(reg, resolve("SK Foo Bar")), "<none>");
  EXPECT_EQ(org_id(reg, resolve("Zyxquor Widgets Holdings Ltd.")), "<none>");
  EXPECT_EQ(org_id(reg, resolve("ZTEC Instruments, Inc.")), "<none>");
  EXPECT_EQ(org_id(reg, resolve("Huaweicloud Partner")), "<none>");
  EXPECT_EQ(org_id(reg, resolve("name:Co., Ltd.")), "<none>");
}

TEST_F(BundledResolver, NameResolution) {
  auto nm = r.resolve_name("  zte corporation ");
  ASSERT_TRUE(nm);
  EXPECT_EQ(reg.org(nm->org).id, "zte");
  EXPECT_EQ(nm->how, "name");
  EXPECT_EQ(nm->matched, "zte corporation");
  EXPECT_FALSE(r.resolve_name(""));
  EXPECT_FALSE(r.resolve_name("..."));
}

TEST_F(BundledResolver, MacWithoutIeeeData) {
  // The bundled registry has no OUIs of its own, so without IEEE data nothing matches.
  EXPECT_FALSE(resolve("00:18:82:12:34:56"));
  EXPECT_FALSE(resolve("00:18:82"));
}

TEST_F(BundledResolver, CertificatesMiss) { EXPECT_FALSE(resolve(std::string(64, 'A'))); }

// ---------------------------------------------------------------------------------------
// Golden cases on the real IEEE registry.

TEST(IeeeResolver, HuaweiOui) {
  if (!ieee()) GTEST_SKIP() << "no IEEE data in " << IeeeOuiRegistry::kDefaultDir;
  const Registry& reg = bundled();
  const Resolver& r = ieee_resolver();
  for (const char* s : {"00:18:82:12:34:56", "00-18-82-12-34-56", "0018.8212.3456", "00:18:82", "mac:001882"}) {
    auto m = r.resolve(parse(s));
    ASSERT_TRUE(m) << s;
    EXPECT_EQ(reg.org(m->org).id, "huawei") << s;
    EXPECT_EQ(m->how, "ieee-oui") << s;
    EXPECT_EQ(m->matched, "00:18:82") << s;
    EXPECT_EQ(m->kind, IdentifierKind::kMac) << s;
    EXPECT_EQ(m->confidence, 0.9) << s;  // the registrant matched by normalised name
    EXPECT_EQ(m->via, "MA-L 00:18:82 registered to \"HUAWEI TECHNOLOGIES CO.,LTD\" (normalised match)") << s;
  }
  // Digits only: an ASN, not a MAC (AS1882 is not in the registry).
  EXPECT_FALSE(r.resolve(parse("001882")));
}

TEST(IeeeResolver, ChineseVendorAssignments) {
  const IeeeOuiRegistry* ie = ieee();
  if (!ie) GTEST_SKIP() << "no IEEE data in " << IeeeOuiRegistry::kDefaultDir;
  const Registry& reg = bundled();
  const Resolver& r = ieee_resolver();
  // Which company a registrant names, decided by hand-written token rules: the vendor's
  // name is a whole word of the registrant, except the unrelated companies that share it.
  auto expected = [](const std::string& registrant) -> std::string {
    std::string n = normalise_name(registrant);
    std::istringstream in(n);
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    auto has = [&](const char* w) { return std::find(words.begin(), words.end(), w) != words.end(); };
    if (n.rfind("prama hikvision", 0) == 0) return "";       // Prama Hikvision India: a licensee
    if (n.rfind("shanghai dahua scale", 0) == 0) return "";  // a scale maker
    if (n.rfind("zhongxing telecom", 0) == 0) return "zte";  // ZTE's earlier name (00:D0:D0)
    if (has("huawei")) return "huawei";
    if (has("zte")) return "zte";
    if (has("hikvision")) return "hikvision";
    if (has("dahua")) return "dahua";
    if (has("hytera")) return "hytera";
    return "";
  };
  std::map<std::string, size_t> counts;
  size_t unrelated_mentions = 0;
  for (const auto& a : ie->assignments()) {
    std::string want = expected(a.organisation);
    std::string lower = core::to_lower(a.organisation);
    bool mentions = false;
    for (const char* w : {"huawei", "zte", "hikvision", "dahua", "hytera"})
      mentions |= lower.find(w) != std::string::npos;
    auto m = r.resolve(Identifier{IdentifierKind::kMac, a.oui.to_string(), 0, {}, a.oui, {}, false});
    if (want.empty()) {
      if (!mentions) continue;
      ++unrelated_mentions;
      // Aztech, Naztec, ZTEC, Prama Hikvision, Shanghai Dahua Scale ...: none of the five.
      std::string got = org_id(reg, m);
      for (const char* v : {"huawei", "zte", "hikvision", "dahua", "hytera"})
        EXPECT_NE(got, v) << a.registry << " " << a.oui.to_string() << " \"" << a.organisation << "\"";
      continue;
    }
    ++counts[want];
    ASSERT_TRUE(m) << a.registry << " " << a.oui.to_string() << " \"" << a.organisation << "\"";
    EXPECT_EQ(reg.org(m->org).id, want) << a.registry << " " << a.oui.to_string() << " \"" << a.organisation << "\"";
    EXPECT_EQ(m->how, "ieee-oui");
    EXPECT_EQ(m->matched, a.oui.to_string());
    // A full MAC inside an MA-L resolves the same way when no more specific assignment covers it.
    if (a.oui.bits == 24) {
      Oui mac{(a.oui.value << 24) | 0xABCDEFu, 48};
      if (ie->lookup(mac) == &a) {
        auto mm = r.resolve(Identifier{IdentifierKind::kMac, mac.to_string(), 0, {}, mac, {}, false});
        ASSERT_TRUE(mm);
        EXPECT_EQ(reg.org(mm->org).id, want) << mac.to_string();
      }
    }
  }
  // ieee-data of 2022-08-27 holds 1398 Huawei (HUAWEI TECHNOLOGIES, Huawei Device, Huawei
  // Symantec, ...), 300 ZTE (with ZHONGXING TELECOM and SHANGHAI ZTE TECHNOLOGIES), 50
  // Hikvision, 24 Dahua and 2 Hytera assignments; newer releases only add to them.
  EXPECT_GE(counts["huawei"], 1398u);
  EXPECT_GE(counts["zte"], 300u);
  EXPECT_GE(counts["hikvision"], 50u);
  EXPECT_GE(counts["dahua"], 24u);
  EXPECT_GE(counts["hytera"], 2u);
  EXPECT_GE(unrelated_mentions, 10u);
}

TEST(IeeeResolver, RegistrantNamesAsNames) {
  if (!ieee()) GTEST_SKIP() << "no IEEE data";
  const Registry& reg = bundled();
  const Resolver& r = ieee_resolver();
  struct Case {
    const char* name;
    const char* org;
    const char* how;
  };
  for (const Case& c : {Case{"HUAWEI TECHNOLOGIES CO.,LTD", "huawei", "normalised"},
                        Case{"Huawei Device Co., Ltd.", "huawei", "name-prefix"},
                        Case{"Huawei Symantec Technologies Co.,Ltd.", "huawei", "name-prefix"},
                        Case{"zte corporation", "zte", "name"}, Case{"ZHONGXING TELECOM LTD.", "zte", "normalised"},
                        Case{"SHANGHAI ZTE TECHNOLOGIES CO.,LTD", "zte", "normalised"},
                        Case{"Hangzhou Hikvision Digital Technology Co.,Ltd.", "hikvision", "normalised"},
                        Case{"Zhejiang Dahua Technology Co., Ltd.", "dahua", "name"},
                        Case{"Hytera Communications Co .,ltd", "hytera", "normalised"},
                        Case{"Hytera Communications Corporation Limited", "hytera", "name"}}) {
    auto nm = r.resolve_name(c.name);
    ASSERT_TRUE(nm) << c.name;
    EXPECT_EQ(reg.org(nm->org).id, c.org) << c.name;
    EXPECT_EQ(nm->how, c.how) << c.name;
  }
  // A one-word brand alias that does not begin its legal name matches none of the longer
  // names it begins: "Vivo" (Telefonica Brasil) is not vivo Mobile Communication, "Plus"
  // (Polkomtel) is not Plus One Japan.
  for (const char* s : {"vivo Mobile Communication Co., Ltd.", "Plus One Japan Limited", "CTG sp. z o. o.",
                        "Prama Hikvision India Private Limited", "Shanghai Dahua Scale Factory",
                        "Aztech Electronics Pte Ltd", "Naztec, Inc.", "ZTEC Instruments, Inc."})
    EXPECT_FALSE(r.resolve_name(s)) << s;
}

// ---------------------------------------------------------------------------------------
// Randomised oracle test.

// A brute-force resolver: linear scans over every organisation, straight from the rules in
// resolver.h and docs/registry-format.md, sharing nothing with Resolver's indexes.
class Oracle {
 public:
  struct Result {
    uint32_t org = 0;
    IdentifierKind kind = IdentifierKind::kName;
    std::string how;
    double confidence = 1.0;
    std::string matched;
    std::string via;
    bool verified = true;
  };
  struct NameResult {
    uint32_t org;
    std::string how;
    double confidence;
    std::string matched;
  };

  // Every identifier of every organisation is copied into flat arrays once; each lookup
  // then scans all of them. (Plain arrays keep a Debug+ASan build fast enough.)
  Oracle(const Registry& reg, const IeeeOuiRegistry* ie) : reg_(reg), ieee_(ie) {
    const auto& orgs = reg.organisations();
    for (uint32_t i = 0; i < orgs.size(); ++i) {
      const Organisation& o = orgs[i];
      ids_.push_back({o.id, i, static_cast<uint32_t>(o.id.size())});
      std::string legal = normalise_name(o.name);
      std::string first_word = legal.substr(0, legal.find(' '));
      add_name(i, false, core::fold_ascii_lower(o.name), legal, true);
      for (const auto& a : o.aliases) {
        std::string n = normalise_name(a);
        // A one-word alias starts a longer name only when it is the legal name's first word.
        bool prefix_ok = n.find(' ') != std::string::npos || n == first_word;
        add_name(i, true, core::fold_ascii_lower(a), n, prefix_ok);
      }
      for (uint32_t a : o.identifiers.asns) asns_.push_back({a, i});
      for (const auto& p : o.identifiers.prefixes) prefixes_.push_back(flat_prefix(p, i));
      for (const auto& x : o.identifiers.ouis) ouis_.push_back({x.value, x.bits, i});
      for (const auto& d : o.identifiers.domains) domains_.push_back({d, i, static_cast<uint32_t>(d.size())});
      for (const auto& p : o.identifiers.android_packages) packages_.push_back({p, i, static_cast<uint32_t>(p.size())});
      for (const auto& s : o.identifiers.sdk_prefixes) sdks_.push_back({s, i, static_cast<uint32_t>(s.size())});
      for (const auto& c : o.identifiers.cert_sha256) certs_.push_back({c, i, static_cast<uint32_t>(c.size())});
    }
    // The bundled announced prefixes, the origin ASN in place of the organisation.
    for (const auto& row : bundled_announced().rows) announced_.push_back(flat_prefix(row.first, row.second));
    if (ieee_) {
      const auto& all = ieee_->assignments();
      for (uint32_t i = 0; i < all.size(); ++i) ieee_flat_.push_back({all[i].oui.value, all[i].oui.bits, i});
      // Longest assignments first, so the first covering one is the longest.
      std::stable_sort(ieee_flat_.begin(), ieee_flat_.end(),
                       [](const FlatOui& a, const FlatOui& b) { return a.bits > b.bits; });
    }
  }

  // The registrant name of IEEE assignment i, resolved by name() on first use.
  const std::optional<NameResult>& ieee_name(size_t i) const {
    const std::string& registrant = ieee_->assignments()[i].organisation;
    auto it = ieee_names_.find(registrant);
    if (it == ieee_names_.end()) it = ieee_names_.emplace(registrant, name(registrant)).first;
    return it->second;
  }

  std::optional<NameResult> name(std::string_view raw) const {
    std::string t(core::trim(raw));
    for (const FlatString *e = ids_.data(), *end = e + ids_.size(); e != end; ++e)
      if (same(t.data(), t.size(), *e)) return NameResult{e->org, "id", 1.0, t};
    std::string f = core::fold_ascii_lower(t);
    std::string n = normalise_name(t);
    // One pass over every name and alias, then the documented order: exact name, exact
    // alias, normalised, longest whole-word prefix of at least 3 characters.
    const NameEntry *name_hit = nullptr, *alias_hit = nullptr, *norm_hit = nullptr, *prefix_hit = nullptr;
    const char *fd = f.data(), *nd = n.data();
    size_t fl = f.size(), nl = n.size();
    for (const NameEntry *e = names_.data(), *end = e + names_.size(); e != end; ++e) {
      if (e->folded_len == fl && std::memcmp(e->folded.data(), fd, fl) == 0) {
        if (!e->alias && !name_hit) name_hit = e;
        if (e->alias && !alias_hit) alias_hit = e;
      }
      size_t len = e->norm_len;
      if (!norm_hit && len == nl && std::memcmp(e->norm.data(), nd, nl) == 0) norm_hit = e;
      if (e->prefix_ok && len >= 3 && len < nl && nd[len] == ' ' && std::memcmp(nd, e->norm.data(), len) == 0 &&
          (!prefix_hit || len > prefix_hit->norm_len))
        prefix_hit = e;
    }
    if (name_hit) return NameResult{name_hit->org, "name", 1.0, t};
    if (alias_hit) return NameResult{alias_hit->org, "alias", 1.0, t};
    if (n.empty()) return std::nullopt;
    if (norm_hit) return NameResult{norm_hit->org, "normalised", 0.9, n};
    if (prefix_hit) return NameResult{prefix_hit->org, "name-prefix", 0.7, prefix_hit->norm};
    return std::nullopt;
  }

  std::optional<Result> resolve(const Identifier& id) const {
    switch (id.kind) {
      case IdentifierKind::kAsn:
        for (const FlatAsn *e = asns_.data(), *end = e + asns_.size(); e != end; ++e)
          if (e->asn == id.asn) return make(e->org, id.kind, "asn", "AS" + std::to_string(e->asn), "asns");
        return std::nullopt;
      case IdentifierKind::kIp: {
        FlatPrefix q = flat_prefix(id.prefix, 0, false);
        const FlatPrefix* best = nullptr;
        for (const FlatPrefix *e = prefixes_.data(), *end = e + prefixes_.size(); e != end; ++e)
          if (e->v6 == q.v6 && e->len <= q.len && ((e->hi ^ q.hi) & e->mask_hi) == 0 &&
              ((e->lo ^ q.lo) & e->mask_lo) == 0 && (!best || e->len > best->len))
            best = e;
        if (best) return make(best->org, id.kind, "prefix", best->text, "prefixes");
        // No registry prefix: the longest announced prefix, then the organisation of its
        // origin AS, with the table's date and source.
        for (const FlatPrefix *e = announced_.data(), *end = e + announced_.size(); e != end; ++e)
          if (e->v6 == q.v6 && e->len <= q.len && ((e->hi ^ q.hi) & e->mask_hi) == 0 &&
              ((e->lo ^ q.lo) & e->mask_lo) == 0 && (!best || e->len > best->len))
            best = e;
        if (!best) return std::nullopt;
        for (const FlatAsn *e = asns_.data(), *end = e + asns_.size(); e != end; ++e) {
          if (e->asn != best->org) continue;
          Result r = make(e->org, id.kind, "announced-prefix", best->text, "asns");
          const AnnouncedPrefixes& t = bundled_announced();
          r.confidence = 0.9;
          r.via = "AS" + std::to_string(e->asn) + " originated it in BGP on " + t.date->to_string() + " (" + t.source +
                  "; derived, " + t.name + ")";
          return r;
        }
        return std::nullopt;
      }
      case IdentifierKind::kMac:
        return mac(id.mac);
      case IdentifierKind::kCertificate:
        for (const FlatString *e = certs_.data(), *end = e + certs_.size(); e != end; ++e)
          if (same(id.key.data(), id.key.size(), *e))
            return make(e->org, id.kind, "certificate", e->key, "cert_sha256");
        return std::nullopt;
      case IdentifierKind::kDomain:
      case IdentifierKind::kAndroidPackage: {
        auto first = id.kind == IdentifierKind::kDomain ? domain(id.key) : package(id.key);
        if (first || !id.also_other) return first;
        return id.kind == IdentifierKind::kDomain ? package(id.key) : domain(id.key);
      }
      case IdentifierKind::kName: {
        auto nm = name(id.key);
        if (!nm) return std::nullopt;
        Result r;
        r.org = nm->org;
        r.kind = id.kind;
        r.how = nm->how;
        r.confidence = nm->confidence;
        r.matched = nm->matched;
        return r;
      }
    }
    return std::nullopt;
  }

 private:
  struct NameEntry {
    uint32_t org;
    bool alias;
    std::string folded, norm;
    bool prefix_ok;  // may match as a whole-word prefix of a longer name
    size_t folded_len, norm_len;
  };
  struct FlatString {
    std::string key;
    uint32_t org;
    uint32_t len;
  };

  void add_name(uint32_t org, bool alias, std::string folded, std::string norm, bool prefix_ok) {
    size_t fl = folded.size(), nl = norm.size();
    names_.push_back({org, alias, std::move(folded), std::move(norm), prefix_ok, fl, nl});
  }
  static bool same(const char* a, size_t an, const FlatString& b) {
    return an == b.len && std::memcmp(a, b.key.data(), an) == 0;
  }
  struct FlatAsn {
    uint32_t asn, org;
  };
  struct FlatOui {
    uint64_t value;
    uint8_t bits;
    uint32_t org;  // or the IEEE assignment index
  };
  // A prefix as two 64-bit halves and masks of its first `len` bits.
  struct FlatPrefix {
    bool v6;
    uint8_t len;
    uint64_t hi, lo, mask_hi, mask_lo;
    uint32_t org;
    std::string text;
  };

  static FlatPrefix flat_prefix(const core::Prefix& p, uint32_t org, bool with_text = true) {
    FlatPrefix f{p.v6, p.len, 0, 0, 0, 0, org, with_text ? p.to_string() : std::string()};
    for (int i = 0; i < 8; ++i) f.hi = (f.hi << 8) | p.bytes[i];
    for (int i = 8; i < 16; ++i) f.lo = (f.lo << 8) | p.bytes[i];
    int hi_bits = std::min<int>(p.len, 64), lo_bits = std::max<int>(p.len - 64, 0);
    f.mask_hi = hi_bits == 0 ? 0 : ~0ull << (64 - hi_bits);
    f.mask_lo = lo_bits == 0 ? 0 : ~0ull << (64 - lo_bits);
    return f;
  }

  Result make(uint32_t org, IdentifierKind kind, std::string how, std::string matched, const char* id_kind) const {
    Result r;
    r.org = org;
    r.kind = kind;
    r.how = std::move(how);
    r.matched = std::move(matched);
    const auto& unv = reg_.organisations()[org].identifiers.unverified;
    r.verified = id_kind == nullptr || std::find(unv.begin(), unv.end(), id_kind) == unv.end();
    return r;
  }

  std::optional<Result> mac(const Oui& q) const {
    const FlatOui* best = nullptr;
    for (const FlatOui *e = ouis_.data(), *end = e + ouis_.size(); e != end; ++e)
      if (e->bits <= q.bits && (q.value >> (q.bits - e->bits)) == e->value && (!best || e->bits > best->bits)) best = e;
    if (best) return make(best->org, IdentifierKind::kMac, "oui", Oui{best->value, best->bits}.to_string(), "ouis");
    if (!ieee_) return std::nullopt;
    const FlatOui* hit = nullptr;
    for (const FlatOui *e = ieee_flat_.data(), *end = e + ieee_flat_.size(); e != end && !hit; ++e)
      if (e->bits <= q.bits && (q.value >> (q.bits - e->bits)) == e->value) hit = e;
    if (!hit || !ieee_name(hit->org)) return std::nullopt;
    const auto& nm = *ieee_name(hit->org);
    const IeeeAssignment& a = ieee_->assignments()[hit->org];
    Result r = make(nm.org, IdentifierKind::kMac, "ieee-oui", a.oui.to_string(), nullptr);
    r.confidence = nm.confidence;
    r.via = a.registry + " " + a.oui.to_string() + " registered to \"" + a.organisation + "\" (" + nm.how + " match)";
    return r;
  }

  // Domains compare case-insensitively (the key of a domain identifier is lower-case; a
  // package read as a domain is lower-cased here).
  std::optional<Result> domain(const std::string& raw_key) const {
    std::string key = core::to_lower(raw_key);
    const FlatString* best = nullptr;
    const char* kd = key.data();
    size_t kl = key.size();
    for (const FlatString *e = domains_.data(), *end = e + domains_.size(); e != end; ++e) {
      size_t dl = e->len;
      bool hit =
          same(kd, kl, *e) || (kl > dl && kd[kl - dl - 1] == '.' && std::memcmp(kd + kl - dl, e->key.data(), dl) == 0);
      if (hit && (!best || dl > best->len)) best = e;
    }
    if (!best) return std::nullopt;
    return make(best->org, IdentifierKind::kDomain, best->key == key ? "domain" : "domain-suffix", best->key,
                "domains");
  }

  std::optional<Result> package(const std::string& key) const {
    const char* kd = key.data();
    size_t kl = key.size();
    auto prefix_of = [&](const FlatString& p) {
      return same(kd, kl, p) || (kl > p.len && kd[p.len] == '.' && std::memcmp(kd, p.key.data(), p.len) == 0);
    };
    const FlatString* best = nullptr;
    bool best_sdk = false;
    for (const FlatString *e = packages_.data(), *end = e + packages_.size(); e != end; ++e)
      if (prefix_of(*e) && (!best || e->len > best->len)) best = e;
    // An SDK prefix wins only when strictly longer: packages go first at the same length.
    for (const FlatString *e = sdks_.data(), *end = e + sdks_.size(); e != end; ++e)
      if (prefix_of(*e) && (!best || e->len > best->len)) best = e, best_sdk = true;
    if (!best) return std::nullopt;
    if (best_sdk) return make(best->org, IdentifierKind::kAndroidPackage, "sdk-prefix", best->key, "sdk_prefixes");
    return make(best->org, IdentifierKind::kAndroidPackage, best->key == key ? "package" : "package-prefix", best->key,
                "android_packages");
  }

  const Registry& reg_;
  const IeeeOuiRegistry* ieee_;
  std::vector<FlatString> ids_;
  std::vector<NameEntry> names_;
  std::vector<FlatAsn> asns_;
  std::vector<FlatPrefix> prefixes_, announced_;
  std::vector<FlatOui> ouis_;
  std::vector<FlatString> domains_, packages_, sdks_, certs_;
  mutable std::map<std::string, std::optional<NameResult>> ieee_names_;  // registrant -> match
  std::vector<FlatOui> ieee_flat_;  // IEEE assignments, longest first; org = assignment index
};

// Builds a registry layer of random identifiers over the bundled registry and random
// identifiers to look up, with a fixed seed.
class OracleWorld {
 public:
  explicit OracleWorld(uint64_t seed) : rng_(seed) {}

  std::mt19937_64 rng_;

  uint64_t u(uint64_t n) { return std::uniform_int_distribution<uint64_t>(0, n - 1)(rng_); }
  bool p(double prob) { return std::uniform_real_distribution<double>(0, 1)(rng_) < prob; }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[u(v.size())];
  }

  std::string word(size_t syllables) {
    static const std::vector<std::string> kSyl = {"zor", "blat", "quin", "vex",  "tar", "mol", "dri", "ka",  "lun",
                                                  "pex", "sor",  "vin",  "gral", "thu", "nex", "bri", "col", "dav",
                                                  "ryn", "fos",  "jum",  "wek",  "yil", "hab", "ost", "ulm", "pra"};
    std::string w;
    for (size_t i = 0; i < syllables; ++i) w += pick(kSyl);
    return w;
  }
  std::string cap(std::string w) {
    if (!w.empty() && w[0] >= 'a' && w[0] <= 'z') w[0] = static_cast<char>(w[0] - 32);
    return w;
  }
  std::string hex(size_t n) {
    std::string s;
    for (size_t i = 0; i < n; ++i) s += "0123456789ABCDEF"[u(16)];
    return s;
  }

  // ---- the test layer ----
  struct OrgPlan {
    std::string id, name;
    std::vector<std::string> aliases;
    bool fresh = false;
    std::vector<uint32_t> asns;
    std::vector<std::string> prefixes, ouis, domains, packages, sdks, certs, unverified;
  };
  std::vector<OrgPlan> plans;
  std::set<std::string> claimed_names;  // normalised names of every organisation
  std::vector<uint32_t> all_asns;
  std::vector<core::Prefix> v4, v6;
  std::vector<Oui> ouis;
  std::vector<std::string> domains, packages, sdks, certs, names;
  std::vector<Oui> ieee_resolvable;  // IEEE assignments whose registrant names an organisation

  bool claim_name(const std::string& s) {
    std::string n = normalise_name(s);
    if (n.empty() || claimed_names.count(n)) return false;
    claimed_names.insert(n);
    return true;
  }

  core::Prefix rand_prefix(bool v6, uint8_t len) {
    core::Prefix q;
    q.v6 = v6;
    for (auto& b : q.bytes) b = static_cast<uint8_t>(u(256));
    if (!v6)
      for (int i = 4; i < 16; ++i) q.bytes[i] = 0;
    q.len = len;
    return core::truncate(q, len);
  }
  // A prefix of length len inside `outer` (random bits after outer.len).
  core::Prefix inside(const core::Prefix& outer, uint8_t len) {
    core::Prefix r = rand_prefix(outer.v6, len);
    for (int bit = 0; bit < outer.len; ++bit) {
      int byte = bit / 8, sh = 7 - bit % 8;
      r.bytes[byte] = static_cast<uint8_t>((r.bytes[byte] & ~(1 << sh)) | (outer.bytes[byte] & (1 << sh)));
    }
    return core::truncate(r, len);
  }

  std::string build_layer(const Registry& base, const IeeeOuiRegistry* ie) {
    for (const auto& o : base.organisations()) {
      claimed_names.insert(normalise_name(o.name));
      for (const auto& a : o.aliases) claimed_names.insert(normalise_name(a));
      OrgPlan pl;
      pl.id = o.id;
      plans.push_back(pl);
      for (uint32_t a : o.identifiers.asns) all_asns.push_back(a);
      for (const auto& d : o.identifiers.domains) domains.push_back(d);
      for (const auto& x : o.identifiers.android_packages) packages.push_back(x);
      for (const auto& x : o.identifiers.sdk_prefixes) sdks.push_back(x);
    }
    // New organisations in families whose names are whole-word prefixes of each other.
    for (int f = 0; plans.size() < base.organisations().size() + 80; ++f) {
      std::string w = cap(word(2));
      std::string t2 = cap(std::string(1, static_cast<char>('a' + u(26)))) + static_cast<char>('a' + u(26));
      std::string t3 = t2 + static_cast<char>('a' + u(26));
      // One-word aliases that are the house name (w, t3, t2) may start longer names, though
      // t2 is too short; the random short and brand aliases below may not.
      std::vector<std::pair<std::string, std::vector<std::string>>> fam = {
          {w + " Holdings Limited", {w}},
          {w + " Cloud Technology Co., Ltd.", {w + " Cloud"}},
          {w + " Cloud Technology Shenzhen Branch", {cap(word(2))}},
          {t3 + " Systems Ltd", {t3}},
          {t2 + " Telecom Co.", {t2}}};
      int k = 0;
      for (auto& [name, aliases] : fam) {
        if (!claim_name(name)) continue;
        OrgPlan pl;
        pl.id = "t" + std::to_string(f) + "-" + std::to_string(k++);
        pl.name = name;
        pl.fresh = true;
        for (auto& a : aliases)
          if (claim_name(a)) pl.aliases.push_back(a);
        // Short aliases: two letters never prefix-match, three letters can.
        std::string two = cap(std::string(1, static_cast<char>('a' + u(26)))) + static_cast<char>('A' + u(26));
        if (p(0.3) && claim_name(two)) pl.aliases.push_back(two);
        std::string three = two + static_cast<char>('A' + u(26));
        if (p(0.3) && claim_name(three)) pl.aliases.push_back(three);
        if (p(0.2)) {
          std::string acc = cap(word(2)) + "é " + cap(word(1));  // an accented alias
          if (claim_name(acc)) pl.aliases.push_back(acc);
        }
        plans.push_back(pl);
      }
    }
    auto any_plan = [&]() -> OrgPlan& { return plans[u(plans.size())]; };

    std::set<uint32_t> asn_set(all_asns.begin(), all_asns.end());
    for (int i = 0; i < 300; ++i) {
      uint32_t a = p(0.5) ? static_cast<uint32_t>(1 + u(70000)) : static_cast<uint32_t>(u(0xFFFFFFFFull) + 1);
      if (!asn_set.insert(a).second) continue;
      any_plan().asns.push_back(a);
      all_asns.push_back(a);
    }

    std::set<std::string> seen;
    // IPv4: a few dense areas so that nesting and near misses are common.
    std::vector<core::Prefix> v4_roots = {*core::parse_prefix("10.0.0.0/8"), *core::parse_prefix("198.18.0.0/15"),
                                          *core::parse_prefix("203.0.113.0/24"), *core::parse_prefix("100.64.0.0/10")};
    for (int i = 0; i < 700; ++i) {
      core::Prefix pr;
      if (!v4.empty() && p(0.45)) {
        const core::Prefix& outer = pick(v4);
        if (outer.len >= 32) continue;
        pr = inside(outer, static_cast<uint8_t>(outer.len + 1 + u(32 - outer.len)));
      } else if (p(0.8)) {
        const core::Prefix& root = pick(v4_roots);
        pr = inside(root, static_cast<uint8_t>(root.len + u(33 - root.len)));
      } else {
        pr = rand_prefix(false, static_cast<uint8_t>(8 + u(17)));
      }
      if (!seen.insert(pr.to_string()).second) continue;
      v4.push_back(pr);
      any_plan().prefixes.push_back(pr.to_string());
    }
    std::vector<core::Prefix> v6_roots = {*core::parse_prefix("2001:db8::/32"), *core::parse_prefix("2400:cb00::/32"),
                                          *core::parse_prefix("2a00::/12")};
    for (int i = 0; i < 500; ++i) {
      core::Prefix pr;
      if (!v6.empty() && p(0.45)) {
        const core::Prefix& outer = pick(v6);
        if (outer.len >= 128) continue;
        uint8_t len = static_cast<uint8_t>(std::min<uint64_t>(128, outer.len + 1 + u(p(0.7) ? 16 : 64)));
        pr = inside(outer, len);
      } else if (p(0.8)) {
        const core::Prefix& root = pick(v6_roots);
        pr = inside(root, static_cast<uint8_t>(root.len + u(p(0.7) ? 33 : 129 - root.len)));
      } else {
        pr = rand_prefix(true, static_cast<uint8_t>(16 + u(49)));
      }
      if (!seen.insert(pr.to_string()).second) continue;
      v6.push_back(pr);
      any_plan().prefixes.push_back(pr.to_string());
    }
    // OUIs: random, nested inside each other, and on top of real IEEE assignments.
    for (int i = 0; i < 200; ++i) {
      static const uint8_t kBits[] = {24, 28, 36};
      Oui o;
      o.bits = kBits[u(3)];
      if (!ouis.empty() && p(0.3)) {
        const Oui& outer = pick(ouis);
        if (outer.bits == 36) continue;
        o.bits = outer.bits == 24 ? (p(0.5) ? 28 : 36) : 36;
        o.value = (outer.value << (o.bits - outer.bits)) | u(1ull << (o.bits - outer.bits));
      } else if (ie && p(0.4)) {
        const Oui& a = pick(ie->assignments()).oui;
        o.bits = std::max<uint8_t>(a.bits, o.bits);
        o.value = (a.value << (o.bits - a.bits)) | u(1ull << (o.bits - a.bits));
      } else {
        o.value = u(1ull << o.bits);
      }
      if (!seen.insert("oui " + o.to_string()).second) continue;
      ouis.push_back(o);
      any_plan().ouis.push_back(o.to_string());
    }
    // Domains: fresh ones, and subdomains of existing ones given to other organisations.
    static const std::vector<std::string> kTld = {"com", "net", "cn", "io", "org"};
    for (int i = 0; i < 350; ++i) {
      std::string d;
      if (!domains.empty() && p(0.5))
        d = word(1 + u(2)) + "." + pick(domains);
      else if (p(0.15))
        d = std::string(p(0.5) ? "app." : "tv.") + word(2) + "." + pick(kTld);
      else
        d = word(1 + u(3)) + "." + pick(kTld);
      if (!valid_domain(d) || !seen.insert("d " + d).second) continue;
      domains.push_back(d);
      any_plan().domains.push_back(d);
    }
    // Packages with reverse-DNS heads, nested ones, and some with plain heads (also domains).
    static const std::vector<std::string> kHead = {"com", "org", "net", "cn", "io", "tv"};
    for (int i = 0; i < 350; ++i) {
      std::string pk;
      if (!packages.empty() && p(0.45))
        pk = pick(packages) + "." + word(1 + u(2));
      else if (p(0.2))
        pk = word(2) + "." + word(1) + "." + word(1);
      else
        pk = pick(kHead) + "." + word(1 + u(2)) + (p(0.5) ? "." + word(1) : "");
      if (p(0.1)) pk += "_" + std::to_string(u(100));
      if (!valid_package(pk) || !seen.insert("p " + pk).second) continue;
      packages.push_back(pk);
      any_plan().packages.push_back(pk);
    }
    // SDK prefixes: equal to some packages (packages win at the same length), nested, fresh.
    for (int i = 0; i < 200; ++i) {
      std::string s;
      double roll = std::uniform_real_distribution<double>(0, 1)(rng_);
      if (roll < 0.35)
        s = pick(packages);
      else if (roll < 0.7 && !sdks.empty())
        s = pick(p(0.5) ? sdks : packages) + "." + word(1);
      else
        s = pick(kHead) + "." + word(2) + ".sdk";
      if (!valid_package(s) || !seen.insert("s " + s).second) continue;
      sdks.push_back(s);
      any_plan().sdks.push_back(s);
    }
    for (int i = 0; i < 100; ++i) {
      std::string c = hex(64);
      certs.push_back(c);
      std::string written = c;
      if (p(0.5)) {
        written.clear();
        for (size_t j = 0; j < c.size(); j += 2) written += (j ? ":" : "") + c.substr(j, 2);
      }
      if (p(0.3)) written = core::to_lower(written);
      any_plan().certs.push_back(written);
    }
    static const std::vector<std::string> kKinds = {"asns",         "prefixes",   "ouis", "domains", "android_packages",
                                                    "sdk_prefixes", "cert_sha256"};
    for (auto& pl : plans)
      if (p(0.3))
        for (const auto& k : kKinds)
          if (p(0.4)) pl.unverified.push_back(k);

    std::ostringstream t;
    auto list = [&](const char* key, const std::vector<std::string>& v) {
      if (v.empty()) return;
      t << key << " = [";
      for (size_t i = 0; i < v.size(); ++i) t << (i ? ", " : "") << '"' << v[i] << '"';
      t << "]\n";
    };
    t << "schema = 1\n";
    for (const auto& pl : plans) {
      t << "\n[[organisation]]\nid = \"" << pl.id << "\"\n";
      if (pl.fresh) {
        t << "name = \"" << pl.name << "\"\n";
        list("aliases", pl.aliases);
      }
      t << "[organisation.identifiers]\n";
      if (!pl.asns.empty()) {
        t << "asns = [";
        for (size_t i = 0; i < pl.asns.size(); ++i) t << (i ? ", " : "") << pl.asns[i];
        t << "]\n";
      }
      list("prefixes", pl.prefixes);
      list("ouis", pl.ouis);
      list("domains", pl.domains);
      list("android_packages", pl.packages);
      list("sdk_prefixes", pl.sdks);
      list("cert_sha256", pl.certs);
      list("unverified", pl.unverified);
    }
    return t.str();
  }

  // ---- queries ----
  std::string random_case(std::string s) {
    for (char& c : s)
      if (((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) && p(0.3)) c = static_cast<char>(c ^ 0x20);
    return s;
  }

  std::string accent(const std::string& s) {
    static const std::map<char, std::vector<std::string>> kAcc = {
        {'a', {"á", "ä", "â"}}, {'e', {"é", "è"}}, {'i', {"í"}},      {'o', {"ö", "ó", "ø"}}, {'u', {"ü", "ú"}},
        {'n', {"ñ"}},           {'c', {"ç"}},      {'A', {"Á", "Ä"}}, {'E', {"É"}},           {'O', {"Ö"}}};
    std::string out;
    for (char c : s) {
      auto it = kAcc.find(c);
      if (it != kAcc.end() && p(0.3))
        out += pick(it->second);
      else
        out += c;
    }
    return out;
  }

  std::string noisy_name(const Registry& reg) {
    std::string base;
    const auto& orgs = reg.organisations();
    const Organisation& o = orgs[u(orgs.size())];
    double roll = std::uniform_real_distribution<double>(0, 1)(rng_);
    if (roll < 0.05) return o.id;
    if (roll < 0.10 && !names.empty()) return pick(names);  // an IEEE registrant
    if (roll < 0.15) {                                      // junk
      std::string j;
      size_t n = 1 + u(20);
      for (size_t i = 0; i < n; ++i) j += " .,-&()/'abcxyzQRS019"[u(21)];
      return j;
    }
    base = (o.aliases.empty() || p(0.4)) ? o.name : pick(o.aliases);
    if (p(0.15)) {  // keep only the first words
      std::istringstream in(base);
      std::vector<std::string> w;
      for (std::string x; in >> x;) w.push_back(x);
      size_t keep = 1 + u(w.size());
      base.clear();
      for (size_t i = 0; i < keep; ++i) base += (i ? " " : "") + w[i];
    }
    if (p(0.4)) base = random_case(base);
    if (p(0.15))
      base = p(0.5) ? core::to_lower(base) : [&] {
        std::string s = base;
        for (char& c : s)
          if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
        return s;
      }();
    if (p(0.3)) {  // punctuation noise
      static const std::vector<std::string> kSep = {", ", " - ", "  ", "\t", "/", " & ", " (", ") ", "."};
      std::string out;
      for (char c : base) {
        if (c == ' ' && p(0.4))
          out += pick(kSep);
        else
          out += c;
      }
      base = out;
    }
    if (p(0.3)) {
      static const std::vector<std::string> kTail = {" Networks",     " Device",      " International", " Holdings",
                                                     " Asia Pacific", " (Hong Kong)", " Cloud",         " Technology"};
      base += p(0.8) ? pick(kTail) : " " + cap(word(2));
      if (p(0.3)) base += pick(kTail);
    }
    if (p(0.4)) {
      static const std::vector<std::string> kLegal = {
          " Co., Ltd.", " CO.,LTD", " Inc.",      " GmbH",       ", S.A.", " AB",       " Oyj", " Corporation",
          " LLC",       " Limited", " Pte. Ltd.", " Sp. z o.o.", " Corp",  " Co .,ltd", " A/S"};
      base += pick(kLegal);
    }
    if (p(0.08)) base = std::string(p(0.5) ? "AO " : "The ") + base;
    if (p(0.2)) base = accent(base);
    if (p(0.1)) base = "  " + base + " ";
    if (p(0.05) && base.size() > 3) base.erase(u(base.size()), 1);  // a typo
    return base;
  }

  uint8_t rand_len(uint8_t max) { return static_cast<uint8_t>(u(max + 1)); }

  // An address or prefix near the registry's: inside one, around one, or anywhere.
  core::Prefix ip_query(bool six) {
    const auto& pool = six ? v6 : v4;
    uint8_t maxl = six ? 128 : 32;
    double roll = std::uniform_real_distribution<double>(0, 1)(rng_);
    if (roll < 0.5 && !pool.empty()) {
      const core::Prefix& pr = pick(pool);
      return inside(pr, p(0.7) ? maxl : static_cast<uint8_t>(pr.len + u(maxl - pr.len + 1)));
    }
    if (roll < 0.8 && !pool.empty()) {
      // Shorter than, or beside, a registry prefix.
      const core::Prefix& pr = pick(pool);
      core::Prefix q = core::truncate(pr, rand_len(pr.len));
      if (p(0.5)) q = inside(q, p(0.5) ? maxl : static_cast<uint8_t>(q.len + u(maxl - q.len + 1)));
      return q;
    }
    return rand_prefix(six, p(0.6) ? maxl : rand_len(maxl));
  }

  Oui mac_query(const IeeeOuiRegistry* ie) {
    double roll = std::uniform_real_distribution<double>(0, 1)(rng_);
    auto extend = [&](const Oui& o) {
      static const uint8_t kBits[] = {24, 28, 36, 48, 48, 48};
      uint8_t bits = kBits[u(6)];
      if (bits < o.bits) return Oui{o.value >> (o.bits - bits), bits};
      return Oui{(o.value << (bits - o.bits)) | u(1ull << (bits - o.bits)), bits};
    };
    if (roll < 0.25 && !ieee_resolvable.empty()) return extend(pick(ieee_resolvable));
    if (roll < 0.45 && ie) return extend(pick(ie->assignments()).oui);
    if (roll < 0.8 && !ouis.empty()) return extend(pick(ouis));
    return Oui{u(1ull << 48), 48};
  }

  std::string domain_query() {
    double roll = std::uniform_real_distribution<double>(0, 1)(rng_);
    std::string d;
    if (roll < 0.75) {
      d = pick(domains);
      size_t extra = u(4);
      for (size_t i = 0; i < extra; ++i) d = word(1) + "." + d;
      if (p(0.1)) d = word(1) + d;                               // not on a label boundary
      if (p(0.1)) d = std::string(p(0.5) ? "app." : "tv.") + d;  // reads as a package
    } else {
      d = word(1 + u(2)) + "." + pick(std::vector<std::string>{"com", "net", "cn", "io"});
    }
    if (p(0.2)) d = random_case(d);
    if (p(0.05)) d += ".";
    return d;
  }

  std::string package_query() {
    double roll = std::uniform_real_distribution<double>(0, 1)(rng_);
    std::string s;
    if (roll < 0.8) {
      s = (sdks.empty() || p(0.6)) ? pick(packages) : pick(sdks);
      size_t extra = u(4);
      for (size_t i = 0; i < extra; ++i) s += "." + word(1);
      if (p(0.1)) s += word(1);  // not on a segment boundary
      if (p(0.05)) s = random_case(s);
    } else {
      s = "com." + word(2) + "." + word(1);
    }
    return s;
  }

  std::string cert_query() {
    std::string c = p(0.6) ? pick(certs) : hex(p(0.9) ? 64 : 40);
    if (p(0.4)) {
      std::string w;
      for (size_t j = 0; j < c.size(); j += 2) w += (j ? ":" : "") + c.substr(j, 2);
      c = w;
    }
    if (p(0.3)) c = core::to_lower(c);
    return c;
  }
};

std::string describe(const Registry& reg, const std::optional<Match>& m) {
  if (!m) return "<none>";
  return reg.org(m->org).id + " how=" + m->how + " matched=\"" + m->matched +
         "\" conf=" + std::to_string(m->confidence) + " verified=" + (m->identifier_verified ? "1" : "0") +
         " kind=" + identifier_kind_name(m->kind) + " via=\"" + m->via + "\"";
}
std::string describe(const Registry& reg, const std::optional<Oracle::Result>& m) {
  if (!m) return "<none>";
  return reg.org(OrganisationId{m->org}).id + " how=" + m->how + " matched=\"" + m->matched +
         "\" conf=" + std::to_string(m->confidence) + " verified=" + (m->verified ? "1" : "0") +
         " kind=" + identifier_kind_name(m->kind) + " via=\"" + m->via + "\"";
}

bool same(const std::optional<Match>& a, const std::optional<Oracle::Result>& b) {
  if (!a || !b) return !a && !b;
  return a->org.value() == b->org && a->how == b->how && a->matched == b->matched && a->confidence == b->confidence &&
         a->identifier_verified == b->verified && a->kind == b->kind && a->via == b->via;
}

TEST(ResolverOracle, RandomIdentifiersAgreeWithBruteForce) {
  auto t0 = std::chrono::steady_clock::now();
  std::string phases;
  auto phase = [&, last = t0](const char* what) mutable {
    auto now = std::chrono::steady_clock::now();
    phases += std::string(phases.empty() ? "" : ", ") + what + " " +
              std::to_string(std::chrono::duration<double>(now - last).count()).substr(0, 5) + " s";
    last = now;
  };
  const IeeeOuiRegistry* ie = ieee();
  phase("ieee load");
  OracleWorld w(0x5eed'c1ea'2024ull);

  RegistryBuilder b;
  ASSERT_TRUE(b.add_layer(kBundledRegistryName, bundled_registry_toml()).empty());
  std::string layer = w.build_layer(bundled(), ie);
  auto errs = b.add_layer("oracle-layer.toml", layer);
  for (auto& e : errs) ADD_FAILURE() << e.message();
  ASSERT_TRUE(errs.empty());
  auto fin = b.finish();
  for (auto& e : fin) ADD_FAILURE() << e.message();
  ASSERT_TRUE(fin.empty());
  const Registry reg = b.take();
  ASSERT_EQ(reg.layers().size(), 2u);
  ASSERT_GT(reg.organisations().size(), bundled().organisations().size() + 50);
  if (ie) {
    std::set<std::string> distinct;
    for (const auto& a : ie->assignments()) distinct.insert(a.organisation);
    w.names.assign(distinct.begin(), distinct.end());
  }

  phase("registry");
  Resolver r(reg, ie);
  phase("resolver");
  Oracle oracle(reg, ie);
  phase("oracle");
  if (ie) {
    // Only steers the sampling (no assertion depends on it), so the indexed resolver may
    // pick these; the oracle resolves each registrant it meets on its own.
    for (const auto& a : ie->assignments())
      if (r.resolve_name(a.organisation)) w.ieee_resolvable.push_back(a.oui);
    EXPECT_GE(w.ieee_resolvable.size(), 1700u);  // Huawei, ZTE, Hikvision, Dahua, ... at least
  }

  std::map<std::string, size_t> by_how;  // "<kind>/<how>" -> count, "<kind>/miss"
  size_t total = 0, mismatches = 0, parse_errors = 0;
  auto check = [&](const Identifier& id) {
    ++total;
    auto got = r.resolve(id);
    auto want = oracle.resolve(id);
    ++by_how[std::string(identifier_kind_name(id.kind)) + "/" + (want ? want->how : "miss")];
    if (!same(got, want) && ++mismatches <= 25)
      ADD_FAILURE() << "identifier " << identifier_kind_name(id.kind) << " \"" << id.text << "\" key=\"" << id.key
                    << "\" also_other=" << id.also_other << "\n  resolver: " << describe(reg, got)
                    << "\n  oracle:   " << describe(reg, want);
  };
  auto check_text = [&](const std::string& text) {
    auto id = parse_identifier(text);
    if (!id) {
      if (++parse_errors <= 3) std::cout << "[ oracle   ] rejected: " << id.error().message() << "\n";
      return;
    }
    check(*id);
  };

  // ASNs: registry ones, neighbours and random ones, in every notation.
  for (int i = 0; i < 12000; ++i) {
    uint32_t a = w.p(0.5) ? w.pick(w.all_asns) + static_cast<uint32_t>(w.p(0.2) ? 1 : 0)
                          : static_cast<uint32_t>(w.u(w.p(0.5) ? 70000 : 0x100000000ull));
    std::string text = w.p(0.5) ? "AS" + std::to_string(a) : std::to_string(a);
    if (a >= 65536 && w.p(0.2)) text = std::to_string(a >> 16) + "." + std::to_string(a & 0xFFFF);
    check_text(text);
  }
  phase("asn");
  // IPv4 and IPv6: half through the parser, half built directly.
  for (int i = 0; i < 26000; ++i) {
    bool six = i >= 16000;
    core::Prefix q = w.ip_query(six);
    if (w.p(0.5)) {
      std::string s = q.to_string();
      if (q.len == q.max_len() && w.p(0.5)) s = s.substr(0, s.find('/'));
      check_text(s);
    } else {
      Identifier id;
      id.kind = IdentifierKind::kIp;
      id.prefix = q;
      id.text = q.to_string();
      check(id);
    }
  }
  phase("ip");
  // MACs: within IEEE assignments and registry OUIs, and random. Limited because the
  // oracle scans every IEEE assignment for each.
  for (int i = 0; i < 2000; ++i) {
    Oui m = w.mac_query(ie);
    Identifier id;
    id.kind = IdentifierKind::kMac;
    id.mac = m;
    id.text = m.to_string();
    if (w.p(0.5))
      check_text("mac:" + m.to_string());
    else
      check(id);
  }
  phase("mac");
  for (int i = 0; i < 17000; ++i) check_text(w.domain_query());
  phase("domain");
  for (int i = 0; i < 17000; ++i) {
    std::string s = w.package_query();
    check_text(w.p(0.2) ? "package:" + s : s);
  }
  phase("package");
  for (int i = 0; i < 2000; ++i) check_text(w.cert_query());
  phase("cert");
  for (int i = 0; i < 24100; ++i) {
    std::string s = w.noisy_name(reg);
    if (w.p(0.2)) {
      check_text(s);  // whatever it parses as
    } else {
      Identifier id;
      id.kind = IdentifierKind::kName;
      id.text = s;
      id.key = s;
      check(id);
    }
  }

  phase("name");
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "[ oracle   ] " << phases << "\n";
  std::cout << "[ oracle   ] " << total << " identifiers (" << parse_errors << " rejected by the parser) in " << secs
            << " s, IEEE data " << (ie ? "loaded" : "absent") << "\n";
  for (const auto& [k, n] : by_how) std::cout << "[ oracle   ]   " << k << ": " << n << "\n";
  EXPECT_EQ(mismatches, 0u);
  EXPECT_GE(total, 100000u);

  // The test means something only if every kind of match happens often.
  for (const char* k : {"asn/asn",
                        "asn/miss",
                        "ip/prefix",
                        "ip/miss",
                        "mac/oui",
                        "mac/miss",
                        "domain/domain",
                        "domain/domain-suffix",
                        "domain/miss",
                        "package/package",
                        "ip/announced-prefix",
                        "package/package-prefix",
                        "package/sdk-prefix",
                        "package/miss",
                        "certificate/certificate",
                        "certificate/miss",
                        "name/id",
                        "name/name",
                        "name/alias",
                        "name/normalised",
                        "name/name-prefix",
                        "name/miss"})
    EXPECT_GE(by_how[k], 30u) << k;
  if (ie) {
    EXPECT_GE(by_how["mac/ieee-oui"], 300u);
  }
  // A package read as a domain and a domain read as a package both occur.
  EXPECT_GE(by_how["package/domain-suffix"] + by_how["package/domain"], 30u);
  EXPECT_GE(by_how["domain/package-prefix"] + by_how["domain/package"] + by_how["domain/sdk-prefix"], 30u);
}

}  // namespace
}  // namespace cleannet::trust
