// The Ethos-U placement pipeline: Vela's read, semantic check, early rewrites and supported-operator
// check over every subgraph, then NPU partitions.
#include "core/compat/ethos_u.h"

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <unordered_map>

#include "core/compat/vela_graph.h"
#include "core/compat/vela_rules.h"

namespace inferscope::compat {

using model::BuiltinOp;
using model::DType;
using namespace vela;

std::string_view placementName(Placement p) { return p == Placement::Npu ? "NPU" : "CPU"; }

std::string_view reasonKindName(ReasonKind k) {
  switch (k) {
    case ReasonKind::Semantic: return "semantic";
    case ReasonKind::Supported: return "supported";
    case ReasonKind::CpuOnly: return "cpu-only";
    case ReasonKind::AsymmetricWeights: return "asymmetric-weights";
    case ReasonKind::Unreadable: return "unreadable";
  }
  return "supported";
}

std::string Reason::text() const {
  // Vela's multi-line constraint texts continue on indented lines; fold them into one line: the
  // words of the rule, one space apart.
  std::string r;
  r.reserve(rule.size() + detail.size() + 2);
  const auto n = rule.size();
  auto blank = [&](std::size_t i) { return rule[i] == ' ' || rule[i] == '\n'; };
  const bool oneLine = n == 0 || (!blank(0) && !blank(n - 1) && rule.find('\n') == std::string::npos &&
                                  rule.find("  ") == std::string::npos);
  if (oneLine) {
    r = rule;  // the usual case
  } else {
    for (std::size_t i = 0; i < n;) {
      if (blank(i)) {
        ++i;
        continue;
      }
      auto j = i;
      while (j < n && !blank(j)) ++j;
      if (!r.empty()) r += ' ';
      r.append(rule, i, j - i);
      i = j;
    }
  }
  if (detail.empty()) return r;
  r += r.empty() || r.back() == ':' || r.back() == '.' ? " " : ": ";
  // Continuation lines of the detail become "; "-separated parts.
  for (std::size_t p = 0;;) {
    auto q = detail.find("\n   ", p);
    r.append(detail, p, q == std::string::npos ? std::string::npos : q - p);
    if (q == std::string::npos) break;
    r += "; ";
    p = q + 4;
  }
  return r;
}

std::string EthosUTarget::name() const {
  const char* f = family == EthosUFamily::U55 ? "ethos-u55" : family == EthosUFamily::U65 ? "ethos-u65" : "ethos-u85";
  return std::string(f) + "-" + std::to_string(macs);
}

Result<EthosUTarget> EthosUTarget::parse(std::string_view s) {
  EthosUTarget t;
  auto bad = [&] {
    std::string message = "'";
    message.append(s).append("' is not an Ethos-U accelerator configuration "
                             "(ethos-u55-32/64/128/256, ethos-u65-256/512, ethos-u85-128/256/512/1024/2048)");
    return makeError(ErrorCode::Config, message);
  };
  if (s.rfind("ethos-u", 0) != 0 || s.size() < 11 || s[9] != '-') return bad();
  auto fam = s.substr(7, 2);
  if (fam == "55") t.family = EthosUFamily::U55;
  else if (fam == "65") t.family = EthosUFamily::U65;
  else if (fam == "85") t.family = EthosUFamily::U85;
  else return bad();
  auto mac = std::string(s.substr(10));
  char* end = nullptr;
  long v = std::strtol(mac.c_str(), &end, 10);
  if (mac.empty() || *end) return bad();
  static const std::vector<int> u55{32, 64, 128, 256}, u65{256, 512}, u85{128, 256, 512, 1024, 2048};
  const auto& ok = t.family == EthosUFamily::U55 ? u55 : t.family == EthosUFamily::U65 ? u65 : u85;
  if (std::find(ok.begin(), ok.end(), v) == ok.end()) return bad();
  t.macs = static_cast<int>(v);
  return t;
}

const EthosUOp* EthosUReport::find(std::int32_t subgraph, std::int32_t index) const {
  // ops are subgraph-major in index order
  auto it = std::lower_bound(ops.begin(), ops.end(), std::pair{subgraph, index}, [](const EthosUOp& o, auto key) {
    return std::pair{o.subgraph, o.index} < key;
  });
  return it != ops.end() && it->subgraph == subgraph && it->index == index ? &*it : nullptr;
}

std::vector<bool> npuPlacement(const EthosUReport& r) {
  std::vector<bool> out;
  for (const auto& o : r.ops) {
    if (o.subgraph != 0) continue;
    if (static_cast<std::size_t>(o.index) >= out.size()) out.resize(static_cast<std::size_t>(o.index) + 1, true);
    out[static_cast<std::size_t>(o.index)] = o.placement == Placement::Npu;
  }
  return out;
}

namespace {

struct OpState {
  bool reachable = false;  // from the outputs in the original graph
  bool reached = false;    // from the outputs after constant folding (Vela's later passes)
  bool onNpu = true;       // Vela's run_on_npu
  bool folded = false;
  std::vector<Reason> reasons;
};

void add(OpState& s, ReasonKind kind, const Rule& rule, Fail f) {
  Reason r;
  r.kind = kind;
  r.id = rule.id;
  r.rule = util::CheapText::borrow(rule.text);  // rules are static
  r.detail = std::move(f.detail);
  r.hint = std::move(f.hint);
  s.reasons.push_back(std::move(r));
}

// Runs the rules (all of them, or up to the first failure when `firstOnly`); returns whether all
// that ran passed.
bool runRules(const std::vector<const Rule*>& rules, const OpCtx& ctx, ReasonKind kind, OpState& s, bool firstOnly) {
  bool ok = true;
  for (const auto* rule : rules)
    if (auto f = rule->check(ctx)) {
      add(s, kind, *rule, std::move(*f));
      ok = false;
      if (firstOnly) break;
    }
  return ok;
}

std::string internalType(BuiltinOp code) {
  switch (code) {
    case BuiltinOp::CONV_2D: return "Conv2DBias";
    case BuiltinOp::DEPTHWISE_CONV_2D: return "DepthwiseConv2DBias";
    default: return "Conv2DBackpropInput";
  }
}

// Vela's check_asymmetric_weights: int8/int16 convolutions need symmetric weights (zero points 0).
std::optional<Reason> asymmetricWeights(const OpCtx& c) {
  auto code = c.code();
  if (code != BuiltinOp::CONV_2D && code != BuiltinOp::DEPTHWISE_CONV_2D && code != BuiltinOp::TRANSPOSE_CONV)
    return std::nullopt;
  const auto* i = c.ifm();
  const auto* w = c.weights();
  if (!i || !w || (i->dtype != DType::INT8 && i->dtype != DType::INT16)) return std::nullopt;
  const auto* q = w->quant();
  bool symmetric = q && !q->zeroPoint.empty() &&
                   std::all_of(q->zeroPoint.begin(), q->zeroPoint.end(), [](std::int64_t z) { return z == 0; });
  if (symmetric) return std::nullopt;
  Reason r;
  r.kind = ReasonKind::AsymmetricWeights;
  r.id = "weights.symmetric";
  r.rule = "Op " + internalType(code) + " '" + std::string(c.op().name) +
           "' has asymmetric weights. To run the operator on Ethos-U use the option --force-symmetric-int-weights";
  r.detail = "";
  r.hint = "quantize the weights symmetrically (zero point 0), or compile with --force-symmetric-int-weights";
  return r;
}

// What usually replaces an operator type the NPU cannot run.
util::CheapText cpuOnlyHint(const VOp& op) {
  switch (op.code) {
    case BuiltinOp::DIV:
      return "multiply by the reciprocal instead (MUL) when the divisor is a constant";
    case BuiltinOp::DEQUANTIZE: case BuiltinOp::CAST:
      return "quantize the whole model to integers so that no " + std::string(op.type) + " is left between NPU operators";
    case BuiltinOp::BATCH_MATMUL:
      return "use FULLY_CONNECTED when one operand is constant";
    case BuiltinOp::SPACE_TO_DEPTH:
      return "use a strided CONV_2D on the original tensor instead of rearranging it";
    case BuiltinOp::DEPTH_TO_SPACE:
      return "use TRANSPOSE_CONV or RESIZE_NEAREST_NEIGHBOR followed by a convolution";
    case BuiltinOp::REDUCE_MAX:
      return "use MAX_POOL_2D over the reduced height and width";
    case BuiltinOp::SUM:
      return "use MEAN and scale the result";
    case BuiltinOp::L2_POOL_2D: case BuiltinOp::REDUCE_MIN: case BuiltinOp::REDUCE_PROD:
      return "express it with pooling, MEAN or elementwise operators the NPU supports";
    case BuiltinOp::GATHER: case BuiltinOp::GATHER_ND: case BuiltinOp::CUSTOM: case BuiltinOp::TOPK_V2:
    case BuiltinOp::NON_MAX_SUPPRESSION_V4: case BuiltinOp::NON_MAX_SUPPRESSION_V5:
      return "move it into pre- or post-processing outside the model, or keep it on the CPU";
    case BuiltinOp::SQRT: case BuiltinOp::POW: case BuiltinOp::LOG: case BuiltinOp::SIN: case BuiltinOp::COS:
    case BuiltinOp::GELU: case BuiltinOp::ELU:
      return "use an NPU activation (LOGISTIC, TANH, HARD_SWISH, RELU) or a lookup-table friendly approximation";
    case BuiltinOp::MIRROR_PAD: case BuiltinOp::PADV2:
      return "use PAD (zero padding of height and width)";
    case BuiltinOp::LSTM: case BuiltinOp::SVDF: case BuiltinOp::RNN: case BuiltinOp::UNIDIRECTIONAL_SEQUENCE_RNN:
      return "use UNIDIRECTIONAL_SEQUENCE_LSTM (int8/int16, no CIFG, peephole or projection) or convolutions";
    default:
      return "replace " + std::string(op.type) + " with operators the NPU supports";
  }
}

bool poolStridesFixed(const OpCtx& c) {
  if (c.code() != BuiltinOp::AVERAGE_POOL_2D && c.code() != BuiltinOp::MAX_POOL_2D) return false;
  const auto* i = c.ifm();
  if (!i || i->shape.size() < 3) return false;
  return c.kernelW() == c.strideW() && c.strideW() == i->shape[2] && c.kernelH() == c.strideH() &&
         c.strideH() == i->shape[1];
}

// Vela's optimise_quantize / convert_shape_op_to_constant_tensor: does this NPU operator fold?
bool folds(const OpCtx& c) {
  const auto* i = c.ifm();
  const auto* o = c.ofm();
  if (!i || !o) return false;
  if (c.code() == BuiltinOp::QUANTIZE) {
    if (i->producer != Producer::Const || !i->hasValues) return false;
    bool same = (i->dtype == DType::INT8 && o->dtype == DType::INT8) || (i->dtype == DType::INT16 && o->dtype == DType::INT16);
    return same || model::isFloat(i->dtype);
  }
  if (c.code() == BuiltinOp::SHAPE)
    return !o->shape.empty() && static_cast<std::int64_t>(i->shape.size()) == o->shape[0];
  return false;
}

class SubgraphChecker {
 public:
  SubgraphChecker(const model::Model& m, std::int32_t sg, const EthosUTarget& target, ReasonDepth depth)
      : g_(buildGraph(m, sg)), target_(target), primaryOnly_(depth == ReasonDepth::Primary), st_(g_.ops.size()) {}

