// Reading MLIA target-profile TOML files (both formats) into TargetProfile.
#include <filesystem>
#include <set>
#include <sstream>

#include "core/targets/profile_io.h"
#include "core/targets/toml_support.h"
#include "core/util/fileio.h"

namespace inferscope::targets {

using detail::TomlValue;
using detail::tomlTypeName;
using detail::where;

namespace {

template <class T>
std::string joinList(const std::vector<T>& v) {
  std::ostringstream os;
  for (std::size_t i = 0; i < v.size(); ++i) os << (i ? ", " : "") << v[i];
  return os.str();
}

std::string dq(const std::string& s) { return "\"" + s + "\""; }

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  const std::string& file() const { return file_; }

  Error at(const TomlValue& v, const std::string& key, const std::string& msg) const {
    return makeError(ErrorCode::Config, where(v, file_) + ": " + key + ": " + msg);
  }
  Error missing(const std::string& key, const std::string& allowed) const {
    return makeError(ErrorCode::Config, file_ + ": missing key '" + key + "'" +
                                            (allowed.empty() ? "" : " (" + allowed + ")"));
  }

  static const TomlValue* find(const TomlValue* table, const std::string& key) {
    if (!table || !table->is_table()) return nullptr;
    const auto& t = table->as_table();
    auto it = t.find(key);
    return it == t.end() ? nullptr : &it->second;
  }

  Result<std::optional<std::string>> str(const TomlValue* table, const std::string& key,
                                         const std::string& keyPath, const std::string& allowed = {}) const {
    const auto* v = find(table, key);
    if (!v) return std::optional<std::string>{};
    if (!v->is_string())
      return at(*v, keyPath, keyPath + " must be a string" + (allowed.empty() ? "" : ", " + allowed) +
                                 " (got " + tomlTypeName(*v) + ")");
    return std::optional<std::string>(v->as_string().str);
  }

  Result<std::optional<double>> number(const TomlValue* table, const std::string& key,
                                       const std::string& keyPath) const {
    const auto* v = find(table, key);
    if (!v) return std::optional<double>{};
    double d = 0;
    if (v->is_integer()) d = static_cast<double>(v->as_integer());
    else if (v->is_floating()) d = v->as_floating();
    else return at(*v, keyPath, keyPath + " must be a number in Hz, e.g. 400e6 (got " + tomlTypeName(*v) + ")");
    if (!(d > 0) || d > 1e12)
      return at(*v, keyPath, keyPath + " must be a clock in Hz between 1 and 1e12 (got " + std::to_string(d) + ")");
    return std::optional<double>(d);
  }

