// Writing target profiles. A profile that came from a file is saved by editing that file's text in
// place (toml11 gives each value's position), so unknown keys, comments and layout stay as they were.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <sstream>
#include <variant>

#include "core/targets/profile_io.h"
#include "core/targets/toml_support.h"
#include "core/util/fileio.h"

namespace inferscope::targets {

using detail::TomlValue;

namespace {

using Scalar = std::variant<std::string, std::int64_t, double>;

std::string tomlString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string literal(const Scalar& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return tomlString(*s);
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  double d = std::get<double>(v);
  if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<std::int64_t>(d));
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, d);
  return std::string(buf, r.ptr);
}

bool sameValue(const TomlValue& v, const Scalar& want) {
  if (const auto* s = std::get_if<std::string>(&want)) return v.is_string() && v.as_string().str == *s;
  if (const auto* i = std::get_if<std::int64_t>(&want)) return v.is_integer() && v.as_integer() == *i;
  double d = std::get<double>(want);
  if (v.is_floating()) return v.as_floating() == d;
  return v.is_integer() && static_cast<double>(v.as_integer()) == d;
}

struct Desired {
  std::vector<std::string> table;  // empty = top level
  std::string key;
  std::optional<Scalar> value;     // nullopt: the key must not be there
  std::string comment;             // for freshly written files
};

std::string joinInts(const std::vector<int>& v) {
  std::string s;
  for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + std::to_string(v[i]);
  return s;
}

std::vector<Desired> desiredKeys(const TargetProfile& p) {
  const bool plugin = p.format == ProfileFormat::MliaEthosU;
  const std::vector<std::string> top, params = plugin ? std::vector<std::string>{"config"} : top;
  const std::vector<std::string> delegate = {"backend", "armnn-tflite-delegate"};
  auto opt = [](bool on, Scalar v) { return on ? std::optional<Scalar>(std::move(v)) : std::nullopt; };
  const bool npu = p.isEthosU();
  std::vector<Desired> d;
  if (plugin) {
    d.push_back({top, "profile_name", Scalar(p.name), ""});
    d.push_back({top, "target_type", Scalar(p.target), ""});
  } else {
    d.push_back({top, "target", Scalar(p.target), ""});
  }
  d.push_back({top, "description", opt(!p.description.empty(), p.description), ""});
  d.push_back({params, "mac", opt(npu, std::int64_t(p.mac)), "Number of MACs: " + joinInts(macChoices(p.family))});
  d.push_back({params, "memory_mode", opt(npu, p.memoryModeName),
               "Memory mode: a Memory_Mode section of the Vela configuration (e.g. Sram_Only, Shared_Sram, "
               "Dedicated_Sram)"});
  d.push_back({params, "system_config", opt(npu, p.systemConfigName),
               "System configuration: a System_Config section of the Vela configuration"});
  d.push_back({params, "config", opt(npu && !p.configPath.empty(), p.configPath),
               "Vela configuration file (.ini), relative to this file"});
  d.push_back({params, "host_cpu", opt(npu && p.hostCpuCore.has_value(), p.hostCpuCore.value_or("")),
               "Cortex-M core that runs the operators left on the CPU"});
  d.push_back({params, "host_cpu_clock", opt(npu && p.hostCpuClock.has_value(), p.hostCpuClock.value_or(0)),
               "Clock of that core in Hz"});
  d.push_back({params, "core_clock", opt(p.family == TargetFamily::CortexM, p.cpuClock), "CPU clock in Hz"});
  d.push_back({delegate, "version", opt(p.family == TargetFamily::CortexA, p.armnnDelegateVersion),
               "Arm NN TensorFlow Lite delegate version: 22.08, 22.11 or 23.05"});
  return d;
}

std::string npuModel(const TargetProfile& p) { return p.target.size() > 6 ? p.target.substr(6) : p.target; }

// --- Fresh files -----------------------------------------------------------------------------

