#include "cleannet/apps/signing.h"

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pkcs7.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "cleannet/apps/bytes.h"
#include "cleannet/core/text.h"

namespace cleannet::apps {

namespace {

std::string n2s(uint64_t v) { return std::to_string(v); }

constexpr uint32_t kV2BlockId = 0x7109871a;
constexpr uint32_t kV3BlockId = 0xf05368c0;

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

std::string digest(const EVP_MD* md, std::string_view bytes) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(bytes.data(), bytes.size(), out, &n, md, nullptr);
  return std::string(reinterpret_cast<const char*>(out), n);
}

std::string to_hex(std::string_view b) {
  static const char* hex = "0123456789abcdef";
  std::string s;
  s.reserve(b.size() * 2);
  for (unsigned char c : b) {
    s += hex[c >> 4];
    s += hex[c & 15];
  }
  return s;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) { return to_hex(digest(EVP_sha256(), bytes)); }

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

const char* scheme_status_name(SchemeStatus s) {
  switch (s) {
    case SchemeStatus::kVerified:
      return "verified";
    case SchemeStatus::kNotVerified:
      return "not verified";
    case SchemeStatus::kAbsent:
      break;
  }
  return "absent";
}

namespace {

struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct Pkcs7Free {
  void operator()(PKCS7* p) const { PKCS7_free(p); }
};
struct BioFree {
  void operator()(BIO* b) const { BIO_free_all(b); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

const unsigned char* ubytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

std::string cert_der(X509* x) {
  unsigned char* buf = nullptr;
  const int n = i2d_X509(x, &buf);
  if (n <= 0) return {};
  std::string s(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
  OPENSSL_free(buf);
  return s;
}

// ---- v1: JAR signing --------------------------------------------------------------------

// One manifest section (JAR File Specification, "Manifest Specification"): attributes
// `Name: value`, continuation lines starting with one space; sections end at an empty line.
// [begin, end) covers its lines and the empty line after it, the bytes a .SF section digests.
struct ManifestSection {
  std::vector<std::pair<std::string, std::string>> attrs;
  uint64_t begin = 0, end = 0;
  const std::string* get(std::string_view name) const {
    for (const auto& [k, v] : attrs)
      if (core::iequals(k, name)) return &v;
    return nullptr;
  }
};

struct Manifest {
  ManifestSection main;
  std::vector<ManifestSection> sections;  // those with a Name attribute
  std::unordered_map<std::string, size_t> by_name;
  const ManifestSection* find(const std::string& name) const {
    auto it = by_name.find(name);
    return it == by_name.end() ? nullptr : &sections[it->second];
  }
};

Manifest parse_manifest(std::string_view d) {
  Manifest m;
  ManifestSection cur;
  bool first = true, open = false;
  auto close = [&](uint64_t end) {
    cur.end = end;
    if (first)
      m.main = std::move(cur);
    else if (cur.get("Name"))
      m.sections.push_back(std::move(cur));
    first = false;
    cur = ManifestSection();
    open = false;
  };
  uint64_t p = 0;
  while (p < d.size()) {
    uint64_t eol = p;
    while (eol < d.size() && d[eol] != '\n' && d[eol] != '\r') ++eol;
    uint64_t next = eol;
    if (next < d.size() && d[next] == '\r') ++next;
    if (next < d.size() && d[next] == '\n' && (next == eol || d[next - 1] == '\r')) ++next;
    const std::string_view line = d.substr(p, eol - p);
    if (line.empty()) {
      if (open || first) close(next);
      if (!first) cur.begin = next;
    } else {
      if (!open) cur.begin = p;
      open = true;
      if (line[0] == ' ') {
        if (!cur.attrs.empty()) cur.attrs.back().second += line.substr(1);
      } else {
        const size_t colon = line.find(": ");
        if (colon != std::string_view::npos)
          cur.attrs.emplace_back(std::string(line.substr(0, colon)), std::string(line.substr(colon + 2)));
      }
    }
    p = next;
  }
  if (open || first) close(d.size());
  // A repeated name: the first section counts, as in java.util.jar.Manifest.
  for (size_t i = 0; i < m.sections.size(); ++i) m.by_name.emplace(*m.sections[i].get("Name"), i);
  return m;
}

// The digest algorithms of JAR signing that apksigner accepts (V1SchemeVerifier).
const EVP_MD* jar_digest(std::string_view name) {
  if (core::iequals(name, "SHA1") || core::iequals(name, "SHA-1")) return EVP_sha1();
  if (core::iequals(name, "SHA-256")) return EVP_sha256();
  if (core::iequals(name, "SHA-384")) return EVP_sha384();
  if (core::iequals(name, "SHA-512")) return EVP_sha512();
  return nullptr;
}

std::optional<std::string> base64(std::string_view s) {
  if (s.empty() || s.size() % 4 != 0 || s.size() > 4096) return std::nullopt;
  std::string out(s.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), ubytes(s), static_cast<int>(s.size()));
  if (n < 0) return std::nullopt;
  size_t pad = 0;
  while (pad < 2 && s[s.size() - 1 - pad] == '=') ++pad;
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}

// Checks the `ALG<suffix>` digest attributes of a section against `bytes`: true when at
// least one known algorithm is present and every known one matches.
enum class DigestCheck { kMatch, kMismatch, kNone };
DigestCheck check_digests(const ManifestSection& s, std::string_view suffix, std::string_view bytes,
                          std::string* which) {
  bool any = false;
  for (const auto& [k, v] : s.attrs) {
    if (k.size() <= suffix.size() || !core::iequals(std::string_view(k).substr(k.size() - suffix.size()), suffix))
      continue;
    const EVP_MD* md = jar_digest(std::string_view(k).substr(0, k.size() - suffix.size()));
    if (!md) continue;
    any = true;
    auto want = base64(v);
    if (!want || *want != digest(md, bytes)) {
      if (which) *which = k;
      return DigestCheck::kMismatch;
    }
  }
  return any ? DigestCheck::kMatch : DigestCheck::kNone;
}

// The signature block's SignerInfos over `signed_bytes` (RFC 2315 §9.4), the first that
// verifies gives the signer, as apksigner takes it. Certificates that no SignerInfo names
// are never signers.
struct Pkcs7Check {
  std::string signer;                // DER of the verified signer's certificate
  std::vector<std::string> claimed;  // DER of certificates named by SignerInfos that did not verify
};
Pkcs7Check verify_pkcs7(std::string_view block, std::string_view signed_bytes) {
  Pkcs7Check r;
  const unsigned char* p = ubytes(block);
  std::unique_ptr<PKCS7, Pkcs7Free> p7(d2i_PKCS7(nullptr, &p, static_cast<long>(block.size())));
  if (!p7 || !PKCS7_type_is_signed(p7.get()) || !p7->d.sign) return r;
  STACK_OF(PKCS7_SIGNER_INFO)* infos = PKCS7_get_signer_info(p7.get());
  STACK_OF(X509)* certs = p7->d.sign->cert;
  if (!infos || !certs) return r;
  BIO* in = BIO_new_mem_buf(signed_bytes.data(), static_cast<int>(signed_bytes.size()));
  if (!in) return r;
  BIO* chain = PKCS7_dataInit(p7.get(), in);
  if (!chain) {
    BIO_free(in);
    return r;
  }
  std::unique_ptr<BIO, BioFree> guard(chain);
  char buf[4096];
  while (BIO_read(chain, buf, sizeof buf) > 0) {
  }
  for (int i = 0; i < sk_PKCS7_SIGNER_INFO_num(infos); ++i) {
    PKCS7_SIGNER_INFO* si = sk_PKCS7_SIGNER_INFO_value(infos, i);
    if (!si->issuer_and_serial) continue;
    X509* x = X509_find_by_issuer_and_serial(certs, si->issuer_and_serial->issuer, si->issuer_and_serial->serial);
    if (!x) continue;
    if (PKCS7_signatureVerify(chain, p7.get(), si, x) == 1) {
      r.signer = cert_der(x);
      break;
    }
    r.claimed.push_back(cert_der(x));
  }
  return r;
}

SchemeResult not_verified(std::string scheme, std::string why) {
  return {std::move(scheme), SchemeStatus::kNotVerified, std::move(why)};
}

// Entries whose digest a signed JAR must list (apksig
// V1SchemeVerifier.isJarEntryDigestNeededInManifest): all but directories and the
// signature files directly in META-INF.
bool digest_needed(std::string_view n) {
  if (n.empty() || n.back() == '/') return false;
  if (n.substr(0, 9) != "META-INF/") return true;
  if (n.find('/', 9) != std::string_view::npos) return true;
  const std::string lower = core::to_lower(n.substr(9));
  return !(lower == "manifest.mf" || lower.ends_with(".sf") || lower.ends_with(".rsa") || lower.ends_with(".dsa") ||
           lower.ends_with(".ec") || lower.starts_with("sig-"));
}

SchemeResult verify_v1(const ZipArchive& zip, bool v2_present, bool v3_present, SignatureCheck& out) {
  const std::string& f = zip.file();
  std::vector<const ZipEntry*> sfs;
  for (const ZipEntry& e : zip.entries())
    if (e.name.substr(0, 9) == "META-INF/" && e.name.find('/', 9) == std::string_view::npos && e.name.ends_with(".SF"))
      sfs.push_back(&e);
  // No .SF: nothing was JAR-signed (a lone signature block signed nothing).
  if (sfs.empty()) return {"v1", SchemeStatus::kAbsent, ""};
  const ZipEntry* mf_entry = zip.find("META-INF/MANIFEST.MF");
  if (!mf_entry) return not_verified("v1", f + ": no META-INF/MANIFEST.MF for the JAR signature");
  std::string mf_buf;
  auto mf_bytes = zip.read(*mf_entry, mf_buf);
  if (!mf_bytes) return not_verified("v1", mf_bytes.error().message());
  const std::string mf_text(*mf_bytes);
  const Manifest mf = parse_manifest(mf_text);
  std::vector<Manifest> sf_parsed;
  std::vector<SigningCertificate> verified;
  for (const ZipEntry* sf : sfs) {
    const std::string sf_name(sf->name);
    const std::string base = sf_name.substr(0, sf_name.size() - 3);
    const ZipEntry* block = nullptr;
    for (const char* ext : {".RSA", ".DSA", ".EC"})
      if ((block = zip.find(base + ext))) break;
    if (!block) return not_verified("v1", f + "!" + sf_name + ": no signature block " + base + ".RSA, .DSA or .EC");
    std::string sf_buf, block_buf;
    auto sf_bytes = zip.read(*sf, sf_buf);
    if (!sf_bytes) return not_verified("v1", sf_bytes.error().message());
    const std::string sf_text(*sf_bytes);
    auto block_bytes = zip.read(*block, block_buf);
    if (!block_bytes) return not_verified("v1", block_bytes.error().message());
    const std::string where = f + "!" + std::string(block->name);
    // The DER walk names the byte where a malformed block goes wrong.
    if (auto certs = pkcs7_certificates(where, *block_bytes); !certs)
      return not_verified("v1", certs.error().message());
    Pkcs7Check p7 = verify_pkcs7(*block_bytes, sf_text);
    ERR_clear_error();
    if (p7.signer.empty()) {
      for (const std::string& c : p7.claimed) out.unverified.push_back({"v1", sha256_hex(c), std::string(block->name)});
      return not_verified("v1", where + ": no SignerInfo whose signature verifies over " + sf_name);
    }
    verified.push_back({"v1", sha256_hex(p7.signer), std::string(block->name)});
    Manifest sfm = parse_manifest(sf_text);
    // Stripping protection (APK Signature Scheme v2, source.android.com: the v1 .SF's
    // X-Android-APK-Signed names the newer schemes the APK was signed with alongside).
    if (const std::string* ids = sfm.main.get("X-Android-APK-Signed")) {
      for (std::string_view part : core::split(*ids, ',')) {
        const std::string_view id = core::trim(part);
        if ((id == "2" && !v2_present) || (id == "3" && !v3_present))
          return not_verified("v1", f + "!" + sf_name + ": X-Android-APK-Signed says APK Signature Scheme v" +
                                        std::string(id) + ", but the APK has no such signature (stripped)");
      }
    }
    // The whole manifest's digest, else the main attributes' and every section's.
    if (check_digests(sfm.main, "-Digest-Manifest", mf_text, nullptr) != DigestCheck::kMatch) {
      if (check_digests(sfm.main, "-Digest-Manifest-Main-Attributes",
                        std::string_view(mf_text).substr(mf.main.begin, mf.main.end - mf.main.begin),
                        nullptr) == DigestCheck::kMismatch)
        return not_verified("v1", f + "!" + sf_name + ": the digest of MANIFEST.MF's main attributes does not match");
      for (const ManifestSection& s : sfm.sections) {
        const std::string& name = *s.get("Name");
        const ManifestSection* ms = mf.find(name);
        if (!ms) return not_verified("v1", f + "!" + sf_name + ": entry \"" + name + "\" is not in MANIFEST.MF");
        if (check_digests(s, "-Digest", std::string_view(mf_text).substr(ms->begin, ms->end - ms->begin), nullptr) !=
            DigestCheck::kMatch)
          return not_verified(
              "v1", f + "!" + sf_name + ": the digest of MANIFEST.MF's section \"" + name + "\" does not match");
      }
    }
    sf_parsed.push_back(std::move(sfm));
  }
  // Every entry: listed in MANIFEST.MF and in each .SF, its content matching its digest.
  std::string buf;
  for (const ZipEntry& e : zip.entries()) {
    if (!digest_needed(e.name)) continue;
    const std::string name(e.name);
    const ManifestSection* ms = mf.find(name);
    if (!ms) return not_verified("v1", f + ": entry \"" + name + "\" is not in META-INF/MANIFEST.MF");
    for (size_t i = 0; i < sf_parsed.size(); ++i)
      if (!sf_parsed[i].find(name))
        return not_verified("v1", f + ": entry \"" + name + "\" is not signed by " + std::string(sfs[i]->name));
    auto content = zip.read(e, buf);
    if (!content) return not_verified("v1", content.error().message());
    std::string which;
    const DigestCheck c = check_digests(*ms, "-Digest", *content, &which);
    if (c == DigestCheck::kNone)
      return not_verified("v1", f + ": entry \"" + name + "\" has no known digest in META-INF/MANIFEST.MF");
    if (c == DigestCheck::kMismatch)
      return not_verified("v1",
                          f + ": entry \"" + name + "\" does not match its " + which + " in META-INF/MANIFEST.MF");
  }
  std::unordered_set<std::string_view> names;
  for (const ZipEntry& e : zip.entries()) names.insert(e.name);
  for (const ManifestSection& s : mf.sections)
    if (!names.count(*s.get("Name")))
      return not_verified("v1", f + ": META-INF/MANIFEST.MF lists \"" + *s.get("Name") + "\", which is not in the APK");
  for (SigningCertificate& c : verified) out.signers.push_back(std::move(c));
  return {"v1", SchemeStatus::kVerified, ""};
}

// ---- v2 / v3: APK Signature Scheme ----------------------------------------------------

// Signature algorithm ids (APK Signature Scheme v2, "Signature Algorithm IDs"). The
// verity ids 0x0421-0x0423 digest a Merkle tree rather than chunks; apksigner verifies a
// signer by its other signatures, and so does this.
struct SigAlg {
  uint32_t id;
  const char* name;
  const EVP_MD* (*md)();
  int pss_salt;  // > 0: RSASSA-PSS with MGF1 of the same digest
};
const SigAlg kSigAlgs[] = {
    {0x0101, "RSASSA-PSS with SHA2-256", EVP_sha256, 32},
    {0x0102, "RSASSA-PSS with SHA2-512", EVP_sha512, 64},
    {0x0103, "RSASSA-PKCS1-v1_5 with SHA2-256", EVP_sha256, 0},
    {0x0104, "RSASSA-PKCS1-v1_5 with SHA2-512", EVP_sha512, 0},
    {0x0201, "ECDSA with SHA2-256", EVP_sha256, 0},
    {0x0202, "ECDSA with SHA2-512", EVP_sha512, 0},
    {0x0301, "DSA with SHA2-256", EVP_sha256, 0},
};
const SigAlg* sig_alg(uint32_t id) {
  for (const SigAlg& a : kSigAlgs)
    if (a.id == id) return &a;
  return nullptr;
}

bool verify_signature(const SigAlg& a, EVP_PKEY* key, std::string_view data, std::string_view sig) {
  MdCtxPtr ctx(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), &pctx, a.md(), nullptr, key) != 1) return false;
  if (a.pss_salt > 0 &&
      (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) != 1 ||
       EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, a.pss_salt) != 1 || EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, a.md()) != 1))
    return false;
  return EVP_DigestVerify(ctx.get(), ubytes(sig), sig.size(), ubytes(data), data.size()) == 1;
}

