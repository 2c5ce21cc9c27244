#include "widgets/minimap.h"

#include <QMouseEvent>
#include <QPainter>

#include "widgets/graph_view.h"

namespace inferscope::widgets {

namespace {
constexpr int kMaxSide = 200, kMinSide = 36, kPad = 4;
}

Minimap::Minimap(GraphView* view) : QWidget(view), view_(view) {
  setAttribute(Qt::WA_OpaquePaintEvent, false);
  setCursor(Qt::PointingHandCursor);
  setToolTip(tr("Overview: click or drag to move the view"));
  hide();
}

void Minimap::reposition() {
  const auto& s = view_->scene();
  if (!s || s->nodeCount() == 0) {
    hide();
    return;
  }
  QRectF b = s->bounds();
  double aspect = b.height() > 0 ? b.width() / b.height() : 1;
  int w, h;
  if (aspect >= 1) {
    w = kMaxSide;
    h = std::max(kMinSide, static_cast<int>(kMaxSide / aspect));
  } else {
    h = kMaxSide;
    w = std::max(kMinSide, static_cast<int>(kMaxSide * aspect));
  }
  QSize size(w + 2 * kPad, h + 2 * kPad);
  QRect vp = view_->viewport()->geometry();
  setGeometry(vp.right() - size.width() - 10, vp.bottom() - size.height() - 10, size.width(), size.height());
}

QRectF Minimap::graphArea() const {
  const auto& s = view_->scene();
  QRectF area = QRectF(rect()).adjusted(kPad, kPad, -kPad, -kPad);
  if (!s) return area;
  QRectF b = s->bounds();
  double k = std::min(area.width() / std::max(1.0, b.width()), area.height() / std::max(1.0, b.height()));
  QSizeF sz(b.width() * k, b.height() * k);
  return QRectF(area.center().x() - sz.width() / 2, area.center().y() - sz.height() / 2, sz.width(), sz.height());
}

QPointF Minimap::toScene(QPointF pos) const {
  const auto& s = view_->scene();
  QRectF a = graphArea(), b = s->bounds();
  double k = a.width() > 0 ? b.width() / a.width() : 1;
  if (a.width() <= 0 && a.height() > 0) k = b.height() / a.height();
  return {b.left() + (pos.x() - a.left()) * k, b.top() + (pos.y() - a.top()) * k};
}

void Minimap::invalidate() {
  cache_ = QImage();
  reposition();
  update();
}

void Minimap::paintEvent(QPaintEvent*) {
  const auto& s = view_->scene();
  if (!s) return;
  QPainter p(this);
  const auto& theme = view_->painter().theme();
  QColor bg = theme.background;
  bg.setAlpha(235);
  p.setPen(QPen(theme.nodeBorder, 1));
  p.setBrush(bg);
  p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
  QRectF a = graphArea();
  double dpr = devicePixelRatioF();
  if (cache_.isNull() || cache_.size() != (a.size() * dpr).toSize()) {
    cache_ = QImage((a.size() * dpr).toSize().expandedTo(QSize(1, 1)), QImage::Format_ARGB32_Premultiplied);
    cache_.setDevicePixelRatio(dpr);
    cache_.fill(Qt::transparent);
    QPainter ip(&cache_);
    QRectF b = s->bounds();
    double k = a.width() / std::max(1.0, b.width());
    ip.scale(k, k);
    ip.translate(-b.topLeft());
    PaintState st;
    st.decorations = view_->decorations();
    paintScene(ip, *s, view_->painter(), b, k, st);
  }
  p.drawImage(a.topLeft(), cache_);
  // The visible area.
  QRectF v = view_->visibleSceneRect(), b = s->bounds();
  double k = a.width() / std::max(1.0, b.width());
  QRectF vr(a.left() + (v.left() - b.left()) * k, a.top() + (v.top() - b.top()) * k, v.width() * k, v.height() * k);
  vr = vr.intersected(a.adjusted(-1, -1, 1, 1));
  QColor sel = theme.selection;
  p.setPen(QPen(sel, 1.5));
  sel.setAlpha(40);
  p.setBrush(sel);
  p.drawRect(vr.adjusted(0, 0, std::max(0.0, 3 - vr.width()), std::max(0.0, 3 - vr.height())));
}

void Minimap::mousePressEvent(QMouseEvent* e) {
  if (view_->scene()) view_->centerOn(toScene(e->position()));
}

void Minimap::mouseMoveEvent(QMouseEvent* e) {
  if ((e->buttons() & Qt::LeftButton) && view_->scene()) view_->centerOn(toScene(e->position()));
}

}  // namespace inferscope::widgets
