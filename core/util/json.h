// A small JSON document model with a writer and a strict parser. Used by reports, the CLI and tests.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/util/result.h"

namespace inferscope::json {

class Value;
using Array = std::vector<Value>;
// Objects keep insertion order, which makes reports readable and stable.
using Object = std::vector<std::pair<std::string, Value>>;

class Value {
 public:
  enum class Kind { Null, Bool, Int, Double, String, Array, Object };

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : v_(b) {}
  Value(int i) : v_(static_cast<std::int64_t>(i)) {}
  Value(long i) : v_(static_cast<std::int64_t>(i)) {}
  Value(long long i) : v_(static_cast<std::int64_t>(i)) {}
  Value(unsigned i) : v_(static_cast<std::int64_t>(i)) {}
  Value(unsigned long i) : v_(static_cast<std::int64_t>(i)) {}
  Value(unsigned long long i) : v_(static_cast<std::int64_t>(i)) {}
  Value(double d) : v_(d) {}
  Value(float d) : v_(static_cast<double>(d)) {}
  Value(const char* s) : v_(std::string(s)) {}
  Value(std::string s) : v_(std::move(s)) {}
  Value(std::string_view s) : v_(std::string(s)) {}
  Value(Array a) : v_(std::make_shared<Array>(std::move(a))) {}
  Value(Object o) : v_(std::make_shared<Object>(std::move(o))) {}

  Kind kind() const { return static_cast<Kind>(v_.index()); }
  bool isNull() const { return kind() == Kind::Null; }
  bool isNumber() const { return kind() == Kind::Int || kind() == Kind::Double; }
  bool isString() const { return kind() == Kind::String; }
  bool isArray() const { return kind() == Kind::Array; }
  bool isObject() const { return kind() == Kind::Object; }

  bool asBool(bool def = false) const;
  std::int64_t asInt(std::int64_t def = 0) const;
  double asDouble(double def = 0) const;
  const std::string& asString() const;  // empty string when not a string
  const Array& asArray() const;         // empty when not an array
  const Object& asObject() const;       // empty when not an object
  Array& array();                       // converts to an array when null
  Object& object();                     // converts to an object when null

  // Object lookup; returns a null value when absent.
  const Value& operator[](std::string_view key) const;
  const Value& operator[](std::size_t index) const;
  bool contains(std::string_view key) const;
  // Appends or replaces a key in an object.
  Value& set(std::string_view key, Value v);
  Value& push(Value v);
  std::size_t size() const;

 private:
  std::variant<std::monostate, bool, std::int64_t, double, std::string, std::shared_ptr<Array>,
               std::shared_ptr<Object>>
      v_;
};

// Serializes; indent < 0 gives one line.
std::string write(const Value& v, int indent = 2);
// Strict RFC 8259 parser with a depth limit.
Result<Value> parse(std::string_view text);
std::string escape(std::string_view s);

}  // namespace inferscope::json
