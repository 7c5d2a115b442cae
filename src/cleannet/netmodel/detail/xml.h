// What the XML readers (GraphML, nmap XML) share: pugixml reports errors as byte offsets
// and status codes, users want line:column and words. Internal to netmodel.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "cleannet/core/result.h"

namespace cleannet::netmodel::detail {

// Byte offsets to line:column.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) {
    starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts_.push_back(i + 1);
  }
  core::SourcePos at(const std::string& file, ptrdiff_t offset) const {
    if (offset < 0) return core::SourcePos(file);
    auto it = std::upper_bound(starts_.begin(), starts_.end(), static_cast<size_t>(offset));
    size_t line = static_cast<size_t>(it - starts_.begin());
    size_t col = static_cast<size_t>(offset) - starts_[line - 1] + 1;
    return core::SourcePos(file, static_cast<uint32_t>(line), static_cast<uint32_t>(col));
  }

 private:
  std::vector<size_t> starts_;
};

// A parse status as the "found" half of an error message.
inline const char* xml_status_found(pugi::xml_parse_status s) {
  switch (s) {
    case pugi::status_ok:
      return "no error";
    case pugi::status_out_of_memory:
      return "a document too large for memory";
    case pugi::status_unrecognized_tag:
      return "an unrecognized tag";
    case pugi::status_bad_pi:
      return "a malformed processing instruction or declaration";
    case pugi::status_bad_comment:
      return "a malformed comment";
    case pugi::status_bad_cdata:
      return "a malformed CDATA section";
    case pugi::status_bad_doctype:
      return "a malformed document type declaration";
    case pugi::status_bad_pcdata:
      return "malformed character data";
    case pugi::status_bad_start_element:
      return "a malformed start tag";
    case pugi::status_bad_attribute:
      return "a malformed attribute";
    case pugi::status_bad_end_element:
      return "a malformed end tag";
    case pugi::status_end_element_mismatch:
      return "an end tag that does not match its start tag";
    case pugi::status_no_document_element:
      return "no root element";
    default:
      return "an XML error";
  }
}

}  // namespace cleannet::netmodel::detail
