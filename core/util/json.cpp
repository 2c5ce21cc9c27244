#include "core/util/json.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace inferscope::json {
namespace {
const Value kNull;
const std::string kEmptyString;
const Array kEmptyArray;
const Object kEmptyObject;
}  // namespace

bool Value::asBool(bool def) const {
  if (auto* b = std::get_if<bool>(&v_)) return *b;
  return def;
}
std::int64_t Value::asInt(std::int64_t def) const {
  if (auto* i = std::get_if<std::int64_t>(&v_)) return *i;
  if (auto* d = std::get_if<double>(&v_)) return static_cast<std::int64_t>(*d);
  return def;
}
double Value::asDouble(double def) const {
  if (auto* d = std::get_if<double>(&v_)) return *d;
  if (auto* i = std::get_if<std::int64_t>(&v_)) return static_cast<double>(*i);
  return def;
}
const std::string& Value::asString() const {
  if (auto* s = std::get_if<std::string>(&v_)) return *s;
  return kEmptyString;
}
const Array& Value::asArray() const {
  if (auto* a = std::get_if<std::shared_ptr<Array>>(&v_)) return **a;
  return kEmptyArray;
}
const Object& Value::asObject() const {
  if (auto* o = std::get_if<std::shared_ptr<Object>>(&v_)) return **o;
  return kEmptyObject;
}
Array& Value::array() {
  if (!isArray()) v_ = std::make_shared<Array>();
  return *std::get<std::shared_ptr<Array>>(v_);
}
Object& Value::object() {
  if (!isObject()) v_ = std::make_shared<Object>();
  return *std::get<std::shared_ptr<Object>>(v_);
}
const Value& Value::operator[](std::string_view key) const {
  for (const auto& [k, v] : asObject())
    if (k == key) return v;
  return kNull;
}
const Value& Value::operator[](std::size_t index) const {
  const auto& a = asArray();
  return index < a.size() ? a[index] : kNull;
}
bool Value::contains(std::string_view key) const {
  for (const auto& kv : asObject())
    if (kv.first == key) return true;
  return false;
}
Value& Value::set(std::string_view key, Value v) {
  auto& o = object();
  for (auto& kv : o)
    if (kv.first == key) return kv.second = std::move(v);
  o.emplace_back(std::string(key), std::move(v));
  return o.back().second;
}
Value& Value::push(Value v) {
  auto& a = array();
  a.push_back(std::move(v));
  return a.back();
}
std::size_t Value::size() const {
  if (isArray()) return asArray().size();
  if (isObject()) return asObject().size();
  return 0;
}

std::string escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

namespace {
void writeDouble(std::string& out, double d) {
  if (!std::isfinite(d)) {  // JSON has no NaN/Inf
    out += "null";
    return;
  }
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, d);
  std::string_view s(buf, static_cast<std::size_t>(r.ptr - buf));
  out += s;
  if (s.find_first_of(".eE") == std::string_view::npos) out += ".0";
}

void writeImpl(std::string& out, const Value& v, int indent, int depth) {
  auto newline = [&](int d) {
    if (indent < 0) return;
    out += '\n';
    out.append(static_cast<std::size_t>(indent * d), ' ');
  };
  switch (v.kind()) {
    case Value::Kind::Null: out += "null"; break;
    case Value::Kind::Bool: out += v.asBool() ? "true" : "false"; break;
    case Value::Kind::Int: out += std::to_string(v.asInt()); break;
    case Value::Kind::Double: writeDouble(out, v.asDouble()); break;
    case Value::Kind::String:
      out += '"';
      out += escape(v.asString());
      out += '"';
      break;
    case Value::Kind::Array: {
      const auto& a = v.asArray();
      if (a.empty()) { out += "[]"; break; }
      // Arrays of scalars stay on one line: shapes and lists read better that way.
      bool flat = true;
      for (const auto& e : a) flat = flat && !e.isArray() && !e.isObject();
      out += '[';
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (i) out += flat || indent < 0 ? (indent < 0 ? "," : ", ") : ",";
        if (!flat) newline(depth + 1);
        writeImpl(out, a[i], indent, depth + 1);
      }
      if (!flat) newline(depth);
      out += ']';
      break;
    }
    case Value::Kind::Object: {
      const auto& o = v.asObject();
      if (o.empty()) { out += "{}"; break; }
      out += '{';
      for (std::size_t i = 0; i < o.size(); ++i) {
        if (i) out += ',';
        newline(depth + 1);
        out += '"';
        out += escape(o[i].first);
        out += indent < 0 ? "\":" : "\": ";
        writeImpl(out, o[i].second, indent, depth + 1);
      }
      newline(depth);
      out += '}';
      break;
    }
  }
}

class Parser {
 public:
  explicit Parser(std::string_view t) : t_(t) {}
  Result<Value> run() {
    Value v;
    if (!value(v, 0)) return err();
    ws();
    if (p_ != t_.size()) { msg_ = "trailing characters"; return err(); }
    return v;
  }

