// Per-operator overlays drawn by the graph view without the view knowing what they mean:
// compatibility (NPU / CPU), cycle heat maps, memory pressure ... A feature builds a
// NodeDecorations object and hands it to GraphView::setDecorations (or ModelView::setDecorations);
// the view repaints, shows the legend and adds the tooltips. Replacing or clearing it is cheap.
//
//   auto d = std::make_shared<NodeDecorations>();
//   d->setTitle(tr("Ethos-U55 compatibility"));
//   d->addLegend(tr("NPU"), QColor(46, 160, 67));
//   d->set(/*subgraph*/ 0, /*op*/ 12, {QColor(46, 160, 67), {}, tr("NPU"), {}, tr("Runs on the NPU")});
//   view->setDecorations(d);
#pragma once

#include <QColor>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <memory>

namespace inferscope::widgets {

struct NodeDecoration {
  QColor fill;        // replaces the node's header colour (and tints zoomed-out boxes); invalid: keep
  QColor outline;     // a ring around the node; invalid: none
  QString badge;      // short text in a chip at the node's top-right corner ("NPU", "12 %")
  QColor badgeColor;  // chip colour; invalid: the outline or fill colour
  QString tooltip;    // appended to the node's tooltip (plain text)
};

class NodeDecorations {
 public:
  void set(int subgraph, int op, NodeDecoration d) { map_.insert(key(subgraph, op), std::move(d)); }
  const NodeDecoration* find(int subgraph, int op) const {
    auto it = map_.constFind(key(subgraph, op));
    return it == map_.constEnd() ? nullptr : &it.value();
  }
  void clear() { map_.clear(); legend_.clear(); }
  int size() const { return static_cast<int>(map_.size()); }

  // The legend drawn in the view's corner.
  void setTitle(QString t) { title_ = std::move(t); }
  const QString& title() const { return title_; }
  void addLegend(QString label, QColor color) { legend_.append({std::move(label), color}); }
  const QList<QPair<QString, QColor>>& legend() const { return legend_; }
  // Fade operators without a decoration (useful when only some nodes carry information).
  void setDimUndecorated(bool on) { dim_ = on; }
  bool dimUndecorated() const { return dim_; }

 private:
  static quint64 key(int sg, int op) { return (quint64(quint32(sg)) << 32) | quint32(op); }
  QHash<quint64, NodeDecoration> map_;
  QList<QPair<QString, QColor>> legend_;
  QString title_;
  bool dim_ = false;
};

using NodeDecorationsPtr = std::shared_ptr<const NodeDecorations>;

}  // namespace inferscope::widgets
