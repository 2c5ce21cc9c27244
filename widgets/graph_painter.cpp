#include "widgets/graph_painter.h"

#include <cmath>

namespace inferscope::widgets {

Detail detailForScale(double scale) {
  if (scale < 0.22) return Detail::Boxes;
  if (scale < 0.55) return Detail::Titles;
  return Detail::Full;
}

QColor GraphPainter::headerColor(const GraphScene& s, int node, const NodeState& st) const {
  if (st.decoration && st.decoration->fill.isValid()) return st.decoration->fill;
  const auto& c = s.content[static_cast<std::size_t>(node)];
  if (c.io) return theme_.ioFill;
  return categoryColor(c.category, theme_.dark);
}

void GraphPainter::paintBadge(QPainter& p, const QRectF& r, const NodeDecoration& d) const {
  if (d.badge.isEmpty()) return;
  QColor c = d.badgeColor.isValid() ? d.badgeColor : d.outline.isValid() ? d.outline : d.fill;
  if (!c.isValid()) c = theme_.selection;
  p.setFont(fonts_.small);
  double w = fonts_.smallMetrics.width(d.badge) + 8, h = fonts_.smallMetrics.height() + 2;
  QRectF chip(r.right() - w * 0.75, r.top() - h * 0.6, w, h);
  p.setPen(QPen(theme_.background, 1));
  p.setBrush(c);
  p.drawRoundedRect(chip, h / 2, h / 2);
  p.setPen(c.lightness() > 170 ? QColor(20, 20, 20) : theme_.badgeText);
  p.drawText(chip, Qt::AlignCenter, d.badge);
}

void GraphPainter::paintNode(QPainter& p, const GraphScene& s, int node, const NodeState& st, Detail detail) const {
  const auto& c = s.content[static_cast<std::size_t>(node)];
  QRectF r = s.nodeRect(node);
  QColor head = headerColor(s, node, st);
  if (st.dimmed) p.setOpacity(0.25);
  auto ringColor = [&]() -> QColor {
    if (st.selected) return theme_.selection;
    if (st.trace == 1) return theme_.traceUp;
    if (st.trace == 2) return theme_.traceDown;
    if (st.decoration && st.decoration->outline.isValid()) return st.decoration->outline;
    return {};
  }();
  const double scale = std::abs(p.transform().m11());

  if (detail == Detail::Boxes) {
    if (ringColor.isValid()) {
      // A ring a few device pixels wide, whatever the zoom.
      double px = 3 / std::max(1e-6, std::abs(p.transform().m11()));
      p.fillRect(r.adjusted(-px, -px, px, px), ringColor);
    }
    p.fillRect(r, c.io ? theme_.edge : head);
    if (st.dimmed) p.setOpacity(1);
    return;
  }

  using G = NodeGeometry;
  const double radius = c.io ? r.height() / 2 : 4;
  // Body and border.
  p.setPen(QPen(theme_.nodeBorder, 1));
  p.setBrush(c.io ? head : theme_.nodeBody);
  p.drawRoundedRect(r, radius, radius);
  if (!c.io) {
    // Header band with rounded top corners.
    QPainterPath hp;
    QRectF hr(r.left(), r.top(), r.width(), std::min(G::headerH, r.height()));
    bool onlyHeader = c.rows.isEmpty() && c.subtitle.isEmpty() && c.fused.isEmpty();
    hp.addRoundedRect(hr, radius, radius);
    if (!onlyHeader) hp.addRect(hr.adjusted(0, radius, 0, 0));
    hp.setFillRule(Qt::WindingFill);
    p.setPen(Qt::NoPen);
    p.setBrush(head);
    p.drawPath(hp);
    if (!c.fused.isEmpty()) {
      QRectF fr(r.left(), r.bottom() - G::footerH, r.width(), G::footerH);
      QPainterPath fp;
      fp.addRoundedRect(fr, radius, radius);
      fp.addRect(fr.adjusted(0, 0, 0, -radius));
      fp.setFillRule(Qt::WindingFill);
      p.setBrush(categoryColor(OpCategory::Activation, theme_.dark));
      p.drawPath(fp);
      if (detail == Detail::Full) {
        p.setFont(fonts_.small);
        p.setPen(QColor(255, 255, 255));
        p.drawText(fr, Qt::AlignCenter, c.fused);
      }
    }
    p.setPen(QPen(theme_.nodeBorder, 1));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(r, radius, radius);
    // Title.
    QColor titleColor = st.decoration && st.decoration->fill.isValid()
                            ? (head.lightness() > 150 ? QColor(20, 20, 20) : QColor(255, 255, 255))
                            : categoryTextColor(c.category, theme_.dark);
    if (fonts_.titleMetrics.height() * scale >= 4.5) {
      p.setFont(fonts_.title);
      p.setPen(titleColor);
      p.drawText(hr, Qt::AlignCenter, c.title);
    }
  } else {
    p.setFont(fonts_.title);
    p.setPen(theme_.ioText);
    QRectF tr = c.rows.isEmpty() ? r : QRectF(r.left(), r.top() + 2, r.width(), G::ioH - 6);
    p.drawText(tr, Qt::AlignCenter, c.title);
  }

  if (detail == Detail::Titles && !c.io && !c.rows.isEmpty()) {
    // Too small to read: grey bars where the rows are, so the node keeps its look.
    QColor bar = theme_.mutedText;
    bar.setAlpha(70);
    double y = r.top() + G::headerH + (c.subtitle.isEmpty() ? 0 : G::subtitleH) + G::rowsPad / 2;
    for (const auto& row : c.rows) {
      double kw = std::min(r.width() * 0.4, fonts_.bodyMetrics.width(row.key));
      double vw = std::min(r.width() * 0.4, fonts_.bodyMetrics.width(row.value));
      p.fillRect(QRectF(r.left() + G::padX, y + G::rowH * 0.3, kw, G::rowH * 0.4), bar);
      p.fillRect(QRectF(r.right() - G::padX - vw, y + G::rowH * 0.3, vw, G::rowH * 0.4), bar);
      y += G::rowH;
    }
  }
  if (detail == Detail::Full) {
    double y = r.top() + (c.io ? G::ioH - 6 : G::headerH);
    if (!c.subtitle.isEmpty()) {
      p.setFont(fonts_.small);
      p.setPen(theme_.mutedText);
      p.drawText(QRectF(r.left() + G::padX, y, r.width() - 2 * G::padX, G::subtitleH), Qt::AlignCenter, c.subtitle);
      y += G::subtitleH;
    }
    if (!c.rows.isEmpty()) {
      y += c.io ? 0 : G::rowsPad / 2;
      p.setFont(c.io ? fonts_.small : fonts_.body);
      for (const auto& row : c.rows) {
        QRectF rr(r.left() + G::padX, y, r.width() - 2 * G::padX, c.io ? G::rowH - 4 : G::rowH);
        if (c.io) {
          p.setPen(theme_.ioText);
          p.drawText(rr, Qt::AlignCenter, row.key + QLatin1Char(' ') + row.value);
        } else {
          p.setPen(theme_.mutedText);
          p.drawText(rr, Qt::AlignLeft | Qt::AlignVCenter, row.key);
          p.setPen(theme_.text);
          p.drawText(rr, Qt::AlignRight | Qt::AlignVCenter, row.value);
        }
        y += G::rowH;
      }
    }
  }
  if (st.hovered && !ringColor.isValid()) {
    QColor h = theme_.selection;
    h.setAlpha(150);
    p.setPen(QPen(h, 1.5));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(r.adjusted(-1.5, -1.5, 1.5, 1.5), radius + 1, radius + 1);
  }
  if (ringColor.isValid()) {
    p.setPen(QPen(ringColor, st.selected ? 2.5 : 2));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(r.adjusted(-2.5, -2.5, 2.5, 2.5), radius + 2, radius + 2);
  }
  if (st.decoration && detail == Detail::Full) paintBadge(p, r, *st.decoration);
  if (st.dimmed) p.setOpacity(1);
}

QPainterPath GraphPainter::edgePath(const GraphScene& s, int edge) {
  const auto& pts = s.layout.edges[static_cast<std::size_t>(edge)].points;
  QPainterPath path;
  if (pts.empty()) return path;
  bool lr = s.layout.orientation == layout::Orientation::LeftToRight;
  path.moveTo(pts[0].x, pts[0].y);
  for (std::size_t i = 1; i < pts.size(); ++i) {
    QPointF a(pts[i - 1].x, pts[i - 1].y), b(pts[i].x, pts[i].y);
    bool straight = lr ? std::abs(a.y() - b.y()) < 0.5 : std::abs(a.x() - b.x()) < 0.5;
    if (straight) {
      path.lineTo(b);
    } else if (lr) {
      double mx = (a.x() + b.x()) / 2;
      path.cubicTo(QPointF(mx, a.y()), QPointF(mx, b.y()), b);
    } else {
      double my = (a.y() + b.y()) / 2;
      path.cubicTo(QPointF(a.x(), my), QPointF(b.x(), my), b);
    }
  }
  return path;
}

void GraphPainter::paintArrow(QPainter& p, const GraphScene& s, int edge, const QColor& c) const {
  const auto& pts = s.layout.edges[static_cast<std::size_t>(edge)].points;
  if (pts.size() < 2) return;
  QPointF tip(pts.back().x, pts.back().y), from(pts[pts.size() - 2].x, pts[pts.size() - 2].y);
  QPointF d = tip - from;
  double len = std::hypot(d.x(), d.y());
  if (len < 1e-6) return;
  d /= len;
  QPointF n(-d.y(), d.x());
  const double L = 7, W = 3.5;
  QPointF poly[3] = {tip, tip - d * L + n * W, tip - d * L - n * W};
  p.setPen(Qt::NoPen);
  p.setBrush(c);
  p.drawPolygon(poly, 3);
}

void GraphPainter::paintEdge(QPainter& p, const GraphScene& s, int edge, const EdgeState& st, Detail detail) const {
  QColor c = st.selected ? theme_.selection : st.trace == 1 ? theme_.traceUp : st.trace == 2 ? theme_.traceDown : theme_.edge;
  if (st.dimmed) c.setAlphaF(0.25);
  const auto& pts = s.layout.edges[static_cast<std::size_t>(edge)].points;
  if (detail == Detail::Boxes) {
    p.setPen(QPen(c, (st.selected || st.trace) ? 2 : 0));
    QPointF buf[64];
    std::size_t k = 0;
    std::vector<QPointF> big;
    QPointF* out = buf;
    if (pts.size() > 64) {
      big.resize(pts.size());
      out = big.data();
    }
    for (const auto& q : pts) out[k++] = QPointF(q.x, q.y);
    p.drawPolyline(out, static_cast<int>(k));
    return;
  }
  double w = st.selected ? 2.2 : st.trace ? 1.8 : 1.1;
  p.setPen(QPen(c, w, Qt::SolidLine, Qt::FlatCap, Qt::RoundJoin));
  p.setBrush(Qt::NoBrush);
  p.drawPath(edgePath(s, edge));
  if (detail == Detail::Full) paintArrow(p, s, edge, c);
}

void GraphPainter::paintEdgeLabel(QPainter& p, const GraphScene& s, int edge) const {
  const auto& e = s.graph.edges[static_cast<std::size_t>(edge)];
  const auto* t = s.sg().tensor(e.tensor);
  if (!t || static_cast<std::size_t>(edge) >= s.edgeLabels.size()) return;
  const QRectF box = s.edgeLabels[static_cast<std::size_t>(edge)];
  if (box.isNull()) return;
  p.setFont(fonts_.small);
  QColor bg = theme_.background;
  bg.setAlphaF(0.85);
  p.fillRect(box, bg);
  p.setPen(theme_.edgeLabel);
  p.drawText(box, Qt::AlignCenter, shapeString(t->shape));
}

}  // namespace inferscope::widgets