// The APK's content digest (APK Signature Scheme v2, "Integrity-protected contents"): the
// ZIP entries before the signing block, the central directory and the end record with its
// central directory offset pointing at the signing block, each cut into 1 MiB chunks;
// digest(0x5a | chunk count | digest(0xa5 | chunk length | chunk) ...).
std::string compute_content_digest(const EVP_MD* md, const ZipArchive& zip, uint64_t block_start) {
  const std::string_view d = zip.data();
  const uint64_t cd = zip.central_directory_offset(), eocd = zip.end_of_central_directory_offset();
  std::string end(d.substr(eocd));
  for (int i = 0; i < 4; ++i) end[16 + i] = static_cast<char>((block_start >> (8 * i)) & 0xff);
  const std::string_view sections[3] = {d.substr(0, block_start), d.substr(cd, eocd - cd), end};
  constexpr uint64_t kChunk = 1 << 20;
  uint64_t count = 0;
  for (std::string_view s : sections) count += (s.size() + kChunk - 1) / kChunk;
  std::string top;
  top += static_cast<char>(0x5a);
  for (int i = 0; i < 4; ++i) top += static_cast<char>((count >> (8 * i)) & 0xff);
  MdCtxPtr ctx(EVP_MD_CTX_new());
  for (std::string_view s : sections) {
    for (uint64_t off = 0; off < s.size(); off += kChunk) {
      const std::string_view chunk = s.substr(off, kChunk);
      unsigned char head[5] = {0xa5};
      for (int i = 0; i < 4; ++i) head[1 + i] = static_cast<unsigned char>((chunk.size() >> (8 * i)) & 0xff);
      unsigned char md_out[EVP_MAX_MD_SIZE];
      unsigned int n = 0;
      EVP_DigestInit_ex(ctx.get(), md, nullptr);
      EVP_DigestUpdate(ctx.get(), head, 5);
      EVP_DigestUpdate(ctx.get(), chunk.data(), chunk.size());
      EVP_DigestFinal_ex(ctx.get(), md_out, &n);
      top.append(reinterpret_cast<const char*>(md_out), n);
    }
  }
  return digest(md, top);
}

