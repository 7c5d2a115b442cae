#include "cleannet/apps/apk.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>

#include "cleannet/apps/bytes.h"

namespace cleannet::apps {

namespace {

// classes.dex -> 1, classes2.dex -> 2, ... (0: not a DEX Android loads). Android's
// DexFile loader takes classes.dex then classes2.dex, classes3.dex ... from the APK root.
uint32_t dex_number(std::string_view n) {
  if (n.size() < 11 || n.substr(0, 7) != "classes" || n.substr(n.size() - 4) != ".dex") return 0;
  std::string_view digits = n.substr(7, n.size() - 11);
  if (digits.empty()) return 1;
  if (digits.size() > 6 || digits[0] == '0' || digits == "1") return 0;
  uint32_t v = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return 0;
    v = v * 10 + static_cast<uint32_t>(c - '0');
  }
  return v;
}

bool obfuscated_component(std::string_view c) {
  if (c.empty() || c.size() > 2) return false;
  return std::all_of(c.begin(), c.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
}

}  // namespace

std::vector<const ZipEntry*> dex_entries(const ZipArchive& zip) {
  std::vector<std::pair<uint32_t, const ZipEntry*>> found;
  for (const ZipEntry& e : zip.entries())
    if (uint32_t k = dex_number(e.name)) found.emplace_back(k, &e);
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const ZipEntry*> out;
  for (size_t i = 0; i < found.size(); ++i)
    if (i == 0 || found[i].first != found[i - 1].first) out.push_back(found[i].second);
  return out;
}

core::Result<Apk> inspect_apk(const std::string& file, std::string_view bytes, const ApkOptions& options) {
  auto zip = ZipArchive::open(file, bytes, options.zip);
  if (!zip) return zip.error();
  Apk apk;
  apk.file = file;
  apk.size = bytes.size();
  std::string buffer;
  const ZipEntry* manifest = zip->find("AndroidManifest.xml");
  if (!manifest)
    return error_at(file, zip->central_directory_offset(), "APK central directory", "an AndroidManifest.xml entry",
                    "none");
  auto xml = zip->read(*manifest, buffer);
  if (!xml) return xml.error();
  auto m = read_manifest(file + "!AndroidManifest.xml", *xml);
  if (!m) return m.error();
  apk.manifest = std::move(*m);
  SignatureCheck sig = verify_signatures(*zip);
  apk.signatures = std::move(sig.schemes);
  apk.certificates = std::move(sig.signers);
  apk.unverified_certificates = std::move(sig.unverified);
  for (const ZipEntry* e : dex_entries(*zip)) {
    auto dex = zip->read(*e, buffer);
    if (!dex) return dex.error();
    const std::string name(e->name);
    auto n = read_dex_classes(file + "!" + name, *dex, apk.classes, options.dex);
    if (!n) return n.error();
    apk.dex_files.push_back({name, dex->size(), *n});
  }
  return apk;
}

core::Result<Apk> inspect_apk_file(const std::string& path, const ApkOptions& options) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return core::Error(core::SourcePos(path), "a readable APK file", std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return core::Error(core::SourcePos(path), "a regular APK file", "not a regular file");
  }
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  if (size > options.max_file_bytes) {
    ::close(fd);
    return core::Error(core::SourcePos(path), "an APK of at most " + std::to_string(options.max_file_bytes) + " bytes",
                       std::to_string(size) + " bytes");
  }
  if (size == 0) {
    ::close(fd);
    return inspect_apk(path, std::string_view(), options);
  }
  void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) return core::Error(core::SourcePos(path), "a readable APK file", std::strerror(errno));
  auto r = inspect_apk(path, std::string_view(static_cast<const char*>(p), size), options);
  ::munmap(p, size);
  return r;
}

std::vector<std::pair<std::string, uint32_t>> class_prefixes(const ClassList& classes, int depth) {
  std::map<std::string_view, uint32_t> counts;
  for (size_t i = 0; i < classes.size(); ++i) {
    const std::string_view c = classes[i];
    const size_t last = c.rfind('.');
    if (last == std::string_view::npos) continue;
    const std::string_view pkg = c.substr(0, last);
    size_t end = 0;
    bool all_obfuscated = true;
    int k = 0;
    size_t start = 0;
    while (k < depth) {
      size_t dot = pkg.find('.', start);
      const size_t stop = dot == std::string_view::npos ? pkg.size() : dot;
      if (!obfuscated_component(pkg.substr(start, stop - start))) all_obfuscated = false;
      end = stop;
      ++k;
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
    if (all_obfuscated) continue;
    ++counts[pkg.substr(0, end)];
  }
  std::vector<std::pair<std::string, uint32_t>> out;
  out.reserve(counts.size());
  for (const auto& [k, v] : counts) out.emplace_back(std::string(k), v);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

}  // namespace cleannet::apps
