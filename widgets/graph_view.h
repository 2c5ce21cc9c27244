// The graph canvas: pans, zooms, selects and draws a GraphScene with level of detail. It does not
// know the model beyond the scene; features overlay information through setDecorations().
#pragma once

#include <QAbstractScrollArea>
#include <memory>

#include "widgets/graph_painter.h"
#include "widgets/graph_scene.h"
#include "widgets/node_decorations.h"
#include "widgets/scene_renderer.h"

namespace inferscope::widgets {

class Minimap;

class GraphView : public QAbstractScrollArea {
  Q_OBJECT
 public:
  explicit GraphView(QWidget* parent = nullptr);
  ~GraphView() override;

  // Shows `scene`. With keepView the zoom and the scene point at the centre are kept (relayouts
  // after toggling attributes); otherwise the view fits the graph's top.
  void setScene(GraphScenePtr scene, bool keepView = false);
  const GraphScenePtr& scene() const { return scene_; }
  // Shown instead of the graph when there is no scene (loading, laying out, errors).
  void setMessage(const QString& text);

  // Overlays (colour, badge, tooltip per operator) from other features; null clears them.
  void setDecorations(NodeDecorationsPtr decorations);
  const NodeDecorationsPtr& decorations() const { return state_.decorations; }
  // Replaces how nodes and edges are drawn.
  void setPainter(std::unique_ptr<GraphPainter> painter);
  GraphPainter& painter() { return *painter_; }
  const GraphFonts& fonts() const { return painter_->fonts(); }

  int selectedNode() const { return state_.selectedNode; }
  int selectedEdge() const { return state_.selectedEdge; }
  void selectNode(int node, bool ensureVisible = true);
  void selectEdge(int edge, bool ensureVisible = true);
  void clearSelection();

  bool traceEnabled() const { return trace_; }
  void setTraceEnabled(bool on);
  bool edgeLabels() const { return state_.edgeLabels; }
  void setEdgeLabels(bool on);
  bool minimapVisible() const;
  void setMinimapVisible(bool on);

  double scale() const { return scale_; }
  void setScale(double scale);  // around the viewport centre
  void zoomIn();
  void zoomOut();
  void actualSize();
  void fitToView();
  void zoomToSelection();
  void centerOn(QPointF scenePoint);
  void ensureVisible(const QRectF& sceneRect);
  QRectF visibleSceneRect() const;
  QPointF mapToScene(QPointF viewportPos) const;
  QPointF mapFromScene(QPointF scenePos) const;

  // Draws the whole view (for screenshots and the scene-paint benchmark).
  void paintTo(QPainter& p);

 signals:
  void nodeClicked(int node);
  void edgeClicked(int edge);
  void nodeDoubleClicked(int node);
  void backgroundClicked();
  void viewChanged();

 protected:
  void paintEvent(QPaintEvent*) override;
  void resizeEvent(QResizeEvent*) override;
  void scrollContentsBy(int dx, int dy) override;
  void wheelEvent(QWheelEvent*) override;
  void mousePressEvent(QMouseEvent*) override;
  void mouseMoveEvent(QMouseEvent*) override;
  void mouseReleaseEvent(QMouseEvent*) override;
  void mouseDoubleClickEvent(QMouseEvent*) override;
  bool viewportEvent(QEvent*) override;
  void changeEvent(QEvent*) override;

 private:
  QString tooltipFor(QPointF scenePos) const;
  void updateScrollBars();
  void zoomAt(double factor, QPointF viewportPos);
  void paintOverlay(QPainter& p);
  void refreshTheme();
  QPointF offset() const;  // viewport position of scene origin (before scrolling)

  GraphScenePtr scene_;
  std::unique_ptr<GraphPainter> painter_;
  PaintState state_;
  Minimap* minimap_ = nullptr;
  QString message_;
  double scale_ = 1;
  bool trace_ = false;
  bool minimapWanted_ = true;
  bool panning_ = false;
  QPoint pressPos_, lastPos_;
  static constexpr double kMargin = 40;
};

}  // namespace inferscope::widgets
