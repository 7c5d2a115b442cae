#include "cleannet/apps/zip.h"

#include <zlib.h>

#include <algorithm>

#include "cleannet/apps/bytes.h"

namespace cleannet::apps {

namespace {

constexpr uint32_t kEocdSig = 0x06054b50;
constexpr uint32_t kZip64LocatorSig = 0x07064b50;
constexpr uint32_t kZip64EocdSig = 0x06064b50;
constexpr uint32_t kCentralSig = 0x02014b50;
constexpr uint32_t kLocalSig = 0x04034b50;
constexpr uint64_t kEocdSize = 22;
constexpr uint64_t kCentralSize = 46;
constexpr uint64_t kLocalSize = 30;

std::string n2s(uint64_t v) { return std::to_string(v); }
std::string hex32(uint32_t v) {
  char b[16];
  std::snprintf(b, sizeof b, "0x%08x", v);
  return b;
}
std::string entry_what(const ZipEntry& e) { return "ZIP entry " + core::quote_found(e.name, 80); }

}  // namespace

core::Result<ZipArchive> ZipArchive::open(std::string file, std::string_view data, const ZipLimits& limits) {
  ZipArchive z;
  z.file_ = std::move(file);
  z.data_ = data;
  z.limits_ = limits;
  const std::string& f = z.file_;
  const uint64_t size = data.size();
  if (size < kEocdSize)
    return error_at(f, 0, "ZIP end of central directory", "an archive of at least 22 bytes (APPNOTE 4.3.16)",
                    n2s(size) + " bytes");
  // The EOCD record ends the file, followed only by its comment (at most 65535 bytes): the
  // search is bounded to the last 64 KiB + 22 bytes, never the whole file.
  uint64_t eocd = UINT64_MAX;
  const uint64_t lowest = size > kEocdSize + 0xffff ? size - kEocdSize - 0xffff : 0;
  for (uint64_t p = size - kEocdSize + 1; p-- > lowest;) {
    if (le32(data, p) == kEocdSig && p + kEocdSize + le16(data, p + 20) == size) {
      eocd = p;
      break;
    }
  }
  if (eocd == UINT64_MAX)
    return error_at(f, size, "ZIP end of central directory",
                    "the signature PK\\x05\\x06 in the last 65557 bytes (APPNOTE 4.3.16)",
                    "none (truncated or not a ZIP file)");
  uint64_t disk = le16(data, eocd + 4), cd_disk = le16(data, eocd + 6);
  uint64_t entries_disk = le16(data, eocd + 8), entries = le16(data, eocd + 10);
  uint64_t cd_size = le32(data, eocd + 12), cd_offset = le32(data, eocd + 16);
  uint64_t cd_end_limit = eocd;
  // ZIP64 (APPNOTE 4.3.14-4.3.15): a locator right before the EOCD points to the zip64 record.
  if (eocd >= 20 && le32(data, eocd - 20) == kZip64LocatorSig) {
    const uint64_t loc = eocd - 20;
    const uint64_t rec = le64(data, loc + 8);
    if (!fits(data, rec, 56) || rec + 56 > loc)
      return error_at(f, loc + 8, "ZIP64 end of central directory locator", "a record offset + 56 <= " + n2s(loc),
                      n2s(rec));
    if (le32(data, rec) != kZip64EocdSig)
      return error_at(f, rec, "ZIP64 end of central directory", "the signature PK\\x06\\x06", hex32(le32(data, rec)));
    disk = le32(data, rec + 16);
    cd_disk = le32(data, rec + 20);
    entries_disk = le64(data, rec + 24);
    entries = le64(data, rec + 32);
    cd_size = le64(data, rec + 40);
    cd_offset = le64(data, rec + 48);
    cd_end_limit = rec;
  }
  if (disk != 0 || cd_disk != 0 || entries_disk != entries)
    return error_at(f, eocd + 4, "ZIP end of central directory", "a single-disk archive",
                    "disk " + n2s(disk) + ", central directory disk " + n2s(cd_disk));
  if (cd_offset > cd_end_limit || cd_size > cd_end_limit - cd_offset)
    return error_at(f, eocd + 12, "ZIP end of central directory",
                    "central directory offset + size <= " + n2s(cd_end_limit),
                    "offset " + n2s(cd_offset) + " + size " + n2s(cd_size));
  if (entries > limits.max_entries)
    return error_at(f, eocd + 10, "ZIP end of central directory", "at most " + n2s(limits.max_entries) + " entries",
                    n2s(entries));
  if (entries * kCentralSize > cd_size)
    return error_at(f, eocd + 10, "ZIP end of central directory",
                    "a central directory of at least 46 bytes per entry (" + n2s(entries) + " entries)",
                    n2s(cd_size) + " bytes");
  z.cd_offset_ = cd_offset;
  z.eocd_offset_ = eocd;
  z.entries_.reserve(entries);
  const std::string_view cd = data.substr(0, cd_offset + cd_size);
  uint64_t p = cd_offset;
  for (uint64_t i = 0; i < entries; ++i) {
    if (!fits(cd, p, kCentralSize))
      return error_at(f, p, "ZIP central directory entry " + n2s(i), "46 bytes inside the central directory",
                      n2s(cd.size() > p ? cd.size() - p : 0) + " bytes");
    if (le32(data, p) != kCentralSig)
      return error_at(f, p, "ZIP central directory entry " + n2s(i), "the signature PK\\x01\\x02",
                      hex32(le32(data, p)));
    ZipEntry e;
    e.central_offset = p;
    e.flags = le16(data, p + 8);
    e.method = le16(data, p + 10);
    e.crc32 = le32(data, p + 16);
    e.compressed_size = le32(data, p + 20);
    e.uncompressed_size = le32(data, p + 24);
    const uint64_t name_len = le16(data, p + 28), extra_len = le16(data, p + 30), comment_len = le16(data, p + 32);
    e.local_header_offset = le32(data, p + 42);
    const uint64_t var = name_len + extra_len + comment_len;
    if (!fits(cd, p + kCentralSize, var))
      return error_at(f, p + 28, "ZIP central directory entry " + n2s(i),
                      "name, extra field and comment inside the central directory", n2s(var) + " bytes");
    e.name = data.substr(p + kCentralSize, name_len);
    // ZIP64 extended information (APPNOTE 4.5.3): only the fields that are 0xffffffff.
    const bool need64 =
        e.uncompressed_size == 0xffffffff || e.compressed_size == 0xffffffff || e.local_header_offset == 0xffffffff;
    if (need64) {
      uint64_t x = p + kCentralSize + name_len, xend = x + extra_len;
      bool found = false;
      while (x + 4 <= xend) {
        const uint16_t id = le16(data, x), len = le16(data, x + 2);
        if (x + 4 + len > xend) break;
        if (id == 0x0001) {
          uint64_t q = x + 4, qend = q + len;
          auto take = [&](uint64_t& v) {
            if (v != 0xffffffff) return true;
            if (q + 8 > qend) return false;
            v = le64(data, q);
            q += 8;
            return true;
          };
          if (!take(e.uncompressed_size) || !take(e.compressed_size) || !take(e.local_header_offset))
            return error_at(f, x, entry_what(e), "a ZIP64 extra field with the 64-bit sizes (APPNOTE 4.5.3)",
                            n2s(len) + " bytes");
          found = true;
          break;
        }
        x += 4 + len;
      }
      if (!found)
        return error_at(f, p, entry_what(e), "a ZIP64 extra field for sizes of 0xffffffff (APPNOTE 4.5.3)", "none");
    }
    if (e.local_header_offset > cd_offset ||
        kLocalSize + name_len + e.compressed_size > cd_offset - e.local_header_offset)
      return error_at(
          f, p + 20, entry_what(e), "local header + data before the central directory at " + n2s(cd_offset),
          "local header at " + n2s(e.local_header_offset) + " with " + n2s(e.compressed_size) + " compressed bytes");
    z.entries_.push_back(e);
    p += kCentralSize + var;
  }
  // Entries whose data overlap are the overlapping-file zip bomb (Fifield 2019); no honest
  // archive has them.
  std::vector<const ZipEntry*> by_offset;
  by_offset.reserve(z.entries_.size());
  for (const ZipEntry& e : z.entries_) by_offset.push_back(&e);
  std::sort(by_offset.begin(), by_offset.end(),
            [](const ZipEntry* a, const ZipEntry* b) { return a->local_header_offset < b->local_header_offset; });
  for (size_t i = 1; i < by_offset.size(); ++i) {
    const ZipEntry& a = *by_offset[i - 1];
    const ZipEntry& b = *by_offset[i];
    if (a.local_header_offset + kLocalSize + a.name.size() + a.compressed_size > b.local_header_offset)
      return error_at(f, b.central_offset, entry_what(b),
                      "entry data not overlapping another entry (overlapping entries are a zip bomb)",
                      "local header at " + n2s(b.local_header_offset) + " inside " + entry_what(a));
  }
  return z;
}

const ZipEntry* ZipArchive::find(std::string_view name) const {
  for (const ZipEntry& e : entries_)
    if (e.name == name) return &e;
  return nullptr;
}

core::Result<std::string_view> ZipArchive::read(const ZipEntry& e, std::string& buffer) const {
  const std::string& f = file_;
  const uint64_t lh = e.local_header_offset;
  if (!fits(data_, lh, kLocalSize) || le32(data_, lh) != kLocalSig)
    return error_at(f, lh, entry_what(e) + " local header", "the signature PK\\x03\\x04",
                    fits(data_, lh, 4) ? hex32(le32(data_, lh)) : std::string("end of file"));
  const uint64_t start = lh + kLocalSize + le16(data_, lh + 26) + le16(data_, lh + 28);
  if (start > cd_offset_ || e.compressed_size > cd_offset_ - start)
    return error_at(f, lh + 26, entry_what(e) + " local header",
                    "data ending before the central directory at " + n2s(cd_offset_),
                    "data at " + n2s(start) + " with " + n2s(e.compressed_size) + " bytes");
  if (e.flags & 1)
    return error_at(f, e.central_offset + 8, entry_what(e), "an unencrypted entry", "the encrypted flag");
  const std::string_view in = data_.substr(start, e.compressed_size);
  if (e.uncompressed_size > limits_.max_entry_bytes)
    return error_at(f, e.central_offset + 24, entry_what(e),
                    "an uncompressed size <= " + n2s(limits_.max_entry_bytes) + " bytes (zip bomb refused)",
                    n2s(e.uncompressed_size) + " bytes");
  std::string_view out;
  if (e.method == 0) {
    if (e.compressed_size != e.uncompressed_size)
      return error_at(f, e.central_offset + 20, entry_what(e), "equal sizes for a stored entry",
                      n2s(e.compressed_size) + " compressed, " + n2s(e.uncompressed_size) + " uncompressed");
    out = in;
  } else {
    if (e.uncompressed_size > limits_.ratio_floor && e.uncompressed_size / limits_.max_ratio > e.compressed_size)
      return error_at(f, e.central_offset + 20, entry_what(e),
                      "a compression ratio <= " + n2s(limits_.max_ratio) + ":1 (zip bomb refused)",
                      n2s(e.uncompressed_size) + " bytes from " + n2s(e.compressed_size) + " compressed");
    if (in.size() > UINT32_MAX)
      return error_at(f, e.central_offset + 20, entry_what(e), "a compressed size < 4 GiB", n2s(in.size()));
    // Inflate into the declared size plus one byte: output beyond the declared size is an
    // error, never a larger buffer.
    buffer.resize(e.uncompressed_size + 1);
    z_stream zs{};
    if (inflateInit2(&zs, -MAX_WBITS) != Z_OK)
      return error_at(f, start, entry_what(e), "a working zlib", "inflateInit2 failed");
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    zs.avail_in = static_cast<uInt>(in.size());
    zs.next_out = reinterpret_cast<Bytef*>(buffer.data());
    zs.avail_out = static_cast<uInt>(buffer.size());
    const int rc = inflate(&zs, Z_FINISH);
    const uint64_t produced = zs.total_out;
    const std::string msg = zs.msg ? zs.msg : "";
    inflateEnd(&zs);
    if (produced > e.uncompressed_size)
      return error_at(f, start, entry_what(e), n2s(e.uncompressed_size) + " inflated bytes as declared",
                      "more (zip bomb refused)");
    if (rc == Z_DATA_ERROR || rc == Z_MEM_ERROR)
      return error_at(f, start, entry_what(e),
                      e.method == 8 ? std::string("a valid deflate stream")
                                    : "a valid deflate stream (compression method " + n2s(e.method) +
                                          " is inflated, as Android does)",
                      msg.empty() ? "a zlib error" : msg);
    if (rc != Z_STREAM_END || produced != e.uncompressed_size)
      return error_at(f, start, entry_what(e), n2s(e.uncompressed_size) + " inflated bytes as declared",
                      n2s(produced) + (rc == Z_STREAM_END ? "" : " (deflate stream truncated)"));
    buffer.resize(e.uncompressed_size);
    out = std::string_view(buffer);
  }
  uLong crc = 0;
  for (uint64_t off = 0; off < out.size();) {
    const uInt n = static_cast<uInt>(std::min<uint64_t>(out.size() - off, 1u << 30));
    crc = ::crc32(crc, reinterpret_cast<const Bytef*>(out.data() + off), n);
    off += n;
  }
  if (crc != e.crc32)
    return error_at(f, e.central_offset + 16, entry_what(e), "CRC-32 " + hex32(e.crc32),
                    hex32(static_cast<uint32_t>(crc)));
  return out;
}

}  // namespace cleannet::apps
