// TensorFlow Lite Micro op resolver contents for a model (resources/compat/tflm_ops.json lists what
// TFLite Micro can register).
#include <algorithm>
#include <cctype>
#include <map>

#include "core/compat/advice.h"
#include "core/compat/data.h"

namespace inferscope::compat {

namespace {

bool listed(const char* section, const std::string& name) {
  for (const auto& v : data::tflmOps()[section].asArray())
    if (v.asString() == name) return true;
  return false;
}

// Builtin name -> the MicroMutableOpResolver method: CamelCase words, with TFLM's own spellings.
std::string camel(const std::string& builtin) {
  static const std::map<std::string, std::string> special = {
      {"UNIDIRECTIONAL_SEQUENCE_LSTM", "UnidirectionalSequenceLSTM"}, {"BATCH_MATMUL", "BatchMatMul"},
      {"PADV2", "PadV2"}, {"SVDF", "Svdf"}, {"EMBEDDING_LOOKUP", "EmbeddingLookup"}};
  if (auto it = special.find(builtin); it != special.end()) return it->second;
  std::string out;
  bool upper = true;
  for (char c : builtin) {
    if (c == '_') {
      upper = true;
      continue;
    }
    // A letter right after a digit stays upper case ("CONV_2D" -> "Conv2D").
    bool afterDigit = !out.empty() && std::isdigit(static_cast<unsigned char>(out.back()));
    out += upper || afterDigit ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    upper = false;
  }
  return out;
}

std::string customMethod(const std::string& code) {
  if (code == "ethos-u") return "AddEthosU()";
  if (code == "TFLite_Detection_PostProcess") return "AddDetectionPostprocess()";
  if (code == "CIRCULAR_BUFFER") return "AddCircularBuffer()";
  return "AddCustom(\"" + code + "\", /* registration */)";
}

void addEntry(std::vector<ResolverEntry>& entries, const std::string& type, const std::string& customCode) {
  bool custom = type == "CUSTOM";
  auto key = custom ? customCode : type;
  for (auto& e : entries)
    if (e.op == key && e.custom == custom) {
      ++e.count;
      return;
    }
  ResolverEntry e;
  e.op = key;
  e.custom = custom;
  e.count = 1;
  e.registrable = custom ? listed("custom", key) : listed("builtin", key);
  e.method = custom ? customMethod(key) : (e.registrable ? tflmMethod(key) : "");
  entries.push_back(std::move(e));
}

void sortEntries(std::vector<ResolverEntry>& e) {
  std::stable_sort(e.begin(), e.end(), [](const ResolverEntry& a, const ResolverEntry& b) {
    bool ea = a.custom && a.op == "ethos-u", eb = b.custom && b.op == "ethos-u";
    if (ea != eb) return ea;
    return a.op < b.op;
  });
}

}  // namespace

std::string tflmMethod(const std::string& builtin) {
  if (!listed("builtin", builtin)) return {};
  return "Add" + camel(builtin) + "()";
}

int OpResolver::registrable() const {
  return static_cast<int>(std::count_if(entries.begin(), entries.end(), [](const ResolverEntry& e) { return e.registrable; }));
}

std::string OpResolver::code() const {
  std::string s = "tflite::MicroMutableOpResolver<" + std::to_string(registrable()) + "> resolver;\n";
  for (const auto& e : entries)
    if (e.registrable) s += "resolver." + e.method + ";\n";
  return s;
}

OpResolver tflmOpResolver(const EthosUReport& r) {
  OpResolver out;
  bool npu = false;
  for (const auto& op : r.ops) {
    if (op.disposition != Disposition::Runs) continue;
    if (op.onCpu()) addEntry(out.entries, op.type, op.customCode);
    else npu = true;
  }
  if (npu) addEntry(out.entries, "CUSTOM", "ethos-u");
  for (auto& e : out.entries)
    if (e.custom && e.op == "ethos-u") e.count = static_cast<int>(r.segments.size());
  sortEntries(out.entries);
  return out;
}

OpResolver tflmOpResolver(const model::Model& m) {
  OpResolver out;
  for (const auto& sg : m.subgraphs)
    for (const auto& op : sg.operators) {
      bool custom = op.code == model::BuiltinOp::CUSTOM;
      std::string code;
      if (custom)
        if (const auto* oc = m.opcode(op)) code = oc->customCode;
      addEntry(out.entries, custom ? "CUSTOM" : std::string(model::builtinOpName(op.code)), code);
    }
  sortEntries(out.entries);
  return out;
}

}  // namespace inferscope::compat
