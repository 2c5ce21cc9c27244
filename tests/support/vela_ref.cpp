#include "support/vela_ref.h"

#include <regex>

#include "core/util/csv.h"
#include "support/shared_data.h"

namespace inferscope::testdata {

double VelaRun::num(const std::string& column) const {
  auto it = fields.find(column);
  if (it == fields.end() || it->second.empty()) return 0;
  try {
    return std::stod(it->second);
  } catch (...) {
    return 0;
  }
}

std::vector<VelaRun> velaRuns(const std::filesystem::path& root) {
  std::vector<VelaRun> out;
  auto table = csv::Table::parse(readFile(root / "SUMMARY.csv"));
  if (!table) return out;
  for (std::size_t i = 0; i < table->size(); ++i) {
    VelaRun r;
    for (std::size_t c = 0; c < table->header().size() && c < table->row(i).size(); ++c)
      r.fields[table->header()[c]] = table->row(i)[c];
    r.model = r.fields["model"];
    r.config = r.fields["config"];
    r.status = r.fields["status"];
    r.modelPath = r.fields["model_path"];
    r.dir = root / r.model / r.config;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<CpuOp> velaCpuOps(const std::filesystem::path& runDir) {
  // Vela words it two ways: "Warning: <reason> for <TYPE> '<name>'. Placing on CPU instead" and
  // "Warning: <TYPE> '<name>' is not supported on the NPU. Placing on CPU instead" followed by
  // " - <constraint>" lines. Operator types the NPU cannot run at all print
  // "Info: <TYPE> '<name>' is a CPU only op"; convolutions with asymmetric weights print
  // "Warning: Op <internal type> '<name>' has asymmetric weights. ...".
  std::vector<CpuOp> out;
  auto text = readFile(runDir / "stdout.txt");
  static const std::regex semantic(R"(^Warning: (.*) for ([A-Z0-9_]+) '(.*)'\. Placing on CPU instead)");
  static const std::regex unsupported(R"(^Warning: ([A-Z0-9_]+) '(.*)' is not supported on the NPU\. Placing on CPU instead)");
  static const std::regex cpuOnly(R"(^Info: ([A-Z0-9_]+) '(.*)' is a CPU only op)");
  static const std::regex asymmetric(R"(^Warning: Op ([A-Za-z0-9]+) '(.*)' has asymmetric weights\.)");
  std::size_t pos = 0;
  CpuOp* last = nullptr;
  while (pos < text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    std::smatch m;
    if (std::regex_search(line, m, semantic)) {
      out.push_back({m[2], m[3], m[1]});
      last = &out.back();
    } else if (std::regex_search(line, m, unsupported)) {
      out.push_back({m[1], m[2], ""});
      last = &out.back();
    } else if (std::regex_search(line, m, cpuOnly)) {
      out.push_back({m[1], m[2], "CPU only op"});
      last = nullptr;
    } else if (std::regex_search(line, m, asymmetric)) {
      std::string internal = m[1];
      std::string type = internal == "Conv2DBias" ? "CONV_2D"
                         : internal == "DepthwiseConv2DBias" ? "DEPTHWISE_CONV_2D"
                                                             : "TRANSPOSE_CONV";
      out.push_back({type, m[2], "asymmetric weights"});
      last = nullptr;
    } else if (last && line.rfind(" - ", 0) == 0) {
      last->reason += (last->reason.empty() ? "" : "; ") + line.substr(3);
    } else if (!line.empty() && line[0] != ' ') {
      last = nullptr;
    }
    pos = end + 1;
  }
  return out;
}

std::vector<bool> velaPlacement(const model::Model& m, const std::vector<CpuOp>& cpu) {
  const auto& sg = m.subgraphs.front();
  std::vector<bool> npu(sg.operators.size(), true);
  std::vector<bool> used(cpu.size(), false);
  for (std::size_t oi = 0; oi < sg.operators.size(); ++oi) {
    const auto& op = sg.operators[oi];
    std::string type = op.code == model::BuiltinOp::CUSTOM ? "CUSTOM" : std::string(model::builtinOpName(op.code));
    std::string name;
    if (!op.outputs.empty())
      if (const auto* t = sg.tensor(op.outputs[0])) name = t->name;
    for (std::size_t k = 0; k < cpu.size(); ++k) {
      if (!used[k] && cpu[k].type == type && cpu[k].name == name) {
        used[k] = true;
        npu[oi] = false;
        break;
      }
    }
  }
  return npu;
}

std::filesystem::path modelFile(const VelaRun& run) {
  auto shared = sharedDir();
  if (!run.modelPath.empty()) {
    for (auto base : {shared, shared / "calib"}) {
      auto p = base / run.modelPath;
      if (std::filesystem::exists(p)) return p;
    }
  }
  auto calib = shared / "calib/models" / (run.model + ".tflite");
  if (std::filesystem::exists(calib)) return calib;
  return {};
}

}  // namespace inferscope::testdata
