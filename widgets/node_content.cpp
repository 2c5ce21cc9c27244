#include "widgets/node_content.h"

#include <QFontMetricsF>
#include <algorithm>
#include <cmath>

namespace inferscope::widgets {

namespace {
const char16_t kExtraGlyphs[] = {u'\u27E8', u'\u27E9', u'\u2026', u'\u2192', u'\u2212'};
}

TextMetrics::TextMetrics(const QFont& font) {
  QFontMetricsF fm(font);
  for (int c = 0; c < 256; ++c) latin1_[static_cast<std::size_t>(c)] = static_cast<float>(fm.horizontalAdvance(QChar(c)));
  for (auto g : kExtraGlyphs) extra_.push_back({g, static_cast<float>(fm.horizontalAdvance(QChar(g)))});
  fallback_ = static_cast<float>(fm.horizontalAdvance(QLatin1Char('M')));
  height_ = fm.height();
  ascent_ = fm.ascent();
}

double TextMetrics::width(const QString& s) const {
  double w = 0;
  for (QChar ch : s) {
    auto u = ch.unicode();
    if (u < 256) {
      w += latin1_[u];
      continue;
    }
    float a = fallback_;
    for (const auto& [g, adv] : extra_)
      if (g == u) a = adv;
    w += a;
  }
  return w;
}

GraphFonts GraphFonts::fromFont(const QFont& base) {
  GraphFonts f;
  f.body = base;
  f.body.setPointSizeF(base.pointSizeF() > 0 ? base.pointSizeF() * 0.92 : 9);
  f.title = base;
  f.title.setBold(true);
  f.small = base;
  f.small.setPointSizeF(f.body.pointSizeF() * 0.88);
  f.titleMetrics = TextMetrics(f.title);
  f.bodyMetrics = TextMetrics(f.body);
  f.smallMetrics = TextMetrics(f.small);
  return f;
}

QString shapeString(const std::vector<std::int32_t>& shape) {
  if (shape.empty()) return QStringLiteral("scalar");
  QString s;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i) s += QChar(0x00D7);
    s += shape[i] < 0 ? QStringLiteral("?") : QString::number(shape[i]);
  }
  return s;
}

QString displayOpName(const model::Model& m, const model::Operator& op) {
  const auto* code = m.opcode(op);
  if (code && code->builtin == model::BuiltinOp::CUSTOM) return QString::fromStdString(code->customCode);
  auto raw = QString::fromLatin1(model::builtinOpName(op.code).data(),
                                 static_cast<qsizetype>(model::builtinOpName(op.code).size()));
  QString out;
  for (const auto& part : raw.split(QLatin1Char('_'), Qt::SkipEmptyParts)) {
    if (part.size() >= 2 && part[0].isDigit()) {  // "2D", "3D", "V2"
      out += part.toUpper();
      continue;
    }
    out += part.left(1).toUpper() + part.mid(1).toLower();
  }
  return out;
}

namespace {

QString elide(const QString& s, int n) { return s.size() <= n ? s : s.left(n - 1) + QChar(0x2026); }

QString twoDims(std::int64_t h, std::int64_t w) { return QStringLiteral("%1%2%3").arg(h).arg(QChar(0x00D7)).arg(w); }

void keyAttributes(const model::Subgraph& sg, const model::Operator& op, QVector<NodeRow>& rows) {
  using model::BuiltinOp;
  const auto& o = op.options;
  auto add = [&](const char* key, const QString& value) { rows.append({QString::fromLatin1(key), value, false}); };
  auto strides = [&] {
    auto sh = o.getInt("stride_h", 1), sw = o.getInt("stride_w", 1);
    if (sh != 1 || sw != 1) add("stride", twoDims(sh, sw));
  };
  auto padding = [&] {
    auto p = o.getEnum("padding");
    if (!p.empty()) add("padding", QString::fromLatin1(p.data(), static_cast<qsizetype>(p.size())));
  };
  auto dilation = [&] {
    auto dh = o.getInt("dilation_h_factor", 1), dw = o.getInt("dilation_w_factor", 1);
    if (dh != 1 || dw != 1) add("dilation", twoDims(dh, dw));
  };
  auto filterShape = [&](std::size_t input) -> const model::Tensor* {
    return input < op.inputs.size() ? sg.tensor(op.inputs[input]) : nullptr;
  };
  switch (op.code) {
    case BuiltinOp::CONV_2D:
    case BuiltinOp::DEPTHWISE_CONV_2D:
    case BuiltinOp::TRANSPOSE_CONV: {
      auto* f = filterShape(1);
      if (f && f->shape.size() == 4) add("kernel", twoDims(f->shape[1], f->shape[2]));
      strides();
      padding();
      dilation();
      if (op.code == BuiltinOp::DEPTHWISE_CONV_2D && o.getInt("depth_multiplier", 1) > 1)
        add("multiplier", QString::number(o.getInt("depth_multiplier", 1)));
      return;
    }
    case BuiltinOp::AVERAGE_POOL_2D:
    case BuiltinOp::MAX_POOL_2D:
    case BuiltinOp::L2_POOL_2D:
      add("kernel", twoDims(o.getInt("filter_height", 1), o.getInt("filter_width", 1)));
      strides();
      padding();
      return;
    case BuiltinOp::FULLY_CONNECTED: {
      auto* w = filterShape(1);
      if (w && !w->shape.empty()) add("units", QString::number(w->shape[0]));
      if (o.getBool("keep_num_dims")) add("keep_num_dims", QStringLiteral("true"));
      return;
    }
    default: break;
  }
  // Other operators: their options, as Netron lists them (fused activation is the footer).
  int shown = 0;
  for (const auto& f : o.fields) {
    if (f.name == "fused_activation_function") continue;
    if (++shown > 4) {
      rows.append({QStringLiteral("\u2026"), QString(), false});
      break;
    }
    auto v = QString::fromStdString(model::BuiltinOptions::display(f));
    rows.append({QString::fromLatin1(f.name.data(), static_cast<qsizetype>(f.name.size())), elide(v, 28), false});
  }
}

}  // namespace

