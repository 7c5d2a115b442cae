// SHA-256 (FIPS 180-4) through OpenSSL's EVP interface, for the fingerprints of findings and
// the hashes of an audit's inputs. The algorithm is fetched once per process and each thread
// reuses one context for one-shot digests: a run hashes hundreds of thousands of short
// fingerprint inputs, for which OpenSSL 3's implicit fetch and context set-up per call cost
// more than the hashing itself.
//
//   core::Sha256 h;  h.add(part1);  h.add(part2);  std::string hex = h.hex();   // 64 digits
//   std::string fp = core::sha256_hex("text", 32);                              // first 32
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace cleannet::core {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void add(std::string_view bytes);
  // The digest as lower-case hex, its first `digits` (at most 64); the object is spent.
  std::string hex(size_t digits = 64);

 private:
  EVP_MD_CTX* ctx_;
};

// One-shot: the digest of `bytes` as lower-case hex, its first `digits` (at most 64).
std::string sha256_hex(std::string_view bytes, size_t digits = 64);

}  // namespace cleannet::core
