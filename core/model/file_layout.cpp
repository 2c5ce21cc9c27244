#include "core/model/file_layout.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <vector>

namespace inferscope::model {
namespace {

// Bounds-checked reads of an unverified flatbuffer.
class RawBuffer {
 public:
  explicit RawBuffer(std::span<const std::uint8_t> b) : b_(b) {}

  template <typename T>
  std::optional<T> read(std::uint64_t at) const {
    if (at > b_.size() || b_.size() - at < sizeof(T)) return std::nullopt;
    T v;
    std::memcpy(&v, b_.data() + at, sizeof(T));
    return v;
  }
  // Where field `index` of the table at `table` is stored, if present.
  std::optional<std::uint64_t> field(std::uint64_t table, int index) const {
    const auto back = read<std::int32_t>(table);
    if (!back) return std::nullopt;
    const std::int64_t vtable = static_cast<std::int64_t>(table) - *back;
    if (vtable < 0) return std::nullopt;
    const auto vsize = read<std::uint16_t>(static_cast<std::uint64_t>(vtable));
    const auto slot = static_cast<std::uint64_t>(4 + 2 * index);
    if (!vsize || *vsize < slot + 2) return std::nullopt;
    const auto off = read<std::uint16_t>(static_cast<std::uint64_t>(vtable) + slot);
    if (!off || *off == 0) return std::nullopt;
    return table + *off;
  }
  // The table, vector or string an offset field points to.
  std::optional<std::uint64_t> target(std::uint64_t table, int index) const {
    const auto at = field(table, index);
    if (!at) return std::nullopt;
    const auto rel = read<std::uint32_t>(*at);
    if (!rel) return std::nullopt;
    return *at + *rel;
  }
  std::optional<std::uint32_t> length(std::uint64_t vector) const { return read<std::uint32_t>(vector); }
  // Element i of a vector of tables.
  std::optional<std::uint64_t> tableAt(std::uint64_t vector, std::uint32_t i) const {
    const std::uint64_t at = vector + 4 + 4 * std::uint64_t(i);
    const auto rel = read<std::uint32_t>(at);
    if (!rel) return std::nullopt;
    return at + *rel;
  }

 private:
  std::span<const std::uint8_t> b_;
};

bool isFloatType(std::int8_t t) {
  return t == 0 /* FLOAT32 */ || t == 1 /* FLOAT16 */ || t == 10 /* FLOAT64 */ || t == 18 /* BFLOAT16 */;
}

}  // namespace

ByteRanges floatWeightRanges(std::span<const std::uint8_t> file, std::uint64_t minBytes) {
  const RawBuffer raw(file);
  ByteRanges out;
  const auto root = raw.read<std::uint32_t>(0);
  if (!root) return out;
  const auto buffers = raw.target(*root, 4);
  const auto subgraphs = raw.target(*root, 2);
  if (!buffers || !subgraphs) return out;
  const auto nBuffers = raw.length(*buffers);
  const auto nSubgraphs = raw.length(*subgraphs);
  // A vector cannot hold more 4-byte entries than the file has bytes.
  if (!nBuffers || !nSubgraphs || *nBuffers > file.size() / 4 || *nSubgraphs > file.size() / 4) return out;

  enum Use : std::uint8_t { Unused, FloatOnly, Other };
  std::vector<Use> use(*nBuffers, Unused);
  for (std::uint32_t s = 0; s < *nSubgraphs; ++s) {
    const auto sg = raw.tableAt(*subgraphs, s);
    const auto tensors = sg ? raw.target(*sg, 0) : std::nullopt;
    const auto nTensors = tensors ? raw.length(*tensors) : std::nullopt;
    if (!nTensors || *nTensors > file.size() / 4) return {};
    for (std::uint32_t t = 0; t < *nTensors; ++t) {
      const auto tensor = raw.tableAt(*tensors, t);
      if (!tensor) return {};
      const auto typeAt = raw.field(*tensor, 1);
      const auto bufferAt = raw.field(*tensor, 2);
      const std::int8_t type = typeAt ? raw.read<std::int8_t>(*typeAt).value_or(-1) : 0;  // default FLOAT32
      const std::uint32_t buffer = bufferAt ? raw.read<std::uint32_t>(*bufferAt).value_or(0) : 0;
      if (buffer >= *nBuffers) continue;
      Use& u = use[buffer];
      if (!isFloatType(type)) u = Other;
      else if (u == Unused) u = FloatOnly;
    }
  }
  for (std::uint32_t b = 0; b < *nBuffers; ++b) {
    if (use[b] != FloatOnly) continue;
    const auto buffer = raw.tableAt(*buffers, b);
    if (!buffer) continue;
    std::uint64_t begin = 0, size = 0;
    if (const auto data = raw.target(*buffer, 0)) {
      const auto n = raw.length(*data);
      if (!n) continue;
      begin = *data + 4;
      size = *n;
    } else {
      // Data outside the flatbuffer (models over 2 GB): offset and size fields, offset 1 meaning none.
      const auto offAt = raw.field(*buffer, 1), sizeAt = raw.field(*buffer, 2);
      if (!offAt || !sizeAt) continue;
      begin = raw.read<std::uint64_t>(*offAt).value_or(0);
      size = raw.read<std::uint64_t>(*sizeAt).value_or(0);
      if (begin <= 1) continue;
    }
    if (size < minBytes || begin > file.size() || file.size() - begin < size) continue;
    out.emplace_back(begin, begin + size);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace inferscope::model
