// The Vela yardstick: InferScope's Ethos-U placement must put exactly the operators on the CPU that
// Vela 3.10 did, for every model and configuration in ../shared/vela_ref and ../shared/calib/vela_ref.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "core/compat/ethos_u.h"
#include "core/model/loader.h"
#include "support/shared_data.h"
#include "support/vela_ref.h"

using namespace inferscope;

namespace {

struct Tally {
  int runs = 0, exact = 0, skipped = 0, reasonRuns = 0, reasonExact = 0, messageExact = 0, segmentRuns = 0,
      segmentExact = 0;
  std::string segmentMismatches;
  std::string mismatches;
  std::string reasonMismatches;
};

// Vela printed no placement when it crashed while reading the model.
bool velaPrintedPlacement(const testdata::VelaRun& run) {
  if (run.status.rfind("ok", 0) == 0) return true;
  auto text = testdata::readFile(run.dir / "stdout.txt");
  return text.find("Placing on CPU instead") != std::string::npos || text.find("is a CPU only op") != std::string::npos;
}

std::string firstLine(const std::string& s) { return s.substr(0, s.find('\n')); }

// Vela's message lines after each "Placing on CPU instead" header: " - <rule>" (continuation lines
// indented) and "   <detail>", keyed by operator type and name.
std::multimap<std::pair<std::string, std::string>, std::string> velaBlocks(const std::string& text) {
  std::multimap<std::pair<std::string, std::string>, std::string> out;
  std::istringstream in(text);
  std::string line, block;
  std::pair<std::string, std::string> key;
  bool open = false;
  auto close = [&] {
    if (open) out.emplace(key, block);
    open = false;
    block.clear();
  };
  while (std::getline(in, line)) {
    if (open && !line.empty() && line[0] == ' ') {
      block += line + "\n";
      continue;
    }
    close();
    const std::string tail = ". Placing on CPU instead";
    if (line.rfind("Warning: ", 0) != 0 || line.size() < tail.size() ||
        line.compare(line.size() - tail.size(), tail.size(), tail) != 0)
      continue;
    auto q2 = line.rfind('\'', line.size() - tail.size());
    auto q1 = line.rfind('\'', q2 == std::string::npos || q2 == 0 ? 0 : q2 - 1);
    if (q1 == std::string::npos || q2 == std::string::npos || q1 >= q2) continue;
    auto name = line.substr(q1 + 1, q2 - q1 - 1);
    auto before = line.substr(0, q1 - 1);
    auto type = before.substr(before.rfind(' ') + 1);
    if (line.find("is not supported on the NPU") != std::string::npos) {
      // "Warning: <TYPE> '<name>' is not supported ..."
      auto t0 = std::string("Warning: ").size();
      type = line.substr(t0, line.find(' ', t0) - t0);
      auto n0 = line.find('\'') + 1;
      name = line.substr(n0, line.rfind("' is not supported") - n0);
    }
    key = {type, name};
    open = true;
  }
  close();
  return out;
}

int velaSegments(const std::string& text) {
  int n = 0;
  for (auto p = text.find("Performance for NPU Subgraph"); p != std::string::npos;
       p = text.find("Performance for NPU Subgraph", p + 1))
    ++n;
  return n;
}

void checkRoot(const std::filesystem::path& root, std::map<std::string, Tally>& byConfig) {
  for (const auto& run : testdata::velaRuns(root)) {
    auto& tally = byConfig[run.config];
    if (!velaPrintedPlacement(run)) {
      ++tally.skipped;
      continue;
    }
    auto path = testdata::modelFile(run);
    auto m = model::loadModel(path.string());
    ASSERT_TRUE(m.ok()) << path << ": " << (m.ok() ? "" : m.error().message);
    auto target = compat::EthosUTarget::parse(run.config);
    ASSERT_TRUE(target.ok()) << run.config;
    auto report = compat::checkEthosU(**m, *target);

    std::multiset<std::pair<std::string, std::string>> mine, vela;
    std::map<std::pair<std::string, std::string>, const compat::EthosUOp*> mineOps;
    for (const auto& op : report.ops)
      if (op.onCpu() && op.disposition == compat::Disposition::Runs) {
        mine.insert({op.type, op.name});
        mineOps[{op.type, op.name}] = &op;
      }
    auto velaOps = testdata::velaCpuOps(run.dir);
    for (const auto& c : velaOps) vela.insert({c.type, c.name});
    ++tally.runs;
    bool countOk = run.status.rfind("ok", 0) != 0 || static_cast<int>(run.num("cpu_ops")) == report.cpuOps;
    if (mine == vela && countOk) {
      ++tally.exact;
    } else {
      std::string d = "  " + run.model + " [" + run.config + "]: InferScope " + std::to_string(report.cpuOps) +
                      " CPU ops, Vela " + std::to_string(vela.size()) + "\n";
      for (const auto& k : mine)
        if (!vela.count(k)) d += "    only InferScope: " + k.first + " '" + k.second + "'\n";
      for (const auto& k : vela)
        if (!mine.count(k)) d += "    only Vela: " + k.first + " '" + k.second + "'\n";
      tally.mismatches += d;
    }
    // Vela's message text, rule and detail, word for word.
    auto stdoutText = testdata::readFile(run.dir / "stdout.txt");
    auto blocks = velaBlocks(stdoutText);
    for (const auto& [key, block] : blocks) {
      auto it = mineOps.find(key);
      if (it == mineOps.end() || !it->second->primaryReason()) continue;
      const auto* r = it->second->primaryReason();
      std::string mineBlock = " - " + r->rule + "\n" + (r->detail.empty() ? "" : "   " + r->detail + "\n");
      if (mineBlock == block) ++tally.messageExact;
      else if (tally.reasonMismatches.size() < 6000)
        tally.reasonMismatches += "  " + run.model + " " + key.first + " '" + key.second + "':\n    Vela:\n" + block +
                                  "    InferScope:\n" + mineBlock;
    }
    // NPU partitions: Vela prints one performance section per NPU subgraph.
    if (run.status.rfind("ok", 0) == 0) {
      ++tally.segmentRuns;
      int v = velaSegments(stdoutText);
      if (v == static_cast<int>(report.segments.size())) ++tally.segmentExact;
      else tally.segmentMismatches += "  " + run.model + " [" + run.config + "]: InferScope " +
                                      std::to_string(report.segments.size()) + ", Vela " + std::to_string(v) + "\n";
    }
    // The constraint InferScope reports first is the one Vela printed.
    for (const auto& c : velaOps) {
      auto it = mineOps.find({c.type, c.name});
      if (it == mineOps.end() || !it->second->primaryReason()) continue;
      ++tally.reasonRuns;
      const auto* r = it->second->primaryReason();
      std::string expect = c.reason;
      std::string got = firstLine(r->rule.str());
      if (r->kind == compat::ReasonKind::Semantic) got = "Unsupported TensorFlow Lite semantics; " + got;
      if (r->kind == compat::ReasonKind::CpuOnly) got = "CPU only op";
      if (r->kind == compat::ReasonKind::AsymmetricWeights) got = "asymmetric weights";
      if (got == expect) ++tally.reasonExact;
      else if (tally.reasonMismatches.size() < 4000)
        tally.reasonMismatches += "  " + run.model + " " + c.type + " '" + c.name + "': Vela '" + expect +
                                  "', InferScope '" + got + "'\n";
    }
  }
}

}  // namespace

