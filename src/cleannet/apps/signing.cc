#include "cleannet/apps/signing.h"

#include <openssl/evp.h>

#include "cleannet/apps/bytes.h"

namespace cleannet::apps {

namespace {

std::string n2s(uint64_t v) { return std::to_string(v); }

constexpr uint32_t kV2BlockId = 0x7109871a;
constexpr uint32_t kV3BlockId = 0xf05368c0;
constexpr uint64_t kMaxNesting = 32;

struct Tlv {
  uint8_t tag = 0;
  uint64_t start = 0;    // offset of the tag byte
  uint64_t content = 0;  // offset of the content
  uint64_t length = 0;
  uint64_t end() const { return content + length; }
};

// One DER TLV (X.690 §8.1) at `p` within [0, limit): definite lengths only (DER, §10.1),
// single-byte tags (enough for PKCS#7 SignedData's outer structure).
core::Result<Tlv> der_at(const std::string& f, std::string_view d, uint64_t p, uint64_t limit, const char* what) {
  Tlv t;
  t.start = p;
  if (p + 2 > limit) return error_at(f, p, what, "a DER tag and length", "end of data");
  t.tag = static_cast<uint8_t>(d[p]);
  if ((t.tag & 0x1f) == 0x1f) return error_at(f, p, what, "a single-byte DER tag", "a multi-byte tag");
  uint8_t l = static_cast<uint8_t>(d[p + 1]);
  p += 2;
  if (l & 0x80) {
    const int n = l & 0x7f;
    if (n == 0) return error_at(f, p - 1, what, "a definite DER length (X.690 10.1)", "indefinite length");
    if (n > 4) return error_at(f, p - 1, what, "a DER length of at most 4 bytes", n2s(n) + " bytes");
    if (p + n > limit) return error_at(f, p, what, "a DER length", "end of data");
    t.length = 0;
    for (int i = 0; i < n; ++i) t.length = (t.length << 8) | static_cast<uint8_t>(d[p + i]);
    p += n;
  } else {
    t.length = l;
  }
  t.content = p;
  if (t.length > limit - p)
    return error_at(f, t.start, what, "a DER value inside its " + n2s(limit - p) + "-byte container",
                    n2s(t.length) + " bytes");
  return t;
}

core::Result<Tlv> expect(const std::string& f, std::string_view d, uint64_t p, uint64_t limit, uint8_t tag,
                         const char* what) {
  auto t = der_at(f, d, p, limit, what);
  if (!t) return t;
  if (t->tag != tag) {
    char b[40];
    std::snprintf(b, sizeof b, "tag 0x%02x", tag);
    char g[40];
    std::snprintf(g, sizeof g, "tag 0x%02x", t->tag);
    return error_at(f, p, what, b, g);
  }
  return t;
}

// A u32 length-prefixed field at p inside [p, limit) (APK Signature Scheme v2 format).
core::Result<std::pair<uint64_t, uint64_t>> lp(const std::string& f, std::string_view d, uint64_t p, uint64_t limit,
                                               const std::string& what) {
  if (p + 4 > limit) return error_at(f, p, what, "a 4-byte length prefix", "end of its container");
  const uint64_t n = le32(d, p);
  if (n > limit - p - 4)
    return error_at(f, p, what, "a length <= " + n2s(limit - p - 4) + " bytes left in its container", n2s(n));
  return std::make_pair(p + 4, p + 4 + n);
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(bytes.data(), bytes.size(), md, &n, EVP_sha256(), nullptr);
  static const char* hex = "0123456789abcdef";
  std::string s;
  s.reserve(n * 2);
  for (unsigned i = 0; i < n; ++i) {
    s += hex[md[i] >> 4];
    s += hex[md[i] & 15];
  }
  return s;
}

core::Result<std::vector<std::string_view>> pkcs7_certificates(const std::string& f, std::string_view d) {
  // ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT SignedData }
  auto ci = expect(f, d, 0, d.size(), 0x30, "PKCS#7 ContentInfo");
  if (!ci) return ci.error();
  auto oid = expect(f, d, ci->content, ci->end(), 0x06, "PKCS#7 contentType");
  if (!oid) return oid.error();
  // 1.2.840.113549.1.7.2 signedData
  static const std::string_view kSignedData("\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02", 9);
  if (d.substr(oid->content, oid->length) != kSignedData)
    return error_at(f, oid->start, "PKCS#7 contentType", "signedData (1.2.840.113549.1.7.2)", "another OID");
  auto wrap = expect(f, d, oid->end(), ci->end(), 0xa0, "PKCS#7 content [0]");
  if (!wrap) return wrap.error();
  auto sd = expect(f, d, wrap->content, wrap->end(), 0x30, "PKCS#7 SignedData");
  if (!sd) return sd.error();
  // SignedData ::= SEQUENCE { version, digestAlgorithms SET, encapContentInfo SEQUENCE,
  //   certificates [0] IMPLICIT SET OF Certificate OPTIONAL, crls [1] OPTIONAL, signerInfos SET }
  uint64_t p = sd->content;
  const char* names[3] = {"PKCS#7 SignedData version", "PKCS#7 digestAlgorithms", "PKCS#7 encapContentInfo"};
  const uint8_t tags[3] = {0x02, 0x31, 0x30};
  for (int i = 0; i < 3; ++i) {
    auto t = expect(f, d, p, sd->end(), tags[i], names[i]);
    if (!t) return t.error();
    p = t->end();
  }
  std::vector<std::string_view> certs;
  if (p >= sd->end()) return certs;
  auto set = der_at(f, d, p, sd->end(), "PKCS#7 certificates [0]");
  if (!set) return set.error();
  if (set->tag != 0xa0) return certs;  // no certificates in this SignedData
  for (uint64_t q = set->content; q < set->end();) {
    auto c = der_at(f, d, q, set->end(), "PKCS#7 certificate");
    if (!c) return c.error();
    if (c->tag == 0x30) certs.push_back(d.substr(c->start, c->end() - c->start));
    q = c->end();
    if (certs.size() > 1000) return error_at(f, q, "PKCS#7 certificates", "at most 1000 certificates", "more");
  }
  return certs;
}

core::Result<std::vector<SigningCertificate>> signing_block_certificates(const ZipArchive& zip) {
  std::vector<SigningCertificate> out;
  const std::string_view d = zip.data();
  const std::string& f = zip.file();
  const uint64_t cd = zip.central_directory_offset();
  // Block layout: size (8) | pairs | size (8) | magic (16), ending at the central directory.
  if (cd < 32 || d.substr(cd - 16, 16) != "APK Sig Block 42") return out;
  const uint64_t size = le64(d, cd - 24);
  if (size < 24 || size > cd - 8)
    return error_at(f, cd - 24, "APK Signing Block", "a block size between 24 and " + n2s(cd - 8), n2s(size));
  const uint64_t start = cd - size - 8;
  if (le64(d, start) != size)
    return error_at(f, start, "APK Signing Block", "the leading size equal to the trailing size " + n2s(size),
                    n2s(le64(d, start)));
  const uint64_t pairs_end = cd - 24;
  uint64_t p = start + 8;
  int pairs = 0;
  while (p < pairs_end) {
    if (++pairs > 10000) return error_at(f, p, "APK Signing Block", "at most 10000 pairs", "more");
    if (p + 12 > pairs_end)
      return error_at(f, p, "APK Signing Block pair", "an 8-byte length and a 4-byte id", "end of block");
    const uint64_t len = le64(d, p);
    if (len < 4 || len > pairs_end - p - 8)
      return error_at(f, p, "APK Signing Block pair", "a length between 4 and " + n2s(pairs_end - p - 8), n2s(len));
    const uint32_t id = le32(d, p + 8);
    const uint64_t v = p + 12, vend = p + 8 + len;
    if (id == kV2BlockId || id == kV3BlockId) {
      const std::string scheme = id == kV2BlockId ? "v2" : "v3";
      const std::string what = "APK Signature Scheme " + scheme + " block";
      auto signers = lp(f, d, v, vend, what + " signers");
      if (!signers) return signers.error();
      for (uint64_t s = signers->first; s < signers->second;) {
        auto signer = lp(f, d, s, signers->second, what + " signer");
        if (!signer) return signer.error();
        auto signed_data = lp(f, d, signer->first, signer->second, what + " signed data");
        if (!signed_data) return signed_data.error();
        auto digests = lp(f, d, signed_data->first, signed_data->second, what + " digests");
        if (!digests) return digests.error();
        auto certs = lp(f, d, digests->second, signed_data->second, what + " certificates");
        if (!certs) return certs.error();
        for (uint64_t c = certs->first; c < certs->second;) {
          auto cert = lp(f, d, c, certs->second, what + " certificate");
          if (!cert) return cert.error();
          out.push_back({scheme, sha256_hex(d.substr(cert->first, cert->second - cert->first)), "APK Signing Block"});
          c = cert->second;
        }
        s = signer->second;
      }
    }
    p = vend;
  }
  return out;
}

core::Result<std::vector<SigningCertificate>> read_signing_certificates(const ZipArchive& zip) {
  std::vector<SigningCertificate> out;
  std::string buffer;
  auto ends_with = [](std::string_view s, std::string_view x) {
    return s.size() >= x.size() && s.substr(s.size() - x.size()) == x;
  };
  for (const ZipEntry& e : zip.entries()) {
    const std::string_view n = e.name;
    if (n.substr(0, 9) != "META-INF/" || n.find('/', 9) != std::string_view::npos) continue;
    if (!ends_with(n, ".RSA") && !ends_with(n, ".DSA") && !ends_with(n, ".EC")) continue;
    auto bytes = zip.read(e, buffer);
    if (!bytes) return bytes.error();
    const std::string where = zip.file() + "!" + std::string(n);
    auto certs = pkcs7_certificates(where, *bytes);
    if (!certs) return certs.error();
    for (std::string_view c : *certs) out.push_back({"v1", sha256_hex(c), std::string(n)});
  }
  auto block = signing_block_certificates(zip);
  if (!block) return block.error();
  for (auto& c : *block) out.push_back(std::move(c));
  (void)kMaxNesting;
  return out;
}

}  // namespace cleannet::apps
