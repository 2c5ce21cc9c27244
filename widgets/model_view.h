// One open model in a tab: its document, the graph view of the current subgraph, the layout jobs
// (background, cancellable, stale results dropped), subgraph history for Back, the selection and
// the decorations other features overlay.
#pragma once

#include <QWidget>
#include <list>

#include "widgets/graph_scene.h"
#include "widgets/graph_view.h"
#include "widgets/job_runner.h"
#include "widgets/model_document.h"
#include "widgets/node_decorations.h"

namespace inferscope::widgets {

struct Selection {
  enum class Kind { None, Operator, Tensor };
  Kind kind = Kind::None;
  int subgraph = 0;
  int index = -1;
  bool operator==(const Selection&) const = default;
};

class ModelView : public QWidget {
  Q_OBJECT
 public:
  explicit ModelView(QWidget* parent = nullptr);
  ~ModelView() override;

  ModelDocument* document() const { return document_; }
  GraphView* graphView() const { return view_; }
  const model::ModelPtr& model() const { return document_->model(); }

  void open(const QString& path);
  void setModel(model::ModelPtr m, const QString& name);

  int subgraph() const { return subgraph_; }
  // Shows a subgraph; with remember the current one goes on the Back stack.
  void showSubgraph(int subgraph, bool remember = true);
  bool canGoBack() const { return !history_.empty(); }
  void goBack();

  SceneOptions sceneOptions() const { return options_; }
  void setSceneOptions(const SceneOptions& o);  // relayouts in the background when they differ

  const Selection& selection() const { return selection_; }
  void selectOperator(int subgraph, int op);
  void selectTensor(int subgraph, int tensor);
  void clearSelection();

  // Per-operator overlays for every subgraph of this model (see NodeDecorations).
  void setDecorations(NodeDecorationsPtr decorations);
  const NodeDecorationsPtr& decorations() const { return decorations_; }

  bool layoutBusy() const { return layoutRunner_.busy(); }
  void cancelLayout();
  void relayout();  // retry after a cancel or failure

 Q_SIGNALS:
  void modelLoaded();
  void loadFailed(const QString& message);
  void subgraphChanged(int subgraph);
  void sceneReady();
  void selectionChanged();
  void decorationsChanged();
  void layoutProgress(double fraction);
  void layoutBusyChanged(bool busy);
  void historyChanged();

 private:
  void startLayout(bool keepView);
  void applyPendingSelection();
  void onNodeClicked(int node);
  void onNodeDoubleClicked(int node);
  GraphScenePtr cached(int subgraph, const SceneOptions& o) const;

  ModelDocument* document_;
  GraphView* view_;
  JobRunner layoutRunner_;
  int subgraph_ = 0;
  std::vector<int> history_;
  SceneOptions options_;
  Selection selection_;
  Selection pending_;
  NodeDecorationsPtr decorations_;
  std::list<GraphScenePtr> cache_;  // most recent first
};

}  // namespace inferscope::widgets
