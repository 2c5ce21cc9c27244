// File helpers: read-only mappings for models, whole-file reads, and atomic writes.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/util/result.h"

namespace inferscope {

// Bytes of a file, memory-mapped when possible. Immutable and shareable.
class FileBytes {
 public:
  virtual ~FileBytes() = default;
  virtual std::span<const std::uint8_t> bytes() const = 0;
};

// A whole file: read into memory up to 4 MiB, mapped beyond (non-regular files are read with a
// bound). Refuses files larger than maxBytes.
Result<std::shared_ptr<const FileBytes>> mapFile(const std::string& path,
                                                 std::uint64_t maxBytes = std::uint64_t(1) << 40);
// Wraps bytes already in memory.
std::shared_ptr<const FileBytes> ownBytes(std::string data);

Result<std::string> readTextFile(const std::string& path, std::uint64_t maxBytes = 64u << 20);

// Writes to a temporary file beside `path`, flushes it and renames it over `path`, so readers
// never see a partial file and a failed save leaves the old file intact.
Status writeFileAtomic(const std::string& path, std::string_view data);
Status writeFileAtomic(const std::string& path, std::span<const std::uint8_t> data);

}  // namespace inferscope
