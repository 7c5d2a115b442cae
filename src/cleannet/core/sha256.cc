#include "cleannet/core/sha256.h"

#include <openssl/evp.h>

#include <memory>
#include <new>
#include <stdexcept>

namespace cleannet::core {
namespace {

const EVP_MD* sha256() {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  if (!md) throw std::runtime_error("OpenSSL has no SHA-256");
  return md;
}

EVP_MD_CTX* new_ctx() {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (!ctx) throw std::bad_alloc();
  return ctx;
}

void init(EVP_MD_CTX* ctx) {
  if (EVP_DigestInit_ex2(ctx, sha256(), nullptr) != 1) throw std::runtime_error("SHA-256 failed");
}

void update(EVP_MD_CTX* ctx, std::string_view bytes) {
  if (EVP_DigestUpdate(ctx, bytes.data(), bytes.size()) != 1) throw std::runtime_error("SHA-256 failed");
}

std::string final_hex(EVP_MD_CTX* ctx, size_t digits) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx, md, &len) != 1) throw std::runtime_error("SHA-256 failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < len && hex.size() < digits; ++i) {
    hex += kHex[md[i] >> 4];
    if (hex.size() < digits) hex += kHex[md[i] & 15];
  }
  return hex;
}

}  // namespace

Sha256::Sha256() : ctx_(new_ctx()) {
  try {
    init(ctx_);
  } catch (...) {
    EVP_MD_CTX_free(ctx_);
    throw;
  }
}
Sha256::~Sha256() { EVP_MD_CTX_free(ctx_); }
void Sha256::add(std::string_view bytes) { update(ctx_, bytes); }
std::string Sha256::hex(size_t digits) { return final_hex(ctx_, digits); }

std::string sha256_hex(std::string_view bytes, size_t digits) {
  struct Free {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
  };
  thread_local std::unique_ptr<EVP_MD_CTX, Free> ctx(new_ctx());
  init(ctx.get());
  update(ctx.get(), bytes);
  return final_hex(ctx.get(), digits);
}

}  // namespace cleannet::core