NodeContent nodeContent(const model::Model& m, const model::Subgraph& sg, const layout::ModelNode& node,
                        const ContentOptions& opt) {
  NodeContent c;
  if (node.kind != layout::ModelNode::Kind::Operator) {
    const auto* t = sg.tensor(node.index);
    c.io = true;
    c.category = OpCategory::Other;
    c.title = t ? elide(QString::fromStdString(t->name), 40) : QString::number(node.index);
    if (t && opt.attributes) {
      auto dt = model::dtypeName(t->dtype);
      c.rows.append({QString::fromLatin1(dt.data(), static_cast<qsizetype>(dt.size())).toLower(), shapeString(t->shape), false});
    }
    return c;
  }
  const auto& op = sg.operators[static_cast<std::size_t>(node.index)];
  c.title = displayOpName(m, op);
  c.category = opCategory(op.code);
  c.control = !subgraphLinks(op).isEmpty();
  if (opt.names && !op.outputs.empty())
    if (const auto* t = sg.tensor(op.outputs[0])) c.subtitle = elide(QString::fromStdString(t->name), 44);
  if (opt.weights)
    for (std::size_t i = 0; i < op.inputs.size(); ++i) {
      const auto* t = sg.tensor(op.inputs[i]);
      if (!t || !t->isConstant()) continue;
      c.rows.append({inputName(op.code, static_cast<int>(i)),
                     QChar(0x27E8) + shapeString(t->shape) + QChar(0x27E9), true});
    }
  if (opt.attributes) {
    keyAttributes(sg, op, c.rows);
    for (const auto& l : subgraphLinks(op)) c.rows.append({l.role, QStringLiteral("subgraph %1").arg(l.subgraph), false});
  }
  auto act = op.options.getEnum("fused_activation_function");
  if (!act.empty() && act != "NONE") c.fused = QString::fromLatin1(act.data(), static_cast<qsizetype>(act.size()));
  return c;
}

layout::Size measureNode(const NodeContent& c, const GraphFonts& f) {
  using G = NodeGeometry;
  if (c.io) {
    double w = f.titleMetrics.width(c.title) + 2 * G::padX + 12;
    for (const auto& r : c.rows)
      w = std::max(w, f.smallMetrics.width(r.key) + f.smallMetrics.width(r.value) + 2 * G::padX + 18);
    return {std::max(w, G::minW), G::ioH + (c.rows.isEmpty() ? 0 : G::rowH - 4)};
  }
  double w = f.titleMetrics.width(c.title) + 2 * G::padX;
  double h = G::headerH;
  if (!c.subtitle.isEmpty()) {
    w = std::max(w, f.smallMetrics.width(c.subtitle) + 2 * G::padX);
    h += G::subtitleH;
  }
  if (!c.rows.isEmpty()) {
    for (const auto& r : c.rows)
      w = std::max(w, f.bodyMetrics.width(r.key) + f.bodyMetrics.width(r.value) + 2 * G::padX + 10);
    h += c.rows.size() * G::rowH + G::rowsPad;
  }
  if (!c.fused.isEmpty()) {
    w = std::max(w, f.smallMetrics.width(c.fused) + 2 * G::padX);
    h += G::footerH;
  }
  return {std::ceil(std::max(w, G::minW)), h};
}

}  // namespace inferscope::widgets
