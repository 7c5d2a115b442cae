// Small text helpers shared by every reader: ASCII folding of Latin letters (so
// "Telefónica" and "TELEFONICA" compare equal), trimming and splitting.
//
//   fold_ascii_lower("Telefónica, S.A.") == "telefonica, s.a."
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
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
std::string to_lower(std::string_view s);  // ASCII letters only
std::string to_upper(std::string_view s);  // ASCII letters only
// Case-insensitive (ASCII) prefix test and search; ifind returns npos when absent.
bool istarts_with(std::string_view s, std::string_view prefix);
size_t ifind(std::string_view s, std::string_view needle, size_t from = 0);

// Two ASCII letters, upper-cased: the shape of an ISO 3166-1 alpha-2 code ("de" -> "DE");
// nullopt for anything else. Whether the code is assigned is the caller's question.
std::optional<std::string> alpha2_upper(std::string_view s);

// "a, b, c": the items with `sep` between them, for evidence and summary lines.
// A decimal with at most two places and no trailing zeros: "51", "50.5", "33.33".
std::string decimal_text(double v);
std::string join(const std::vector<std::string>& items, std::string_view sep = ", ");

// Appends code point `cp` (at most 0x10FFFF) as UTF-8 (RFC 3629 section 3); callers decide
// first what to do with surrogates, NUL or escapes their format forbids.
void append_utf8(std::string& out, uint32_t cp);

// Base64 (RFC 4648 §4, with padding) through OpenSSL, for binary tables inside JSON
// documents (shard partials). decode: nullopt on anything but canonical base64.
std::string base64_encode(std::string_view bytes);
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace cleannet::core
