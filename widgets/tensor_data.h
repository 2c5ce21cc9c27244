// Values of constant tensors: decoding every TFLite element type to doubles (optionally
// dequantized), statistics, histograms, and export to NumPy .npy and CSV. Qt-free, so it runs in
// background jobs and is tested directly.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/ir.h"
#include "core/util/result.h"

namespace inferscope::widgets {

// Decoded values in storage order. Sparse tensors decode their stored (non-zero) values only.
// Dequantization applies scale/zero point per tensor or per channel on the quantized dimension.
// At most maxElements are decoded.
Result<std::vector<double>> decodeTensor(const model::Tensor& t, bool dequantize, std::int64_t maxElements = 1LL << 27);
bool canDecode(model::DType t);

struct TensorStats {
  std::int64_t count = 0;
  double min = 0, max = 0, mean = 0, stddev = 0;
  std::int64_t zeros = 0;
  std::int64_t nonFinite = 0;
  double sparsity() const { return count ? static_cast<double>(zeros) / static_cast<double>(count) : 0; }
};
TensorStats computeStats(const std::vector<double>& values);

// `bins` equal-width bins over [lo, hi] (the last bin includes hi); non-finite values are skipped.
std::vector<std::int64_t> histogram(const std::vector<double>& values, int bins, double lo, double hi);

// NumPy .npy (format 1.0) with the tensor's dtype and shape; packed 4/2-bit types are written as
// int8/uint8, bfloat16 as float32. Sparse and string tensors are refused.
Status writeNpy(const std::string& path, const model::Tensor& t);
// CSV: one row per element: flat index, one column per dimension, value (and dequantized value).
Status writeCsv(const std::string& path, const model::Tensor& t);

// Row-major multi-index of a flat index.
std::vector<std::int64_t> unravel(std::int64_t flat, const std::vector<std::int32_t>& shape);

}  // namespace inferscope::widgets
