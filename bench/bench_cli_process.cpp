// Whole-process time of `inferscope-cli check MODEL --target-profile CONFIG --performance` against
// Vela's wall time for the same model and configuration (../shared/vela_ref/SUMMARY.csv, column
// vela_wall_s). Target (issue 6): at least 500x faster than Vela for every row.
//
// Each (model, config) row spawns the CLI `INFERSCOPE_CLI_RUNS` times (default 5), output to
// /dev/null, and takes the median wall time and the median CPU time (user + sys of the child, from
// wait4). The runs are interleaved: pass k runs every row once (odd passes in reverse order), so a
// row's runs are spread over the whole benchmark and a burst of load from elsewhere on a shared
// machine lands on one run of many rows rather than on every run of a few. The machine may be
// shared, so wall time includes waiting for a core; the CPU time is the figure to compare across
// runs. At the end: speed-up (vela_wall_s / our time) min and median, by wall and by CPU time, the
// rows under 500x by each, and the slowest rows.
//
// The CLI is $INFERSCOPE_CLI, else ../app/inferscope-cli next to this program. Rows whose model
// is missing are skipped; without ../shared nothing runs (set INFERSCOPE_SHARED).
#include <benchmark/benchmark.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

extern char** environ;

namespace fs = std::filesystem;

