#include "cleannet/apps/axml.h"

#include <cstdio>
#include <vector>

#include "cleannet/apps/bytes.h"
#include "cleannet/core/text.h"

namespace cleannet::apps {

namespace {

// ResourceTypes.h chunk types.
constexpr uint16_t kResXmlType = 0x0003;
constexpr uint16_t kStringPoolType = 0x0001;
constexpr uint16_t kXmlResourceMapType = 0x0180;
constexpr uint16_t kXmlStartElementType = 0x0102;
constexpr uint32_t kUtf8Flag = 1u << 8;
// android:versionCode, android:versionName, android:minSdkVersion (public.xml ids).
constexpr uint32_t kAttrVersionCode = 0x0101021b;
constexpr uint32_t kAttrVersionName = 0x0101021c;
constexpr uint32_t kAttrMinSdk = 0x0101020c;
// Res_value data types.
constexpr uint8_t kTypeReference = 0x01;
constexpr uint8_t kTypeString = 0x03;
constexpr uint8_t kTypeIntDec = 0x10;
constexpr uint8_t kTypeIntHex = 0x11;
constexpr uint32_t kMaxStrings = 1u << 20;

std::string n2s(uint64_t v) { return std::to_string(v); }

struct StringPool {
  std::string_view chunk;
  uint64_t base = 0;  // file offset of the chunk
  uint32_t count = 0;
  uint32_t strings_start = 0;
  bool utf8 = false;
};

// String `idx` of the pool, decoded to UTF-8 (ResStringPool::stringAt / string8At).
core::Result<std::string> pool_string(const std::string& f, const StringPool& sp, uint32_t idx) {
  if (idx >= sp.count) return error_at(f, sp.base, "AXML string pool", "a string index < " + n2s(sp.count), n2s(idx));
  const std::string_view c = sp.chunk;
  const uint64_t entry = 28 + uint64_t{idx} * 4;
  uint64_t p = uint64_t{sp.strings_start} + le32(c, entry);
  const uint64_t at = p;
  auto bad = [&](const std::string& what) {
    return error_at(f, sp.base + at, "AXML string " + n2s(idx),
                    what + " inside the " + n2s(c.size()) + "-byte string pool", "end of chunk");
  };
  std::string out;
  if (sp.utf8) {
    // Two lengths (UTF-16 units, then bytes), each 1 or 2 bytes with the high bit as a flag.
    for (int k = 0; k < 2; ++k) {
      if (!fits(c, p, 1)) return bad("a length");
      uint32_t len = static_cast<unsigned char>(c[p++]);
      if (len & 0x80) {
        if (!fits(c, p, 1)) return bad("a length");
        len = ((len & 0x7f) << 8) | static_cast<unsigned char>(c[p++]);
      }
      if (k == 1) {
        if (!fits(c, p, len)) return bad(n2s(len) + " bytes");
        out.assign(c.substr(p, len));
      }
    }
    return out;
  }
  if (!fits(c, p, 2)) return bad("a length");
  uint32_t len = le16(c, p);
  p += 2;
  if (len & 0x8000) {
    if (!fits(c, p, 2)) return bad("a length");
    len = ((len & 0x7fff) << 16) | le16(c, p);
    p += 2;
  }
  if (!fits(c, p, uint64_t{len} * 2)) return bad(n2s(len) + " UTF-16 units");
  out.reserve(len);
  for (uint32_t i = 0; i < len; ++i) {
    uint32_t u = le16(c, p + uint64_t{i} * 2);
    if (u >= 0xd800 && u <= 0xdbff && i + 1 < len) {
      const uint32_t lo = le16(c, p + uint64_t{i + 1} * 2);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
        ++i;
      }
    }
    if (u >= 0xd800 && u <= 0xdfff) u = 0xfffd;
    core::append_utf8(out, u);
  }
  return out;
}

}  // namespace