// The content digests by algorithm, each computed once for all signers of v2 and v3 (a
// pass over the whole file).
struct ContentDigests {
  const ZipArchive& zip;
  uint64_t block_start;
  std::vector<std::pair<const EVP_MD*, std::string>> done;
  std::string get(const EVP_MD* md) {
    for (const auto& [m, v] : done)
      if (m == md) return v;
    done.emplace_back(md, compute_content_digest(md, zip, block_start));
    return done.back().second;
  }
};

// One length-prefixed sequence of length-prefixed items, as ranges.
core::Result<std::vector<std::pair<uint64_t, uint64_t>>> lp_items(const std::string& f, std::string_view d,
                                                                  std::pair<uint64_t, uint64_t> range,
                                                                  const std::string& what) {
  std::vector<std::pair<uint64_t, uint64_t>> out;
  for (uint64_t p = range.first; p < range.second;) {
    auto item = lp(f, d, p, range.second, what);
    if (!item) return item.error();
    out.push_back(*item);
    p = item->second;
    if (out.size() > 10000) return error_at(f, p, what, "at most 10000 items", "more");
  }
  return out;
}

// A signer of the v2 or v3 block. Any malformed field or failed check is the reason it is
// not verified.
core::Result<std::string> verify_block_signer(const ZipArchive& zip, ContentDigests& digests_of, bool v3,
                                              std::pair<uint64_t, uint64_t> signer, const std::string& what,
                                              std::string& claimed_cert) {
  const std::string& f = zip.file();
  const std::string_view d = zip.data();
  auto signed_data = lp(f, d, signer.first, signer.second, what + " signed data");
  if (!signed_data) return signed_data.error();
  uint64_t p = signed_data->second;
  uint32_t min_sdk = 0, max_sdk = 0;
  if (v3) {
    if (p + 8 > signer.second) return error_at(f, p, what, "minSDK and maxSDK", "end of signer");
    min_sdk = le32(d, p);
    max_sdk = le32(d, p + 4);
    p += 8;
  }
  auto signatures = lp(f, d, p, signer.second, what + " signatures");
  if (!signatures) return signatures.error();
  auto public_key = lp(f, d, signatures->second, signer.second, what + " public key");
  if (!public_key) return public_key.error();
  // Signed data: digests, certificates (v3: minSDK, maxSDK), additional attributes.
  auto digests = lp(f, d, signed_data->first, signed_data->second, what + " digests");
  if (!digests) return digests.error();
  auto certs = lp(f, d, digests->second, signed_data->second, what + " certificates");
  if (!certs) return certs.error();
  auto cert_items = lp_items(f, d, *certs, what + " certificate");
  if (!cert_items) return cert_items.error();
  if (cert_items->empty()) return error_at(f, certs->first, what, "at least one certificate", "none");
  const std::string_view cert = d.substr((*cert_items)[0].first, (*cert_items)[0].second - (*cert_items)[0].first);
  claimed_cert = std::string(cert);
  if (v3) {
    const uint64_t q = certs->second;
    if (q + 8 > signed_data->second) return error_at(f, q, what + " signed data", "minSDK and maxSDK", "end");
    if (le32(d, q) != min_sdk || le32(d, q + 4) != max_sdk)
      return error_at(f, q, what + " signed data", "minSDK and maxSDK equal to the signer's", "others");
  }
  auto sig_items = lp_items(f, d, *signatures, what + " signature");
  if (!sig_items) return sig_items.error();
  auto digest_items = lp_items(f, d, *digests, what + " digest");
  if (!digest_items) return digest_items.error();
  if (sig_items->empty()) return error_at(f, signatures->first, what, "at least one signature", "none");
  const unsigned char* kp = ubytes(d.substr(public_key->first));
  PkeyPtr key(d2i_PUBKEY(nullptr, &kp, static_cast<long>(public_key->second - public_key->first)));
  if (!key) return error_at(f, public_key->first, what + " public key", "a SubjectPublicKeyInfo", "none OpenSSL reads");
  const unsigned char* cp = ubytes(cert);
  X509Ptr x(d2i_X509(nullptr, &cp, static_cast<long>(cert.size())));
  if (!x)
    return error_at(f, (*cert_items)[0].first, what + " certificate", "an X.509 certificate", "none OpenSSL reads");
  unsigned char* kder = nullptr;
  const int kn = i2d_PUBKEY(X509_get0_pubkey(x.get()), &kder);
  const bool same = kn > 0 && std::string_view(reinterpret_cast<const char*>(kder), static_cast<size_t>(kn)) ==
                                  d.substr(public_key->first, public_key->second - public_key->first);
  OPENSSL_free(kder);
  if (!same)
    return error_at(f, public_key->first, what + " public key", "the public key of the first certificate", "another");
  // Signature algorithms and digest algorithms must be the same list (apksig
  // V2SchemeVerifier: "Signature algorithms don't match between digests and signatures").
  if (sig_items->size() != digest_items->size())
    return error_at(f, digests->first, what + " digests", "one digest per signature algorithm",
                    n2s(digest_items->size()) + " digests for " + n2s(sig_items->size()) + " signatures");
  size_t checked = 0;
  for (size_t i = 0; i < sig_items->size(); ++i) {
    const auto [s0, s1] = (*sig_items)[i];
    const auto [d0, d1] = (*digest_items)[i];
    if (s0 + 4 > s1 || d0 + 4 > d1) return error_at(f, s0, what + " signature", "an algorithm id", "end of record");
    const uint32_t alg = le32(d, s0);
    if (le32(d, d0) != alg)
      return error_at(f, d0, what + " digest", "the algorithm of signature " + n2s(i + 1), "another");
    const SigAlg* a = sig_alg(alg);
    if (!a) continue;
    auto sig = lp(f, d, s0 + 4, s1, what + " signature");
    if (!sig) return sig.error();
    auto dig = lp(f, d, d0 + 4, d1, what + " digest");
    if (!dig) return dig.error();
    const std::string_view data = d.substr(signed_data->first, signed_data->second - signed_data->first);
    if (!verify_signature(*a, key.get(), data, d.substr(sig->first, sig->second - sig->first)))
      return error_at(f, sig->first, what, std::string(a->name) + " signature over the signed data that verifies",
                      "one that does not");
    const std::string want(d.substr(dig->first, dig->second - dig->first));
    const std::string got = digests_of.get(a->md());
    if (want != got)
      return error_at(f, dig->first, what, "the APK's content digest " + to_hex(want) + " (" + a->name + ")",
                      to_hex(got) + " (the signed ZIP sections were changed)");
    ++checked;
  }
  if (checked == 0) return error_at(f, signatures->first, what, "a signature algorithm this verifier knows", "none");
  return sha256_hex(cert);
}

