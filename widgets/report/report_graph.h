// The graph picture of a report: subgraph 0 laid out with the graph view's layout and painter,
// operators coloured by their NPU / CPU placement, and cut between ranks into columns (and pages)
// so a long network stays readable on paper.
#pragma once

#include <QRectF>
#include <memory>
#include <vector>

#include "core/compat/ethos_u.h"
#include "core/util/json.h"
#include "core/util/result.h"
#include "widgets/charts/chart_style.h"
#include "widgets/graph_painter.h"
#include "widgets/graph_scene.h"
#include "widgets/node_decorations.h"
#include "widgets/scene_renderer.h"

namespace inferscope::widgets {

// Where one operator runs, as the report shows it (from the run document or the Ethos-U check).
struct PlacementRow {
  enum class Verdict { OnTarget, OffTarget, NotCounted };
  int subgraph = 0, index = 0;
  QString type, name;
  QString placement;  // "NPU" / "CPU", "compatible" / "not compatible", "folded" ...
  QString reason;     // the primary reason (or note)
  Verdict verdict = Verdict::OnTarget;
};

// The run document's compatibility.operators[] (any target), else the Ethos-U report's operators.
std::vector<PlacementRow> placementRows(const json::Value& document, const compat::EthosUReport* ethosU);

class ReportGraph {
 public:
  // Lays out subgraph 0 of `model` (on the calling thread) and prepares the painter.
  static Result<std::shared_ptr<const ReportGraph>> build(const model::ModelPtr& model, NodeDecorationsPtr decorations,
                                                          const ChartPalette& palette);
  // On-target (NPU) / off-target (CPU) colours and badges for every operator.
  static NodeDecorationsPtr placementDecorations(const std::vector<PlacementRow>& rows, const ChartPalette& palette);

  QRectF bounds() const;  // scene units
  // Cuts the scene between ranks into at most maxPages pages of columns that fit `area` (any unit,
  // e.g. points), choosing the fewest pages whose scale reaches `readableScale` area units per
  // scene unit. Returns, per page, the scene rectangles of its columns (left to right).
  std::vector<std::vector<QRectF>> paginate(const QSizeF& area, double readableScale, int maxPages) const;
  // Paints columns side by side into `target`, at one common scale, top-aligned.
  void paintColumns(QPainter& p, const QRectF& target, const std::vector<QRectF>& columns) const;

 private:
  // Vertical gaps between node rows where a cut does not cross any node.
  std::vector<double> cutCandidates() const;
  std::vector<QRectF> slices(int n) const;

  GraphScenePtr scene_;
  GraphPainter painter_;
  PaintState state_;
  QColor background_;
};

}  // namespace inferscope::widgets