core::Result<ManifestInfo> read_manifest(const std::string& f, std::string_view d) {
  if (!fits(d, 0, 8)) return error_at(f, 0, "AXML header", "an 8-byte chunk header", n2s(d.size()) + " bytes");
  if (le16(d, 0) != kResXmlType)
    return error_at(f, 0, "AXML header", "chunk type 0x0003 (RES_XML_TYPE)", n2s(le16(d, 0)));
  const uint32_t total = le32(d, 4);
  if (le16(d, 2) < 8 || total > d.size() || total < le16(d, 2))
    return error_at(f, 4, "AXML header",
                    "a document size between the header and the " + n2s(d.size()) + " bytes present", n2s(total));
  d = d.substr(0, total);
  StringPool sp;
  bool have_pool = false;
  std::vector<uint32_t> resmap;
  ManifestInfo m;
  bool in_manifest = false, done = false;
  uint64_t p = le16(d, 2);
  while (p < d.size() && !done) {
    if (!fits(d, p, 8)) return error_at(f, p, "AXML chunk", "an 8-byte chunk header", n2s(d.size() - p) + " bytes");
    const uint16_t type = le16(d, p), hsize = le16(d, p + 2);
    const uint32_t size = le32(d, p + 4);
    if (hsize < 8 || size < hsize || !fits(d, p, size))
      return error_at(
          f, p + 4, "AXML chunk",
          "a chunk size between its header size " + n2s(hsize) + " and the " + n2s(d.size() - p) + " bytes left",
          n2s(size));
    const std::string_view c = d.substr(p, size);
    if (type == kStringPoolType) {
      if (hsize < 28) return error_at(f, p + 2, "AXML string pool", "a 28-byte header", n2s(hsize));
      sp.chunk = c;
      sp.base = p;
      sp.count = le32(c, 8);
      sp.utf8 = (le32(c, 16) & kUtf8Flag) != 0;
      sp.strings_start = le32(c, 20);
      if (sp.count > kMaxStrings || !fits(c, 28, uint64_t{sp.count} * 4))
        return error_at(f, p + 8, "AXML string pool", "string offsets inside the " + n2s(size) + "-byte chunk",
                        n2s(sp.count) + " strings");
      if (sp.strings_start > size)
        return error_at(f, p + 20, "AXML string pool", "stringsStart inside the " + n2s(size) + "-byte chunk",
                        n2s(sp.strings_start));
      have_pool = true;
    } else if (type == kXmlResourceMapType) {
      resmap.clear();
      for (uint64_t q = hsize; q + 4 <= size; q += 4) resmap.push_back(le32(c, q));
    } else if (type == kXmlStartElementType) {
      if (!have_pool) return error_at(f, p, "AXML start element", "a string pool before the first element", "none");
      // ResXMLTree_node (16 bytes) + ResXMLTree_attrExt (20 bytes).
      if (hsize < 16 || !fits(c, hsize, 20))
        return error_at(f, p, "AXML start element", "a 16-byte node header and a 20-byte attribute extension",
                        n2s(size) + " bytes");
      const uint64_t ext = hsize;
      auto name = pool_string(f, sp, le32(c, ext + 4));
      if (!name) return name.error();
      const uint16_t attr_start = le16(c, ext + 8), attr_size = le16(c, ext + 10), attr_count = le16(c, ext + 12);
      if (attr_size < 20 || !fits(c, ext + attr_start, uint64_t{attr_size} * attr_count))
        return error_at(f, p + ext + 8, "AXML start element <" + *name + ">",
                        "attributes of >= 20 bytes inside the " + n2s(size) + "-byte chunk",
                        n2s(attr_count) + " x " + n2s(attr_size) + " bytes at " + n2s(attr_start));
      const bool is_manifest = !in_manifest && *name == "manifest";
      const bool is_uses_sdk = in_manifest && *name == "uses-sdk";
      if (!in_manifest && !is_manifest) return error_at(f, p, "AXML root element", "<manifest>", "<" + *name + ">");
      in_manifest = true;
      if (is_manifest || is_uses_sdk) {
        for (uint32_t i = 0; i < attr_count; ++i) {
          const uint64_t a = ext + attr_start + uint64_t{i} * attr_size;
          const uint32_t name_idx = le32(c, a + 4), raw = le32(c, a + 8);
          const uint8_t dtype = static_cast<uint8_t>(c[a + 15]);
          const uint32_t data = le32(c, a + 16);
          // Attributes of the android namespace are named by resource id (the resource map);
          // obfuscated manifests may blank the name string, so the id decides.
          const uint32_t res_id = name_idx < resmap.size() ? resmap[name_idx] : 0;
          std::string attr_name;
          if (res_id == 0) {
            auto an = pool_string(f, sp, name_idx);
            if (!an) return an.error();
            attr_name = std::move(*an);
          }
          auto value = [&]() -> core::Result<std::string> {
            if (dtype == kTypeString) return pool_string(f, sp, data);
            if (dtype == kTypeIntDec || dtype == kTypeIntHex) return std::to_string(data);
            if (dtype == kTypeReference) {
              char b[16];
              std::snprintf(b, sizeof b, "@%08X", data);  // androguard's form of an unresolved reference
              return std::string(b);
            }
            if (raw != 0xffffffff) return pool_string(f, sp, raw);
            return error_at(f, p + a + 15, "AXML attribute", "a string, integer or reference value",
                            "data type " + n2s(dtype));
          };
          std::string* target = nullptr;
          if (is_manifest && res_id == 0 && attr_name == "package") target = &m.package;
          if (is_manifest && res_id == kAttrVersionCode) target = &m.version_code;
          if (is_manifest && res_id == kAttrVersionName) target = &m.version_name;
          if (is_uses_sdk && res_id == kAttrMinSdk) target = &m.min_sdk;
          if (!target) continue;
          auto v = value();
          if (!v) return v.error();
          *target = std::move(*v);
        }
      }
      // The manifest's own attributes and <uses-sdk> come early; stop once both are read.
      if (is_uses_sdk) done = true;
    }
    p += size;
  }
  if (!in_manifest) return error_at(f, d.size(), "AXML document", "a <manifest> element", "none");
  if (m.package.empty()) return error_at(f, 0, "AXML <manifest>", "a package attribute", "none");
  return m;
}

}  // namespace cleannet::apps