std::string freshText(const TargetProfile& p) {
  std::ostringstream os;
  os << "# InferScope target profile" << (p.builtinName.empty() ? "" : " (built-in " + p.builtinName + ")")
     << ", readable by MLIA\n\n";
  auto desired = desiredKeys(p);
  auto writeTable = [&](const std::vector<std::string>& table) {
    bool any = false;
    for (const auto& d : desired) {
      if (d.table != table || !d.value) continue;
      if (!any && !table.empty()) {
        std::string name;
        for (const auto& t : table) name += (name.empty() ? "" : ".") + t;
        os << "\n[" << name << "]\n";
      }
      any = true;
      if (!d.comment.empty()) os << "# " << d.comment << "\n";
      os << d.key << " = " << literal(*d.value) << "\n";
    }
  };
  writeTable({});
  if (p.format == ProfileFormat::MliaEthosU && p.isEthosU())
    os << "\n[[components]]\ntype = \"npu\"\nfamily = \"ethos-u\"\nmodel = " << tomlString(npuModel(p))
       << "\nvariant = " << tomlString(std::to_string(p.mac)) << "\n";
  writeTable({"config"});
  writeTable({"backend", "armnn-tflite-delegate"});
  return os.str();
}

// --- In-place edits --------------------------------------------------------------------------

class TextEditor {
 public:
  explicit TextEditor(const std::string& text) : text_(text) {
    lineStarts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') lineStarts_.push_back(i + 1);
  }

  std::size_t begin(const TomlValue& v) const {
    auto loc = v.location();
    std::size_t line = std::min<std::size_t>(loc.line(), lineStarts_.size());
    return lineStarts_[line - 1] + loc.column() - 1;
  }
  std::size_t end(const TomlValue& v) const { return begin(v) + v.location().region(); }
  std::size_t lineStart(std::size_t off) const {
    auto it = std::upper_bound(lineStarts_.begin(), lineStarts_.end(), off);
    return *(it - 1);
  }
  std::size_t lineEnd(std::size_t off) const {  // just past the '\n' (or the end of the text)
    auto nl = text_.find('\n', off);
    return nl == std::string::npos ? text_.size() : nl + 1;
  }

  void replace(std::size_t off, std::size_t len, std::string with) { edits_.push_back({off, len, std::move(with), seq_++}); }
  void insert(std::size_t off, std::string with) { replace(off, 0, std::move(with)); }

  // The line of a "[a.b]" header, as an offset of its start; npos when there is none.
  std::size_t headerLine(const std::vector<std::string>& table) const {
    std::string want;
    for (const auto& t : table) want += (want.empty() ? "" : ".") + t;
    for (std::size_t i = 0; i < lineStarts_.size(); ++i) {
      auto s = lineStarts_[i];
      auto e = text_.find('\n', s);
      std::string line = text_.substr(s, e == std::string::npos ? std::string::npos : e - s);
      auto first = line.find_first_not_of(" \t");
      if (first == std::string::npos || line[first] != '[' || line.compare(first, 2, "[[") == 0) continue;
      auto close = line.find(']', first);
      if (close == std::string::npos) continue;
      std::string name;
      for (char c : line.substr(first + 1, close - first - 1))
        if (c != ' ' && c != '\t' && c != '"' && c != '\'') name += c;
      if (name == want) return s;
    }
    return std::string::npos;
  }
  // Start of the first table header line, moved up over the comment lines right above it.
  std::size_t beforeFirstHeader() const {
    for (std::size_t i = 0; i < lineStarts_.size(); ++i) {
      auto s = lineStarts_[i];
      auto first = text_.find_first_not_of(" \t", s);
      if (first == std::string::npos || first >= text_.size() || text_[first] != '[') continue;
      while (i > 0) {
        auto ps = lineStarts_[i - 1];
        auto pf = text_.find_first_not_of(" \t", ps);
        if (pf == std::string::npos || text_[pf] != '#') break;
        --i;
      }
      return lineStarts_[i];
    }
    return std::string::npos;
  }

