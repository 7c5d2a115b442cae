#include "cleannet/asgraph/attribution.h"

#include "cleannet/core/text.h"
#include "cleannet/trust/names.h"

namespace cleannet::asgraph {

namespace {

// "China Telecom Group" -> "chinatelecomgroup"; accents folded first.
std::string squeeze(std::string_view s) {
  std::string out;
  for (char c : core::fold_ascii_lower(s))
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
  return out;
}

}  // namespace

std::string_view name_handle(std::string_view name) {
  name = core::trim(name);
  return name.substr(0, name.find(' '));
}

std::string_view name_description(std::string_view name) {
  name = core::trim(name);
  size_t sp = name.find(' ');
  return sp == std::string_view::npos ? std::string_view() : core::trim(name.substr(sp + 1));
}

std::string_view first_word(std::string_view s) {
  s = core::trim(s);
  return s.substr(0, s.find_first_of(" -_.,"));
}

AsAttributor::AsAttributor(const trust::Resolver& resolver, const AsDirectory* directory)
    : resolver_(resolver), directory_(directory) {
  const auto& orgs = resolver.registry().organisations();
  std::unordered_map<std::string, bool> ambiguous;
  for (uint32_t i = 0; i < orgs.size(); ++i) {
    auto add = [&](const std::string& text) {
      std::string key = squeeze(trust::normalise_name(text));
      if (key.size() < kMinWordLength) return;
      auto [it, fresh] = words_.emplace(key, std::pair{trust::OrganisationId{i}, text});
      if (!fresh && it->second.first != trust::OrganisationId{i}) ambiguous[key] = true;
    };
    add(orgs[i].name);
    for (const auto& a : orgs[i].aliases) add(a);
  }
  for (const auto& [key, _] : ambiguous) words_.erase(key);
}

std::optional<AsAttributor::Found> AsAttributor::by_name(std::string_view text) const {
  if (text.empty()) return std::nullopt;
  std::string key(text);
  auto it = name_cache_.find(key);
  if (it != name_cache_.end()) return it->second;
  std::optional<Found> f;
  if (auto nm = resolver_.resolve_name(text)) {
    // What the match rests on: the registry key for normalised and prefix matches, the
    // name itself for exact ones.
    std::string basis = trust::normalise_name(nm->matched);
    f = Found{nm->org, nm->how, nm->confidence, nm->matched, basis.find(' ') == std::string::npos};
  }
  return name_cache_.emplace(std::move(key), std::move(f)).first->second;
}

std::optional<AsAttributor::Found> AsAttributor::by_word(std::string_view word) const {
  if (word.size() < kMinWordLength) return std::nullopt;
  std::string key(word);
  auto it = word_cache_.find(key);
  if (it != word_cache_.end()) return it->second;
  std::optional<Found> f;
  // Letters and digits only: "AT&T" or "O2/UK" are not a handle's brand word.
  const std::string folded = squeeze(word);
  if (auto w = words_.find(folded); w != words_.end() && folded.size() == word.size())
    f = Found{w->second.first, "", kWordConfidence, w->second.second, true};
  return word_cache_.emplace(std::move(key), std::move(f)).first->second;
}

bool AsAttributor::country_fits(trust::OrganisationId org, std::string_view country) const {
  if (country.empty()) return false;
  const auto& reg = resolver_.registry();
  // The organisation or any of its recorded owners, at any depth: a brand word names the
  // group, and a subsidiary abroad still belongs to it. finish() forbids cycles; the seen
  // set keeps shared owners from being walked twice.
  std::vector<trust::OrganisationId> todo{org};
  std::vector<uint32_t> seen;
  while (!todo.empty()) {
    const auto& o = reg.org(todo.back());
    todo.pop_back();
    if (core::iequals(o.country, country)) return true;
    for (const auto& w : o.owners)
      if (w.owner_id && std::find(seen.begin(), seen.end(), w.owner_id.value()) == seen.end()) {
        seen.push_back(w.owner_id.value());
        todo.push_back(w.owner_id);
      }
  }
  return false;
}

std::optional<trust::Match> AsAttributor::attribute(uint32_t asn) const {
  trust::Identifier id;
  id.kind = trust::IdentifierKind::kAsn;
  id.asn = asn;
  id.text = "AS" + std::to_string(asn);
  if (auto m = resolver_.resolve(id)) return m;
  if (!directory_) return std::nullopt;
  auto e = directory_->find(asn);
  if (!e) return std::nullopt;

  const bool as2org = directory_->source() == DirectorySource::kAs2Org;
  auto fits = [&](const std::optional<Found>& f) { return f && (!f->one_word || country_fits(f->org, e->country)); };
  std::optional<Found> f;
  std::string how;
  if (as2org) {
    if (fits(f = by_name(e->org_name))) {
      how = "as2org org-name: " + f->how;
    } else if (fits(f = by_word(first_word(e->name)))) {
      how = "as2org aut-name handle";
    } else {
      return std::nullopt;
    }
  } else {
    const std::string_view desc = name_description(e->name);
    if (fits(f = by_name(desc))) {
      how = "asn-name: " + f->how;
    } else if (fits(f = by_word(first_word(name_handle(e->name))))) {
      how = "asn-name handle";
    } else if (fits(f = by_word(first_word(desc)))) {
      how = "asn-name first word";
    } else {
      return std::nullopt;
    }
  }
  trust::Match m;
  m.org = f->org;
  m.kind = trust::IdentifierKind::kAsn;
  m.how = std::move(how);
  m.confidence = f->confidence;
  m.matched = f->matched;
  const std::string where = directory_->file() + ":" + std::to_string(e->line);
  if (as2org) {
    m.via = "AS" + std::to_string(asn) + " of organisation " + std::string(e->org_id) + " \"" +
            std::string(e->org_name) + "\" (" + std::string(e->country) + ", " + where + ")";
  } else {
    m.via = "AS" + std::to_string(asn) + " named \"" + std::string(e->name) + "\" (" + std::string(e->country) + ", " +
            where + ")";
  }
  m.identifier_verified = false;  // an inference from a name, not a source
  return m;
}

}  // namespace cleannet::asgraph