 private:
  std::string file_;
};

// Keys each format and family understands; anything else is kept (and saved) but reported.
std::set<std::string> knownKeys(TargetFamily f, bool inConfigTable) {
  std::set<std::string> k;
  if (isEthosU(f)) k = {"mac", "memory_mode", "system_config", "config", "host_cpu", "host_cpu_clock"};
  if (f == TargetFamily::CortexM) k = {"core_clock"};
  if (!inConfigTable) {
    k.insert({"target", "description"});
    if (f == TargetFamily::CortexA) k.insert("backend");
  }
  return k;
}

void warnUnknown(const Reader& r, const TomlValue* table, const std::set<std::string>& known,
                 const std::string& prefix, std::vector<std::string>& warnings) {
  if (!table || !table->is_table()) return;
  for (const auto& [key, v] : table->as_table())
    if (!known.count(key))
      warnings.push_back(where(v, r.file()) + ": unknown key '" + prefix + key +
                         "' is kept as is but not used by InferScope");
}

Status readEthosU(const Reader& r, const TomlValue* t, const std::string& prefix, TargetProfile& p) {
  const auto& macs = macChoices(p.family);
  const std::string macAllowed = "one of " + joinList(macs);
  const auto* macV = Reader::find(t, "mac");
  if (!macV) return r.missing(prefix + "mac", macAllowed);
  if (!macV->is_integer())
    return r.at(*macV, prefix + "mac", "mac must be an integer, " + macAllowed + " (got " + tomlTypeName(*macV) + ")");
  auto mac = macV->as_integer();
  bool okMac = false;
  for (int m : macs) okMac |= (mac == m);
  if (!okMac)
    return r.at(*macV, prefix + "mac", "mac = " + std::to_string(mac) + " is not valid for " + p.target +
                                           ": mac must be " + macAllowed);
  p.mac = static_cast<int>(mac);

  for (auto [key, out] : {std::pair<const char*, std::string*>{"memory_mode", &p.memoryModeName},
                          {"system_config", &p.systemConfigName}}) {
    auto allowed = std::string("a ") + (std::string(key) == "memory_mode" ? "Memory_Mode" : "System_Config") +
                   " section name of the Vela configuration";
    auto v = r.str(t, key, prefix + key, allowed);
    if (!v) return v.error();
    if (!*v) return r.missing(prefix + key, allowed);
    if ((*v)->empty()) return r.at(*Reader::find(t, key), prefix + key, std::string(key) + " must not be empty");
    *out = **v;
  }
  auto cfg = r.str(t, "config", prefix + "config", "the path of a Vela .ini file");
  if (!cfg) return cfg.error();
  if (*cfg) {
    if ((*cfg)->empty()) return r.at(*Reader::find(t, "config"), prefix + "config", "config must not be empty");
    p.configPath = **cfg;
  }
  auto host = r.str(t, "host_cpu", prefix + "host_cpu", "one of " + joinList(cortexMCores()));
  if (!host) return host.error();
  if (*host) {
    bool known = false;
    for (const auto& c : cortexMCores()) known |= (c == **host);
    if (!known)
      return r.at(*Reader::find(t, "host_cpu"), prefix + "host_cpu",
                  "host_cpu must be one of " + joinList(cortexMCores()) + " (got " + dq(**host) + ")");
    p.hostCpuCore = **host;
  }
  auto clock = r.number(t, "host_cpu_clock", prefix + "host_cpu_clock");
  if (!clock) return clock.error();
  if (*clock) p.hostCpuClock = **clock;
  return Ok{};
}

Status readCortexA(const Reader& r, const TomlValue& root, TargetProfile& p) {
  const std::string keyPath = "backend.armnn-tflite-delegate.version";
  const std::string allowed = "one of " + joinList(armnnDelegateVersions());
  const auto* backend = Reader::find(&root, "backend");
  if (backend && !backend->is_table())
    return r.at(*backend, "backend", std::string("backend must be a table (got ") + tomlTypeName(*backend) + ")");
  const auto* delegate = Reader::find(backend, "armnn-tflite-delegate");
  if (delegate && !delegate->is_table())
    return r.at(*delegate, "backend.armnn-tflite-delegate",
                std::string("must be a table (got ") + tomlTypeName(*delegate) + ")");
  auto version = r.str(delegate, "version", keyPath, allowed);
  if (!version) return version.error();
  if (!*version) return r.missing(keyPath, allowed + ", in a [backend.armnn-tflite-delegate] table");
  bool known = false;
  for (const auto& v : armnnDelegateVersions()) known |= (v == **version);
  if (!known)
    return r.at(*Reader::find(delegate, "version"), keyPath,
                "version " + dq(**version) + " is not supported: version must be " + allowed);
  p.armnnDelegateVersion = **version;
  return Ok{};
}

Status readCortexM(const Reader& r, const TomlValue* t, const std::string& prefix, TargetProfile& p) {
  auto clock = r.number(t, "core_clock", prefix + "core_clock");
  if (!clock) return clock.error();
  p.cpuClock = *clock ? **clock : defaultCortexMClock(p.target).value_or(0);
  return Ok{};
}

Result<TargetProfile> parseDocument(const TomlValue& root, const std::string& path) {
  Reader r(path);
  TargetProfile p;
  p.sourcePath = path;
  p.name = std::filesystem::path(path).stem().string();

  const auto* configTable = Reader::find(&root, "config");
  bool pluginFormat = Reader::find(&root, "target_type") || Reader::find(&root, "components") ||
                      (configTable && configTable->is_table());
  p.format = pluginFormat ? ProfileFormat::MliaEthosU : ProfileFormat::Mlia;
  const std::string targetKey = pluginFormat ? "target_type" : "target";

  const std::string targetAllowed = "one of " + joinList(targetChoices());
  auto target = r.str(&root, targetKey, targetKey, targetAllowed);
  if (!target) return target.error();
  if (!*target) return r.missing(targetKey, targetAllowed);
  auto family = familyFromTarget(**target);
  if (!family)
    return r.at(*Reader::find(&root, targetKey), targetKey,
                "unknown target " + dq(**target) + ": " + targetKey + " must be " + targetAllowed);
  p.family = *family;
  p.target = **target;

  auto desc = r.str(&root, "description", "description");
  if (!desc) return desc.error();
  if (*desc) p.description = **desc;

  const TomlValue* params = &root;  // where the family's keys live
  std::string prefix;
  if (pluginFormat) {
    auto name = r.str(&root, "profile_name", "profile_name");
    if (!name) return name.error();
    if (*name && !(*name)->empty()) p.name = **name;
    const auto* comps = Reader::find(&root, "components");
    if (comps && !comps->is_array())
      return r.at(*comps, "components",
                  std::string("components must be an array of tables (got ") + tomlTypeName(*comps) + ")");
    if (configTable && !configTable->is_table())
      return r.at(*configTable, "config", std::string("config must be a table (got ") + tomlTypeName(*configTable) + ")");
    params = configTable;
    prefix = "config.";
  }

  Status st = Ok{};
  if (isEthosU(p.family)) st = readEthosU(r, params, prefix, p);
  else if (p.family == TargetFamily::CortexA) st = readCortexA(r, root, p);
  else if (p.family == TargetFamily::CortexM) st = readCortexM(r, params, prefix, p);
  if (!st) return st.error();

  if (pluginFormat) {
    auto top = knownKeys(p.family, false);
    top.insert({"target_type", "profile_name", "components", "config"});
    top.erase("target");
    warnUnknown(r, &root, top, "", p.warnings);
    warnUnknown(r, params, knownKeys(p.family, true), prefix, p.warnings);
  } else {
    auto top = knownKeys(p.family, false);
    for (const auto& k : knownKeys(p.family, true)) top.insert(k);
    warnUnknown(r, &root, top, "", p.warnings);
  }

  std::string failedKey;
  if (auto vs = resolveVelaSettings(p, &failedKey); !vs) {
    auto e = vs.error();
    const auto* keyV = Reader::find(params, failedKey);
    auto loc = keyV ? where(*keyV, path) : path;
    e.message = loc + ": " + prefix + failedKey + ": " + e.message;
    return e;
  }
  return p;
}

}  // namespace

Result<TargetProfile> parseProfile(std::string_view text, const std::string& path) {
  try {
    std::istringstream in{std::string(text)};
    auto root = toml::parse<toml::preserve_comments, std::map, std::vector>(in, path);
    if (!root.is_table()) return makeError(ErrorCode::Format, path + ": not a TOML table");
    auto p = parseDocument(root, path);
    if (p) p->sourceText = std::string(text);
    return p;
  } catch (const toml::syntax_error& e) {
    auto loc = e.location();
    std::string what = e.what();
    // toml11's message starts with "[error] <summary>" followed by a source excerpt; keep both.
    if (what.rfind("[error] ", 0) == 0) what = what.substr(8);
    return makeError(ErrorCode::Format, path + ":" + std::to_string(loc.line()) + ":" +
                                            std::to_string(loc.column()) + ": TOML syntax error: " + what);
  } catch (const std::exception& e) {
    return makeError(ErrorCode::Format, path + ": cannot read the profile: " + e.what());
  }
}

Result<TargetProfile> loadProfile(const std::string& path) {
  auto text = readTextFile(path, 4u << 20);
  if (!text) return text.error();
  return parseProfile(*text, path);
}

}  // namespace inferscope::targets