TEST(CompatVelaYardstick, CpuPlacementMatchesVelaExactly) {
  INFERSCOPE_REQUIRE_SHARED();
  std::map<std::string, Tally> byConfig;
  checkRoot(testdata::sharedDir() / "vela_ref", byConfig);
  checkRoot(testdata::sharedDir() / "calib/vela_ref", byConfig);
  ASSERT_FALSE(byConfig.empty());
  int runs = 0, exact = 0;
  std::string all, reasons;
  for (const auto& [config, t] : byConfig) {
    std::cout << "Vela yardstick " << config << ": CPU placement identical for " << t.exact << " of " << t.runs
              << " runs (" << t.skipped << " skipped: Vela crashed while reading); first reason identical for "
              << t.reasonExact << " of " << t.reasonRuns << " CPU operators (" << t.messageExact
              << " warnings identical word for word); NPU segments identical for " << t.segmentExact << " of "
              << t.segmentRuns << "\n";
    if (!t.segmentMismatches.empty()) std::cout << "Segment count differences:\n" << t.segmentMismatches;
    runs += t.runs;
    exact += t.exact;
    all += t.mismatches;
    reasons += t.reasonMismatches;
  }
  if (!all.empty()) std::cout << "Mismatches:\n" << all;
  if (!reasons.empty()) std::cout << "Reason mismatches:\n" << reasons;
  EXPECT_EQ(exact, runs) << all;
  EXPECT_TRUE(reasons.empty()) << reasons;
}

// The primary-reason check (what `check --performance` runs) must place and explain every operator
// of every shared model exactly as the full check does.
TEST(CompatVelaYardstick, PrimaryDepthAgreesWithTheFullCheck) {
  INFERSCOPE_REQUIRE_SHARED();
  int compared = 0;
  for (const auto& path : testdata::sharedModels()) {
    auto m = model::loadModel(path.string());
    if (!m) continue;
    for (const char* cfg : {"ethos-u55-128", "ethos-u85-256"}) {
      auto target = compat::EthosUTarget::parse(cfg).value();
      auto all = compat::checkEthosU(**m, target);
      auto primary = compat::checkEthosU(**m, target, compat::ReasonDepth::Primary);
      const auto where = path.filename().string() + " " + cfg;
      ASSERT_EQ(primary.ops.size(), all.ops.size()) << where;
      EXPECT_EQ(primary.cpuOps, all.cpuOps) << where;
      EXPECT_EQ(primary.segments.size(), all.segments.size()) << where;
      for (std::size_t i = 0; i < all.ops.size(); ++i) {
        const auto& a = all.ops[i];
        const auto& p = primary.ops[i];
        ASSERT_EQ(p.placement, a.placement) << where << " op " << i;
        EXPECT_EQ(p.disposition, a.disposition) << where << " op " << i;
        EXPECT_LE(p.reasons.size(), 1u) << where << " op " << i;
        ASSERT_EQ(p.reasons.empty(), a.reasons.empty()) << where << " op " << i;
        if (!a.reasons.empty()) {
          EXPECT_EQ(p.reasons[0].id, a.reasons[0].id) << where << " op " << i;
          EXPECT_EQ(p.reasons[0].text(), a.reasons[0].text()) << where << " op " << i;
          EXPECT_EQ(p.reasons[0].hint, a.reasons[0].hint) << where << " op " << i;
          EXPECT_EQ(p.reasons[0].primary, a.reasons[0].primary) << where << " op " << i;
        }
      }
      ++compared;
    }
  }
  EXPECT_GT(compared, 0);
}
