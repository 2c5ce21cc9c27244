// Test support for the performance-model tests: reads the Vela reference CSVs and builds, by hand,
// the NPU operation Vela 3.10 makes of a single-operator calibration model (the few graph rewrites
// a single CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED / pool / elementwise op goes through).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/estimate/arch.h"
#include "core/estimate/block_config.h"
#include "core/estimate/npu_graph.h"
#include "core/estimate/performance.h"
#include "core/model/ir.h"

namespace inferscope::perftest {

// A CSV file as rows of named fields (RFC 4180 quoting).
using CsvRow = std::map<std::string, std::string>;
std::vector<CsvRow> readCsv(const std::filesystem::path& path);
double num(const CsvRow& r, const std::string& key);

// The NPU operation of a single-op calibration model, and its weights in Vela's encoder layout.
struct CalibOp {
  std::string model;
  estimate::NpuOp op;
  bool ifm2Constant = false;          // constant second operand (lives in permanent storage)
  std::vector<std::int8_t> weightsOhwi;  // O x H x W x I after Vela's rewrites (empty: no weights)
  estimate::WeightKind weightKind = estimate::WeightKind::Conv;
  int dilationX = 1, dilationY = 1;   // hardware dilation after the rewrites
  estimate::TensorFormat ifmFormat = estimate::TensorFormat::NHWC, ifm2Format = estimate::TensorFormat::NHWC,
                         ofmFormat = estimate::TensorFormat::NHWC;
  // Intermediate feature maps (not graph inputs/outputs): Dedicated_Sram promotes them to SRAM
  // after scheduling (assumed to fit).
  bool ifmIntermediate = false, ifm2Intermediate = false, ofmIntermediate = false;
};

// Builds the op from the model file; nullopt (with `why`) when the model is not a single NPU op of
// a supported kind.
std::optional<CalibOp> buildCalibOp(const std::filesystem::path& tflite, std::string* why = nullptr);

// Every operator of a small block model, in order, with Vela's formats (graph inputs/outputs NHWC,
// intermediates NHCWB16). Only conv/depthwise/FC/pool/elementwise blocks are supported.
std::optional<std::vector<CalibOp>> buildCalibChain(const std::filesystem::path& tflite, std::string* why = nullptr);

// Accelerator and memory system of a reference config name ("ethos-u55-128", ...).
std::optional<estimate::Arch> archForConfig(const std::string& config);

// Everything the model predicts for one per-layer row.
struct Prediction {
  estimate::BlockConfig config;
  estimate::WeightBufferingPlan plan;
  estimate::OpPerformance perf;
};
// Places the op like the references do (U55 Shared_Sram: feature maps in SRAM, weights in
// off-chip flash buffered to SRAM; U65 Dedicated_Sram: graph input/output feature maps in DRAM,
// weights in DRAM buffered to SRAM; FC weights never buffered), plans the weight buffering with the
// project's weight encoder and estimates the op.
//
// Weight sizes: with `referenceEncodedBytes` > 0 (Vela's total_npu_encoded_weights for the model and
// config), slices are sized from it in proportion to their depth (scales: 10 bytes per channel per
// core, 16-aligned) so the test measures the performance model alone; with 0 the project's weight
// encoder (core/estimate/weight_encoding.h) encodes every proposed slicing.
std::optional<Prediction> predict(const estimate::Arch& arch, const CalibOp& op,
                                  std::int64_t referenceEncodedBytes = 0);
// The same for an op that follows `previous` in a chain (DMA slack and memory from its plan).
std::optional<Prediction> predictWithSlack(const estimate::Arch& arch, const CalibOp& op,
                                           std::int64_t referenceEncodedBytes,
                                           const estimate::WeightBufferingPlan* previous);

}  // namespace inferscope::perftest