SchemeResult verify_block_scheme(const ZipArchive& zip, ContentDigests& digests_of, bool v3,
                                 std::pair<uint64_t, uint64_t> value, SignatureCheck& out) {
  const std::string scheme = v3 ? "v3" : "v2";
  const std::string what = "APK Signature Scheme " + scheme + " block";
  const std::string& f = zip.file();
  auto signers = lp(f, zip.data(), value.first, value.second, what + " signers");
  if (!signers) return not_verified(scheme, signers.error().message());
  auto items = lp_items(f, zip.data(), *signers, what + " signer");
  if (!items) return not_verified(scheme, items.error().message());
  if (items->empty()) return not_verified(scheme, f + ": " + what + ": no signers");
  std::vector<SigningCertificate> verified;
  for (size_t i = 0; i < items->size(); ++i) {
    std::string claimed;
    auto cert = verify_block_signer(zip, digests_of, v3, (*items)[i], what + " signer " + n2s(i + 1), claimed);
    ERR_clear_error();
    if (!cert) {
      if (!claimed.empty()) out.unverified.push_back({scheme, sha256_hex(claimed), "APK Signing Block"});
      return not_verified(scheme, cert.error().message());
    }
    verified.push_back({scheme, *cert, "APK Signing Block"});
  }
  for (SigningCertificate& c : verified) out.signers.push_back(std::move(c));
  return {scheme, SchemeStatus::kVerified, ""};
}

}  // namespace

