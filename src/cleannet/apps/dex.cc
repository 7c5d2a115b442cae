#include "cleannet/apps/dex.h"

#include "cleannet/apps/bytes.h"
#include "cleannet/core/text.h"

namespace cleannet::apps {

namespace {

constexpr uint32_t kHeaderSize = 0x70;
constexpr uint32_t kEndianConstant = 0x12345678;

std::string n2s(uint64_t v) { return std::to_string(v); }

// Appends MUTF-8 (dex-format "MUTF-8 (Modified UTF-8) encoding") as UTF-8: the two-byte NUL
// (C0 80) and surrogate pairs (CESU-8) become their UTF-8 forms; '/' becomes '.'.
// Returns false on a malformed sequence.
bool append_mutf8(std::string_view s, std::string& out) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += c == '/' ? '.' : static_cast<char>(c);
      ++i;
      continue;
    }
    auto cont = [&](size_t k) { return k < s.size() && (static_cast<unsigned char>(s[k]) & 0xc0) == 0x80; };
    uint32_t cp;
    if ((c & 0xe0) == 0xc0 && cont(i + 1)) {
      cp = ((c & 0x1fu) << 6) | (s[i + 1] & 0x3f);
      i += 2;
    } else if ((c & 0xf0) == 0xe0 && cont(i + 1) && cont(i + 2)) {
      cp = ((c & 0x0fu) << 12) | ((s[i + 1] & 0x3fu) << 6) | (s[i + 2] & 0x3f);
      i += 3;
      if (cp >= 0xd800 && cp <= 0xdbff && i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xed && cont(i + 1) &&
          cont(i + 2)) {
        const uint32_t lo = ((s[i + 1] & 0x3fu) << 6) | (s[i + 2] & 0x3f) | 0xd000;
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          i += 3;
        }
      }
    } else {
      return false;
    }
    if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;  // lone surrogate / NUL: replacement
    core::append_utf8(out, cp);
  }
  return true;
}

}  // namespace

core::Result<uint32_t> read_dex_classes(const std::string& f, std::string_view d, ClassList& out,
                                        const DexLimits& limits) {
  if (d.size() < kHeaderSize) return error_at(f, 0, "DEX header", "a 112-byte header", n2s(d.size()) + " bytes");
  // Magic "dex\n" + 3-digit version + NUL (035 ... 041 are the versions Android has shipped).
  if (d.substr(0, 4) != std::string_view("dex\n", 4) || d[7] != '\0' || d[4] != '0' || d[5] < '3' || d[5] > '4' ||
      d[6] < '0' || d[6] > '9')
    return error_at(f, 0, "DEX header", "the magic \"dex\\n0NN\\0\"", core::quote_found(d.substr(0, 8)));
  const uint32_t file_size = le32(d, 32), header_size = le32(d, 36), endian = le32(d, 40);
  if (endian != kEndianConstant)
    return error_at(f, 40, "DEX header", "endian_tag 0x12345678",
                    endian == 0x78563412 ? std::string("0x78563412 (big-endian, unsupported)") : n2s(endian));
  if (header_size != kHeaderSize) return error_at(f, 36, "DEX header", "header_size 112", n2s(header_size));
  if (file_size > d.size() || file_size < kHeaderSize)
    return error_at(f, 32, "DEX header", "file_size between 112 and the " + n2s(d.size()) + " bytes present",
                    n2s(file_size));
  d = d.substr(0, file_size);
  struct Table {
    const char* name;
    uint32_t size, off, item;
    uint64_t field;
  };
  const Table strings{"string_ids", le32(d, 56), le32(d, 60), 4, 56};
  const Table types{"type_ids", le32(d, 64), le32(d, 68), 4, 64};
  const Table classes{"class_defs", le32(d, 96), le32(d, 100), 32, 96};
  for (const Table& t : {strings, types, classes}) {
    if (!fits(d, t.off, static_cast<uint64_t>(t.size) * t.item))
      return error_at(f, t.field, "DEX header",
                      std::string(t.name) + " (" + n2s(t.size) + " x " + n2s(t.item) + " bytes at " + n2s(t.off) +
                          ") inside the " + n2s(file_size) + "-byte file",
                      "a table ending at " + n2s(static_cast<uint64_t>(t.off) + uint64_t{t.size} * t.item));
  }
  if (classes.size > limits.max_classes)
    return error_at(f, 96, "DEX header", "at most " + n2s(limits.max_classes) + " class_defs", n2s(classes.size));
  const size_t before = out.size();
  // No partial class list on bad input: what this file appended is dropped on error.
  auto fail = [&](core::Error e) -> core::Error {
    out.truncate(before);
    return e;
  };
  out.reserve(before + classes.size, out.arena().size() + static_cast<size_t>(classes.size) * 40);
  for (uint32_t i = 0; i < classes.size; ++i) {
    const uint64_t cd = classes.off + uint64_t{i} * 32;
    const uint32_t type_idx = le32(d, cd);
    if (type_idx >= types.size)
      return fail(error_at(f, cd, "DEX class_defs[" + n2s(i) + "]", "class_idx < type_ids_size " + n2s(types.size),
                           n2s(type_idx)));
    const uint64_t ti = types.off + uint64_t{type_idx} * 4;
    const uint32_t str_idx = le32(d, ti);
    if (str_idx >= strings.size)
      return fail(error_at(f, ti, "DEX type_ids[" + n2s(type_idx) + "]",
                           "descriptor_idx < string_ids_size " + n2s(strings.size), n2s(str_idx)));
    const uint64_t si = strings.off + uint64_t{str_idx} * 4;
    uint64_t p = le32(d, si);
    const uint64_t str_at = p;
    // string_data_item: uleb128 utf16_size, then MUTF-8 bytes and a NUL.
    uint32_t utf16 = 0;
    for (int shift = 0;; shift += 7) {
      if (p >= d.size())
        return fail(error_at(f, si, "DEX string_ids[" + n2s(str_idx) + "]",
                             "string data inside the " + n2s(file_size) + "-byte file", "offset " + n2s(str_at)));
      const auto b = static_cast<unsigned char>(d[p++]);
      if (shift == 28 && (b & 0xf0) != 0)
        return fail(error_at(f, p - 1, "DEX string_data", "a ULEB128 of at most 5 bytes and 32 bits", "more"));
      utf16 |= static_cast<uint32_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) break;
    }
    (void)utf16;  // the length in UTF-16 units is not needed: the bytes end at the NUL
    const size_t nul = d.find('\0', p);
    if (nul == std::string_view::npos)
      return fail(error_at(f, str_at, "DEX string_data", "a NUL-terminated MUTF-8 string", "end of file"));
    const std::string_view desc = d.substr(p, nul - p);
    if (desc.size() < 3 || desc.front() != 'L' || desc.back() != ';')
      return fail(error_at(f, str_at, "DEX class_defs[" + n2s(i) + "] descriptor", "a class descriptor Lname;",
                           core::quote_found(desc)));
    const std::string_view body = desc.substr(1, desc.size() - 2);
    std::string& a = out.arena();
    bool ascii = true;
    for (char c : body)
      if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
    if (ascii) {
      const size_t at = a.size();
      a.append(body);
      for (size_t k = at; k < a.size(); ++k)
        if (a[k] == '/') a[k] = '.';
    } else if (!append_mutf8(body, a)) {
      return fail(error_at(f, p, "DEX string_data", "MUTF-8 bytes", core::quote_found(body)));
    }
    out.seal();
  }
  return static_cast<uint32_t>(classes.size);
}

}  // namespace cleannet::apps
