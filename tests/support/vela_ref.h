// Reading the Vela yardstick in ../shared (vela_ref/ and calib/vela_ref/): summary rows and the
// operators Vela placed on the CPU, as tests compare InferScope with them.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/model/ir.h"

namespace inferscope::testdata {

struct VelaRun {
  std::string model, config, status, modelPath;
  std::map<std::string, std::string> fields;  // every SUMMARY.csv column
  double num(const std::string& column) const;
  std::filesystem::path dir;  // vela_ref/<model>/<config>
};

// Rows of <root>/SUMMARY.csv (root = shared/vela_ref or shared/calib/vela_ref).
std::vector<VelaRun> velaRuns(const std::filesystem::path& root);

struct CpuOp {
  std::string type;  // TFLite operator type as Vela prints it ("CONV_2D", "CUSTOM")
  std::string name;  // the operator's first output tensor name
  std::string reason;
};
// Operators Vela's stdout.txt reports as placed on the CPU.
std::vector<CpuOp> velaCpuOps(const std::filesystem::path& runDir);

// Vela's placement for subgraph 0 of `m`: true = NPU. Operators are matched by type and output name.
std::vector<bool> velaPlacement(const model::Model& m, const std::vector<CpuOp>& cpu);

// The model file of a run (models are in shared/models/... or shared/calib/models).
std::filesystem::path modelFile(const VelaRun& run);

}  // namespace inferscope::testdata