SignatureCheck verify_signatures(const ZipArchive& zip) {
  SignatureCheck out;
  const std::string_view d = zip.data();
  const std::string& f = zip.file();
  const uint64_t cd = zip.central_directory_offset();
  std::optional<std::pair<uint64_t, uint64_t>> v2, v3;
  std::string block_error;
  uint64_t block_start = 0;
  // Block layout: size (8) | pairs (8-byte length, 4-byte id, value) | size (8) | magic (16),
  // ending where the central directory starts.
  if (cd >= 32 && d.substr(cd - 16, 16) == "APK Sig Block 42") {
    const uint64_t size = le64(d, cd - 24);
    const uint64_t pairs_end = cd - 24;
    if (size < 24 || size > cd - 8) {
      block_error =
          error_at(f, cd - 24, "APK Signing Block", "a block size between 24 and " + n2s(cd - 8), n2s(size)).message();
    } else if (block_start = cd - size - 8; le64(d, block_start) != size) {
      block_error = error_at(f, block_start, "APK Signing Block",
                             "the leading size equal to the trailing size " + n2s(size), n2s(le64(d, block_start)))
                        .message();
    } else {
      int pairs = 0;
      for (uint64_t p = block_start + 8; p < pairs_end && block_error.empty();) {
        const uint64_t len = p + 12 <= pairs_end ? le64(d, p) : 0;
        if (++pairs > 10000) {
          block_error = error_at(f, p, "APK Signing Block", "at most 10000 pairs", "more").message();
        } else if (p + 12 > pairs_end || len < 4 || len > pairs_end - p - 8) {
          block_error = error_at(f, p, "APK Signing Block pair",
                                 "an 8-byte length between 4 and the bytes left in the block, and a 4-byte id",
                                 p + 12 > pairs_end ? "end of block" : n2s(len))
                            .message();
        } else {
          const uint32_t id = le32(d, p + 8);
          if (id == kV2BlockId && !v2) v2 = std::make_pair(p + 12, p + 8 + len);
          if (id == kV3BlockId && !v3) v3 = std::make_pair(p + 12, p + 8 + len);
          p += 8 + len;
        }
      }
    }
  }
  SchemeResult r2{"v2", SchemeStatus::kAbsent, ""}, r3{"v3", SchemeStatus::kAbsent, ""};
  SignatureCheck block_out;
  if (!block_error.empty()) {
    // A malformed block may hold either scheme: neither is verified.
    r2 = not_verified("v2", block_error);
    r3 = not_verified("v3", block_error);
  } else {
    ContentDigests digests_of{zip, block_start, {}};
    if (v2) r2 = verify_block_scheme(zip, digests_of, false, *v2, block_out);
    if (v3) r3 = verify_block_scheme(zip, digests_of, true, *v3, block_out);
  }
  out.schemes.push_back(
      verify_v1(zip, v2.has_value() || !block_error.empty(), v3.has_value() || !block_error.empty(), out));
  out.schemes.push_back(std::move(r2));
  out.schemes.push_back(std::move(r3));
  for (auto& c : block_out.signers) out.signers.push_back(std::move(c));
  for (auto& c : block_out.unverified) out.unverified.push_back(std::move(c));
  return out;
}

}  // namespace cleannet::apps
