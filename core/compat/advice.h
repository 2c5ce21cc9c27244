// Advice from a compatibility check: MLIA's advice texts (so users find the sentences they know) and
// InferScope's own: what change would move each CPU operator to the NPU, how the graph splits into
// NPU partitions, and which operators to register in a TensorFlow Lite Micro op resolver.
#pragma once

#include <string>
#include <vector>

#include "core/compat/cortex_a.h"
#include "core/compat/ethos_u.h"
#include "core/compat/tosa.h"
#include "core/model/ir.h"

namespace inferscope::compat {

struct Advice {
  std::string id;                         // stable, e.g. "ethos-u.cpu-only", "tflm.op-resolver"
  std::string category = "compatibility";
  std::string severity = "info";          // "info" / "warning"
  std::vector<std::string> lines;         // the message, one printed line each

  std::string message() const;  // lines joined with "\n"
};

struct AdviceContext {
  std::string modelPath = "MODEL";  // used in suggested commands
  std::string profileName;          // the --target-profile value
};

std::vector<Advice> adviseEthosU(const EthosUReport& r, const AdviceContext& ctx);
std::vector<Advice> adviseCortexA(const CortexAReport& r, const AdviceContext& ctx);
std::vector<Advice> adviseTosa(const TosaReport& r, const AdviceContext& ctx);

// TensorFlow Lite Micro op resolver contents.
struct ResolverEntry {
  std::string op;        // "SOFTMAX", or the custom code ("ethos-u")
  std::string method;    // "AddSoftmax()", "AddEthosU()"
  bool custom = false;
  int count = 0;         // operators of the model that need it
  bool registrable = true;  // TFLite Micro can register it
};

struct OpResolver {
  std::vector<ResolverEntry> entries;  // the Ethos-U custom op first, then by name
  int registrable() const;
  // "tflite::MicroMutableOpResolver<3> resolver;\nresolver.AddEthosU();\n..."
  std::string code() const;
};

// For a Vela-compiled model: the Ethos-U custom operator (when anything runs on the NPU) plus every
// operator type left on the CPU.
OpResolver tflmOpResolver(const EthosUReport& r);
// For running the model as is on a Cortex-M: every operator type of the model.
OpResolver tflmOpResolver(const model::Model& m);
// TFLite Micro's Add...() method for a builtin ("CONV_2D" -> "AddConv2D()"); empty if TFLM lacks it.
std::string tflmMethod(const std::string& builtin);

}  // namespace inferscope::compat
