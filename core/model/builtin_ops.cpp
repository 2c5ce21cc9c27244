#include "core/model/builtin_ops.h"

#include <string>

namespace inferscope::model {
namespace {
constexpr std::array<std::string_view, kBuiltinOpCount> kOpNames = [] {
  std::array<std::string_view, kBuiltinOpCount> a{};
  a[0] = "ADD";
  a[1] = "AVERAGE_POOL_2D";
  a[2] = "CONCATENATION";
  a[3] = "CONV_2D";
  a[4] = "DEPTHWISE_CONV_2D";
  a[5] = "DEPTH_TO_SPACE";
  a[6] = "DEQUANTIZE";
  a[7] = "EMBEDDING_LOOKUP";
  a[8] = "FLOOR";
  a[9] = "FULLY_CONNECTED";
  a[10] = "HASHTABLE_LOOKUP";
  a[11] = "L2_NORMALIZATION";
  a[12] = "L2_POOL_2D";
  a[13] = "LOCAL_RESPONSE_NORMALIZATION";
  a[14] = "LOGISTIC";
  a[15] = "LSH_PROJECTION";
  a[16] = "LSTM";
  a[17] = "MAX_POOL_2D";
  a[18] = "MUL";
  a[19] = "RELU";
  a[20] = "RELU_N1_TO_1";
  a[21] = "RELU6";
  a[22] = "RESHAPE";
  a[23] = "RESIZE_BILINEAR";
  a[24] = "RNN";
  a[25] = "SOFTMAX";
  a[26] = "SPACE_TO_DEPTH";
  a[27] = "SVDF";
  a[28] = "TANH";
  a[29] = "CONCAT_EMBEDDINGS";
  a[30] = "SKIP_GRAM";
  a[31] = "CALL";
  a[32] = "CUSTOM";
  a[33] = "EMBEDDING_LOOKUP_SPARSE";
  a[34] = "PAD";
  a[35] = "UNIDIRECTIONAL_SEQUENCE_RNN";
  a[36] = "GATHER";
  a[37] = "BATCH_TO_SPACE_ND";
  a[38] = "SPACE_TO_BATCH_ND";
  a[39] = "TRANSPOSE";
  a[40] = "MEAN";
  a[41] = "SUB";
  a[42] = "DIV";
  a[43] = "SQUEEZE";
  a[44] = "UNIDIRECTIONAL_SEQUENCE_LSTM";
  a[45] = "STRIDED_SLICE";
  a[46] = "BIDIRECTIONAL_SEQUENCE_RNN";
  a[47] = "EXP";
  a[48] = "TOPK_V2";
  a[49] = "SPLIT";
  a[50] = "LOG_SOFTMAX";
  a[51] = "DELEGATE";
  a[52] = "BIDIRECTIONAL_SEQUENCE_LSTM";
  a[53] = "CAST";
  a[54] = "PRELU";
  a[55] = "MAXIMUM";
  a[56] = "ARG_MAX";
  a[57] = "MINIMUM";
  a[58] = "LESS";
  a[59] = "NEG";
  a[60] = "PADV2";
  a[61] = "GREATER";
  a[62] = "GREATER_EQUAL";
  a[63] = "LESS_EQUAL";
  a[64] = "SELECT";
  a[65] = "SLICE";
  a[66] = "SIN";
  a[67] = "TRANSPOSE_CONV";
  a[68] = "SPARSE_TO_DENSE";
  a[69] = "TILE";
  a[70] = "EXPAND_DIMS";
  a[71] = "EQUAL";
  a[72] = "NOT_EQUAL";
  a[73] = "LOG";
  a[74] = "SUM";
  a[75] = "SQRT";
  a[76] = "RSQRT";
  a[77] = "SHAPE";
  a[78] = "POW";
  a[79] = "ARG_MIN";
  a[80] = "FAKE_QUANT";
  a[81] = "REDUCE_PROD";
  a[82] = "REDUCE_MAX";
  a[83] = "PACK";
  a[84] = "LOGICAL_OR";
  a[85] = "ONE_HOT";
  a[86] = "LOGICAL_AND";
  a[87] = "LOGICAL_NOT";
  a[88] = "UNPACK";
  a[89] = "REDUCE_MIN";
  a[90] = "FLOOR_DIV";
  a[91] = "REDUCE_ANY";
  a[92] = "SQUARE";
  a[93] = "ZEROS_LIKE";
  a[94] = "FILL";
  a[95] = "FLOOR_MOD";
  a[96] = "RANGE";
  a[97] = "RESIZE_NEAREST_NEIGHBOR";
  a[98] = "LEAKY_RELU";
  a[99] = "SQUARED_DIFFERENCE";
  a[100] = "MIRROR_PAD";
  a[101] = "ABS";
  a[102] = "SPLIT_V";
  a[103] = "UNIQUE";
  a[104] = "CEIL";
  a[105] = "REVERSE_V2";
  a[106] = "ADD_N";
  a[107] = "GATHER_ND";
  a[108] = "COS";
  a[109] = "WHERE";
  a[110] = "RANK";
  a[111] = "ELU";
  a[112] = "REVERSE_SEQUENCE";
  a[113] = "MATRIX_DIAG";
  a[114] = "QUANTIZE";
  a[115] = "MATRIX_SET_DIAG";
  a[116] = "ROUND";
  a[117] = "HARD_SWISH";
  a[118] = "IF";
  a[119] = "WHILE";
  a[120] = "NON_MAX_SUPPRESSION_V4";
  a[121] = "NON_MAX_SUPPRESSION_V5";
  a[122] = "SCATTER_ND";
  a[123] = "SELECT_V2";
  a[124] = "DENSIFY";
  a[125] = "SEGMENT_SUM";
  a[126] = "BATCH_MATMUL";
  a[127] = "PLACEHOLDER_FOR_GREATER_OP_CODES";
  a[128] = "CUMSUM";
  a[129] = "CALL_ONCE";
  a[130] = "BROADCAST_TO";
  a[131] = "RFFT2D";
  a[132] = "CONV_3D";
  a[133] = "IMAG";
  a[134] = "REAL";
  a[135] = "COMPLEX_ABS";
  a[136] = "HASHTABLE";
  a[137] = "HASHTABLE_FIND";
  a[138] = "HASHTABLE_IMPORT";
  a[139] = "HASHTABLE_SIZE";
  a[140] = "REDUCE_ALL";
  a[141] = "CONV_3D_TRANSPOSE";
  a[142] = "VAR_HANDLE";
  a[143] = "READ_VARIABLE";
  a[144] = "ASSIGN_VARIABLE";
  a[145] = "BROADCAST_ARGS";
  a[146] = "RANDOM_STANDARD_NORMAL";
  a[147] = "BUCKETIZE";
  a[148] = "RANDOM_UNIFORM";
  a[149] = "MULTINOMIAL";
  a[150] = "GELU";
  a[151] = "DYNAMIC_UPDATE_SLICE";
  a[152] = "RELU_0_TO_1";
  a[153] = "UNSORTED_SEGMENT_PROD";
  a[154] = "UNSORTED_SEGMENT_MAX";
  a[155] = "UNSORTED_SEGMENT_SUM";
  a[156] = "ATAN2";
  a[157] = "UNSORTED_SEGMENT_MIN";
  a[158] = "SIGN";
  a[159] = "BITCAST";
  a[160] = "BITWISE_XOR";
  a[161] = "RIGHT_SHIFT";
  a[162] = "STABLEHLO_LOGISTIC";
  a[163] = "STABLEHLO_ADD";
  a[164] = "STABLEHLO_DIVIDE";
  a[165] = "STABLEHLO_MULTIPLY";
  a[166] = "STABLEHLO_MAXIMUM";
  a[167] = "STABLEHLO_RESHAPE";
  a[168] = "STABLEHLO_CLAMP";
  a[169] = "STABLEHLO_CONCATENATE";
  a[170] = "STABLEHLO_BROADCAST_IN_DIM";
  a[171] = "STABLEHLO_CONVOLUTION";
  a[172] = "STABLEHLO_SLICE";
  a[173] = "STABLEHLO_CUSTOM_CALL";
  a[174] = "STABLEHLO_REDUCE";
  a[175] = "STABLEHLO_ABS";
  a[176] = "STABLEHLO_AND";
  a[177] = "STABLEHLO_COSINE";
  a[178] = "STABLEHLO_EXPONENTIAL";
  a[179] = "STABLEHLO_FLOOR";
  a[180] = "STABLEHLO_LOG";
  a[181] = "STABLEHLO_MINIMUM";
  a[182] = "STABLEHLO_NEGATE";
  a[183] = "STABLEHLO_OR";
  a[184] = "STABLEHLO_POWER";
  a[185] = "STABLEHLO_REMAINDER";
  a[186] = "STABLEHLO_RSQRT";
  a[187] = "STABLEHLO_SELECT";
  a[188] = "STABLEHLO_SUBTRACT";
  a[189] = "STABLEHLO_TANH";
  a[190] = "STABLEHLO_SCATTER";
  a[191] = "STABLEHLO_COMPARE";
  a[192] = "STABLEHLO_CONVERT";
  a[193] = "STABLEHLO_DYNAMIC_SLICE";
  a[194] = "STABLEHLO_DYNAMIC_UPDATE_SLICE";
  a[195] = "STABLEHLO_PAD";
  a[196] = "STABLEHLO_IOTA";
  a[197] = "STABLEHLO_DOT_GENERAL";
  a[198] = "STABLEHLO_REDUCE_WINDOW";
  a[199] = "STABLEHLO_SORT";
  a[200] = "STABLEHLO_WHILE";
  a[201] = "STABLEHLO_GATHER";
  a[202] = "STABLEHLO_TRANSPOSE";
  a[203] = "DILATE";
  a[204] = "STABLEHLO_RNG_BIT_GENERATOR";
  a[205] = "REDUCE_WINDOW";
  a[206] = "STABLEHLO_COMPOSITE";
  a[207] = "STABLEHLO_SHIFT_LEFT";
  a[208] = "STABLEHLO_CBRT";
  a[209] = "STABLEHLO_CASE";
  return a;
}();
constexpr std::array<std::string_view, kDTypeCount> kTypeNames = {
    "FLOAT32",
    "FLOAT16",
    "INT32",
    "UINT8",
    "INT64",
    "STRING",
    "BOOL",
    "INT16",
    "COMPLEX64",
    "INT8",
    "FLOAT64",
    "COMPLEX128",
    "UINT64",
    "RESOURCE",
    "VARIANT",
    "UINT32",
    "UINT16",
    "INT4",
    "BFLOAT16",
    "INT2",
    "UINT4",
    "FLOAT8_E4M3FN",
    "FLOAT8_E5M2",
};
thread_local std::string unknownName;
}  // namespace

std::string_view builtinOpName(BuiltinOp op) {
  auto i = static_cast<std::int32_t>(op);
  if (i >= 0 && i < kBuiltinOpCount && !kOpNames[static_cast<std::size_t>(i)].empty())
    return kOpNames[static_cast<std::size_t>(i)];
  unknownName = "UNKNOWN_" + std::to_string(i);
  return unknownName;
}

std::optional<BuiltinOp> builtinOpFromName(std::string_view name) {
  for (std::size_t i = 0; i < kOpNames.size(); ++i)
    if (!kOpNames[i].empty() && kOpNames[i] == name) return static_cast<BuiltinOp>(i);
  return std::nullopt;
}

bool isKnown(BuiltinOp op) {
  auto i = static_cast<std::int32_t>(op);
  return i >= 0 && i < kBuiltinOpCount && !kOpNames[static_cast<std::size_t>(i)].empty();
}

std::string_view dtypeName(DType t) {
  auto i = static_cast<std::int32_t>(t);
  if (i >= 0 && i < kDTypeCount) return kTypeNames[static_cast<std::size_t>(i)];
  unknownName = "UNKNOWN_" + std::to_string(i);
  return unknownName;
}

std::optional<DType> dtypeFromName(std::string_view name) {
  for (std::size_t i = 0; i < kTypeNames.size(); ++i)
    if (kTypeNames[i] == name) return static_cast<DType>(i);
  return std::nullopt;
}

bool isKnown(DType t) {
  auto i = static_cast<std::int32_t>(t);
  return i >= 0 && i < kDTypeCount;
}

int dtypeBits(DType t) {
  switch (t) {
    case DType::FLOAT32: case DType::INT32: case DType::UINT32: return 32;
    case DType::FLOAT16: case DType::INT16: case DType::UINT16: case DType::BFLOAT16: return 16;
    case DType::UINT8: case DType::INT8: case DType::BOOL: return 8;
    case DType::FLOAT8_E4M3FN: case DType::FLOAT8_E5M2: return 8;
    case DType::INT64: case DType::UINT64: case DType::FLOAT64: case DType::COMPLEX64: return 64;
    case DType::COMPLEX128: return 128;
    case DType::INT4: case DType::UINT4: return 4;
    case DType::INT2: return 2;
    case DType::STRING: case DType::RESOURCE: case DType::VARIANT: return 0;
  }
  return 0;
}

bool isFloat(DType t) {
  switch (t) {
    case DType::FLOAT32: case DType::FLOAT16: case DType::FLOAT64: case DType::BFLOAT16:
    case DType::FLOAT8_E4M3FN: case DType::FLOAT8_E5M2: return true;
    default: return false;
  }
}

}  // namespace inferscope::model