  void run(EthosUReport& report);

 private:
  // Depth-first from the outputs over producers; `post` receives operators after their inputs.
  void traverse(bool cutFolded, const std::function<void(std::int32_t)>& pre, std::vector<std::int32_t>* post);
  void semantic(std::int32_t oi);
  void early(std::int32_t oi);
  void supported(std::int32_t oi);

  // The rule lists of an operator type, worked out once per type met (a graph has few types).
  const std::vector<const Rule*>& semanticRulesFor(BuiltinOp code);
  const std::vector<const Rule*>& supportedRulesFor(BuiltinOp code);

  VGraph g_;
  EthosUTarget target_;
  bool primaryOnly_ = false;  // stop at an operator's first failure (the primary reason)
  std::unordered_map<std::int32_t, std::vector<const Rule*>> semanticRules_, supportedRules_;
  std::vector<OpState> st_;
  std::vector<std::int32_t> order_;  // execution order (post-order from the outputs)
};

void SubgraphChecker::traverse(bool cutFolded, const std::function<void(std::int32_t)>& pre,
                               std::vector<std::int32_t>* post) {
  std::vector<char> seen(g_.ops.size(), 0);
  // Iterative DFS: frames of (op, next input position).
  std::vector<std::pair<std::int32_t, std::size_t>> stack;
  auto enter = [&](std::int32_t t) {
    const auto* vt = g_.tensor(t);
    if (!vt || vt->producer != Producer::Op || vt->producerOp < 0) return;
    auto oi = vt->producerOp;
    if (seen[static_cast<std::size_t>(oi)]) return;
    seen[static_cast<std::size_t>(oi)] = 1;
    if (pre) pre(oi);
    stack.emplace_back(oi, 0);
  };
  for (auto root : g_.roots) {
    enter(root);
    while (!stack.empty()) {
      auto& [oi, pos] = stack.back();
      const auto& op = g_.ops[static_cast<std::size_t>(oi)];
      bool cut = cutFolded && st_[static_cast<std::size_t>(oi)].folded;
      if (!cut && pos < op.inputs.size()) {
        auto t = op.inputs[pos++];
        enter(t);
        continue;
      }
      if (post) post->push_back(oi);
      stack.pop_back();
    }
  }
}

void SubgraphChecker::semantic(std::int32_t oi) {
  auto& s = st_[static_cast<std::size_t>(oi)];
  const auto& op = g_.ops[static_cast<std::size_t>(oi)];
  if (!op.known) return;
  OpCtx ctx(g_, op);
  if (!runRules(semanticRulesFor(op.code), ctx, ReasonKind::Semantic, s, primaryOnly_)) s.onNpu = false;
}

const std::vector<const Rule*>& SubgraphChecker::semanticRulesFor(BuiltinOp code) {
  auto [it, added] = semanticRules_.try_emplace(static_cast<std::int32_t>(code));
  if (added) {
    it->second = semanticRules(code);
    if (target_.family == EthosUFamily::U85) {
      // Vela 4.x's U85 path allows unquantized (bool, int32) and higher-rank tensors; its own generic
      // rules (dtype, quantization with exceptions) run with the supported checks instead.
      std::erase_if(it->second, [](const Rule* r) {
        return std::string_view(r->id) == "semantic.quantization" || std::string_view(r->id) == "semantic.rank";
      });
    }
  }
  return it->second;
}

const std::vector<const Rule*>& SubgraphChecker::supportedRulesFor(BuiltinOp code) {
  auto [it, added] = supportedRules_.try_emplace(static_cast<std::int32_t>(code));
  if (added)
    it->second = target_.family == EthosUFamily::U85 ? supportedRulesU85(code) : supportedRules(code);
  return it->second;
}

void SubgraphChecker::early(std::int32_t oi) {
  auto& s = st_[static_cast<std::size_t>(oi)];
  s.reached = true;
  const auto& op = g_.ops[static_cast<std::size_t>(oi)];
  if (!op.known || !s.onNpu) return;
  OpCtx ctx(g_, op);
  if (folds(ctx)) {
    s.folded = true;
    if (auto* o = const_cast<VTensor*>(ctx.ofm())) {
      if (op.code == BuiltinOp::SHAPE && ctx.ifm()) {
        std::vector<std::int64_t> v(ctx.ifm()->shape.begin(), ctx.ifm()->shape.end());
        o->foldedValues = std::move(v);
      }
      o->producer = Producer::Const;
      o->producerOp = -1;
      o->hasValues = true;
    }
    return;
  }
  if (auto r = asymmetricWeights(ctx)) {
    s.reasons.push_back(std::move(*r));
    s.onNpu = false;
  }
}

void SubgraphChecker::supported(std::int32_t oi) {
  auto& s = st_[static_cast<std::size_t>(oi)];
  const auto& op = g_.ops[static_cast<std::size_t>(oi)];
  if (!op.known || s.folded) return;
  if (primaryOnly_ && !s.reasons.empty()) return;  // its primary reason is known
  bool wasNpu = s.onNpu;
  OpCtx ctx(g_, op);
  ctx.poolStridesFixed = wasNpu && poolStridesFixed(ctx);
  bool u85 = target_.family == EthosUFamily::U85;
  bool supportedType = u85 ? npuSupportedTypeU85(op.code) : npuSupportedType(op.code);
  if (!supportedType) {
    Reason r;
    r.kind = ReasonKind::CpuOnly;
    r.id = "cpu_only";
    r.rule = std::string(op.type) + " is a CPU only op";
    r.hint = cpuOnlyHint(op);
    s.reasons.push_back(std::move(r));
    s.onNpu = false;
    return;
  }
  if (!runRules(supportedRulesFor(op.code), ctx, ReasonKind::Supported, s, primaryOnly_))
    s.onNpu = false;
}

void SubgraphChecker::run(EthosUReport& report) {
  // 1. Semantic checks on everything reachable from the outputs (Vela reads the whole graph).
  traverse(false, nullptr, &order_);
  for (auto oi : order_) {
    st_[static_cast<std::size_t>(oi)].reachable = true;
    semantic(oi);
  }
  // 2. Early rewrites in pre-order; folded operators cut the graph above them.
  traverse(true, [&](std::int32_t oi) { early(oi); }, nullptr);
  // 3. The NPU checks on what is still reachable. Operators already on the CPU are checked too: the
  //    extra failures say what else would have to change (Vela itself stops at the first). With
  //    ReasonDepth::Primary they are not: an operator's reasons then hold its primary one only.
  for (std::size_t i = 0; i < st_.size(); ++i) {
    auto& s = st_[i];
    if (s.reachable && g_.ops[i].known && (s.reached || !s.onNpu)) supported(static_cast<std::int32_t>(i));
  }

  for (std::size_t i = 0; i < g_.ops.size(); ++i) {
    const auto& op = g_.ops[i];
    auto& s = st_[i];
    EthosUOp out;
    out.subgraph = g_.subgraphIndex;
    out.index = static_cast<std::int32_t>(i);
    out.type = op.type;
    if (op.code == BuiltinOp::CUSTOM) {
      if (const auto* oc = g_.model->opcode(*op.op)) out.customCode = oc->customCode;
    }
    out.name = op.name;
    if (!op.known) {
      Reason r;
      r.kind = ReasonKind::Unreadable;
      r.id = "unreadable";
      r.rule = "The input file contains operator code '" + std::to_string(static_cast<int>(op.code)) +
               "' which is currently not supported";
      r.hint = "Vela cannot compile a model with this operator; replace it";
      s.reasons = {std::move(r)};
      s.onNpu = false;
      report.notes.push_back("Vela stops with an error on operator " + std::to_string(i) + " (" + std::string(op.type) +
                             ") of subgraph " + std::to_string(g_.subgraphIndex) + ": unknown operator code");
    }
    if (!s.reachable && op.known) {
      out.disposition = Disposition::Unreachable;
    } else if (s.folded) {
      out.disposition = Disposition::Folded;
    } else if (!s.reached && s.onNpu && op.known) {
      out.disposition = Disposition::Unreachable;  // only a folded constant depended on it
    }
    out.placement = s.onNpu ? Placement::Npu : Placement::Cpu;
    if (!s.onNpu && !s.reasons.empty()) s.reasons.front().primary = true;
    out.reasons = std::move(s.reasons);
    for (const auto& r : out.reasons)
      if (!r.hint.empty() && std::find(out.advice.begin(), out.advice.end(), r.hint) == out.advice.end())
        out.advice.push_back(r.hint);
    if (out.disposition == Disposition::Runs) {
      ++report.totalOps;
      if (out.onCpu()) ++report.cpuOps;
      else ++report.npuOps;
    } else if (out.disposition == Disposition::Folded) {
      ++report.foldedOps;
    } else {
      ++report.unreachableOps;
    }
    report.ops.push_back(std::move(out));
  }

  // NPU partitions along the execution order.
  auto base = report.ops.size() - g_.ops.size();
  NpuSegment cur;
  cur.subgraph = g_.subgraphIndex;
  int last = -1;  // 0 CPU, 1 NPU
  for (auto oi : order_) {
    const auto& o = report.ops[base + static_cast<std::size_t>(oi)];
    if (o.disposition != Disposition::Runs) continue;
    int place = o.onCpu() ? 0 : 1;
    if (last >= 0 && place != last) ++report.transitions;
    if (place == 1) {
      cur.ops.push_back(oi);
    } else if (!cur.ops.empty()) {
      report.segments.push_back(cur);
      cur.ops.clear();
    }
    last = place;
  }
  if (!cur.ops.empty()) report.segments.push_back(cur);
}

}  // namespace

EthosUReport checkEthosU(const model::Model& m, const EthosUTarget& target, ReasonDepth depth) {
  EthosUReport report;
  report.target = target;
  report.rulesVersion = target.family == EthosUFamily::U85 ? "Vela 4.5 (Ethos-U85, documented rules)" : "Vela 3.10";
  std::size_t count = 0;
  for (const auto& sg : m.subgraphs) count += sg.operators.size();
  report.ops.reserve(count);
  for (std::size_t s = 0; s < m.subgraphs.size(); ++s) {
    SubgraphChecker c(m, static_cast<std::int32_t>(s), target, depth);
    c.run(report);
  }
  return report;
}

}  // namespace inferscope::compat
