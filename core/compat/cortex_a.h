// Cortex-A compatibility: which operators the Arm NN TensorFlow Lite delegate accepts, per delegate
// version (22.08, 22.11, 23.05), with the fused activations it allows where it checks them. The table
// is data (resources/compat/armnn_delegate.json); as in MLIA, only the operator type and its fused
// activation decide, not shapes or data types.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/ir.h"
#include "core/util/result.h"

namespace inferscope::compat {

enum class CortexAVerdict { Compatible, OperatorNotSupported, ActivationNotSupported };
// "Compatible", "Operator not supported", "Activation not supported"
std::string_view cortexAVerdictText(CortexAVerdict v);

struct CortexAOp {
  std::int32_t subgraph = 0;
  std::int32_t index = 0;
  std::string type;        // "CONV_2D"; "CUSTOM" for custom operators
  std::string customCode;  // for CUSTOM
  std::string name;        // first output tensor's name
  std::string activation;  // fused activation ("NONE" when the operator has none)
  CortexAVerdict verdict = CortexAVerdict::Compatible;
  std::vector<std::string> supportedActivations;  // when the verdict is ActivationNotSupported

  bool compatible() const { return verdict == CortexAVerdict::Compatible; }
  // "Operator not supported: CUSTOM 'TFLite_Detection_PostProcess' is not in the ... delegate 23.05"
  std::string reason(std::string_view backend) const;
};

struct CortexAReport {
  std::string backend;  // "Arm NN TensorFlow Lite Delegate"
  std::string version;  // "23.05"
  std::vector<CortexAOp> ops;  // every operator of every subgraph
  int compatibleOps = 0;
  int incompatibleOps = 0;

  std::string backendInfo() const { return backend + " " + version; }
  bool fullyCompatible() const { return incompatibleOps == 0; }
};

// The delegate versions the table knows, oldest first.
std::vector<std::string> armnnDelegateVersions();
std::string defaultArmnnDelegateVersion();

// Fails (Config) for a version the table does not know.
Result<CortexAReport> checkCortexA(const model::Model& m, std::string_view version);

}  // namespace inferscope::compat
