#include "core/report/performance.h"

#include "core/util/csv.h"
#include "core/util/text.h"

namespace inferscope::report {

using estimate::Estimate;
using estimate::MemArea;

namespace {
const char* kAreaKeys[] = {"sram", "dram", "on_chip_flash", "off_chip_flash"};
const char* kAreaTitles[] = {"SRAM", "DRAM", "On-chip Flash", "Off-chip Flash"};

std::string num(double v, int decimals = 2) { return text::fixed(v, decimals); }
}  // namespace

json::Value performanceJson(const Estimate& e) {
  json::Value p = json::Object{};
  p.set("accelerator", e.accelerator);
  p.set("system_config", e.systemConfig);
  p.set("memory_mode", e.memoryMode);
  p.set("clock_hz", e.clockHz);
  p.set("npu_operators", e.npuOperators);
  p.set("cpu_operators", e.cpuOperators);
  p.set("npu_segments", e.npuSegments);
  p.set("npu_cycles", e.npuCycles);
  p.set("sram_access_cycles", e.sramAccessCycles);
  p.set("dram_access_cycles", e.dramAccessCycles);
  p.set("on_chip_flash_access_cycles", e.onChipFlashAccessCycles);
  p.set("off_chip_flash_access_cycles", e.offChipFlashAccessCycles);
  p.set("total_cycles", e.totalCycles);
  p.set("inference_time_ms", e.inferenceTimeMs);
  p.set("inferences_per_second", e.inferencesPerSecond);
  p.set("macs", e.macs);
  p.set("sram_used_kib", e.sramUsedKiB);
  p.set("dram_used_kib", e.dramUsedKiB);
  p.set("on_chip_flash_used_kib", e.onChipFlashUsedKiB);
  p.set("off_chip_flash_used_kib", e.offChipFlashUsedKiB);
  p.set("original_weight_bytes", e.originalWeightBytes);
  p.set("encoded_weight_bytes", e.encodedWeightBytes);
  json::Value bw = json::Object{};
  for (int a = 0; a < estimate::kMemAreaCount; ++a) {
    json::Value x = json::Object{};
    x.set("read_bytes", e.readBytes[static_cast<std::size_t>(a)]);
    x.set("write_bytes", e.writeBytes[static_cast<std::size_t>(a)]);
    bw.set(kAreaKeys[a], x);
  }
  p.set("bandwidth_per_inference", bw);
  p.set("cpu_cycles_estimate", e.cpuCyclesEstimate);
  p.set("cpu_time_ms_estimate", e.cpuTimeMs);
  p.set("total_time_with_cpu_ms", e.totalTimeWithCpuMs);
  json::Value layers = json::Array{};
  for (const auto& l : e.layers) {
    json::Value r = json::Object{};
    r.set("tflite_operator", l.tfliteOperator);
    r.set("nng_operator", l.nngOperator);
    r.set("sram_usage", l.sramUsage);
    r.set("peak_percent", l.peakPercent);
    r.set("op_cycles", l.opCycles);
    r.set("network_percent_cycles", l.networkPercentCycles);
    r.set("npu_cycles", l.npuCycles);
    r.set("sram_access_cycles", l.sramAccessCycles);
    r.set("dram_access_cycles", l.dramAccessCycles);
    r.set("on_chip_flash_access_cycles", l.onChipFlashAccessCycles);
    r.set("off_chip_flash_access_cycles", l.offChipFlashAccessCycles);
    r.set("macs", l.macs);
    r.set("network_percent_macs", l.networkPercentMacs);
    r.set("util_percent", l.utilPercent);
    r.set("name", l.name);
    r.set("operator_index", l.sourceOp);
    r.set("npu_subgraph", l.segment);
    layers.push(r);
  }
  p.set("layers", layers);
  json::Value cpu = json::Array{};
  for (const auto& c : e.cpuOps) {
    json::Value r = json::Object{};
    r.set("operator_index", c.op);
    r.set("type", c.type);
    r.set("macs", c.macs);
    r.set("cycles_estimate", c.cycles);
    r.set("basis", c.basis);
    cpu.push(r);
  }
  p.set("cpu_layers", cpu);
  json::Value notes = json::Array{};
  for (const auto& n : e.notes) notes.push(n);
  p.set("notes", notes);
  return p;
}

std::string performanceText(const Estimate& e, const std::string& network) {
  std::string o;
  // Sized for the tables up front (a 700-operator model's text is ~70 KB; no copies while it grows).
  o.reserve(4096 + 128 * e.cpuOps.size() + 256 * e.layers.size());
  auto line = [&](const std::string& k, const std::string& v) {
    std::string pad(k.size() < 40 ? 40 - k.size() : 1, ' ');
    o += k + pad + v + "\n";
  };
  o += "Network summary for " + network + "\n";
  line("Accelerator configuration", e.accelerator);
  line("System configuration", e.systemConfig);
  line("Memory mode", e.memoryMode);
  line("Accelerator clock", num(e.clockHz / 1e6, 0) + " MHz");
  o += "\n";
  if (e.sramUsedKiB > 0) line("Total SRAM used", num(e.sramUsedKiB) + " KiB");
  if (e.dramUsedKiB > 0) line("Total DRAM used", num(e.dramUsedKiB) + " KiB");
  if (e.onChipFlashUsedKiB > 0) line("Total On-chip Flash used", num(e.onChipFlashUsedKiB) + " KiB");
  if (e.offChipFlashUsedKiB > 0) line("Total Off-chip Flash used", num(e.offChipFlashUsedKiB) + " KiB");
  o += "\n";
  auto total = e.cpuOperators + e.npuOperators;
  auto pct = [&](int n) { return total ? num(100.0 * n / total, 1) : std::string("0.0"); };
  o += "CPU operators = " + std::to_string(e.cpuOperators) + " (" + pct(e.cpuOperators) + "%)\n";
  o += "NPU operators = " + std::to_string(e.npuOperators) + " (" + pct(e.npuOperators) + "%)\n";
  o += "\n";
  for (int a = 0; a < estimate::kMemAreaCount; ++a) {
    double bytes = e.readBytes[static_cast<std::size_t>(a)] + e.writeBytes[static_cast<std::size_t>(a)];
    if (bytes <= 0) continue;
    line(std::string("Total   ") + kAreaTitles[a] + " bandwidth", num(bytes / 1e6) + " MB/batch");
  }
  line("Neural network macs", std::to_string(e.macs) + " MACs/batch");
  o += "\n";
  line("NPU cycles", text::fixed(e.npuCycles, 0) + " cycles/batch");
  line("SRAM Access cycles", text::fixed(e.sramAccessCycles, 0) + " cycles/batch");
  line("DRAM Access cycles", text::fixed(e.dramAccessCycles, 0) + " cycles/batch");
  line("On-chip Flash Access cycles", text::fixed(e.onChipFlashAccessCycles, 0) + " cycles/batch");
  line("Off-chip Flash Access cycles", text::fixed(e.offChipFlashAccessCycles, 0) + " cycles/batch");
  line("Total cycles", text::fixed(e.totalCycles, 0) + " cycles/batch");
  o += "\n";
  line("Batch Inference time", num(e.inferenceTimeMs) + " ms, " + num(e.inferencesPerSecond) + " inferences/s (batch size 1)");
  if (!e.cpuOps.empty()) {
    o += "\nCPU operators (InferScope estimate, not a Vela figure):\n";
    text::Table t({"#", "Operator", "MACs", "Cycles (est.)", "Basis"},
                  {text::Table::Align::Right, text::Table::Align::Left, text::Table::Align::Right,
                   text::Table::Align::Right, text::Table::Align::Left});
    t.reserve(e.cpuOps.size(), 64);
    for (const auto& c : e.cpuOps)
      t.addRow({std::to_string(c.op), c.type, text::withSeparators(c.macs),
                text::withSeparators(static_cast<std::int64_t>(c.cycles)), c.basis});
    t.renderTo(o, 48, "  ");
    line("Estimated CPU time", num(e.cpuTimeMs, 3) + " ms");
    line("Estimated NPU + CPU time", num(e.totalTimeWithCpuMs, 3) + " ms");
  }
  for (const auto& n : e.notes) o += "Note: " + n + "\n";
  o += "\nPer-layer performance:\n";
  text::Table t({"TFLite_operator", "NNG Operator", "SRAM Usage", "Peak%", "Op Cycles", "Network%", "NPU", "SRAM AC",
                 "DRAM AC", "OnFlash AC", "OffFlash AC", "MAC Count", "Network%", "Util%", "Name"});
  t.reserve(e.layers.size(), 128);
  for (const auto& l : e.layers)
    t.addRow({l.tfliteOperator, l.nngOperator, std::to_string(l.sramUsage), num(l.peakPercent), text::fixed(l.opCycles, 0),
              num(l.networkPercentCycles), text::fixed(l.npuCycles, 0), text::fixed(l.sramAccessCycles, 0),
              text::fixed(l.dramAccessCycles, 0), text::fixed(l.onChipFlashAccessCycles, 0),
              text::fixed(l.offChipFlashAccessCycles, 0), std::to_string(l.macs), num(l.networkPercentMacs),
              num(l.utilPercent), l.name});
  t.renderTo(o, 40, "  ");
  return o;
}

std::string perLayerCsv(const Estimate& e) {
  std::vector<csv::Row> rows;
  rows.push_back({"TFLite_operator", "NNG Operator", "SRAM Usage", "Peak%", "Op Cycles", "Network%", "NPU", "SRAM AC",
                  "DRAM AC", "OnFlash AC", "OffFlash AC", "MAC Count", "Network%", "Util%", "Name"});
  for (const auto& l : e.layers)
    rows.push_back({l.tfliteOperator, l.nngOperator, std::to_string(l.sramUsage), num(l.peakPercent), num(l.opCycles, 1),
                    num(l.networkPercentCycles), num(l.npuCycles, 1), num(l.sramAccessCycles, 1), num(l.dramAccessCycles, 1),
                    num(l.onChipFlashAccessCycles, 1), num(l.offChipFlashAccessCycles, 1), std::to_string(l.macs),
                    num(l.networkPercentMacs), num(l.utilPercent), l.name});
  return csv::write(rows);
}

std::string summaryCsv(const Estimate& e, const std::string& network) {
  std::vector<csv::Row> rows;
  rows.push_back({"network", "accelerator_configuration", "system_config", "memory_mode", "core_clock",
                  "inferences_per_second", "inference_time", "sram_memory_used", "dram_memory_used",
                  "on_chip_flash_memory_used", "off_chip_flash_memory_used", "total_original_weights",
                  "total_npu_encoded_weights", "nn_macs", "cycles_npu", "cycles_sram_access", "cycles_dram_access",
                  "cycles_on_chip_flash_access", "cycles_off_chip_flash_access", "cycles_total", "npu_operators",
                  "cpu_operators", "cpu_cycles_estimate"});
  rows.push_back({network, e.accelerator, e.systemConfig, e.memoryMode, text::fixed(e.clockHz, 1),
                  text::fixed(e.inferencesPerSecond, 4), text::fixed(e.inferenceTimeMs / 1000.0, 9),
                  text::fixed(e.sramUsedKiB, 5), text::fixed(e.dramUsedKiB, 5), text::fixed(e.onChipFlashUsedKiB, 5),
                  text::fixed(e.offChipFlashUsedKiB, 5), std::to_string(e.originalWeightBytes),
                  std::to_string(e.encodedWeightBytes), std::to_string(e.macs), text::fixed(e.npuCycles, 1),
                  text::fixed(e.sramAccessCycles, 1), text::fixed(e.dramAccessCycles, 1),
                  text::fixed(e.onChipFlashAccessCycles, 1), text::fixed(e.offChipFlashAccessCycles, 1),
                  text::fixed(e.totalCycles, 1), std::to_string(e.npuOperators), std::to_string(e.cpuOperators),
                  text::fixed(e.cpuCyclesEstimate, 0)});
  return csv::write(rows);
}

CheckSection performanceSection(const estimate::Estimate& e, const std::string& network, SectionForm form) {
  CheckSection s{"performance", json::Value(), std::string()};
  if (form != SectionForm::Text) s.json = performanceJson(e);
  if (form != SectionForm::Json) s.text = performanceText(e, network);
  return s;
}

}  // namespace inferscope::report
