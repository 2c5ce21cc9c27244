#include "widgets/model_view.h"

#include <QVBoxLayout>

#include "core/util/text.h"
#include "widgets/op_style.h"

namespace inferscope::widgets {

namespace {
constexpr std::size_t kCacheSize = 6;
}

ModelView::ModelView(QWidget* parent) : QWidget(parent) {
  document_ = new ModelDocument(this);
  view_ = new GraphView(this);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(view_);

  connect(document_, &ModelDocument::loaded, this, [this] {
    subgraph_ = 0;
    history_.clear();
    cache_.clear();
    selection_ = pending_ = {};
    Q_EMIT modelLoaded();
    Q_EMIT historyChanged();
    startLayout(false);
  });
  connect(document_, &ModelDocument::failed, this, [this](const QString& msg) {
    view_->setScene(nullptr);
    view_->setMessage(tr("Cannot open %1\n\n%2").arg(document_->path(), msg));
    Q_EMIT loadFailed(msg);
  });
  connect(&layoutRunner_, &JobRunner::progressChanged, this, [this](double f) {
    Q_EMIT layoutProgress(f);
  });
  connect(&layoutRunner_, &JobRunner::busyChanged, this, &ModelView::layoutBusyChanged);
  connect(view_, &GraphView::nodeClicked, this, &ModelView::onNodeClicked);
  connect(view_, &GraphView::nodeDoubleClicked, this, &ModelView::onNodeDoubleClicked);
  connect(view_, &GraphView::edgeClicked, this, [this](int edge) {
    const auto& s = view_->scene();
    selection_ = {Selection::Kind::Tensor, subgraph_, s->graph.edges[static_cast<std::size_t>(edge)].tensor};
    Q_EMIT selectionChanged();
  });
  connect(view_, &GraphView::backgroundClicked, this, [this] {
    selection_ = {};
    Q_EMIT selectionChanged();
  });
}

ModelView::~ModelView() = default;

void ModelView::open(const QString& path) {
  view_->setScene(nullptr);
  view_->setMessage(tr("Opening %1\u2026").arg(path));
  document_->open(path);
}

void ModelView::setModel(model::ModelPtr m, const QString& name) { document_->setModel(std::move(m), name); }

GraphScenePtr ModelView::cached(int subgraph, const SceneOptions& o) const {
  for (const auto& s : cache_)
    if (s->subgraph == subgraph && s->options == o && s->model == model()) return s;
  return nullptr;
}

void ModelView::startLayout(bool keepView) {
  const auto& m = model();
  if (!m || m->subgraphs.empty()) {
    view_->setScene(nullptr);
    view_->setMessage(tr("The model has no subgraphs."));
    return;
  }
  if (auto hit = cached(subgraph_, options_)) {
    layoutRunner_.cancel();
    cache_.remove(hit);
    cache_.push_front(hit);
    view_->setScene(hit, keepView);
    applyPendingSelection();
    Q_EMIT sceneReady();
    return;
  }
  const auto& sg = m->subgraphs[static_cast<std::size_t>(subgraph_)];
  auto nodes = QString::fromStdString(text::withSeparators(static_cast<std::int64_t>(sg.operators.size())));
  if (!keepView || !view_->scene()) {
    view_->setScene(nullptr);
    view_->setMessage(tr("Laying out %1 operators\u2026").arg(nodes));
  }
  auto fonts = view_->fonts();  // captured on the GUI thread; TextMetrics are plain tables
  layoutRunner_.start(
      [m, sgi = subgraph_, opts = options_, fonts](const JobContext& ctx) {
        return buildGraphScene(m, sgi, opts, fonts, ctx.progress());
      },
      [this, keepView](const Result<GraphScenePtr>& r) {
        if (!r.ok()) {
          view_->setScene(nullptr);
          view_->setMessage(r.error().code == ErrorCode::Cancelled
                                ? tr("Layout cancelled. Use View \u2192 Relayout (F5) to try again.")
                                : tr("Layout failed: %1").arg(QString::fromStdString(r.error().message)));
          return;
        }
        cache_.push_front(r.value());
        if (cache_.size() > kCacheSize) cache_.pop_back();
        view_->setScene(r.value(), keepView);
        applyPendingSelection();
        Q_EMIT sceneReady();
      });
}

void ModelView::cancelLayout() { layoutRunner_.cancel(); view_->setMessage(tr("Layout cancelled. Use View \u2192 Relayout (F5) to try again.")); }

void ModelView::relayout() {
  cache_.clear();
  startLayout(view_->scene() != nullptr);
}

void ModelView::showSubgraph(int sg, bool remember) {
  const auto& m = model();
  if (!m || sg < 0 || static_cast<std::size_t>(sg) >= m->subgraphs.size()) return;
  if (sg == subgraph_ && view_->scene()) return;
  if (remember && sg != subgraph_) {
    history_.push_back(subgraph_);
    Q_EMIT historyChanged();
  }
  subgraph_ = sg;
  selection_ = {};
  Q_EMIT subgraphChanged(sg);
  Q_EMIT selectionChanged();
  startLayout(false);
}

void ModelView::goBack() {
  if (history_.empty()) return;
  int sg = history_.back();
  history_.pop_back();
  Q_EMIT historyChanged();
  showSubgraph(sg, false);
}

void ModelView::setSceneOptions(const SceneOptions& o) {
  if (o == options_) return;
  options_ = o;
  if (model()) startLayout(true);
}

void ModelView::selectOperator(int sg, int op) {
  pending_ = {Selection::Kind::Operator, sg, op};
  if (sg != subgraph_) return showSubgraph(sg);
  applyPendingSelection();
}

void ModelView::selectTensor(int sg, int tensor) {
  pending_ = {Selection::Kind::Tensor, sg, tensor};
  if (sg != subgraph_) return showSubgraph(sg);
  applyPendingSelection();
}

void ModelView::clearSelection() {
  pending_ = selection_ = {};
  view_->clearSelection();
  Q_EMIT selectionChanged();
}

void ModelView::applyPendingSelection() {
  const auto& s = view_->scene();
  if (pending_.kind == Selection::Kind::None || !s || pending_.subgraph != s->subgraph) return;
  selection_ = pending_;
  pending_ = {};
  if (selection_.kind == Selection::Kind::Operator) {
    view_->selectNode(s->nodeOfOperator(selection_.index));
  } else {
    // A tensor: its input/output node, or the first edge carrying it, or its producer.
    int node = -1;
    for (int i = 0; i < s->nodeCount(); ++i) {
      const auto& n = s->graph.nodes[static_cast<std::size_t>(i)];
      if (n.kind != layout::ModelNode::Kind::Operator && n.index == selection_.index) node = i;
    }
    int edge = -1;
    for (int e = 0; e < s->edgeCount() && node < 0; ++e)
      if (s->graph.edges[static_cast<std::size_t>(e)].tensor == selection_.index) {
        edge = e;
        break;
      }
    if (node >= 0) view_->selectNode(node);
    else if (edge >= 0) view_->selectEdge(edge);
    else view_->selectNode(s->nodeOfTensor(selection_.index));
  }
  Q_EMIT selectionChanged();
}

void ModelView::onNodeClicked(int node) {
  const auto& n = view_->scene()->graph.nodes[static_cast<std::size_t>(node)];
  selection_ = n.kind == layout::ModelNode::Kind::Operator ? Selection{Selection::Kind::Operator, subgraph_, n.index}
                                                           : Selection{Selection::Kind::Tensor, subgraph_, n.index};
  Q_EMIT selectionChanged();
}

void ModelView::onNodeDoubleClicked(int node) {
  const auto& s = view_->scene();
  const auto& n = s->graph.nodes[static_cast<std::size_t>(node)];
  if (n.kind != layout::ModelNode::Kind::Operator) return;
  auto links = subgraphLinks(s->sg().operators[static_cast<std::size_t>(n.index)]);
  // WHILE enters its body, IF its then-branch, CALL_ONCE its init subgraph.
  for (const auto& l : links)
    if (l.role == QLatin1String("body") || links.size() == 1 || l.role == QLatin1String("then")) {
      showSubgraph(l.subgraph);
      return;
    }
  if (!links.isEmpty()) showSubgraph(links.front().subgraph);
}

void ModelView::setDecorations(NodeDecorationsPtr d) {
  decorations_ = std::move(d);
  view_->setDecorations(decorations_);
  Q_EMIT decorationsChanged();
}

}  // namespace inferscope::widgets
