#include "widgets/report/report_graph.h"

#include <QPainter>
#include <algorithm>
#include <cmath>

#include "widgets/scene_renderer.h"
#include "widgets/theme.h"

namespace inferscope::widgets {

namespace {
constexpr double kMargin = 12;  // scene units around each column

// Pixel-sized fonts: the scene is measured once and painted at any painter scale, on any device.
GraphFonts reportFonts() {
  QFont base(QStringLiteral("DejaVu Sans"));
  GraphFonts f;
  f.title = base;
  f.title.setPixelSize(12);
  f.title.setBold(true);
  f.body = base;
  f.body.setPixelSize(11);
  f.small = base;
  f.small.setPixelSize(10);
  f.titleMetrics = TextMetrics(f.title);
  f.bodyMetrics = TextMetrics(f.body);
  f.smallMetrics = TextMetrics(f.small);
  return f;
}
}  // namespace

std::vector<PlacementRow> placementRows(const json::Value& document, const compat::EthosUReport* ethosU) {
  std::vector<PlacementRow> rows;
  const auto& ops = document["compatibility"]["operators"];
  if (ops.isArray() && ops.size() > 0) {
    for (const auto& o : ops.asArray()) {
      PlacementRow r;
      r.subgraph = static_cast<int>(o["subgraph"].asInt());
      r.index = static_cast<int>(o["index"].asInt());
      r.type = QString::fromStdString(o["custom_code"].isString() ? o["custom_code"].asString() : o["type"].asString());
      r.name = QString::fromStdString(o["name"].asString());
      r.placement = QString::fromStdString(o["placement"].asString());
      if (o["reasons"].size() > 0) r.reason = QString::fromStdString(o["reasons"][0].asString());
      else if (o["note"].isString()) r.reason = QString::fromStdString(o["note"].asString());
      bool on = r.placement == QLatin1String("NPU") || r.placement == QLatin1String("compatible");
      r.verdict = !o["counted"].asBool(true) ? PlacementRow::Verdict::NotCounted
                  : on                       ? PlacementRow::Verdict::OnTarget
                                             : PlacementRow::Verdict::OffTarget;
      if (r.verdict == PlacementRow::Verdict::NotCounted && o["note"].isString())
        r.placement = o["note"].asString().rfind("folded", 0) == 0 ? QStringLiteral("folded") : QStringLiteral("dropped");
      rows.push_back(std::move(r));
    }
    return rows;
  }
  if (!ethosU) return rows;
  for (const auto& op : ethosU->ops) {
    PlacementRow r;
    r.subgraph = op.subgraph;
    r.index = op.index;
    r.type = QString::fromStdString(op.type == "CUSTOM" && !op.customCode.empty() ? op.customCode : op.type);
    r.name = QString::fromStdString(op.name);
    r.placement = QString::fromStdString(std::string(compat::placementName(op.placement)));
    if (const auto* p = op.primaryReason()) r.reason = QString::fromStdString(p->text());
    r.verdict = op.disposition != compat::Disposition::Runs ? PlacementRow::Verdict::NotCounted
                : op.onCpu()                                ? PlacementRow::Verdict::OffTarget
                                                            : PlacementRow::Verdict::OnTarget;
    if (op.disposition == compat::Disposition::Folded) r.placement = QStringLiteral("folded");
    if (op.disposition == compat::Disposition::Unreachable) r.placement = QStringLiteral("dropped");
    rows.push_back(std::move(r));
  }
  return rows;
}

NodeDecorationsPtr ReportGraph::placementDecorations(const std::vector<PlacementRow>& rows, const ChartPalette& palette) {
  auto d = std::make_shared<NodeDecorations>();
  for (const auto& r : rows) {
    NodeDecoration n;
    if (r.verdict == PlacementRow::Verdict::NotCounted) {
      n.outline = palette.mutedText;
    } else {
      n.fill = r.verdict == PlacementRow::Verdict::OffTarget ? palette.cpu : palette.npuCompute;
      n.badgeColor = n.fill;
    }
    n.badge = r.placement == QLatin1String("compatible") ? QStringLiteral("✓")
              : r.placement == QLatin1String("not compatible") ? QStringLiteral("✗")
                                                                : r.placement;
    n.tooltip = r.reason;
    d->set(r.subgraph, r.index, n);
  }
  return d;
}

Result<std::shared_ptr<const ReportGraph>> ReportGraph::build(const model::ModelPtr& model, NodeDecorationsPtr decorations,
                                                              const ChartPalette& palette) {
  if (!model || model->subgraphs.empty()) return makeError(ErrorCode::Usage, "no model to draw");
  SceneOptions options;
  options.content.attributes = false;
  options.content.weights = true;
  auto fonts = reportFonts();
  auto scene = buildGraphScene(model, 0, options, fonts);
  if (!scene) return scene.error();
  auto g = std::make_shared<ReportGraph>();
  g->scene_ = *scene;
  QPalette pal;
  pal.setColor(QPalette::Window, palette.background);
  pal.setColor(QPalette::Base, palette.background);
  pal.setColor(QPalette::Text, palette.text);
  pal.setColor(QPalette::Highlight, palette.npuCompute);
  g->painter_.setTheme(GraphTheme::fromPalette(pal));
  g->painter_.setFonts(fonts);
  g->state_.decorations = std::move(decorations);
  g->background_ = palette.background;
  return std::shared_ptr<const ReportGraph>(std::move(g));
}

QRectF ReportGraph::bounds() const { return scene_->bounds().adjusted(-kMargin, -kMargin, kMargin, kMargin); }

std::vector<double> ReportGraph::cutCandidates() const {
  std::vector<std::pair<double, double>> spans;
  for (int i = 0; i < scene_->nodeCount(); ++i) {
    auto r = scene_->nodeRect(i);
    spans.push_back({r.top(), r.bottom()});
  }
  std::sort(spans.begin(), spans.end());
  std::vector<double> cuts;
  double end = -1e18;
  for (const auto& [top, bottom] : spans) {
    if (end > -1e17 && top > end) cuts.push_back((top + end) / 2);
    end = std::max(end, bottom);
  }
  return cuts;
}

std::vector<QRectF> ReportGraph::slices(int n) const {
  QRectF b = bounds();
  auto cuts = cutCandidates();
  std::vector<double> ys{b.top()};
  for (int i = 1; i < n; ++i) {
    double ideal = b.top() + b.height() * i / n;
    double best = -1, dist = 1e18;
    for (double c : cuts)
      if (c > ys.back() + 1 && std::abs(c - ideal) < dist) {
        dist = std::abs(c - ideal);
        best = c;
      }
    if (best < 0) break;
    ys.push_back(best);
  }
  ys.push_back(b.bottom());
  std::vector<QRectF> out;
  for (std::size_t i = 0; i + 1 < ys.size(); ++i)
    if (ys[i + 1] > ys[i]) out.push_back(QRectF(b.left(), ys[i], b.width(), ys[i + 1] - ys[i]));
  return out;
}

std::vector<std::vector<QRectF>> ReportGraph::paginate(const QSizeF& area, double readableScale, int maxPages) const {
  const QRectF b = bounds();
  const double gap = area.width() * 0.03;
  std::vector<std::vector<QRectF>> best;
  double bestScale = -1;
  for (int pages = 1; pages <= std::max(1, maxPages); ++pages) {
    for (int cols = 1; cols <= 6; ++cols) {
      auto sl = slices(pages * cols);
      if (static_cast<int>(sl.size()) < pages * cols && cols > 1) continue;  // no more cuts
      double tallest = 0;
      for (const auto& s : sl) tallest = std::max(tallest, s.height());
      double colWidth = (area.width() - gap * (cols - 1)) / cols;
      double scale = std::min(colWidth / b.width(), area.height() / tallest);
      if (scale > bestScale) {
        bestScale = scale;
        best.clear();
        for (std::size_t i = 0; i < sl.size(); i += static_cast<std::size_t>(cols))
          best.emplace_back(sl.begin() + static_cast<std::ptrdiff_t>(i),
                            sl.begin() + static_cast<std::ptrdiff_t>(std::min(sl.size(), i + static_cast<std::size_t>(cols))));
      }
    }
    if (bestScale >= readableScale) break;
  }
  return best;
}

void ReportGraph::paintColumns(QPainter& p, const QRectF& target, const std::vector<QRectF>& columns) const {
  if (columns.empty()) return;
  const int cols = static_cast<int>(columns.size());
  const double gap = target.width() * 0.03;
  double tallest = 0;
  for (const auto& c : columns) tallest = std::max(tallest, c.height());
  double colWidth = (target.width() - gap * (cols - 1)) / cols;
  double scale = std::min(colWidth / columns.front().width(), target.height() / tallest);
  // Centre the block of columns horizontally.
  double used = cols * columns.front().width() * scale + gap * (cols - 1);
  double x = target.left() + (target.width() - used) / 2;
  for (const auto& src : columns) {
    p.save();
    QRectF dest(x, target.top(), src.width() * scale, src.height() * scale);
    p.setClipRect(dest);
    p.fillRect(dest, background_);
    p.translate(dest.topLeft());
    p.scale(scale, scale);
    p.translate(-src.topLeft());
    // Painted at full detail whatever the scale: paper has the resolution for it.
    paintScene(p, *scene_, painter_, src, std::max(scale, 1.0), state_);
    p.restore();
    x += dest.width() + gap;
  }
}

}  // namespace inferscope::widgets
