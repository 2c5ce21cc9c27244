// The "check" report: one document per model and target profile, made of sections ("compatibility",
// later "performance") plus the advice of all of them. Each section is built by its own function
// and brings both its JSON and its text, so the CLI and the GUI assemble the same document.
//
//   report::CheckDocument doc(modelPath, profile);
//   doc.add(report::compatibilitySection(compatReport));
//   doc.addAdvice(compatReport.advice);
//   json::write(doc.json());  /  doc.text();
#pragma once

#include <functional>
#include <string_view>
#include <string>
#include <vector>

#include "core/compat/advice.h"
#include "core/compat/compat.h"
#include "core/targets/profile.h"
#include "core/util/json.h"

namespace inferscope::report {

// What a section is built for: both forms, or only the one a caller prints (the other stays empty).
enum class SectionForm { Both, Json, Text };

struct CheckSection {
  std::string key;   // JSON member name: "compatibility", "performance"
  json::Value json;  // its object
  std::string text;  // its text part (ends with a newline)
};

class CheckDocument {
 public:
  CheckDocument(std::string modelPath, const targets::TargetProfile& profile);

  void add(CheckSection section);
  void addAdvice(const std::vector<compat::Advice>& advice);

  // {"model": {...}, "target": {...}, <sections in order>, "advice": [...]}
  json::Value json() const;
  std::string text() const;
  // The same text, handed to `sink` piece by piece (a large model's text is not copied whole).
  void writeText(const std::function<void(std::string_view)>& sink) const;

 private:
  std::string modelPath_;
  json::Value target_;
  std::string targetLine_;
  std::vector<CheckSection> sections_;
  std::vector<compat::Advice> advice_;
};

// The "compatibility" section: operators[] with subgraph, index, type, name, placement, reasons[],
// cpu_operators and the target-specific extras (NPU partitions, TFLM op resolver, ...).
CheckSection compatibilitySection(const compat::CompatReport& r);

json::Value adviceJson(const compat::Advice& a);
std::string adviceText(const std::vector<compat::Advice>& advice);

}  // namespace inferscope::report
