// ZIP archive reader for APK files, written for hostile input (APPNOTE.TXT 6.3.10, the PKWARE
// .ZIP File Format Specification). Only the central directory is trusted for the entry list,
// as Android's installer does; every offset and size is checked against the file size, the
// local header of an entry is checked before its data is read, and inflation is bounded by
// the declared size, a per-entry cap and a compression-ratio cap, so a zip bomb (including the
// overlapping-entries kind, D. Fifield, "A better zip bomb", WOOT 2019) is refused by name.
//
//   auto zip = ZipArchive::open("app.apk", bytes);
//   if (!zip) return zip.error();
//   std::string buf;
//   if (const ZipEntry* e = zip->find("AndroidManifest.xml")) auto xml = zip->read(*e, buf);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/result.h"

namespace cleannet::apps {

struct ZipLimits {
  uint64_t max_entry_bytes = 512ull << 20;  // largest uncompressed entry we inflate
  uint64_t max_ratio = 200;                 // uncompressed/compressed above this (and > ratio_floor) is a bomb
  uint64_t ratio_floor = 1ull << 20;        // entries smaller than this are never ratio-checked
  uint32_t max_entries = 200000;
};

struct ZipEntry {
  std::string_view name;  // view into the archive bytes (central directory)
  uint16_t flags = 0;
  uint16_t method = 0;  // 0 stored, else deflate (8; Android inflates any other value too)
  uint32_t crc32 = 0;
  uint64_t compressed_size = 0;
  uint64_t uncompressed_size = 0;
  uint64_t local_header_offset = 0;
  uint64_t central_offset = 0;  // where its central directory record starts (for errors)
};

class ZipArchive {
 public:
  // `data` must outlive the archive (entries and stored reads are views into it).
  static core::Result<ZipArchive> open(std::string file, std::string_view data, const ZipLimits& limits = {});

  const std::string& file() const { return file_; }
  const std::vector<ZipEntry>& entries() const { return entries_; }
  const ZipEntry* find(std::string_view name) const;
  // Start of the central directory: the APK Signing Block ends right before it.
  uint64_t central_directory_offset() const { return cd_offset_; }
  // Start of the end of central directory record (APPNOTE 4.3.16).
  uint64_t end_of_central_directory_offset() const { return eocd_offset_; }
  std::string_view data() const { return data_; }

  // The entry's uncompressed bytes: a view into the archive for stored entries, else
  // inflated into `buffer` (and a view of it). Checks the local header, sizes, ratio, CRC-32.
  // Any method other than 0 (stored) is inflated, as Android's libziparchive and apksigner
  // do (an entry marked with method 21 but deflated is read, a non-deflate one is an error).
  core::Result<std::string_view> read(const ZipEntry& e, std::string& buffer) const;

 private:
  std::string file_;
  std::string_view data_;
  ZipLimits limits_;
  uint64_t cd_offset_ = 0;
  uint64_t eocd_offset_ = 0;
  std::vector<ZipEntry> entries_;
};

}  // namespace cleannet::apps
