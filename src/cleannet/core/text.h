// Small text helpers shared by every reader: ASCII folding of Latin letters (so
// "Telefónica" and "TELEFONICA" compare equal), trimming and splitting.
//
//   fold_ascii_lower("Telefónica, S.A.") == "telefonica, s.a."
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace cleannet::core {

// Lower-cases ASCII and maps Latin-1 Supplement and Latin Extended-A letters to their
// unaccented ASCII base ("ß" -> "ss", "Æ" -> "ae"). Other code points and invalid UTF-8
// bytes are kept as they are, so no input is ever rejected here.
std::string fold_ascii_lower(std::string_view s);

std::string_view trim(std::string_view s);
std::vector<std::string_view> split(std::string_view s, char sep);
bool iequals(std::string_view a, std::string_view b);
std::string to_lower(std::string_view s);

}  // namespace cleannet::core
