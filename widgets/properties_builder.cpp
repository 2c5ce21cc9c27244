#include "widgets/properties_builder.h"

#include <QFileInfo>
#include <QMap>

#include "core/model/custom_options.h"
#include "core/util/text.h"
#include "widgets/node_content.h"
#include "widgets/op_style.h"

namespace inferscope::widgets {

namespace {

using Kind = PropertyLink::Kind;

QString qs(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }
QString num(std::int64_t v) { return QString::fromStdString(text::withSeparators(v)); }
QString bytes(std::int64_t v) {
  return QStringLiteral("%1 (%2 bytes)").arg(QString::fromStdString(text::humanBytes(static_cast<double>(v))), num(v));
}
QString dtypeText(model::DType t) { return qs(model::dtypeName(t)).toLower(); }
QString fmt(double v) { return QString::number(v, 'g', 7); }

QString tensorSummary(const model::Subgraph& sg, int t) {
  const auto* tensor = sg.tensor(t);
  if (!tensor) return QObject::tr("(omitted)");
  return QStringLiteral("%1  %2 %3").arg(QString::fromStdString(tensor->name), dtypeText(tensor->dtype),
                                         shapeString(tensor->shape));
}

void addJson(PropertyItem* parent, const QString& name, const json::Value& v, int depth = 0) {
  if (depth > 16) return;
  if (v.isObject()) {
    auto* node = parent->add(name, QStringLiteral("{%1}").arg(v.size()));
    for (const auto& [k, child] : v.asObject()) addJson(node, QString::fromStdString(k), child, depth + 1);
  } else if (v.isArray()) {
    const auto& a = v.asArray();
    bool scalars = std::all_of(a.begin(), a.end(), [](const json::Value& x) { return !x.isArray() && !x.isObject(); });
    if (scalars && a.size() <= 64) {
      parent->add(name, QString::fromStdString(json::write(v, -1)))->monospace = true;
    } else {
      auto* node = parent->add(name, QStringLiteral("[%1]").arg(a.size()));
      for (std::size_t i = 0; i < a.size() && i < 256; ++i) addJson(node, QString::number(i), a[i], depth + 1);
    }
  } else if (v.isString()) {
    parent->add(name, QString::fromStdString(v.asString()));
  } else {
    parent->add(name, QString::fromStdString(json::write(v, -1)))->monospace = true;
  }
}

}  // namespace

void addQuantization(PropertyItem* parent, const model::Quantization& q, int maxChannels) {
  if (q.scale.size() == 1) {
    auto zp = q.zeroPoint.empty() ? 0 : q.zeroPoint[0];
    auto* f = parent->add(QObject::tr("formula"), QStringLiteral("real = %1 \u00D7 (q \u2212 %2)").arg(fmt(q.scale[0])).arg(zp));
    f->monospace = true;
    parent->add(QObject::tr("scale"), fmt(q.scale[0]));
    parent->add(QObject::tr("zero point"), QString::number(zp));
  } else if (q.scale.size() > 1) {
    parent->add(QObject::tr("formula"), QStringLiteral("real[c] = scale[c] \u00D7 (q \u2212 zero_point[c])"))->monospace = true;
    parent->add(QObject::tr("per-channel"), QObject::tr("%1 channels on axis %2").arg(q.scale.size()).arg(q.quantizedDimension));
    auto [lo, hi] = std::minmax_element(q.scale.begin(), q.scale.end());
    parent->add(QObject::tr("scale range"), QStringLiteral("%1 \u2026 %2").arg(fmt(*lo), fmt(*hi)));
    auto* rows = parent->add(QObject::tr("channels"), QString::number(q.scale.size()));
    for (std::size_t c = 0; c < q.scale.size(); ++c) {
      if (static_cast<int>(c) >= maxChannels) {
        rows->add(QStringLiteral("\u2026"), QObject::tr("%1 more").arg(q.scale.size() - c));
        break;
      }
      auto zp = c < q.zeroPoint.size() ? q.zeroPoint[c] : 0;
      rows->add(QStringLiteral("[%1]").arg(c), QStringLiteral("%1 \u00D7 (q \u2212 %2)").arg(fmt(q.scale[c])).arg(zp))->monospace = true;
    }
  }
  if (!q.min.empty() || !q.max.empty()) {
    QStringList mins, maxs;
    for (std::size_t i = 0; i < q.min.size() && i < 8; ++i) mins << fmt(q.min[i]);
    for (std::size_t i = 0; i < q.max.size() && i < 8; ++i) maxs << fmt(q.max[i]);
    parent->add(QObject::tr("min"), mins.join(QStringLiteral(", ")));
    parent->add(QObject::tr("max"), maxs.join(QStringLiteral(", ")));
  }
  if (!q.customDetails.empty()) parent->add(QObject::tr("custom details"), QObject::tr("%1 bytes").arg(q.customDetails.size()));
}

std::unique_ptr<PropertyItem> operatorProperties(const model::Model& m, int subgraph, int opIndex) {
  auto root = std::make_unique<PropertyItem>();
  const auto& sg = m.subgraphs[static_cast<std::size_t>(subgraph)];
  const auto& op = sg.operators[static_cast<std::size_t>(opIndex)];
  const auto* code = m.opcode(op);
  auto* s = root->section(QObject::tr("Operator"));
  s->add(QObject::tr("type"), QString::fromStdString(m.opTypeName(op)));
  s->add(QObject::tr("category"), categoryName(opCategory(op.code)));
  s->add(QObject::tr("index"), QString::number(opIndex));
  if (static_cast<std::size_t>(opIndex) < sg.facts.topoPosition.size())
    s->add(QObject::tr("execution order"), QString::number(sg.facts.topoPosition[static_cast<std::size_t>(opIndex)]));
  if (code) {
    s->add(QObject::tr("version"), QString::number(code->version));
    s->add(QObject::tr("builtin code"), QString::number(static_cast<int>(code->builtin)));
    if (!code->customCode.empty()) s->add(QObject::tr("custom code"), QString::fromStdString(code->customCode));
  }
  if (static_cast<std::size_t>(opIndex) < sg.facts.macs.size()) {
    auto macs = sg.facts.macs[static_cast<std::size_t>(opIndex)];
    if (macs) s->add(QObject::tr("MACs"), num(macs));
    auto el = sg.facts.elementOps[static_cast<std::size_t>(opIndex)];
    if (el) s->add(QObject::tr("element ops"), num(el));
  }

  if (!op.options.empty()) {
    auto* a = root->section(QObject::tr("Attributes"));
    a->tooltip = qs(op.options.type);
    for (const auto& f : op.options.fields)
      a->add(qs(f.name), QString::fromStdString(model::BuiltinOptions::display(f)))->tooltip =
          f.enumType.empty() ? QString() : qs(f.enumType);
  }
  if (!op.customOptions.empty()) {
    auto* c = root->section(QObject::tr("Custom options"));
    auto decoded = model::decodeCustomOptions(op);
    if (decoded.ok() && decoded->isObject()) {
      for (const auto& [k, v] : decoded->asObject()) addJson(c, QString::fromStdString(k), v);
    } else if (decoded.ok()) {
      addJson(c, QObject::tr("value"), *decoded);
    } else {
      c->add(QObject::tr("raw"), QObject::tr("%1 bytes (%2)").arg(op.customOptions.size()).arg(QString::fromStdString(decoded.error().message)));
    }
  }
  auto links = subgraphLinks(op);
  if (!links.isEmpty()) {
    auto* l = root->section(QObject::tr("Subgraphs"));
    for (const auto& link : links) {
      QString name = link.subgraph >= 0 && static_cast<std::size_t>(link.subgraph) < m.subgraphs.size()
                         ? QString::fromStdString(m.subgraphs[static_cast<std::size_t>(link.subgraph)].name)
                         : QString();
      l->add(link.role, QObject::tr("subgraph %1 %2").arg(link.subgraph).arg(name).trimmed(), {Kind::Subgraph, link.subgraph, link.subgraph});
    }
  }
  auto listTensors = [&](const QString& title, const std::vector<std::int32_t>& ts, bool inputs) {
    if (ts.empty()) return;
    auto* sec = root->section(title);
    for (std::size_t i = 0; i < ts.size(); ++i) {
      QString name = inputs ? inputName(op.code, static_cast<int>(i)) : QStringLiteral("output %1").arg(i);
      if (!inputs && ts.size() == 1) name = QStringLiteral("output");
      auto t = ts[i];
      const auto* tensor = sg.tensor(t);
      auto* row = sec->add(name, tensorSummary(sg, t), tensor ? PropertyLink{Kind::Tensor, subgraph, t} : PropertyLink{});
      if (tensor && tensor->isConstant()) {
        row->value += QObject::tr("  (constant)");
        row->add(QObject::tr("values"), QObject::tr("view\u2026"), {Kind::TensorValues, subgraph, t});
      }
      if (tensor && tensor->quant && tensor->quant->hasScale()) addQuantization(row->add(QObject::tr("quantization")), *tensor->quant, 32);
    }
  };
  listTensors(QObject::tr("Inputs"), op.inputs, true);
  listTensors(QObject::tr("Outputs"), op.outputs, false);
  if (!op.intermediates.empty()) listTensors(QObject::tr("Intermediates"), op.intermediates, false);
  return root;
}

std::unique_ptr<PropertyItem> tensorProperties(const model::Model& m, int subgraph, int t) {
  auto root = std::make_unique<PropertyItem>();
  const auto& sg = m.subgraphs[static_cast<std::size_t>(subgraph)];
  const auto* tensor = sg.tensor(t);
  if (!tensor) return root;
  auto* s = root->section(QObject::tr("Tensor"));
  s->add(QObject::tr("name"), QString::fromStdString(tensor->name));
  s->add(QObject::tr("index"), QString::number(t));
  s->add(QObject::tr("dtype"), dtypeText(tensor->dtype));
  s->add(QObject::tr("shape"), QStringLiteral("[%1]").arg(shapeString(tensor->shape)))->monospace = true;
  if (!tensor->shapeSignature.empty()) {
    QStringList dims;
    for (auto d : tensor->shapeSignature) dims << QString::number(d);
    s->add(QObject::tr("shape_signature"), QStringLiteral("[%1]").arg(dims.join(QStringLiteral(", "))))->monospace = true;
  }
  s->add(QObject::tr("elements"), num(tensor->numElements()));
  s->add(QObject::tr("bytes"), bytes(tensor->isConstant() ? static_cast<std::int64_t>(tensor->data.size()) : tensor->byteSize()));
  s->add(QObject::tr("kind"), tensor->isConstant() ? QObject::tr("constant (buffer %1)").arg(tensor->buffer)
                              : tensor->isVariable ? QObject::tr("variable")
                                                   : QObject::tr("activation"));
  if (tensor->isConstant()) s->add(QObject::tr("values"), QObject::tr("view\u2026"), {Kind::TensorValues, subgraph, t});

  auto* g = root->section(QObject::tr("Graph"));
  const auto& f = sg.facts;
  auto ti = static_cast<std::size_t>(t);
  if (ti < f.producer.size() && f.producer[ti] >= 0) {
    auto p = f.producer[ti];
    g->add(QObject::tr("producer"), QStringLiteral("#%1 %2").arg(p).arg(QString::fromStdString(m.opTypeName(sg.operators[static_cast<std::size_t>(p)]))),
           {Kind::Operator, subgraph, p});
  }
  if (ti + 1 < f.consumerOffsets.size()) {
    auto cons = f.consumers(t);
    auto* c = g->add(QObject::tr("consumers"), QString::number(cons.size()));
    for (std::size_t i = 0; i < cons.size() && i < 256; ++i)
      c->add(QString::number(i), QStringLiteral("#%1 %2").arg(cons[i]).arg(QString::fromStdString(m.opTypeName(sg.operators[static_cast<std::size_t>(cons[i])]))),
             {Kind::Operator, subgraph, cons[i]});
  }
  if (ti < f.lifetime.size() && f.lifetime[ti].first >= 0)
    g->add(QObject::tr("lifetime"), QObject::tr("steps %1 \u2192 %2").arg(f.lifetime[ti].first).arg(f.lifetime[ti].last));
  if (std::find(sg.inputs.begin(), sg.inputs.end(), t) != sg.inputs.end()) g->add(QObject::tr("role"), QObject::tr("graph input"));
  if (std::find(sg.outputs.begin(), sg.outputs.end(), t) != sg.outputs.end()) g->add(QObject::tr("role"), QObject::tr("graph output"));

  if (tensor->quant && (tensor->quant->hasScale() || !tensor->quant->min.empty()))
    addQuantization(root->section(QObject::tr("Quantization")), *tensor->quant);
  if (tensor->sparsity) {
    const auto& sp = *tensor->sparsity;
    auto* sec = root->section(QObject::tr("Sparsity"));
    auto ints = [](const std::vector<std::int32_t>& v) {
      QStringList l;
      for (auto x : v) l << QString::number(x);
      return QStringLiteral("[%1]").arg(l.join(QStringLiteral(", ")));
    };
    sec->add(QObject::tr("traversal order"), ints(sp.traversalOrder));
    sec->add(QObject::tr("block map"), ints(sp.blockMap));
    for (std::size_t d = 0; d < sp.dimMetadata.size(); ++d) {
      const auto& dm = sp.dimMetadata[d];
      auto* row = sec->add(QObject::tr("dimension %1").arg(d), dm.format == 0 ? QStringLiteral("DENSE") : QStringLiteral("SPARSE_CSR"));
      if (dm.format == 0) row->add(QObject::tr("dense size"), QString::number(dm.denseSize));
      else {
        row->add(QObject::tr("segments"), QString::number(dm.segments.size()));
        row->add(QObject::tr("indices"), QString::number(dm.indices.size()));
      }
    }
  }
  if (!tensor->variantTensors.empty()) {
    auto* v = root->section(QObject::tr("Variant"));
    for (std::size_t i = 0; i < tensor->variantTensors.size(); ++i)
      v->add(QString::number(i), dtypeText(tensor->variantTensors[i].dtype) + QLatin1Char(' ') + shapeString(tensor->variantTensors[i].shape));
  }
  return root;
}

std::unique_ptr<PropertyItem> modelProperties(const model::Model& m, const QString& path) {
  auto root = std::make_unique<PropertyItem>();
  auto* s = root->section(QObject::tr("Model"));
  s->add(QObject::tr("format"), QObject::tr("TensorFlow Lite v%1").arg(m.version));
  if (!path.isEmpty()) {
    s->add(QObject::tr("file"), QFileInfo(path).fileName())->tooltip = path;
    s->add(QObject::tr("size"), bytes(QFileInfo(path).size()));
  }
  if (!m.description.empty()) s->add(QObject::tr("description"), QString::fromStdString(m.description));
  std::int64_t macs = 0;
  for (const auto& sg : m.subgraphs) macs += sg.facts.totalMacs;
  s->add(QObject::tr("operators"), num(static_cast<std::int64_t>(m.operatorCount())));
  s->add(QObject::tr("parameters"), num(m.parameterCount()));
  s->add(QObject::tr("weights"), bytes(m.weightBytes()));
  s->add(QObject::tr("MACs"), num(macs));

  if (!m.metadata.empty()) {
    auto* md = root->section(QObject::tr("Metadata"));
    for (const auto& e : m.metadata) md->add(QString::fromStdString(e.name), QString::fromStdString(m.metadataText(e)));
  }
  if (!m.signatures.empty()) {
    auto* sigs = root->section(QObject::tr("Signatures"));
    for (const auto& sig : m.signatures) {
      auto* row = sigs->add(QString::fromStdString(sig.key), QObject::tr("subgraph %1").arg(sig.subgraphIndex),
                            {Kind::Subgraph, static_cast<int>(sig.subgraphIndex), static_cast<int>(sig.subgraphIndex)});
      const auto* sg = sig.subgraphIndex < m.subgraphs.size() ? &m.subgraphs[sig.subgraphIndex] : nullptr;
      for (const auto& in : sig.inputs)
        row->add(QObject::tr("in: %1").arg(QString::fromStdString(in.name)),
                 sg ? tensorSummary(*sg, static_cast<int>(in.tensorIndex)) : QString::number(in.tensorIndex),
                 {Kind::Tensor, static_cast<int>(sig.subgraphIndex), static_cast<int>(in.tensorIndex)});
      for (const auto& out : sig.outputs)
        row->add(QObject::tr("out: %1").arg(QString::fromStdString(out.name)),
                 sg ? tensorSummary(*sg, static_cast<int>(out.tensorIndex)) : QString::number(out.tensorIndex),
                 {Kind::Tensor, static_cast<int>(sig.subgraphIndex), static_cast<int>(out.tensorIndex)});
    }
  }
  auto* sgs = root->section(QObject::tr("Subgraphs"));
  for (std::size_t i = 0; i < m.subgraphs.size(); ++i) {
    const auto& sg = m.subgraphs[i];
    QString name = sg.name.empty() ? QObject::tr("subgraph %1").arg(i) : QString::fromStdString(sg.name);
    auto* row = sgs->add(name, QObject::tr("%1 operators, %2 tensors").arg(sg.operators.size()).arg(sg.tensors.size()),
                         {Kind::Subgraph, static_cast<int>(i), static_cast<int>(i)});
    for (auto t : sg.inputs) row->add(QObject::tr("input"), tensorSummary(sg, t), {Kind::Tensor, static_cast<int>(i), t});
    for (auto t : sg.outputs) row->add(QObject::tr("output"), tensorSummary(sg, t), {Kind::Tensor, static_cast<int>(i), t});
  }
  QMap<QString, int> counts;
  for (const auto& sg : m.subgraphs)
    for (const auto& op : sg.operators) ++counts[QString::fromStdString(m.opTypeName(op))];
  auto* ops = root->section(QObject::tr("Operator types"));
  QList<QPair<int, QString>> sorted;
  for (auto it = counts.begin(); it != counts.end(); ++it) sorted.append({-it.value(), it.key()});
  std::sort(sorted.begin(), sorted.end());
  for (const auto& [n, type] : sorted) ops->add(type, QString::number(-n));
  return root;
}

}  // namespace inferscope::widgets