 private:
  Error err() const {
    return makeError(ErrorCode::Format, "JSON: " + msg_ + " at offset " + std::to_string(p_));
  }
  void ws() {
    while (p_ < t_.size() && (t_[p_] == ' ' || t_[p_] == '\n' || t_[p_] == '\r' || t_[p_] == '\t')) ++p_;
  }
  bool lit(std::string_view w) {
    if (t_.substr(p_, w.size()) != w) { msg_ = "unexpected token"; return false; }
    p_ += w.size();
    return true;
  }
  bool value(Value& out, int depth) {
    if (depth > 256) { msg_ = "nesting too deep"; return false; }
    ws();
    if (p_ >= t_.size()) { msg_ = "unexpected end"; return false; }
    char c = t_[p_];
    if (c == 'n') { out = Value(); return lit("null"); }
    if (c == 't') { out = Value(true); return lit("true"); }
    if (c == 'f') { out = Value(false); return lit("false"); }
    if (c == '"') { std::string s; if (!str(s)) return false; out = Value(std::move(s)); return true; }
    if (c == '[') {
      ++p_;
      Array a;
      ws();
      if (p_ < t_.size() && t_[p_] == ']') { ++p_; out = Value(std::move(a)); return true; }
      for (;;) {
        Value e;
        if (!value(e, depth + 1)) return false;
        a.push_back(std::move(e));
        ws();
        if (p_ < t_.size() && t_[p_] == ',') { ++p_; continue; }
        if (p_ < t_.size() && t_[p_] == ']') { ++p_; break; }
        msg_ = "expected ',' or ']'";
        return false;
      }
      out = Value(std::move(a));
      return true;
    }
    if (c == '{') {
      ++p_;
      Object o;
      ws();
      if (p_ < t_.size() && t_[p_] == '}') { ++p_; out = Value(std::move(o)); return true; }
      for (;;) {
        ws();
        std::string k;
        if (p_ >= t_.size() || t_[p_] != '"') { msg_ = "expected a key"; return false; }
        if (!str(k)) return false;
        ws();
        if (p_ >= t_.size() || t_[p_] != ':') { msg_ = "expected ':'"; return false; }
        ++p_;
        Value e;
        if (!value(e, depth + 1)) return false;
        o.emplace_back(std::move(k), std::move(e));
        ws();
        if (p_ < t_.size() && t_[p_] == ',') { ++p_; continue; }
        if (p_ < t_.size() && t_[p_] == '}') { ++p_; break; }
        msg_ = "expected ',' or '}'";
        return false;
      }
      out = Value(std::move(o));
      return true;
    }
    return number(out);
  }
  bool number(Value& out) {
    std::size_t s = p_;
    bool isFloat = false;
    if (p_ < t_.size() && t_[p_] == '-') ++p_;
    while (p_ < t_.size()) {
      char c = t_[p_];
      if (c >= '0' && c <= '9') { ++p_; continue; }
      if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') { isFloat = true; ++p_; continue; }
      break;
    }
    if (s == p_) { msg_ = "unexpected character"; return false; }
    const char* b = t_.data() + s;
    const char* e = t_.data() + p_;
    if (!isFloat) {
      std::int64_t i = 0;
      auto r = std::from_chars(b, e, i);
      if (r.ec == std::errc() && r.ptr == e) { out = Value(i); return true; }
    }
    double d = 0;
    auto r = std::from_chars(b, e, d);
    if (r.ec != std::errc() || r.ptr != e) { p_ = s; msg_ = "bad number"; return false; }
    out = Value(d);
    return true;
  }
  static void utf8(std::string& s, unsigned cp) {
    if (cp < 0x80) s += static_cast<char>(cp);
    else if (cp < 0x800) { s += static_cast<char>(0xC0 | (cp >> 6)); s += static_cast<char>(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) {
      s += static_cast<char>(0xE0 | (cp >> 12));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      s += static_cast<char>(0xF0 | (cp >> 18));
      s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  bool hex4(unsigned& cp) {
    if (p_ + 4 > t_.size()) { msg_ = "bad escape"; return false; }
    cp = 0;
    for (int i = 0; i < 4; ++i) {
      char c = t_[p_++];
      cp <<= 4;
      if (c >= '0' && c <= '9') cp |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') cp |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') cp |= static_cast<unsigned>(c - 'A' + 10);
      else { msg_ = "bad escape"; return false; }
    }
    return true;
  }
  bool str(std::string& s) {
    ++p_;  // opening quote
    while (p_ < t_.size()) {
      char c = t_[p_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) { msg_ = "control character in string"; return false; }
      if (c != '\\') { s += c; continue; }
      if (p_ >= t_.size()) break;
      char e = t_[p_++];
      switch (e) {
        case '"': s += '"'; break;
        case '\\': s += '\\'; break;
        case '/': s += '/'; break;
        case 'b': s += '\b'; break;
        case 'f': s += '\f'; break;
        case 'n': s += '\n'; break;
        case 'r': s += '\r'; break;
        case 't': s += '\t'; break;
        case 'u': {
          unsigned cp;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && p_ + 1 < t_.size() && t_[p_] == '\\' && t_[p_ + 1] == 'u') {
            p_ += 2;
            unsigned lo;
            if (!hex4(lo)) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          utf8(s, cp);
          break;
        }
        default: msg_ = "bad escape"; return false;
      }
    }
    msg_ = "unterminated string";
    return false;
  }

  std::string_view t_;
  std::size_t p_ = 0;
  std::string msg_;
};
}  // namespace

std::string write(const Value& v, int indent) {
  std::string out;
  writeImpl(out, v, indent, 0);
  return out;
}

Result<Value> parse(std::string_view text) { return Parser(text).run(); }

}  // namespace inferscope::json
