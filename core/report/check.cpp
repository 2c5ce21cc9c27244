#include "core/report/check.h"

#include <filesystem>

namespace inferscope::report {

CheckDocument::CheckDocument(std::string modelPath, const targets::TargetProfile& p)
    : modelPath_(std::move(modelPath)), target_(json::Object{}) {
  target_.set("profile", p.name);
  target_.set("target", p.target);
  if (p.isEthosU()) {
    target_.set("mac", p.mac);
    target_.set("accelerator_config", p.acceleratorConfigName());
    target_.set("system_config", p.systemConfigName);
    target_.set("memory_mode", p.memoryModeName);
  }
  if (!p.armnnDelegateVersion.empty()) target_.set("armnn_delegate_version", p.armnnDelegateVersion);
  targetLine_ = p.name + " (" + p.target + (p.isEthosU() ? ", " + std::to_string(p.mac) + " MACs" : "") + ")";
}

void CheckDocument::add(CheckSection section) { sections_.push_back(std::move(section)); }

void CheckDocument::addAdvice(const std::vector<compat::Advice>& advice) {
  advice_.insert(advice_.end(), advice.begin(), advice.end());
}

json::Value CheckDocument::json() const {
  json::Value doc = json::Object{};
  json::Value model = json::Object{};
  model.set("path", modelPath_);
  model.set("name", std::filesystem::path(modelPath_).filename().string());
  doc.set("model", model);
  doc.set("target", target_);
  for (const auto& s : sections_) doc.set(s.key, s.json);
  json::Value advice = json::Array{};
  for (const auto& a : advice_) advice.push(adviceJson(a));
  doc.set("advice", advice);
  return doc;
}

std::string CheckDocument::text() const {
  std::string out;
  writeText([&out](std::string_view piece) { out.append(piece); });
  return out;
}

void CheckDocument::writeText(const std::function<void(std::string_view)>& sink) const {
  sink("Model:  ");
  sink(modelPath_);
  sink("\nTarget: ");
  sink(targetLine_);
  sink("\n");
  for (const auto& s : sections_) {
    sink("\n");
    sink(s.text);
  }
  if (!advice_.empty()) {
    sink("\n");
    sink(adviceText(advice_));
  }
}

json::Value adviceJson(const compat::Advice& a) {
  json::Value v = json::Object{};
  v.set("id", a.id);
  v.set("category", a.category);
  v.set("severity", a.severity);
  v.set("message", a.message());
  json::Value lines = json::Array{};
  for (const auto& l : a.lines) lines.push(l);
  v.set("advice_message", lines);
  return v;
}

std::string adviceText(const std::vector<compat::Advice>& advice) {
  std::string out = "Advice:\n";
  for (const auto& a : advice) {
    for (std::size_t i = 0; i < a.lines.size(); ++i) out += (i == 0 ? "  * " : "    ") + a.lines[i] + "\n";
    out += "\n";
  }
  return out;
}

}  // namespace inferscope::report
