#include "core/compat/data.h"

#include <cstddef>
#include <cstdint>

extern const std::uint8_t inferscope_data_armnn_delegate[];
extern const std::size_t inferscope_data_armnn_delegate_size;
extern const std::uint8_t inferscope_data_tosa_legalization[];
extern const std::size_t inferscope_data_tosa_legalization_size;
extern const std::uint8_t inferscope_data_tflm_ops[];
extern const std::size_t inferscope_data_tflm_ops_size;

namespace inferscope::compat::data {

namespace {
json::Value parse(const std::uint8_t* bytes, std::size_t n) {
  auto v = json::parse(std::string_view(reinterpret_cast<const char*>(bytes), n));
  return v.ok() ? std::move(*v) : json::Value();
}
}  // namespace

const json::Value& armnnDelegate() {
  static const json::Value v = parse(inferscope_data_armnn_delegate, inferscope_data_armnn_delegate_size);
  return v;
}

const json::Value& tosaLegalization() {
  static const json::Value v = parse(inferscope_data_tosa_legalization, inferscope_data_tosa_legalization_size);
  return v;
}

const json::Value& tflmOps() {
  static const json::Value v = parse(inferscope_data_tflm_ops, inferscope_data_tflm_ops_size);
  return v;
}

}  // namespace inferscope::compat::data
