#include "core/model/ir.h"

#include <cstdio>
#include <sstream>

#include "core/model/schema_info.h"

namespace inferscope::model {

std::int32_t SparseIndices::operator[](std::size_t i) const {
  const std::uint8_t* p = raw.data() + i * width;  // little-endian, as TFLite stores it
  switch (width) {
    case 1: return p[0];
    case 2: return static_cast<std::int32_t>(p[0] | (p[1] << 8));
    default: {
      const std::uint32_t u = std::uint32_t(p[0]) | (std::uint32_t(p[1]) << 8) | (std::uint32_t(p[2]) << 16) |
                              (std::uint32_t(p[3]) << 24);
      return static_cast<std::int32_t>(u);
    }
  }
}

std::vector<std::int32_t> SparseIndices::values() const {
  std::vector<std::int32_t> out(size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = (*this)[i];
  return out;
}

const OptionField* BuiltinOptions::find(std::string_view name) const {
  for (const auto& f : fields)
    if (f.name == name) return &f;
  return nullptr;
}

std::int64_t BuiltinOptions::getInt(std::string_view name, std::int64_t def) const {
  const auto* f = find(name);
  if (!f) return def;
  if (auto* i = std::get_if<std::int64_t>(&f->value)) return *i;
  if (auto* b = std::get_if<bool>(&f->value)) return *b ? 1 : 0;
  if (auto* d = std::get_if<double>(&f->value)) return static_cast<std::int64_t>(*d);
  return def;
}

double BuiltinOptions::getFloat(std::string_view name, double def) const {
  const auto* f = find(name);
  if (!f) return def;
  if (auto* d = std::get_if<double>(&f->value)) return *d;
  if (auto* i = std::get_if<std::int64_t>(&f->value)) return static_cast<double>(*i);
  return def;
}

bool BuiltinOptions::getBool(std::string_view name, bool def) const {
  const auto* f = find(name);
  if (!f) return def;
  if (auto* b = std::get_if<bool>(&f->value)) return *b;
  if (auto* i = std::get_if<std::int64_t>(&f->value)) return *i != 0;
  return def;
}

std::string_view BuiltinOptions::getEnum(std::string_view name) const {
  const auto* f = find(name);
  if (!f || f->enumType.empty()) return {};
  auto* i = std::get_if<std::int64_t>(&f->value);
  return i ? enumValueName(f->enumType, *i) : std::string_view{};
}

std::vector<std::int64_t> BuiltinOptions::getInts(std::string_view name) const {
  const auto* f = find(name);
  if (!f) return {};
  if (auto* v = std::get_if<std::vector<std::int64_t>>(&f->value)) return *v;
  if (auto* i = std::get_if<std::int64_t>(&f->value)) return {*i};
  return {};
}

namespace {
std::string fmtDouble(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", d);
  return buf;
}
}  // namespace

std::string BuiltinOptions::display(const OptionField& f) {
  struct V {
    const OptionField& f;
    std::string operator()(std::int64_t i) const {
      if (!f.enumType.empty()) {
        auto n = enumValueName(f.enumType, i);
        if (!n.empty()) return std::string(n);
      }
      return std::to_string(i);
    }
    std::string operator()(double d) const { return fmtDouble(d); }
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(const std::vector<std::int64_t>& v) const {
      std::string s = "[";
      for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
      return s + "]";
    }
    std::string operator()(const std::vector<double>& v) const {
      std::string s = "[";
      for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + fmtDouble(v[i]);
      return s + "]";
    }
    std::string operator()(const std::vector<std::string>& v) const {
      std::string s = "[";
      for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", \"" : "\"") + v[i] + "\"";
      return s + "]";
    }
  };
  return std::visit(V{f}, f.value);
}

std::int64_t Tensor::numElements() const {
  std::int64_t n = 1;
  for (auto d : shape) n *= d < 0 ? 1 : d;  // validated at load: no overflow, no negatives
  return n;
}

std::int64_t Tensor::byteSize() const {
  auto bits = dtypeBits(dtype);
  if (bits == 0) return static_cast<std::int64_t>(data.size());
  return (numElements() * bits + 7) / 8;
}

std::string Model::opTypeName(const Operator& op) const {
  const auto* c = opcode(op);
  if (c && c->builtin == BuiltinOp::CUSTOM) return "CUSTOM:" + c->customCode;
  return std::string(builtinOpName(op.code));
}

std::string Model::metadataText(const Metadata& m) const {
  if (m.buffer >= buffers.size()) return "<missing buffer>";
  auto b = buffers[m.buffer].data.bytes;
  std::size_t n = b.size();
  while (n > 0 && b[n - 1] == 0) --n;  // C strings
  bool printable = n > 0 && n <= 4096;
  for (std::size_t i = 0; printable && i < n; ++i)
    printable = b[i] >= 0x20 && b[i] < 0x7f;
  if (printable) return std::string(reinterpret_cast<const char*>(b.data()), n);
  return std::to_string(b.size()) + " bytes";
}

std::size_t Model::operatorCount() const {
  std::size_t n = 0;
  for (const auto& s : subgraphs) n += s.operators.size();
  return n;
}

std::int64_t Model::parameterCount() const {
  std::int64_t n = 0;
  for (const auto& s : subgraphs) n += s.facts.parameterCount;
  return n;
}

std::int64_t Model::weightBytes() const {
  std::int64_t n = 0;
  for (const auto& s : subgraphs) n += s.facts.weightBytes;
  return n;
}

std::string shapeText(std::span<const std::int32_t> shape) {
  if (shape.empty()) return "scalar";
  std::string s;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i) s += 'x';
    s += shape[i] < 0 ? std::string("?") : std::to_string(shape[i]);
  }
  return s;
}

std::string quantText(const Quantization& q) {
  if (q.scale.empty()) {
    if (!q.min.empty()) return "min " + fmtDouble(q.min[0]) + ", max " + fmtDouble(q.max.empty() ? 0 : q.max[0]);
    return "";
  }
  if (q.scale.size() == 1) {
    std::int64_t zp = q.zeroPoint.empty() ? 0 : q.zeroPoint[0];
    return fmtDouble(q.scale[0]) + " * (q - " + std::to_string(zp) + ")";
  }
  return "per-channel (" + std::to_string(q.scale.size()) + " scales) on axis " +
         std::to_string(q.quantizedDimension);
}

}  // namespace inferscope::model
