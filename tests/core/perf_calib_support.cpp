// See perf_calib_support.h.
#include "perf_calib_support.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/estimate/weight_encoding.h"
#include "core/model/loader.h"

namespace inferscope::perftest {

using namespace inferscope::estimate;

namespace {

std::vector<std::string> splitCsvLine(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cur += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cur += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

Shape4 shape4(const std::vector<std::int32_t>& s) {
  Shape4 r;
  const std::size_t n = s.size();
  if (n >= 1) r.c = s[n - 1];
  if (n >= 2) r.w = s[n - 2];
  if (n >= 3) r.h = s[n - 3];
  if (n >= 4) r.n = s[n - 4];
  return r;
}

int bitsOf(model::DType t) { return model::dtypeBits(t); }

Activation activationOf(std::string_view a) {
  if (a == "RELU") return Activation::Relu;
  if (a == "RELU6") return Activation::Relu6;
  if (a == "RELU_N1_TO_1") return Activation::ReluN1To1;
  return Activation::None;
}

std::vector<std::int8_t> int8Data(const model::Tensor& t) {
  std::vector<std::int8_t> v(t.data.size());
  if (!v.empty()) std::memcpy(v.data(), t.data.data(), v.size());
  return v;
}

int neededTotalPadding(int input, int stride, int filter) {
  if (input % stride == 0) return std::max(filter - stride, 0);
  return std::max(filter - input % stride, 0);
}

// Vela's fixup_strided_conv for the first op of a network: fold the x stride into the depth.
void foldStride(CalibOp& c, int kh, int& kw, int& ic, int oc, bool samePadding) {
  NpuOp& op = c.op;
  const int sx = op.kernel.strideX;
  const int width = op.ifmShape.w;
  int resize = sx, finalStride = 1;
  if (width % resize != 0) {
    int newResize = resize;
    for (int hw : {2, 3})
      if (resize % hw == 0 && width % (sx / hw) == 0) {
        newResize = resize / hw;
        break;
      }
    resize = newResize != resize ? newResize : 1;
  }
  if (resize == 1) return;
  finalStride = sx / resize;
  if (!(sx > 1 && (op.ifmShape.c * resize <= 8 || sx > 3))) return;
  const int curPad = neededTotalPadding(width, sx, kw);
  int padLeft = 0, padRight = 0, padSize = 0;
  if (samePadding) {
    const int preStride = finalStride * resize;
    const int postWidth = width / resize;
    const int expected = (width % preStride == 0) ? curPad + finalStride : curPad + postWidth % finalStride;
    padSize = expected * resize - kw;
    padLeft = curPad == 0 ? padSize / 2 : padSize / curPad * (curPad / 2);
    padRight = padSize - padLeft;
  }
  if (kw % resize != 0 && (padSize == 0 || curPad == 0)) {
    padSize = resize - kw % resize;
    padLeft = 0;
    padRight = padSize;
  }
  if (samePadding) {
    const int optimised =
        neededTotalPadding(width / resize, finalStride, (kw + 1 + padLeft + padRight) / resize);
    if (optimised != curPad) return;
  }
  const int newKw = kw + padLeft + padRight;
  std::vector<std::int8_t> w(std::size_t(oc) * kh * newKw * ic, 0);
  for (int o = 0; o < oc; ++o)
    for (int y = 0; y < kh; ++y)
      for (int x = 0; x < kw; ++x)
        for (int i = 0; i < ic; ++i)
          w[((std::size_t(o) * kh + y) * newKw + x + padLeft) * ic + i] =
              c.weightsOhwi[((std::size_t(o) * kh + y) * kw + x) * ic + i];
  c.weightsOhwi = std::move(w);  // O,H,newKw,I is bytewise O,H,newKw/r,I*r
  kw = newKw / resize;
  ic = ic * resize;
  op.ifmShape.w = width / resize;
  op.ifmShape.c *= resize;
  op.kernel.strideX = finalStride;
}

// Vela's fixup_dilation_gt2: zero-expand the kernel, keep hardware dilation 1 or 2.
void expandDilation(CalibOp& c, int& kh, int& kw, int ic, int oc) {
  const int dy = c.dilationY, dx = c.dilationX;
  if (dy <= 2 && dx <= 2) return;
  const int hy = (dy & 1) ? 1 : 2, hx = (dx & 1) ? 1 : 2;
  const int sy = dy / hy, sx = dx / hx;
  const int nkh = (kh - 1) * sy + 1, nkw = (kw - 1) * sx + 1;
  std::vector<std::int8_t> w(std::size_t(oc) * nkh * nkw * ic, 0);
  for (int o = 0; o < oc; ++o)
    for (int y = 0; y < kh; ++y)
      for (int x = 0; x < kw; ++x)
        for (int i = 0; i < ic; ++i)
          w[((std::size_t(o) * nkh + y * sy) * nkw + x * sx) * ic + i] =
              c.weightsOhwi[((std::size_t(o) * kh + y) * kw + x) * ic + i];
  c.weightsOhwi = std::move(w);
  kh = nkh;
  kw = nkw;
  c.dilationY = hy;
  c.dilationX = hx;
}

}  // namespace

std::vector<CsvRow> readCsv(const std::filesystem::path& path) {
  std::ifstream f(path);
  std::string line;
  std::vector<CsvRow> rows;
  if (!std::getline(f, line)) return rows;
  const auto header = splitCsvLine(line);
  while (std::getline(f, line)) {
    if (line.empty()) continue;
    const auto fields = splitCsvLine(line);
    CsvRow r;
    for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i) r[header[i]] = fields[i];
    rows.push_back(std::move(r));
  }
  return rows;
}

double num(const CsvRow& r, const std::string& key) {
  auto it = r.find(key);
  if (it == r.end() || it->second.empty()) return 0;
  return std::stod(it->second);
}

namespace {

// The NPU operation Vela makes of operator `index` of subgraph 0 (single-op rewrites only).
std::optional<CalibOp> buildOp(const model::Model& m, int index, const std::string& name, std::string* why) {
  auto fail = [&](const std::string& w) -> std::optional<CalibOp> {
    if (why) *why = w;
    return std::nullopt;
  };
  const model::Subgraph& sg = m.subgraphs[0];
  const model::Operator& top = sg.operators[std::size_t(index)];
  const auto& opts = top.options;
  CalibOp c;
  c.model = name;
  NpuOp& op = c.op;
  op.name = name;
  op.sourceOp = index;
  op.sourceType = top.code;
  const model::Tensor* in = sg.tensor(top.inputs[0]);
  const model::Tensor* out = sg.tensor(top.outputs[0]);
  if (!in || !out) return fail("missing tensors");
  op.ifmShape = shape4(in->shape);
  op.ofmShape = shape4(out->shape);
  op.ifmBits = bitsOf(in->dtype);
  op.ofmBits = bitsOf(out->dtype);
  op.activation = activationOf(opts.getEnum("fused_activation_function"));
  op.ifm = top.inputs[0];
  op.ofm = top.outputs[0];
  const bool sixteen = op.ifmBits == 16;

  auto weightsSetup = [&](WeightKind kind, int o, int h, int w, int i) {
    NpuWeights nw;
    nw.kind = kind;
    nw.o = o, nw.h = h, nw.w = w, nw.i = i;
    nw.biasChannels = o;
    op.weights = nw;
    c.weightKind = kind;
  };

  using B = model::BuiltinOp;
  switch (top.code) {
    case B::CONV_2D:
    case B::DEPTHWISE_CONV_2D: {
      const model::Tensor* wt = sg.tensor(top.inputs[1]);
      if (!wt || wt->data.empty() || wt->dtype != model::DType::INT8) return fail("weights");
      op.kernel.strideX = int(opts.getInt("stride_w", 1));
      op.kernel.strideY = int(opts.getInt("stride_h", 1));
      c.dilationX = int(opts.getInt("dilation_w_factor", 1));
      c.dilationY = int(opts.getInt("dilation_h_factor", 1));
      const bool same = opts.getEnum("padding") == "SAME";
      int oc = 0, kh = 0, kw = 0, ic = 0;
      const auto raw = int8Data(*wt);
      bool depthwise = top.code == B::DEPTHWISE_CONV_2D;
      if (depthwise) {  // [1, H, W, C*M]
        kh = wt->shape[1], kw = wt->shape[2], oc = wt->shape[3];
        if (op.ifmShape.c == 1 && oc == op.ofmShape.c) {
          depthwise = false;  // Vela turns it into a convolution
          ic = 1;
          c.weightsOhwi.resize(raw.size());
          for (int y = 0; y < kh; ++y)
            for (int x = 0; x < kw; ++x)
              for (int o = 0; o < oc; ++o)
                c.weightsOhwi[(std::size_t(o) * kh + y) * kw + x] = raw[(std::size_t(y) * kw + x) * oc + o];
        } else {
          if (oc != op.ifmShape.c) return fail("depth multiplier");
          ic = 1;
          c.weightsOhwi.resize(raw.size());  // O, H, W, 1
          for (int y = 0; y < kh; ++y)
            for (int x = 0; x < kw; ++x)
              for (int o = 0; o < oc; ++o)
                c.weightsOhwi[(std::size_t(o) * kh + y) * kw + x] = raw[(std::size_t(y) * kw + x) * oc + o];
        }
      } else {
        oc = wt->shape[0], kh = wt->shape[1], kw = wt->shape[2], ic = wt->shape[3];
        c.weightsOhwi = raw;
      }
      if (!depthwise) {
        expandDilation(c, kh, kw, ic, oc);
        if (index == 0) foldStride(c, kh, kw, ic, oc, same);
        if (op.ofmShape.h == 1) op.kernel.strideY = 1;
        if (op.ofmShape.w == 1) op.kernel.strideX = 1;
        op.type = NpuOpType::Conv2DBias;
        weightsSetup(WeightKind::Conv, oc, kh, kw, ic);
      } else {
        if (c.dilationX > 2 || c.dilationY > 2) expandDilation(c, kh, kw, 1, oc);
        op.type = NpuOpType::DepthwiseConv2DBias;
        weightsSetup(WeightKind::Depthwise, oc, kh, kw, 1);
      }
      op.kernel.w = kw, op.kernel.h = kh;
      op.kernel.dilationX = c.dilationX, op.kernel.dilationY = c.dilationY;
      op.acc40 = sixteen;
      break;
    }
    case B::FULLY_CONNECTED: {
      const model::Tensor* wt = sg.tensor(top.inputs[1]);
      if (!wt || wt->data.empty() || wt->dtype != model::DType::INT8) return fail("weights");
      const int oc = wt->shape[0], ic = wt->shape[1];
      const std::int64_t batch = op.ifmShape.elements() / ic;
      op.ifmShape = Shape4{1, 1, int(batch), ic};
      if (batch == 1) op.ifmShape = Shape4{1, 1, 1, ic};
      op.ofmShape = Shape4{1, 1, int(batch), oc};
      op.type = NpuOpType::FullyConnected;
      c.weightsOhwi = int8Data(*wt);
      weightsSetup(WeightKind::FullyConnected, oc, 1, 1, ic);
      op.acc40 = sixteen;
      break;
    }
    case B::AVERAGE_POOL_2D:
    case B::MAX_POOL_2D: {
      op.type = top.code == B::MAX_POOL_2D ? NpuOpType::MaxPool : NpuOpType::AvgPool;
      op.kernel.w = int(opts.getInt("filter_width", 1));
      op.kernel.h = int(opts.getInt("filter_height", 1));
      op.kernel.strideX = int(opts.getInt("stride_w", 1));
      op.kernel.strideY = int(opts.getInt("stride_h", 1));
      if (op.kernel.w == op.kernel.strideX && op.kernel.w == op.ifmShape.w && op.kernel.h == op.kernel.strideY &&
          op.kernel.h == op.ifmShape.h)
        op.kernel.strideX = op.kernel.strideY = 1;
      if (op.kernel.strideX > 3 || op.kernel.strideY > 3) return fail("pool stride > 3 (lowered to a conv)");
      break;
    }
    case B::ADD:
    case B::SUB:
    case B::MUL: {
      op.type = top.code == B::ADD ? NpuOpType::Add : top.code == B::SUB ? NpuOpType::Sub : NpuOpType::Mul;
      const model::Tensor* in2 = sg.tensor(top.inputs[1]);
      if (!in2) return fail("ifm2");
      op.ifm2Shape = shape4(in2->shape);
      op.ifm2Bits = bitsOf(in2->dtype);
      op.ifm2 = in2->isConstant() ? -1 : top.inputs[1];
      op.ifm2Constant = in2->isConstant();
      c.ifm2Constant = in2->isConstant();
      op.scalarOperand = in2->shape.empty() || in->shape.empty();
      // Vela swaps the operands when the first is constant or a scalar and the second is not.
      const bool ifmScalarish = in->isConstant() || op.ifmShape.elements() == 1;
      const bool ifm2Primary = !(in2->isConstant() || op.ifm2Shape.elements() == 1 ||
                                 op.ifm2Shape.elements() < op.ofmShape.elements());
      if (ifmScalarish && ifm2Primary) {
        std::swap(op.ifmShape, op.ifm2Shape);
        std::swap(op.ifmBits, op.ifm2Bits);
      }
      break;
    }
    case B::TRANSPOSE_CONV: {
      // Vela: Conv2DBackpropInputSwitchedBias on the real input, stride 1, TRANSPOSE upscaling.
      const model::Tensor* wt = sg.tensor(top.inputs[1]);
      const model::Tensor* x = sg.tensor(top.inputs[2]);
      if (!wt || wt->data.empty() || !x) return fail("weights");
      op.ifmShape = shape4(x->shape);
      op.ifmBits = bitsOf(x->dtype);
      op.ifm = top.inputs[2];
      const int oc = wt->shape[0], kh = wt->shape[1], kw = wt->shape[2], ic = wt->shape[3];
      const int sx = int(opts.getInt("stride_w", 1)), sy = int(opts.getInt("stride_h", 1));
      if (sx > 1 || sy > 1) op.resampling = Resampling::Transpose;
      op.type = NpuOpType::Conv2DBackpropInputSwitchedBias;
      op.kernel.w = kw, op.kernel.h = kh;
      c.weightsOhwi = int8Data(*wt);
      weightsSetup(WeightKind::TransposeConv, oc, kh, kw, ic);
      op.acc40 = op.ifmBits == 16;
      break;
    }
    case B::LOGISTIC:
    case B::TANH:
    case B::HARD_SWISH:
    case B::LEAKY_RELU: {
      // int8: Add with a rank-0 constant 0 and a 256-entry LUT activation.
      if (op.ifmBits != 8) return fail("int16 LUT activation");
      op.type = NpuOpType::Add;
      op.ifm2Shape = Shape4{1, 1, 1, 1};
      op.ifm2Bits = 8;
      op.ifm2Constant = c.ifm2Constant = true;
      op.scalarOperand = true;
      op.activation = Activation::Lut;
      op.lutBytes = 256;
      break;
    }
    case B::QUANTIZE: {
      if (in->dtype == model::DType::FLOAT32) return fail("float quantize (CPU)");
      op.type = NpuOpType::AvgPool;  // 1x1 average pool with rescale
      break;
    }
    case B::RESHAPE: {
      op.type = NpuOpType::Memcpy;  // graph input to graph output: a DMA copy
      op.ofmShape = op.ifmShape;
      break;
    }
    case B::RESIZE_NEAREST_NEIGHBOR:
    case B::RESIZE_BILINEAR: {
      // x2 without align corners: one x2 nearest upscale plus a 1x1 (nearest) or 2x2 (bilinear) average.
      if (opts.getBool("align_corners")) return fail("align corners");
      const bool bilinear = top.code == B::RESIZE_BILINEAR;
      if (bilinear && opts.getBool("half_pixel_centers")) return fail("bilinear half-pixel centres (5 ops)");
      if (op.ofmShape.h != 2 * op.ifmShape.h || op.ofmShape.w != 2 * op.ifmShape.w) return fail("not x2");
      op.type = bilinear ? NpuOpType::ResizeBilinear : NpuOpType::ResizeNearestNeighbor;
      op.kernel.w = op.kernel.h = bilinear ? 2 : 1;
      op.resampling = Resampling::Nearest;
      break;
    }
    default:
      return fail("not a conv/depthwise/fc/pool/elementwise op");
  }
  return c;
}

}  // namespace

std::optional<CalibOp> buildCalibOp(const std::filesystem::path& path, std::string* why) {
  auto loaded = model::loadModel(path.string());
  if (!loaded) {
    if (why) *why = loaded.error().describe();
    return std::nullopt;
  }
  const model::Model& m = **loaded;
  if (m.subgraphs.empty() || m.subgraphs[0].operators.size() != 1) {
    if (why) *why = "not a single-op model";
    return std::nullopt;
  }
  return buildOp(m, 0, path.stem().string(), why);
}

std::optional<std::vector<CalibOp>> buildCalibChain(const std::filesystem::path& path, std::string* why) {
  auto loaded = model::loadModel(path.string());
  if (!loaded) {
    if (why) *why = loaded.error().describe();
    return std::nullopt;
  }
  const model::Model& m = **loaded;
  if (m.subgraphs.empty()) return std::nullopt;
  const model::Subgraph& sg = m.subgraphs[0];
  auto isGraphIo = [&](std::int32_t t) {
    return std::find(sg.inputs.begin(), sg.inputs.end(), t) != sg.inputs.end() ||
           std::find(sg.outputs.begin(), sg.outputs.end(), t) != sg.outputs.end();
  };
  std::vector<CalibOp> ops;
  for (int i = 0; i < int(sg.operators.size()); ++i) {
    auto c = buildOp(m, i, path.stem().string() + "#" + std::to_string(i), why);
    if (!c) return std::nullopt;
    // Subgraph inputs/outputs stay NHWC; intermediate feature maps are NHCWB16.
    auto fmt = [&](std::int32_t t) { return t < 0 || isGraphIo(t) ? TensorFormat::NHWC : TensorFormat::NHCWB16; };
    c->ifmFormat = fmt(c->op.ifm);
    c->ifm2Format = fmt(c->op.ifm2);
    c->ofmFormat = fmt(c->op.ofm);
    c->ifmIntermediate = c->op.ifm >= 0 && !isGraphIo(c->op.ifm);
    c->ifm2Intermediate = c->op.ifm2 >= 0 && !isGraphIo(c->op.ifm2);
    c->ofmIntermediate = c->op.ofm >= 0 && !isGraphIo(c->op.ofm);
    ops.push_back(std::move(*c));
  }
  return ops;
}

std::optional<Arch> archForConfig(const std::string& config) {
  auto accel = acceleratorFromName(config);
  if (!accel) return std::nullopt;
  const bool u55 = isU55(*accel);
  auto mem = vela(*accel, u55 ? "Ethos_U55_High_End_Embedded" : "Ethos_U65_High_End",
                  u55 ? "Shared_Sram" : "Dedicated_Sram");
  if (!mem) return std::nullopt;
  return makeArch(*accel, *mem);
}

namespace {

// Scale/bias bytes of channels [from, to) split over the cores (each core's stream 16-aligned).
std::int64_t scaleBytes(int from, int to, int cores) {
  const int n = to - from;
  std::int64_t total = 0;
  for (int core = 0; core < std::min(cores, n); ++core) {
    const int ch = (n - core + cores - 1) / cores;
    total += (std::int64_t(ch) * 10 + 15) / 16 * 16;
  }
  return total;
}

// Slice sizes from the reference total, in proportion to depth.
EncodedSlices proportionalSlices(std::int64_t fullBytes, int depth, int cores, const std::vector<int>& slices) {
  const std::int64_t weightBytes = std::max<std::int64_t>(0, fullBytes - scaleBytes(0, depth, cores));
  EncodedSlices e;
  for (std::size_t i = 0; i + 1 < slices.size(); ++i) {
    const int a = slices[i], b = slices[i + 1];
    const std::int64_t w = (std::int64_t(double(weightBytes) * (b - a) / depth) + 15) / 16 * 16;
    const std::int64_t bytes = w + scaleBytes(a, b, cores);
    e.totalBytes += bytes;
    if (i == 0) e.firstSliceBytes = bytes;
    e.doubleBufferSizes[i % 2] = std::max(e.doubleBufferSizes[i % 2], bytes);
  }
  if (slices.size() == 2) e.totalBytes = fullBytes, e.firstSliceBytes = fullBytes, e.doubleBufferSizes[0] = fullBytes;
  return e;
}

}  // namespace

std::optional<Prediction> predict(const Arch& arch, const CalibOp& c, std::int64_t referenceEncodedBytes) {
  return predictWithSlack(arch, c, referenceEncodedBytes, nullptr);
}

std::optional<Prediction> predictWithSlack(const Arch& arch, const CalibOp& c, std::int64_t referenceEncodedBytes,
                                           const WeightBufferingPlan* previous) {
  Prediction p;
  auto cfg = findBlockConfig(arch, c.op);
  if (!cfg) return std::nullopt;
  p.config = *cfg;
  const bool dedicated = arch.mem.spillingEnabled();
  OpMemory mem;
  mem.ifm = mem.ofm = arch.mem.arenaArea;  // graph input/output stay in the arena
  mem.ifm2 = c.ifm2Constant ? arch.mem.constArea : arch.mem.arenaArea;
  mem.ifmFormat = c.ifmFormat;
  mem.ifm2Format = c.ifm2Format;
  mem.ofmFormat = c.ofmFormat;

  WeightBufferingInput in;
  in.source = arch.mem.constArea;
  in.previousSlackCycles = previous ? previous->slackBufferingCycles : 0;
  in.previousSlackMemory = previous ? previous->slackBufferingMemory : 0;
  if (dedicated) {
    in.stagingLimitBytes = arch.mem.arenaCacheSize;
    in.memoryInUse = 0;  // feature maps live in DRAM
  } else {
    in.stagingLimitBytes = std::int64_t(1) << 32;
    in.memoryInUse = FeatureMap{-1, "", c.op.ifmShape, c.op.ifmBits}.storageBytes() +
                     FeatureMap{-1, "", c.op.ofmShape, c.op.ofmBits}.storageBytes();
  }
  WeightLayout layout;
  if (c.op.weights) {
    const auto& w = *c.op.weights;
    layout.kind = c.weightKind == WeightKind::Depthwise        ? WeightOpKind::Depthwise
                  : c.weightKind == WeightKind::FullyConnected ? WeightOpKind::FullyConnected
                  : c.weightKind == WeightKind::TransposeConv  ? WeightOpKind::TransposeConv
                                                               : WeightOpKind::Conv;
    layout.ofmDepth = w.o, layout.kernelHeight = w.h, layout.kernelWidth = w.w, layout.ifmDepth = w.i;
    layout.ifmBits = c.op.ifmBits;
    layout.dilationX = c.dilationX, layout.dilationY = c.dilationY;
    layout.ofmBlockDepth = p.config.ofmBlock.c;
    layout.ofmUblockDepth = arch.ofmUblock.c;
    layout.cores = arch.cores;
    layout.source = WeightSourceOrder::Ohwi;  // weightsOhwi is already in the encoder layout
  }
  bool encodeFailed = false;
  auto encode = [&](const std::vector<int>& slices) {
    if (referenceEncodedBytes > 0)
      return proportionalSlices(referenceEncodedBytes, c.op.ofmShape.c, arch.cores, slices);
    WeightLayout l = layout;
    l.depthSlices.assign(slices.begin(), slices.end());
    EncodedSlices e;
    EncodeOptions opts;
    opts.mode = EncodeMode::Exact;  // no sampling: slice sizes must be Vela's to the byte
    auto r = encodedWeightSize(std::span<const std::int8_t>(c.weightsOhwi), l, opts);
    if (!r) {
      encodeFailed = true;
      return e;
    }
    e.totalBytes = r->totalBytes;
    e.doubleBufferSizes = r->doubleBufferSizes;
    e.firstSliceBytes = r->sliceBytes.empty() ? r->totalBytes : r->sliceBytes[0];
    return e;
  };
  p.plan = planWeightBuffering(arch, c.op, p.config, mem, in, encode);
  if (encodeFailed) return std::nullopt;
  WeightPlacement wp = p.plan.placement(in.source);
  // Vela plans buffering before Dedicated_Sram moves intermediate feature maps into SRAM; the final
  // estimate sees them there.
  OpMemory finalMem = mem;
  if (dedicated) {
    if (c.ifmIntermediate) finalMem.ifm = arch.mem.cacheArea;
    if (c.ifm2Intermediate && !c.ifm2Constant) finalMem.ifm2 = arch.mem.cacheArea;
    if (c.ofmIntermediate) finalMem.ofm = arch.mem.cacheArea;
  }
  p.perf = estimateOp(arch, c.op, p.config, finalMem, wp, DmaSlack{in.previousSlackCycles, p.plan.slackBufferingCycles});
  return p;
}

}  // namespace inferscope::perftest