namespace {

fs::path sharedDir() {
  const char* env = std::getenv("INFERSCOPE_SHARED");
  return env ? fs::path(env) : fs::path(INFERSCOPE_SHARED_DIR);
}

fs::path cliPath() {
  if (const char* env = std::getenv("INFERSCOPE_CLI")) return env;
  std::error_code ec;
  auto self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path("inferscope-cli") : self.parent_path().parent_path() / "app" / "inferscope-cli";
}

// One CSV record (double-quoted fields may hold commas and doubled quotes).
std::vector<std::string> splitCsv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
      out.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

struct Row {
  std::string model, config;
  fs::path path;
  double velaSeconds = 0;
  double wallMs = 0, cpuMs = 0;  // medians, filled by the run
  std::vector<double> walls, cpus;  // seconds, one per run
  int exitCode = 0;
  bool ran = false;
};

std::vector<Row> readSummary(const fs::path& csv) {
  std::vector<Row> rows;
  std::ifstream in(csv);
  std::string line;
  if (!std::getline(in, line)) return rows;
  const auto header = splitCsv(line);
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < header.size(); ++i) col[header[i]] = i;
  for (const char* need : {"model", "config", "vela_wall_s", "model_path"})
    if (!col.count(need)) return rows;
  while (std::getline(in, line)) {
    const auto f = splitCsv(line);
    if (f.size() < header.size()) continue;
    Row r;
    r.model = f[col["model"]];
    r.config = f[col["config"]];
    r.path = csv.parent_path().parent_path() / f[col["model_path"]];
    r.velaSeconds = std::atof(f[col["vela_wall_s"]].c_str());
    if (r.velaSeconds > 0 && fs::exists(r.path)) rows.push_back(std::move(r));
  }
  return rows;
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// Runs the CLI once; wall and CPU (user + sys) seconds, and the exit code (-1: could not run).
int runOnce(const fs::path& cli, const Row& row, double& wall, double& cpu) {
  const std::string exe = cli.string(), model = row.path.string();
  std::vector<std::string> args = {exe, "check", model, "--target-profile", row.config, "--performance"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  const auto t0 = std::chrono::steady_clock::now();
  pid_t pid = 0;
  const int err = posix_spawn(&pid, exe.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (err != 0) return -1;
  int status = 0;
  rusage usage{};
  if (wait4(pid, &status, 0, &usage) != pid) return -1;
  wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  cpu = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
        1e-6 * double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// All runs, interleaved over the rows (see the top of the file).
void runAll(const fs::path& cli, std::vector<Row>& rows, int runs) {
  for (int pass = 0; pass < runs; ++pass)
    for (std::size_t k = 0; k < rows.size(); ++k) {
      Row& row = rows[pass % 2 ? rows.size() - 1 - k : k];
      if (row.exitCode < 0) continue;
      double wall = 0, cpu = 0;
      const int code = runOnce(cli, row, wall, cpu);
      if (code < 0 || row.exitCode == 0) row.exitCode = code;
      if (code < 0) continue;
      row.walls.push_back(wall);
      row.cpus.push_back(cpu);
    }
}

// Reports one row's runs (already made by runAll) as the benchmark's iterations.
void runRow(benchmark::State& state, const fs::path* cli, Row* row) {
  std::size_t i = 0;
  for (auto _ : state) {
    if (row->exitCode < 0 || i >= row->walls.size()) {
      state.SkipWithError(("cannot run " + cli->string()).c_str());
      return;
    }
    state.SetIterationTime(row->walls[i++]);
  }
  row->wallMs = 1e3 * median(row->walls);
  row->cpuMs = 1e3 * median(row->cpus);
  row->ran = true;
  state.counters["cpu_ms"] = row->cpuMs;
  state.counters["vela_s"] = row->velaSeconds;
  state.counters["x_wall"] = row->velaSeconds * 1e3 / row->wallMs;
  state.counters["x_cpu"] = row->velaSeconds * 1e3 / row->cpuMs;
  if (row->exitCode != 0) state.SetLabel("exit " + std::to_string(row->exitCode));
}

void summary(const std::vector<Row>& rows) {
  std::vector<const Row*> ran;
  for (const auto& r : rows)
    if (r.ran) ran.push_back(&r);
  if (ran.empty()) return;
  std::vector<double> xWall, xCpu, wall, cpu;
  for (const auto* r : ran) {
    xWall.push_back(r->velaSeconds * 1e3 / r->wallMs);
    xCpu.push_back(r->velaSeconds * 1e3 / r->cpuMs);
    wall.push_back(r->wallMs);
    cpu.push_back(r->cpuMs);
  }
  std::printf("\nCLI process vs Vela, %zu (model, config) rows:\n", ran.size());
  std::printf("  process time   median %.2f ms wall, %.2f ms CPU (user+sys); max %.2f ms wall, %.2f ms CPU\n",
              median(wall), median(cpu), *std::max_element(wall.begin(), wall.end()),
              *std::max_element(cpu.begin(), cpu.end()));
  std::printf("  speed-up wall  min %.0fx, median %.0fx\n", *std::min_element(xWall.begin(), xWall.end()),
              median(xWall));
  std::printf("  speed-up CPU   min %.0fx, median %.0fx\n", *std::min_element(xCpu.begin(), xCpu.end()),
              median(xCpu));
  std::vector<const Row*> below, belowWall;
  for (const auto* r : ran) {
    if (r->velaSeconds * 1e3 / r->cpuMs < 500) below.push_back(r);
    if (r->velaSeconds * 1e3 / r->wallMs < 500) belowWall.push_back(r);
  }
  std::printf("  rows under 500x by CPU time: %zu of %zu\n", below.size(), ran.size());
  std::printf("  rows under 500x by wall time: %zu of %zu\n", belowWall.size(), ran.size());
  for (const auto* r : belowWall)
    std::printf("    %-60s %-14s %7.2f ms wall  Vela %.2f s  %5.0fx\n", r->model.c_str(), r->config.c_str(),
                r->wallMs, r->velaSeconds, r->velaSeconds * 1e3 / r->wallMs);
  std::sort(ran.begin(), ran.end(),
            [](const Row* a, const Row* b) { return a->velaSeconds / a->cpuMs < b->velaSeconds / b->cpuMs; });
  std::printf("  lowest speed-ups (CPU):\n");
  for (std::size_t i = 0; i < std::min<std::size_t>(5, ran.size()); ++i)
    std::printf("    %-60s %-14s %7.2f ms CPU %7.2f ms wall  Vela %.2f s  %5.0fx\n", ran[i]->model.c_str(),
                ran[i]->config.c_str(), ran[i]->cpuMs, ran[i]->wallMs, ran[i]->velaSeconds,
                ran[i]->velaSeconds * 1e3 / ran[i]->cpuMs);
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path csv = sharedDir() / "vela_ref" / "SUMMARY.csv";
  static std::vector<Row> rows = readSummary(csv);
  static const fs::path cli = cliPath();
  if (rows.empty())
    std::fprintf(stderr, "bench_cli_process: no rows from %s (set INFERSCOPE_SHARED); nothing to run\n",
                 csv.string().c_str());
  else if (!fs::exists(cli))
    std::fprintf(stderr, "bench_cli_process: %s not found (build inferscope-cli or set INFERSCOPE_CLI)\n",
                 cli.string().c_str());
  int runs = 5;
  if (const char* env = std::getenv("INFERSCOPE_CLI_RUNS")) runs = std::max(1, std::atoi(env));
  if (fs::exists(cli)) runAll(cli, rows, runs);
  if (fs::exists(cli))
    for (auto& r : rows)
      benchmark::RegisterBenchmark(("cli/" + r.config + "/" + r.model).c_str(), runRow, &cli, &r)
          ->Iterations(runs)
          ->UseManualTime()
          ->Unit(benchmark::kMillisecond);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  summary(rows);
}