  std::string apply() const {
    auto edits = edits_;
    // Later offsets first; at one offset, apply the last-made edit first so the text reads in order.
    std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
      return a.off != b.off ? a.off > b.off : a.seq > b.seq;
    });
    std::string out = text_;
    for (const auto& e : edits) out.replace(e.off, e.len, e.with);
    return out;
  }
  const std::string& text() const { return text_; }

 private:
  struct Edit {
    std::size_t off, len;
    std::string with;
    int seq;
  };
  const std::string& text_;
  std::vector<std::size_t> lineStarts_;
  std::vector<Edit> edits_;
  int seq_ = 0;
};

const TomlValue* child(const TomlValue* t, const std::string& key) {
  if (!t || !t->is_table()) return nullptr;
  auto it = t->as_table().find(key);
  return it == t->as_table().end() ? nullptr : &it->second;
}

const TomlValue* tableAt(const TomlValue& root, const std::vector<std::string>& path) {
  const TomlValue* t = &root;
  for (const auto& k : path) t = child(t, k);
  return t && t->is_table() ? t : nullptr;
}

bool isTableLike(const TomlValue& v) {
  if (v.is_table()) return true;
  if (!v.is_array()) return false;
  const auto& a = v.as_array();
  return !a.empty() && a.front().is_table();
}

// End of the last line holding one of the table's own key/values; npos when it has none.
std::size_t afterLastKey(const TextEditor& ed, const TomlValue* table, std::size_t notBefore) {
  std::size_t best = std::string::npos;
  if (!table) return best;
  for (const auto& [k, v] : table->as_table()) {
    if (isTableLike(v)) continue;
    auto e = ed.end(v);
    if (e < notBefore) continue;
    auto le = ed.lineEnd(e == 0 ? 0 : e - 1);
    if (best == std::string::npos || le > best) best = le;
  }
  return best;
}

std::string keyLine(const std::string& key, const Scalar& v, const std::string& text, std::size_t at) {
  std::string s = key + " = " + literal(v) + "\n";
  if (at > 0 && at <= text.size() && text[at - 1] != '\n') s = "\n" + s;
  return s;
}

