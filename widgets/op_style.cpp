#include "widgets/op_style.h"

#include <QCoreApplication>
#include <QList>

#include "core/model/ir.h"

namespace inferscope::widgets {

using model::BuiltinOp;

OpCategory opCategory(BuiltinOp op) {
  switch (op) {
    case BuiltinOp::CONV_2D: case BuiltinOp::DEPTHWISE_CONV_2D: case BuiltinOp::FULLY_CONNECTED:
    case BuiltinOp::TRANSPOSE_CONV: case BuiltinOp::CONV_3D: case BuiltinOp::CONV_3D_TRANSPOSE:
    case BuiltinOp::BATCH_MATMUL: case BuiltinOp::LSTM: case BuiltinOp::UNIDIRECTIONAL_SEQUENCE_LSTM:
    case BuiltinOp::BIDIRECTIONAL_SEQUENCE_LSTM: case BuiltinOp::RNN: case BuiltinOp::UNIDIRECTIONAL_SEQUENCE_RNN:
    case BuiltinOp::BIDIRECTIONAL_SEQUENCE_RNN: case BuiltinOp::SVDF: case BuiltinOp::EMBEDDING_LOOKUP:
    case BuiltinOp::STABLEHLO_CONVOLUTION: case BuiltinOp::STABLEHLO_DOT_GENERAL:
      return OpCategory::Layer;
    case BuiltinOp::RELU: case BuiltinOp::RELU6: case BuiltinOp::RELU_N1_TO_1: case BuiltinOp::RELU_0_TO_1:
    case BuiltinOp::LOGISTIC: case BuiltinOp::TANH: case BuiltinOp::SOFTMAX: case BuiltinOp::LOG_SOFTMAX:
    case BuiltinOp::PRELU: case BuiltinOp::LEAKY_RELU: case BuiltinOp::HARD_SWISH: case BuiltinOp::ELU:
    case BuiltinOp::GELU: case BuiltinOp::STABLEHLO_LOGISTIC: case BuiltinOp::STABLEHLO_TANH:
      return OpCategory::Activation;
    case BuiltinOp::AVERAGE_POOL_2D: case BuiltinOp::MAX_POOL_2D: case BuiltinOp::L2_POOL_2D:
    case BuiltinOp::MEAN: case BuiltinOp::REDUCE_MAX: case BuiltinOp::REDUCE_MIN: case BuiltinOp::REDUCE_PROD:
    case BuiltinOp::SUM: case BuiltinOp::REDUCE_ANY: case BuiltinOp::REDUCE_ALL: case BuiltinOp::REDUCE_WINDOW:
    case BuiltinOp::STABLEHLO_REDUCE: case BuiltinOp::STABLEHLO_REDUCE_WINDOW:
      return OpCategory::Pool;
    case BuiltinOp::L2_NORMALIZATION: case BuiltinOp::LOCAL_RESPONSE_NORMALIZATION:
      return OpCategory::Normalization;
    case BuiltinOp::RESHAPE: case BuiltinOp::SQUEEZE: case BuiltinOp::EXPAND_DIMS: case BuiltinOp::TRANSPOSE:
    case BuiltinOp::SHAPE: case BuiltinOp::RANK: case BuiltinOp::DEPTH_TO_SPACE: case BuiltinOp::SPACE_TO_DEPTH:
    case BuiltinOp::BATCH_TO_SPACE_ND: case BuiltinOp::SPACE_TO_BATCH_ND: case BuiltinOp::BROADCAST_TO:
    case BuiltinOp::BROADCAST_ARGS: case BuiltinOp::RESIZE_BILINEAR: case BuiltinOp::RESIZE_NEAREST_NEIGHBOR:
    case BuiltinOp::STABLEHLO_RESHAPE: case BuiltinOp::STABLEHLO_TRANSPOSE: case BuiltinOp::STABLEHLO_BROADCAST_IN_DIM:
      return OpCategory::Shape;
    case BuiltinOp::CONCATENATION: case BuiltinOp::SPLIT: case BuiltinOp::SPLIT_V: case BuiltinOp::PACK:
    case BuiltinOp::UNPACK: case BuiltinOp::PAD: case BuiltinOp::PADV2: case BuiltinOp::MIRROR_PAD:
    case BuiltinOp::GATHER: case BuiltinOp::GATHER_ND: case BuiltinOp::SLICE: case BuiltinOp::STRIDED_SLICE:
    case BuiltinOp::TILE: case BuiltinOp::REVERSE_V2: case BuiltinOp::SCATTER_ND: case BuiltinOp::FILL:
    case BuiltinOp::ZEROS_LIKE: case BuiltinOp::ONE_HOT: case BuiltinOp::TOPK_V2: case BuiltinOp::ARG_MAX:
    case BuiltinOp::ARG_MIN: case BuiltinOp::CAST: case BuiltinOp::DYNAMIC_UPDATE_SLICE:
    case BuiltinOp::STABLEHLO_CONCATENATE: case BuiltinOp::STABLEHLO_SLICE: case BuiltinOp::STABLEHLO_PAD:
    case BuiltinOp::STABLEHLO_GATHER:
      return OpCategory::Tensor;
    case BuiltinOp::QUANTIZE: case BuiltinOp::DEQUANTIZE: case BuiltinOp::FAKE_QUANT: case BuiltinOp::DENSIFY:
      return OpCategory::Quantization;
    case BuiltinOp::WHILE: case BuiltinOp::IF: case BuiltinOp::CALL_ONCE: case BuiltinOp::CALL:
    case BuiltinOp::STABLEHLO_WHILE: case BuiltinOp::STABLEHLO_CASE: case BuiltinOp::STABLEHLO_COMPOSITE:
      return OpCategory::Control;
    case BuiltinOp::CUSTOM: case BuiltinOp::DELEGATE: case BuiltinOp::STABLEHLO_CUSTOM_CALL:
      return OpCategory::Custom;
    case BuiltinOp::ADD: case BuiltinOp::SUB: case BuiltinOp::MUL: case BuiltinOp::DIV: case BuiltinOp::POW:
    case BuiltinOp::MAXIMUM: case BuiltinOp::MINIMUM: case BuiltinOp::SQUARED_DIFFERENCE: case BuiltinOp::ADD_N:
    case BuiltinOp::FLOOR_DIV: case BuiltinOp::FLOOR_MOD: case BuiltinOp::ABS: case BuiltinOp::NEG:
    case BuiltinOp::SQRT: case BuiltinOp::RSQRT: case BuiltinOp::SQUARE: case BuiltinOp::EXP: case BuiltinOp::LOG:
    case BuiltinOp::SIN: case BuiltinOp::COS: case BuiltinOp::FLOOR: case BuiltinOp::CEIL: case BuiltinOp::ROUND:
    case BuiltinOp::LESS: case BuiltinOp::LESS_EQUAL: case BuiltinOp::GREATER: case BuiltinOp::GREATER_EQUAL:
    case BuiltinOp::EQUAL: case BuiltinOp::NOT_EQUAL: case BuiltinOp::SELECT: case BuiltinOp::SELECT_V2:
    case BuiltinOp::LOGICAL_AND: case BuiltinOp::LOGICAL_OR: case BuiltinOp::LOGICAL_NOT:
    case BuiltinOp::STABLEHLO_ADD: case BuiltinOp::STABLEHLO_MULTIPLY: case BuiltinOp::STABLEHLO_SUBTRACT:
    case BuiltinOp::STABLEHLO_DIVIDE: case BuiltinOp::STABLEHLO_MAXIMUM: case BuiltinOp::STABLEHLO_MINIMUM:
      return OpCategory::Elementwise;
    default:
      return OpCategory::Other;
  }
}

QString categoryName(OpCategory c) {
  switch (c) {
    case OpCategory::Layer: return QCoreApplication::translate("OpStyle", "Layer");
    case OpCategory::Activation: return QCoreApplication::translate("OpStyle", "Activation");
    case OpCategory::Pool: return QCoreApplication::translate("OpStyle", "Pool / reduce");
    case OpCategory::Normalization: return QCoreApplication::translate("OpStyle", "Normalization");
    case OpCategory::Shape: return QCoreApplication::translate("OpStyle", "Shape");
    case OpCategory::Tensor: return QCoreApplication::translate("OpStyle", "Tensor");
    case OpCategory::Quantization: return QCoreApplication::translate("OpStyle", "Quantization");
    case OpCategory::Control: return QCoreApplication::translate("OpStyle", "Control flow");
    case OpCategory::Custom: return QCoreApplication::translate("OpStyle", "Custom");
    case OpCategory::Elementwise: return QCoreApplication::translate("OpStyle", "Element-wise");
    case OpCategory::Other: break;
  }
  return QCoreApplication::translate("OpStyle", "Other");
}

QColor categoryColor(OpCategory c, bool dark) {
  // Muted, distinguishable hues in the spirit of Netron's palette; slightly lifted on dark.
  QColor base;
  switch (c) {
    case OpCategory::Layer: base = QColor(51, 85, 136); break;
    case OpCategory::Activation: base = QColor(138, 48, 38); break;
    case OpCategory::Pool: base = QColor(46, 102, 56); break;
    case OpCategory::Normalization: base = QColor(40, 110, 110); break;
    case OpCategory::Shape: base = QColor(118, 86, 66); break;
    case OpCategory::Tensor: base = QColor(96, 76, 130); break;
    case OpCategory::Quantization: base = QColor(150, 95, 20); break;
    case OpCategory::Control: base = QColor(150, 40, 110); break;
    case OpCategory::Custom: base = QColor(90, 90, 90); break;
    case OpCategory::Elementwise: base = dark ? QColor(70, 76, 84) : QColor(222, 226, 232); break;
    case OpCategory::Other: base = dark ? QColor(64, 64, 64) : QColor(208, 208, 208); break;
  }
  if (dark && c != OpCategory::Elementwise && c != OpCategory::Other) base = base.lighter(118);
  return base;
}

QColor categoryTextColor(OpCategory c, bool dark) {
  if ((c == OpCategory::Elementwise || c == OpCategory::Other) && !dark) return QColor(20, 20, 20);
  return QColor(255, 255, 255);
}

QString inputName(BuiltinOp op, int i) {
  static const char* const conv[] = {"input", "filter", "bias"};
  static const char* const dw[] = {"input", "weights", "bias"};
  static const char* const tconv[] = {"output_shape", "weights", "input", "bias"};
  static const char* const binary[] = {"x", "y"};
  static const char* const reshape[] = {"data", "shape"};
  static const char* const pad[] = {"input", "paddings", "constant_values"};
  static const char* const gather[] = {"params", "indices"};
  static const char* const slice[] = {"input", "begin", "size"};
  static const char* const sslice[] = {"input", "begin", "end", "strides"};
  static const char* const reduce[] = {"input", "axis"};
  static const char* const transpose[] = {"input", "perm"};
  static const char* const prelu[] = {"input", "alpha"};
  static const char* const resize[] = {"input", "size"};
  static const char* const quant[] = {"input"};
  auto pick = [&](const char* const* names, int n) -> QString {
    if (i >= 0 && i < n) return QString::fromLatin1(names[i]);
    return QStringLiteral("input %1").arg(i);
  };
  switch (op) {
    case BuiltinOp::CONV_2D: case BuiltinOp::CONV_3D: return pick(conv, 3);
    case BuiltinOp::DEPTHWISE_CONV_2D: case BuiltinOp::FULLY_CONNECTED: return pick(dw, 3);
    case BuiltinOp::TRANSPOSE_CONV: case BuiltinOp::CONV_3D_TRANSPOSE: return pick(tconv, 4);
    case BuiltinOp::ADD: case BuiltinOp::SUB: case BuiltinOp::MUL: case BuiltinOp::DIV: case BuiltinOp::MAXIMUM:
    case BuiltinOp::MINIMUM: case BuiltinOp::SQUARED_DIFFERENCE: case BuiltinOp::POW: case BuiltinOp::BATCH_MATMUL:
      return pick(binary, 2);
    case BuiltinOp::RESHAPE: return pick(reshape, 2);
    case BuiltinOp::PAD: case BuiltinOp::PADV2: case BuiltinOp::MIRROR_PAD: return pick(pad, 3);
    case BuiltinOp::GATHER: case BuiltinOp::GATHER_ND: return pick(gather, 2);
    case BuiltinOp::SLICE: return pick(slice, 3);
    case BuiltinOp::STRIDED_SLICE: return pick(sslice, 4);
    case BuiltinOp::MEAN: case BuiltinOp::SUM: case BuiltinOp::REDUCE_MAX: case BuiltinOp::REDUCE_MIN:
    case BuiltinOp::REDUCE_PROD: case BuiltinOp::REDUCE_ANY: case BuiltinOp::REDUCE_ALL: return pick(reduce, 2);
    case BuiltinOp::TRANSPOSE: return pick(transpose, 2);
    case BuiltinOp::PRELU: return pick(prelu, 2);
    case BuiltinOp::RESIZE_BILINEAR: case BuiltinOp::RESIZE_NEAREST_NEIGHBOR: return pick(resize, 2);
    case BuiltinOp::QUANTIZE: case BuiltinOp::DEQUANTIZE: return pick(quant, 1);
    default: return i == 0 ? QStringLiteral("input") : QStringLiteral("input %1").arg(i);
  }
}

QList<SubgraphLink> subgraphLinks(const model::Operator& op) {
  QList<SubgraphLink> out;
  auto add = [&](const char* role, const char* field) {
    if (const auto* f = op.options.find(field))
      if (auto* v = std::get_if<std::int64_t>(&f->value)) out.append({QString::fromLatin1(role), static_cast<int>(*v)});
  };
  switch (op.code) {
    case BuiltinOp::WHILE:
      add("cond", "cond_subgraph_index");
      add("body", "body_subgraph_index");
      break;
    case BuiltinOp::IF:
      add("then", "then_subgraph_index");
      add("else", "else_subgraph_index");
      break;
    case BuiltinOp::CALL_ONCE: add("init", "init_subgraph_index"); break;
    case BuiltinOp::STABLEHLO_WHILE:
      add("cond", "cond_subgraph_index");
      add("body", "body_subgraph_index");
      break;
    case BuiltinOp::STABLEHLO_CASE:
      for (auto i : op.options.getInts("branch_subgraph_indices"))
        out.append({QStringLiteral("branch"), static_cast<int>(i)});
      break;
    case BuiltinOp::STABLEHLO_COMPOSITE: add("decomposition", "decomposition_subgraph_index"); break;
    default: break;
  }
  return out;
}

}  // namespace inferscope::widgets
