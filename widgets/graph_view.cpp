#include "widgets/graph_view.h"

#include <QApplication>
#include <QEvent>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>
#include <cmath>

#include "core/util/text.h"
#include "widgets/minimap.h"

namespace inferscope::widgets {

namespace {
constexpr double kMinScale = 1e-4, kMaxScale = 8;
}

GraphView::GraphView(QWidget* parent) : QAbstractScrollArea(parent), painter_(std::make_unique<GraphPainter>()) {
  setFrameShape(QFrame::NoFrame);
  viewport()->setMouseTracking(true);
  viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
  setFocusPolicy(Qt::StrongFocus);
  horizontalScrollBar()->setSingleStep(20);
  verticalScrollBar()->setSingleStep(20);
  painter_->setFonts(GraphFonts::fromFont(font()));
  minimap_ = new Minimap(this);
  refreshTheme();
}

GraphView::~GraphView() = default;

void GraphView::refreshTheme() {
  painter_->setTheme(GraphTheme::fromPalette(palette()));
  if (minimap_) minimap_->invalidate();
  viewport()->update();
}

void GraphView::changeEvent(QEvent* e) {
  if (e->type() == QEvent::PaletteChange || e->type() == QEvent::ApplicationPaletteChange) refreshTheme();
  if (e->type() == QEvent::FontChange) painter_->setFonts(GraphFonts::fromFont(font()));
  QAbstractScrollArea::changeEvent(e);
}

void GraphView::setPainter(std::unique_ptr<GraphPainter> p) {
  auto fonts = painter_->fonts();
  painter_ = std::move(p);
  painter_->setFonts(fonts);
  refreshTheme();
}

void GraphView::setMessage(const QString& text) {
  message_ = text;
  viewport()->update();
}

void GraphView::setScene(GraphScenePtr scene, bool keepView) {
  QPointF centre;
  double oldScale = scale_;
  bool keep = keepView && scene_ && scene;
  if (keep) centre = mapToScene(QRectF(viewport()->rect()).center());
  // Keep the selection when the same graph is laid out again (it has the same nodes).
  bool sameGraph = keep && scene_->model == scene->model && scene_->subgraph == scene->subgraph;
  scene_ = std::move(scene);
  if (!sameGraph) state_ = PaintState{-1, -1, -1, {}, state_.decorations, state_.edgeLabels};
  if (state_.selectedNode >= 0 && trace_) state_.trace = scene_->trace(state_.selectedNode);
  message_.clear();
  minimap_->invalidate();
  setMinimapVisible(minimapWanted_);
  if (!scene_) {
    viewport()->update();
    return;
  }
  if (keep) {
    scale_ = oldScale;
    updateScrollBars();
    if (sameGraph && state_.selectedNode >= 0 && state_.selectedNode < scene_->nodeCount())
      centerOn(scene_->nodeRect(state_.selectedNode).center());
    else
      centerOn(centre);
  } else {
    // Small graphs fit; large ones open at a readable zoom on their first nodes, as Netron does.
    QRectF b = scene_->bounds().adjusted(-kMargin, -kMargin, kMargin, kMargin);
    QSizeF vs = viewport()->size();
    double fit = std::min(vs.width() / b.width(), vs.height() / b.height());
    scale_ = fit >= 0.7 ? std::min(1.0, fit) : 1.0;
    updateScrollBars();
    if (scene_->nodeCount() > 0 && fit < 0.7) {
      QRectF first = scene_->nodeRect(0);
      bool lr = scene_->layout.orientation == layout::Orientation::LeftToRight;
      QPointF c = first.center();
      if (lr) c.setX(first.left() - kMargin + vs.width() / 2 / scale_);
      else c.setY(first.top() - kMargin + vs.height() / 2 / scale_);
      centerOn(c);
    } else {
      centerOn(scene_->bounds().center());
    }
  }
  emit viewChanged();
  viewport()->update();
}

void GraphView::setDecorations(NodeDecorationsPtr decorations) {
  state_.decorations = std::move(decorations);
  minimap_->invalidate();
  viewport()->update();
}

void GraphView::selectNode(int node, bool visible) {
  if (!scene_ || node < 0 || node >= scene_->nodeCount()) return clearSelection();
  state_.selectedNode = node;
  state_.selectedEdge = -1;
  state_.trace = trace_ ? scene_->trace(node) : std::vector<std::uint8_t>{};
  if (visible) ensureVisible(scene_->nodeRect(node));
  viewport()->update();
}

void GraphView::selectEdge(int edge, bool visible) {
  if (!scene_ || edge < 0 || edge >= scene_->edgeCount()) return clearSelection();
  state_.selectedNode = -1;
  state_.selectedEdge = edge;
  state_.trace.clear();
  if (visible) ensureVisible(scene_->edgeBounds[static_cast<std::size_t>(edge)]);
  viewport()->update();
}

void GraphView::clearSelection() {
  state_.selectedNode = state_.selectedEdge = -1;
  state_.trace.clear();
  viewport()->update();
}

void GraphView::setTraceEnabled(bool on) {
  trace_ = on;
  state_.trace = (on && scene_ && state_.selectedNode >= 0) ? scene_->trace(state_.selectedNode) : std::vector<std::uint8_t>{};
  viewport()->update();
}

void GraphView::setEdgeLabels(bool on) {
  state_.edgeLabels = on;
  viewport()->update();
}

bool GraphView::minimapVisible() const { return minimapWanted_; }
void GraphView::setMinimapVisible(bool on) {
  minimapWanted_ = on;
  minimap_->setVisible(on && scene_ && scene_->nodeCount() > 0);
  if (on) minimap_->reposition();
}

// --- coordinates -----------------------------------------------------------------------------

QPointF GraphView::offset() const {
  if (!scene_) return {};
  QRectF b = scene_->bounds();
  double w = (b.width() + 2 * kMargin) * scale_, h = (b.height() + 2 * kMargin) * scale_;
  double cx = std::max(0.0, (viewport()->width() - w) / 2), cy = std::max(0.0, (viewport()->height() - h) / 2);
  return {cx - horizontalScrollBar()->value(), cy - verticalScrollBar()->value()};
}

QPointF GraphView::mapToScene(QPointF pos) const {
  if (!scene_) return pos;
  QPointF o = offset();
  QRectF b = scene_->bounds();
  return {(pos.x() - o.x()) / scale_ + b.left() - kMargin, (pos.y() - o.y()) / scale_ + b.top() - kMargin};
}

QPointF GraphView::mapFromScene(QPointF p) const {
  if (!scene_) return p;
  QPointF o = offset();
  QRectF b = scene_->bounds();
  return {(p.x() - b.left() + kMargin) * scale_ + o.x(), (p.y() - b.top() + kMargin) * scale_ + o.y()};
}

QRectF GraphView::visibleSceneRect() const {
  return QRectF(mapToScene(QPointF(0, 0)), mapToScene(QPointF(viewport()->width(), viewport()->height())));
}

void GraphView::updateScrollBars() {
  if (!scene_) {
    horizontalScrollBar()->setRange(0, 0);
    verticalScrollBar()->setRange(0, 0);
    return;
  }
  QRectF b = scene_->bounds();
  double w = (b.width() + 2 * kMargin) * scale_, h = (b.height() + 2 * kMargin) * scale_;
  auto vw = viewport()->width(), vh = viewport()->height();
  horizontalScrollBar()->setRange(0, std::max(0, static_cast<int>(std::ceil(w - vw))));
  verticalScrollBar()->setRange(0, std::max(0, static_cast<int>(std::ceil(h - vh))));
  horizontalScrollBar()->setPageStep(vw);
  verticalScrollBar()->setPageStep(vh);
}

void GraphView::centerOn(QPointF p) {
  if (!scene_) return;
  QRectF b = scene_->bounds();
  double x = (p.x() - b.left() + kMargin) * scale_ - viewport()->width() / 2.0;
  double y = (p.y() - b.top() + kMargin) * scale_ - viewport()->height() / 2.0;
  horizontalScrollBar()->setValue(static_cast<int>(std::lround(x)));
  verticalScrollBar()->setValue(static_cast<int>(std::lround(y)));
  viewport()->update();
  emit viewChanged();
}

void GraphView::ensureVisible(const QRectF& r) {
  QRectF v = visibleSceneRect();
  if (v.contains(r)) return;
  if (r.width() > v.width() || r.height() > v.height()) {
    QSizeF vs = viewport()->size();
    setScale(std::min(vs.width() / (r.width() + 2 * kMargin), vs.height() / (r.height() + 2 * kMargin)));
  }
  centerOn(r.center());
}

void GraphView::zoomAt(double factor, QPointF anchor) {
  if (!scene_) return;
  QPointF before = mapToScene(anchor);
  scale_ = std::clamp(scale_ * factor, kMinScale, kMaxScale);
  updateScrollBars();
  QPointF now = mapFromScene(before);
  horizontalScrollBar()->setValue(horizontalScrollBar()->value() + static_cast<int>(std::lround(now.x() - anchor.x())));
  verticalScrollBar()->setValue(verticalScrollBar()->value() + static_cast<int>(std::lround(now.y() - anchor.y())));
  viewport()->update();
  emit viewChanged();
}

void GraphView::setScale(double s) { zoomAt(s / scale_, QRectF(viewport()->rect()).center()); }
void GraphView::zoomIn() { zoomAt(1.25, QRectF(viewport()->rect()).center()); }
void GraphView::zoomOut() { zoomAt(0.8, QRectF(viewport()->rect()).center()); }
void GraphView::actualSize() { setScale(1.0); }

void GraphView::fitToView() {
  if (!scene_) return;
  QRectF b = scene_->bounds().adjusted(-kMargin, -kMargin, kMargin, kMargin);
  QSizeF vs = viewport()->size();
  scale_ = std::clamp(std::min(vs.width() / b.width(), vs.height() / b.height()), kMinScale, kMaxScale);
  updateScrollBars();
  centerOn(scene_->bounds().center());
}

void GraphView::zoomToSelection() {
  if (!scene_) return;
  QRectF r;
  if (state_.selectedNode >= 0) {
    r = scene_->nodeRect(state_.selectedNode);
    if (trace_)
      for (int n = 0; n < scene_->nodeCount(); ++n)
        if (state_.trace[static_cast<std::size_t>(n)]) r = r.united(scene_->nodeRect(n));
  } else if (state_.selectedEdge >= 0) {
    r = scene_->edgeBounds[static_cast<std::size_t>(state_.selectedEdge)];
  } else {
    return fitToView();
  }
  QSizeF vs = viewport()->size();
  double s = std::min(vs.width() / (r.width() + 4 * kMargin), vs.height() / (r.height() + 4 * kMargin));
  scale_ = std::clamp(std::min(s, 2.0), kMinScale, kMaxScale);
  updateScrollBars();
  centerOn(r.center());
}

// --- painting --------------------------------------------------------------------------------

void GraphView::paintTo(QPainter& p) {
  const auto& theme = painter_->theme();
  p.fillRect(viewport()->rect(), theme.background);
  if (!scene_) {
    p.setPen(theme.mutedText);
    p.drawText(viewport()->rect(), Qt::AlignCenter | Qt::TextWordWrap, message_);
    return;
  }
  QPointF o = offset();
  QRectF b = scene_->bounds();
  p.save();
  p.translate(o.x() + (kMargin - b.left()) * scale_, o.y() + (kMargin - b.top()) * scale_);
  p.scale(scale_, scale_);
  QRectF visible = visibleSceneRect().adjusted(-4, -4, 4, 4);
  paintScene(p, *scene_, *painter_, visible, scale_, state_);
  p.restore();
  paintOverlay(p);
}

void GraphView::paintEvent(QPaintEvent*) {
  QPainter p(viewport());
  paintTo(p);
}

void GraphView::paintOverlay(QPainter& p) {
  const auto* deco = state_.decorations.get();
  if (!deco || (deco->legend().isEmpty() && deco->title().isEmpty())) return;
  const auto& theme = painter_->theme();
  const auto& f = painter_->fonts();
  double w = f.titleMetrics.width(deco->title()), lh = f.bodyMetrics.height() + 4;
  for (const auto& [label, c] : deco->legend()) w = std::max(w, f.bodyMetrics.width(label) + 22);
  double h = (deco->title().isEmpty() ? 0 : lh + 2) + lh * deco->legend().size() + 12;
  QRectF box(viewport()->width() - w - 36, 12, w + 24, h);
  QColor bg = theme.background;
  bg.setAlpha(235);
  p.setRenderHint(QPainter::Antialiasing);
  p.setPen(QPen(theme.nodeBorder, 1));
  p.setBrush(bg);
  p.drawRoundedRect(box, 5, 5);
  double y = box.top() + 6;
  if (!deco->title().isEmpty()) {
    p.setFont(f.title);
    p.setPen(theme.text);
    p.drawText(QRectF(box.left() + 12, y, w, lh), Qt::AlignVCenter | Qt::AlignLeft, deco->title());
    y += lh + 2;
  }
  p.setFont(f.body);
  for (const auto& [label, c] : deco->legend()) {
    p.setPen(Qt::NoPen);
    p.setBrush(c);
    p.drawRoundedRect(QRectF(box.left() + 12, y + lh / 2 - 5, 10, 10), 2, 2);
    p.setPen(theme.text);
    p.drawText(QRectF(box.left() + 28, y, w, lh), Qt::AlignVCenter | Qt::AlignLeft, label);
    y += lh;
  }
}

void GraphView::resizeEvent(QResizeEvent* e) {
  QAbstractScrollArea::resizeEvent(e);
  updateScrollBars();
  setMinimapVisible(minimapWanted_);
  emit viewChanged();
}

void GraphView::scrollContentsBy(int, int) {
  viewport()->update();
  minimap_->update();
  emit viewChanged();
}

// --- interaction -----------------------------------------------------------------------------

void GraphView::wheelEvent(QWheelEvent* e) {
  if (e->modifiers() & Qt::ControlModifier) {
    double steps = e->angleDelta().y() / 120.0;
    zoomAt(std::pow(1.2, steps), e->position());
    e->accept();
    return;
  }
  QAbstractScrollArea::wheelEvent(e);
}

void GraphView::mousePressEvent(QMouseEvent* e) {
  pressPos_ = lastPos_ = e->position().toPoint();
  if (!scene_) return;
  if (e->button() == Qt::MiddleButton) {
    panning_ = true;
    viewport()->setCursor(Qt::ClosedHandCursor);
    return;
  }
  if (e->button() != Qt::LeftButton) return;
  QPointF sp = mapToScene(e->position());
  int node = scene_->nodeAt(sp);
  if (node >= 0) {
    selectNode(node, false);
    emit nodeClicked(node);
    return;
  }
  int edge = scene_->edgeAt(sp, 5 / scale_);
  if (edge >= 0) {
    selectEdge(edge, false);
    emit edgeClicked(edge);
    return;
  }
  panning_ = true;
  viewport()->setCursor(Qt::ClosedHandCursor);
}

void GraphView::mouseMoveEvent(QMouseEvent* e) {
  QPoint pos = e->position().toPoint();
  if (panning_) {
    QPoint d = pos - lastPos_;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - d.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() - d.y());
  } else if (scene_) {
    int node = scene_->nodeAt(mapToScene(e->position()));
    if (node != state_.hoveredNode) {
      auto dirty = [&](int n) {
        if (n >= 0) viewport()->update(QRectF(mapFromScene(scene_->nodeRect(n).topLeft()), mapFromScene(scene_->nodeRect(n).bottomRight()))
                                           .toAlignedRect().adjusted(-4, -4, 4, 4));
      };
      dirty(state_.hoveredNode);
      dirty(node);
      state_.hoveredNode = node;
      viewport()->setCursor(node >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
    }
  }
  lastPos_ = pos;
}

void GraphView::mouseReleaseEvent(QMouseEvent* e) {
  if (panning_) {
    panning_ = false;
    viewport()->setCursor(Qt::ArrowCursor);
    if ((e->position().toPoint() - pressPos_).manhattanLength() < QApplication::startDragDistance() &&
        e->button() == Qt::LeftButton) {
      clearSelection();
      emit backgroundClicked();
    }
  }
}

void GraphView::mouseDoubleClickEvent(QMouseEvent* e) {
  if (!scene_ || e->button() != Qt::LeftButton) return;
  int node = scene_->nodeAt(mapToScene(e->position()));
  if (node >= 0) emit nodeDoubleClicked(node);
}

bool GraphView::viewportEvent(QEvent* e) {
  if (e->type() == QEvent::ToolTip && scene_) {
    auto* he = static_cast<QHelpEvent*>(e);
    QString tip = tooltipFor(mapToScene(he->pos()));
    if (tip.isEmpty()) QToolTip::hideText();
    else QToolTip::showText(he->globalPos(), tip, viewport());
    return true;
  }
  return QAbstractScrollArea::viewportEvent(e);
}

QString GraphView::tooltipFor(QPointF sp) const {
  const auto& sg = scene_->sg();
  auto tensorLine = [&](int t) {
    const auto* tensor = sg.tensor(t);
    if (!tensor) return QString();
    auto dt = model::dtypeName(tensor->dtype);
    return QStringLiteral("%1 &nbsp;<i>%2 %3</i>")
        .arg(QString::fromStdString(tensor->name).toHtmlEscaped(), QString::fromLatin1(dt.data(), static_cast<qsizetype>(dt.size())).toLower(),
             shapeString(tensor->shape));
  };
  int node = scene_->nodeAt(sp);
  if (node >= 0) {
    const auto& n = scene_->graph.nodes[static_cast<std::size_t>(node)];
    if (n.kind != layout::ModelNode::Kind::Operator)
      return (n.kind == layout::ModelNode::Kind::Input ? tr("<b>Input</b><br>") : tr("<b>Output</b><br>")) + tensorLine(n.index);
    const auto& op = sg.operators[static_cast<std::size_t>(n.index)];
    QString tip = QStringLiteral("<b>%1</b> &nbsp;#%2<br>").arg(displayOpName(*scene_->model, op)).arg(n.index);
    for (auto t : op.outputs) tip += tr("out: ") + tensorLine(t) + QStringLiteral("<br>");
    auto macs = sg.facts.macs.size() > static_cast<std::size_t>(n.index) ? sg.facts.macs[static_cast<std::size_t>(n.index)] : 0;
    if (macs > 0) tip += tr("MACs: %1").arg(QString::fromStdString(text::humanCount(static_cast<double>(macs))));
    if (state_.decorations)
      if (const auto* d = state_.decorations->find(scene_->subgraph, n.index); d && !d->tooltip.isEmpty())
        tip += QStringLiteral("<hr>") + d->tooltip.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    return tip;
  }
  int edge = scene_->edgeAt(sp, 5 / scale_);
  if (edge >= 0) return tensorLine(scene_->graph.edges[static_cast<std::size_t>(edge)].tensor);
  return {};
}

}  // namespace inferscope::widgets
