#include "widgets/tensor_data.h"

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <sstream>

#include "core/util/fileio.h"

namespace inferscope::widgets {

using model::DType;

namespace {

double halfToDouble(std::uint16_t h) {
  int sign = (h >> 15) & 1, exp = (h >> 10) & 0x1f, mant = h & 0x3ff;
  double v;
  if (exp == 0) v = std::ldexp(mant, -24);
  else if (exp == 31) v = mant ? std::numeric_limits<double>::quiet_NaN() : std::numeric_limits<double>::infinity();
  else v = std::ldexp(mant + 1024, exp - 25);
  return sign ? -v : v;
}

double bf16ToDouble(std::uint16_t b) {
  std::uint32_t bits = static_cast<std::uint32_t>(b) << 16;
  return static_cast<double>(std::bit_cast<float>(bits));
}

template <class T>
T load(const std::uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

}  // namespace

bool canDecode(DType t) {
  switch (t) {
    case DType::STRING: case DType::RESOURCE: case DType::VARIANT: case DType::COMPLEX64: case DType::COMPLEX128:
    case DType::FLOAT8_E4M3FN: case DType::FLOAT8_E5M2:
      return false;
    default: return model::isKnown(t);
  }
}

Result<std::vector<double>> decodeTensor(const model::Tensor& t, bool dequantize, std::int64_t maxElements) {
  if (!canDecode(t.dtype))
    return makeError(ErrorCode::Unsupported, "values of " + std::string(model::dtypeName(t.dtype)) + " tensors are not shown");
  const auto* p = t.data.data();
  auto bytes = static_cast<std::int64_t>(t.data.size());
  int bits = model::dtypeBits(t.dtype);
  std::int64_t n = t.sparsity ? bytes * 8 / bits : t.numElements();
  n = std::min({n, bytes * 8 / bits, maxElements});
  std::vector<double> out(static_cast<std::size_t>(std::max<std::int64_t>(0, n)));
  for (std::int64_t i = 0; i < n; ++i) {
    double v = 0;
    auto at = p + i * bits / 8;
    switch (t.dtype) {
      case DType::FLOAT32: v = load<float>(at); break;
      case DType::FLOAT64: v = load<double>(at); break;
      case DType::FLOAT16: v = halfToDouble(load<std::uint16_t>(at)); break;
      case DType::BFLOAT16: v = bf16ToDouble(load<std::uint16_t>(at)); break;
      case DType::INT8: v = static_cast<std::int8_t>(*at); break;
      case DType::UINT8: v = *at; break;
      case DType::BOOL: v = *at ? 1 : 0; break;
      case DType::INT16: v = load<std::int16_t>(at); break;
      case DType::UINT16: v = load<std::uint16_t>(at); break;
      case DType::INT32: v = load<std::int32_t>(at); break;
      case DType::UINT32: v = load<std::uint32_t>(at); break;
      case DType::INT64: v = static_cast<double>(load<std::int64_t>(at)); break;
      case DType::UINT64: v = static_cast<double>(load<std::uint64_t>(at)); break;
      case DType::INT4:
      case DType::UINT4: {
        int nib = (p[i / 2] >> ((i % 2) * 4)) & 0xf;
        v = t.dtype == DType::INT4 && nib >= 8 ? nib - 16 : nib;
        break;
      }
      case DType::INT2: {
        int q = (p[i / 4] >> ((i % 4) * 2)) & 0x3;
        v = q >= 2 ? q - 4 : q;
        break;
      }
      default: break;
    }
    out[static_cast<std::size_t>(i)] = v;
  }
  if (dequantize && t.quant && t.quant->hasScale() && !t.sparsity) {
    const auto& q = *t.quant;
    if (q.scale.size() == 1) {
      double s = q.scale[0], zp = q.zeroPoint.empty() ? 0 : static_cast<double>(q.zeroPoint[0]);
      for (auto& v : out) v = s * (v - zp);
    } else {
      // Channel of element i: its index along the quantized dimension.
      auto axis = static_cast<std::size_t>(std::max(0, q.quantizedDimension));
      std::int64_t inner = 1;
      for (std::size_t d = axis + 1; d < t.shape.size(); ++d) inner *= t.shape[d];
      std::int64_t channels = axis < t.shape.size() ? t.shape[axis] : 1;
      for (std::size_t i = 0; i < out.size(); ++i) {
        auto c = static_cast<std::size_t>((static_cast<std::int64_t>(i) / std::max<std::int64_t>(1, inner)) % std::max<std::int64_t>(1, channels));
        if (c >= q.scale.size()) continue;
        double zp = c < q.zeroPoint.size() ? static_cast<double>(q.zeroPoint[c]) : 0;
        out[i] = q.scale[c] * (out[i] - zp);
      }
    }
  }
  return out;
}

TensorStats computeStats(const std::vector<double>& values) {
  TensorStats s;
  double mean = 0, m2 = 0;
  bool first = true;
  for (double v : values) {
    if (!std::isfinite(v)) {
      ++s.nonFinite;
      continue;
    }
    ++s.count;
    if (v == 0) ++s.zeros;
    if (first) s.min = s.max = v, first = false;
    s.min = std::min(s.min, v);
    s.max = std::max(s.max, v);
    double d = v - mean;  // Welford
    mean += d / static_cast<double>(s.count);
    m2 += d * (v - mean);
  }
  s.mean = mean;
  s.stddev = s.count > 1 ? std::sqrt(m2 / static_cast<double>(s.count)) : 0;
  return s;
}

std::vector<std::int64_t> histogram(const std::vector<double>& values, int bins, double lo, double hi) {
  std::vector<std::int64_t> h(static_cast<std::size_t>(std::max(1, bins)), 0);
  double width = (hi - lo) / static_cast<double>(h.size());
  for (double v : values) {
    if (!std::isfinite(v) || v < lo || v > hi) continue;
    auto b = width > 0 ? static_cast<std::size_t>((v - lo) / width) : 0;
    h[std::min(b, h.size() - 1)]++;
  }
  return h;
}

std::vector<std::int64_t> unravel(std::int64_t flat, const std::vector<std::int32_t>& shape) {
  std::vector<std::int64_t> idx(shape.size(), 0);
  for (std::size_t d = shape.size(); d-- > 0;) {
    auto n = std::max<std::int64_t>(1, shape[d]);
    idx[d] = flat % n;
    flat /= n;
  }
  return idx;
}

Status writeNpy(const std::string& path, const model::Tensor& t) {
  if (t.sparsity) return makeError(ErrorCode::Unsupported, "sparse tensors cannot be exported to .npy (their buffer is compressed)");
  std::string descr;
  bool unpack = false;  // write decoded values instead of raw bytes
  switch (t.dtype) {
    case DType::FLOAT32: descr = "<f4"; break;
    case DType::FLOAT16: descr = "<f2"; break;
    case DType::FLOAT64: descr = "<f8"; break;
    case DType::INT8: descr = "|i1"; break;
    case DType::UINT8: descr = "|u1"; break;
    case DType::BOOL: descr = "|b1"; break;
    case DType::INT16: descr = "<i2"; break;
    case DType::UINT16: descr = "<u2"; break;
    case DType::INT32: descr = "<i4"; break;
    case DType::UINT32: descr = "<u4"; break;
    case DType::INT64: descr = "<i8"; break;
    case DType::UINT64: descr = "<u8"; break;
    case DType::COMPLEX64: descr = "<c8"; break;
    case DType::COMPLEX128: descr = "<c16"; break;
    case DType::INT4: case DType::INT2: descr = "|i1"; unpack = true; break;
    case DType::UINT4: descr = "|u1"; unpack = true; break;
    case DType::BFLOAT16: descr = "<f4"; unpack = true; break;
    default:
      return makeError(ErrorCode::Unsupported, std::string(model::dtypeName(t.dtype)) + " tensors cannot be exported to .npy");
  }
  std::string shape = "(";
  for (std::size_t i = 0; i < t.shape.size(); ++i) shape += std::to_string(t.shape[i]) + (t.shape.size() == 1 ? "," : i + 1 < t.shape.size() ? ", " : "");
  shape += ")";
  std::string header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
  std::size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::string out = "\x93NUMPY";
  out += '\x01';
  out += '\x00';
  auto hl = static_cast<std::uint16_t>(header.size());
  out += static_cast<char>(hl & 0xff);
  out += static_cast<char>(hl >> 8);
  out += header;
  if (!unpack) {
    auto need = static_cast<std::size_t>(t.byteSize());
    if (t.data.size() < need) return makeError(ErrorCode::Invalid, "tensor data is shorter than its shape");
    out.append(reinterpret_cast<const char*>(t.data.data()), need);
  } else {
    auto values = decodeTensor(t, false);
    if (!values.ok()) return values.error();
    for (double v : *values) {
      if (t.dtype == DType::BFLOAT16) {
        auto f = static_cast<float>(v);
        out.append(reinterpret_cast<const char*>(&f), sizeof f);
      } else {
        out += static_cast<char>(static_cast<std::int8_t>(v));
      }
    }
  }
  return writeFileAtomic(path, out);
}

Status writeCsv(const std::string& path, const model::Tensor& t) {
  auto raw = decodeTensor(t, false);
  if (!raw.ok()) return raw.error();
  bool quantized = t.quant && t.quant->hasScale() && !t.sparsity;
  std::vector<double> real;
  if (quantized) real = decodeTensor(t, true).value();
  std::ostringstream os;
  os.precision(9);
  os << "index";
  bool dense = !t.sparsity;
  if (dense)
    for (std::size_t d = 0; d < t.shape.size(); ++d) os << ",d" << d;
  os << ",value";
  if (quantized) os << ",real";
  os << "\n";
  for (std::size_t i = 0; i < raw->size(); ++i) {
    os << i;
    if (dense)
      for (auto x : unravel(static_cast<std::int64_t>(i), t.shape)) os << ',' << x;
    os << ',' << (*raw)[i];
    if (quantized) os << ',' << real[i];
    os << '\n';
  }
  return writeFileAtomic(path, os.str());
}

}  // namespace inferscope::widgets
