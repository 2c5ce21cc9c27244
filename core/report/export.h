// Report files of one analysis run, written atomically: CSV files named as Vela names them (so
// existing scripts keep working) plus the compatibility table, and the run's JSON document.
#pragma once

#include <string>
#include <vector>

#include "core/analysis/analysis.h"
#include "core/util/json.h"

namespace inferscope::report {

// The network name reports use: the model file's stem ("mobilenet_v2" for ".../mobilenet_v2.tflite").
std::string networkName(const std::string& modelPath);

// One row per operator of every subgraph: subgraph, index, type, name, placement, disposition,
// primary reason, every reason (one per line) and advice.
std::string compatibilityCsv(const compat::EthosUReport& r);

struct CsvFiles {
  std::string perLayer;       // <network>_per-layer.csv (Vela's per-layer columns)
  std::string summary;        // <network>_summary_<system config>.csv (Vela's summary columns)
  std::string cpuLayers;      // <network>_cpu-layers.csv (the CPU-fallback estimate), when any
  std::string compatibility;  // <network>_compatibility.csv, when the run checked compatibility
  std::vector<std::string> all() const;
};

// Writes the CSV reports of `a` into `dir` (created when missing). Each file is written
// atomically; returns the paths written.
Result<CsvFiles> writeCsvReports(const std::string& dir, const analysis::Analysis& a);

std::string cpuLayersCsv(const estimate::Estimate& e);

// Writes a JSON document (pretty-printed, newline-terminated) atomically.
Status writeJsonReport(const std::string& path, const json::Value& document);

}  // namespace inferscope::report
