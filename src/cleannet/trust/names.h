// Organisation-name normalisation, shared by the resolver, the registry checks and the
// IEEE OUI attribution so that every part of cleannet matches names the same way.
//
//   normalise_name("HUAWEI TECHNOLOGIES CO.,LTD") == "huawei technologies"
//   normalise_name("Telefónica, S.A.")            == "telefonica"
#pragma once

#include <string>
#include <string_view>

namespace cleannet::trust {

// Folds case and Latin accents, drops dots and apostrophes ("S.A." -> "sa"), turns all
// other punctuation into spaces, collapses spaces, then strips legal-form words at the end
// (Co, Ltd, Inc, Corp, Corporation, GmbH, S.A., AB, Oyj, LLC, PLC, ...) and at the start
// (AO, OOO, PT ...), never leaving the name empty.
std::string normalise_name(std::string_view name);

// True when the tokens of `prefix` are the first whole tokens of `name` (both normalised):
// "huawei" is a token prefix of "huawei device", not of "huaweicloud".
bool is_token_prefix(std::string_view prefix, std::string_view name);

}  // namespace cleannet::trust
