// File helpers: read-only mappings for models, whole-file reads, and atomic writes.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/util/result.h"

namespace inferscope {

// Bytes of a file, memory-mapped when possible. Immutable and shareable.
class FileBytes {
 public:
  virtual ~FileBytes() = default;
  virtual std::span<const std::uint8_t> bytes() const = 0;
};

// Byte ranges of a file, [first, second).
using ByteRanges = std::vector<std::pair<std::uint64_t, std::uint64_t>>;

// A whole file: read into memory up to 4 MiB, mapped beyond (non-regular files are read with a
// bound). Refuses files larger than maxBytes.
Result<std::shared_ptr<const FileBytes>> mapFile(const std::string& path,
                                                 std::uint64_t maxBytes = std::uint64_t(1) << 40);
// The same; when the file is mapped, `rarelyRead` (given the mapping) names byte ranges that are
// unlikely to be read: their pages are mapped on first use, the others up front.
Result<std::shared_ptr<const FileBytes>> mapFile(const std::string& path, std::uint64_t maxBytes,
                                                 const std::function<ByteRanges(std::span<const std::uint8_t>)>& rarelyRead);
// Wraps bytes already in memory.
std::shared_ptr<const FileBytes> ownBytes(std::string data);

Result<std::string> readTextFile(const std::string& path, std::uint64_t maxBytes = 64u << 20);

// Writes to a temporary file beside `path`, flushes it and renames it over `path`, so readers
// never see a partial file and a failed save leaves the old file intact.
Status writeFileAtomic(const std::string& path, std::string_view data);
Status writeFileAtomic(const std::string& path, std::span<const std::uint8_t> data);

}  // namespace inferscope