Result<std::string> patchText(const TargetProfile& p) {
  const std::string& text = p.sourceText;
  std::istringstream in(text);
  TomlValue root;
  try {
    root = toml::parse<toml::preserve_comments, std::map, std::vector>(in, p.sourcePath);
  } catch (const std::exception& e) {
    return makeError(ErrorCode::Format, p.sourcePath + ": the original text no longer parses: " + e.what());
  }
  TextEditor ed(text);
  std::map<std::vector<std::string>, std::string> newTables;  // tables to append, in key order
  std::vector<std::vector<std::string>> newTableOrder;

  for (const auto& d : desiredKeys(p)) {
    const auto* table = tableAt(root, d.table);
    const auto* existing = child(table, d.key);
    if (existing && isTableLike(*existing)) continue;  // never touch a table that shares a name
    if (!d.value) {
      if (existing) {
        auto b = ed.lineStart(ed.begin(*existing));
        ed.replace(b, ed.lineEnd(ed.end(*existing) - 1) - b, "");
      }
      continue;
    }
    if (existing) {
      if (!sameValue(*existing, *d.value)) ed.replace(ed.begin(*existing), ed.end(*existing) - ed.begin(*existing), literal(*d.value));
      continue;
    }
    if (d.table.empty()) {
      auto at = afterLastKey(ed, &root, 0);
      if (at == std::string::npos) at = ed.beforeFirstHeader();
      if (at == std::string::npos) at = text.size();
      ed.insert(at, keyLine(d.key, *d.value, text, at));
      continue;
    }
    auto header = ed.headerLine(d.table);
    if (header != std::string::npos) {
      auto at = afterLastKey(ed, table, header);
      if (at == std::string::npos) at = ed.lineEnd(header);
      ed.insert(at, keyLine(d.key, *d.value, text, at));
    } else if (table) {  // defined through dotted keys: add one more dotted key at the top level
      std::string dotted;
      for (const auto& t : d.table) dotted += t + ".";
      auto at = afterLastKey(ed, &root, 0);
      if (at == std::string::npos) at = ed.beforeFirstHeader();
      if (at == std::string::npos) at = text.size();
      ed.insert(at, keyLine(dotted + d.key, *d.value, text, at));
    } else {
      if (!newTables.count(d.table)) newTableOrder.push_back(d.table);
      newTables[d.table] += d.key + " = " + literal(*d.value) + "\n";
    }
  }

  // The npu entry of [[components]] follows target_type and mac in the plugin format.
  if (p.format == ProfileFormat::MliaEthosU && p.isEthosU()) {
    const auto* comps = child(&root, "components");
    const TomlValue* npu = nullptr;
    if (comps && comps->is_array())
      for (const auto& c : comps->as_array())
        if (const auto* t = child(&c, "type"); t && t->is_string() && t->as_string().str == "npu") npu = &c;
    if (npu) {
      for (auto [key, want] : {std::pair<std::string, std::string>{"model", npuModel(p)},
                               {"variant", std::to_string(p.mac)}})
        if (const auto* v = child(npu, key); v && !sameValue(*v, Scalar(want)))
          ed.replace(ed.begin(*v), ed.end(*v) - ed.begin(*v), tomlString(want));
    } else if (!comps) {
      std::string block = "\n[[components]]\ntype = \"npu\"\nfamily = \"ethos-u\"\nmodel = " + tomlString(npuModel(p)) +
                          "\nvariant = " + tomlString(std::to_string(p.mac)) + "\n";
      ed.insert(text.size(), (text.empty() || text.back() == '\n' ? "" : "\n") + block);
    }
  }
  for (const auto& t : newTableOrder) {
    std::string name;
    for (const auto& k : t) name += (name.empty() ? "" : ".") + k;
    ed.insert(text.size(), std::string(text.empty() || text.back() == '\n' ? "" : "\n") + "\n[" + name + "]\n" +
                               newTables[t]);
  }
  return ed.apply();
}

}  // namespace

Result<std::string> renderProfile(const TargetProfile& p) {
  if (p.sourceText.empty()) return freshText(p);
  return patchText(p);
}

Result<TargetProfile> saveProfile(const TargetProfile& p, const std::string& path) {
  namespace fs = std::filesystem;
  TargetProfile q = p;
  if (!q.configPath.empty() && fs::path(q.configPath).is_relative()) {
    // Keep pointing at the same .ini from the new location.
    std::error_code ec1, ec2, ec3;  // error_code overloads: nothing may throw out of the API
    auto abs = fs::absolute(velaConfigPathFor(p), ec1).lexically_normal();
    auto newDir = fs::absolute(fs::path(path), ec2).parent_path().lexically_normal();
    auto oldDir = fs::absolute(p.sourcePath.empty() ? fs::path(".") / "x" : fs::path(p.sourcePath), ec3)
                      .parent_path()
                      .lexically_normal();
    if (ec1 || ec2 || ec3) return makeError(ErrorCode::Io, path + ": cannot resolve the directory to save in");
    if (newDir != oldDir) {
      auto rel = abs.lexically_relative(newDir);
      q.configPath = rel.empty() ? abs.string() : rel.string();
    }
  }
  auto text = renderProfile(q);
  if (!text) return text.error();
  auto back = parseProfile(*text, path);
  if (!back)
    return makeError(back.error().code, "not saving " + path + ": the written profile would not load: " +
                                            back.error().message);
  if (auto st = writeFileAtomic(path, std::string_view(*text)); !st) return st.error();
  back->builtinName = p.builtinName;
  return back;
}

}  // namespace inferscope::targets
