// Overview of the whole graph in a corner of the view, with the visible area outlined; click or
// drag to move there. Renders the scene once into a cached image (HiDPI-aware).
#pragma once

#include <QImage>
#include <QWidget>

#include "widgets/graph_scene.h"

namespace inferscope::widgets {

class GraphView;

class Minimap : public QWidget {
  Q_OBJECT
 public:
  explicit Minimap(GraphView* view);
  // Re-renders the cached overview (scene, theme or decorations changed) and re-places itself.
  void invalidate();
  void reposition();

 protected:
  void paintEvent(QPaintEvent*) override;
  void mousePressEvent(QMouseEvent*) override;
  void mouseMoveEvent(QMouseEvent*) override;

 private:
  QRectF graphArea() const;  // where the scene is drawn inside the widget
  QPointF toScene(QPointF widgetPos) const;
  GraphView* view_;
  QImage cache_;
};

}  // namespace inferscope::widgets
