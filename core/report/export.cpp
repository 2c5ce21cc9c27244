#include "core/report/export.h"

#include <cctype>
#include <filesystem>
#include <system_error>

#include "core/report/performance.h"
#include "core/util/csv.h"
#include "core/util/fileio.h"
#include "core/util/text.h"

namespace inferscope::report {

namespace fs = std::filesystem;

std::string networkName(const std::string& modelPath) {
  auto stem = fs::path(modelPath).stem().string();
  return stem.empty() ? std::string("network") : stem;
}

namespace {
std::string dispositionName(compat::Disposition d) {
  switch (d) {
    case compat::Disposition::Runs: return "runs";
    case compat::Disposition::Folded: return "folded";
    case compat::Disposition::Unreachable: return "unreachable";
  }
  return "";
}

template <class Lines>
std::string joinLines(const Lines& v) {
  std::string s;
  for (const auto& x : v) {
    if (!s.empty()) s += '\n';
    s += std::string_view(x);
  }
  return s;
}

// A file name part without path separators or characters shells and spreadsheets trip over.
std::string safeName(std::string s) {
  for (auto& c : s)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) c = '_';
  return s.empty() ? std::string("default") : s;
}
}  // namespace

std::string compatibilityCsv(const compat::EthosUReport& r) {
  std::vector<csv::Row> rows;
  rows.push_back({"subgraph", "index", "type", "name", "placement", "disposition", "primary_reason", "reasons", "advice"});
  for (const auto& op : r.ops) {
    std::vector<std::string> reasons;
    for (const auto& x : op.reasons) reasons.push_back(x.text());
    auto type = op.type == "CUSTOM" && !op.customCode.empty() ? op.type + ":" + op.customCode : op.type;
    rows.push_back({std::to_string(op.subgraph), std::to_string(op.index), type, op.name,
                    std::string(compat::placementName(op.placement)), dispositionName(op.disposition),
                    op.primaryReason() ? op.primaryReason()->text() : std::string(), joinLines(reasons),
                    joinLines(op.advice)});
  }
  return csv::write(rows);
}

std::string cpuLayersCsv(const estimate::Estimate& e) {
  std::vector<csv::Row> rows;
  rows.push_back({"operator_index", "type", "macs", "elements", "cycles_estimate", "basis"});
  for (const auto& c : e.cpuOps)
    rows.push_back({std::to_string(c.op), c.type, std::to_string(c.macs), std::to_string(c.elements),
                    text::fixed(c.cycles, 0), c.basis});
  return csv::write(rows);
}

std::vector<std::string> CsvFiles::all() const {
  std::vector<std::string> v;
  for (const auto* p : {&perLayer, &summary, &cpuLayers, &compatibility})
    if (!p->empty()) v.push_back(*p);
  return v;
}

Result<CsvFiles> writeCsvReports(const std::string& dir, const analysis::Analysis& a) {
  if (!a.performance && !a.ethosU)
    return makeError(ErrorCode::Usage, "CSV reports need an Ethos-U target (compatibility or performance)");
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir, ec))
    return makeError(ErrorCode::Io, "cannot create the directory '" + dir + "'" + (ec ? ": " + ec.message() : ""));
  auto network = networkName(a.modelPath);
  CsvFiles f;
  auto put = [&](std::string& slot, const std::string& name, const std::string& data) -> Status {
    auto path = (fs::path(dir) / name).string();
    auto s = writeFileAtomic(path, std::string_view(data));
    if (!s) return s.error();
    slot = path;
    return Ok{};
  };
  if (a.performance) {
    const auto& e = *a.performance;
    if (auto s = put(f.perLayer, network + "_per-layer.csv", perLayerCsv(e)); !s) return s.error();
    if (auto s = put(f.summary, network + "_summary_" + safeName(e.systemConfig) + ".csv", summaryCsv(e, network)); !s)
      return s.error();
    if (!e.cpuOps.empty())
      if (auto s = put(f.cpuLayers, network + "_cpu-layers.csv", cpuLayersCsv(e)); !s) return s.error();
  }
  if (a.ethosU)
    if (auto s = put(f.compatibility, network + "_compatibility.csv", compatibilityCsv(*a.ethosU)); !s) return s.error();
  return f;
}

Status writeJsonReport(const std::string& path, const json::Value& document) {
  return writeFileAtomic(path, std::string_view(json::write(document) + "\n"));
}

}  // namespace inferscope::report
