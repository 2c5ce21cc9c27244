// Every model under ../shared/models opens and lays out with the GUI's real node sizes: no two
// nodes overlap, and every edge runs from its tensor's producer to a consumer of that tensor.
#include <QApplication>
#include <QtTest>
#include <algorithm>

#include "core/model/loader.h"
#include "support/shared_data.h"
#include "widget_fixtures.h"
#include "widgets/graph_scene.h"

using namespace inferscope;
using namespace inferscope::widgets;
using layout::ModelNode;

namespace {

bool onBoundary(QPointF p, QRectF r) {
  const double eps = 1e-3;
  bool inside = p.x() >= r.left() - eps && p.x() <= r.right() + eps && p.y() >= r.top() - eps && p.y() <= r.bottom() + eps;
  bool edge = std::abs(p.x() - r.left()) < eps || std::abs(p.x() - r.right()) < eps || std::abs(p.y() - r.top()) < eps ||
              std::abs(p.y() - r.bottom()) < eps;
  return inside && edge;
}

// Empty when the scene is consistent, else what is wrong.
QString checkScene(const GraphScene& s) {
  const auto& sg = s.sg();
  // Overlaps: sweep over nodes sorted by left edge.
  std::vector<int> order(static_cast<std::size_t>(s.nodeCount()));
  for (int i = 0; i < s.nodeCount(); ++i) order[static_cast<std::size_t>(i)] = i;
  std::sort(order.begin(), order.end(), [&](int a, int b) { return s.nodeRect(a).left() < s.nodeRect(b).left(); });
  for (std::size_t i = 0; i < order.size(); ++i) {
    QRectF a = s.nodeRect(order[i]);
    if (a.width() <= 0 || a.height() <= 0) return QStringLiteral("node %1 has no size").arg(order[i]);
    for (std::size_t j = i + 1; j < order.size(); ++j) {
      QRectF b = s.nodeRect(order[j]);
      if (b.left() >= a.right()) break;
      if (a.intersects(b)) return QStringLiteral("nodes %1 and %2 overlap").arg(order[i]).arg(order[j]);
    }
  }
  for (int e = 0; e < s.edgeCount(); ++e) {
    const auto& edge = s.graph.edges[static_cast<std::size_t>(e)];
    const auto& from = s.graph.nodes[static_cast<std::size_t>(edge.from)];
    const auto& to = s.graph.nodes[static_cast<std::size_t>(edge.to)];
    bool produces = from.kind == ModelNode::Kind::Input
                        ? from.index == edge.tensor
                        : from.kind == ModelNode::Kind::Operator &&
                              std::count(sg.operators[static_cast<std::size_t>(from.index)].outputs.begin(),
                                         sg.operators[static_cast<std::size_t>(from.index)].outputs.end(), edge.tensor) > 0;
    bool consumes = to.kind == ModelNode::Kind::Output
                        ? to.index == edge.tensor
                        : to.kind == ModelNode::Kind::Operator &&
                              std::count(sg.operators[static_cast<std::size_t>(to.index)].inputs.begin(),
                                         sg.operators[static_cast<std::size_t>(to.index)].inputs.end(), edge.tensor) > 0;
    if (!produces) return QStringLiteral("edge %1 does not start at the producer of tensor %2").arg(e).arg(edge.tensor);
    if (!consumes) return QStringLiteral("edge %1 does not end at a consumer of tensor %2").arg(e).arg(edge.tensor);
    if (sg.facts.producer.size() > static_cast<std::size_t>(edge.tensor) && from.kind == ModelNode::Kind::Operator &&
        sg.facts.producer[static_cast<std::size_t>(edge.tensor)] != from.index)
      return QStringLiteral("edge %1: the core's producer of tensor %2 differs").arg(e).arg(edge.tensor);
    auto pts = s.route(e);
    if (pts.size() < 2) return QStringLiteral("edge %1 has no route").arg(e);
    if (!onBoundary(pts.front(), s.nodeRect(edge.from))) return QStringLiteral("edge %1 does not leave its source node").arg(e);
    if (!onBoundary(pts.back(), s.nodeRect(edge.to))) return QStringLiteral("edge %1 does not reach its target node").arg(e);
  }
  // Edge labels: every edge with a tensor has one, and (almost) none covers a node.
  if (s.edgeLabels.size() != static_cast<std::size_t>(s.edgeCount())) return QStringLiteral("edge labels missing");
  int labels = 0, covering = 0;
  for (int e = 0; e < s.edgeCount(); ++e) {
    const QRectF box = s.edgeLabels[static_cast<std::size_t>(e)];
    if (!sg.tensor(s.graph.edges[static_cast<std::size_t>(e)].tensor)) continue;
    if (box.isNull()) return QStringLiteral("edge %1 has no label").arg(e);
    ++labels;
    for (int n = 0; n < s.nodeCount(); ++n)
      if (s.nodeRect(n).intersects(box)) {
        ++covering;
        break;
      }
  }
  if (covering * 20 > labels) return QStringLiteral("%1 of %2 edge labels cover a node").arg(covering).arg(labels);
  // Every operator is drawn, and every non-constant operator input arrives on an edge.
  for (std::size_t op = 0; op < sg.operators.size(); ++op) {
    int node = s.nodeOfOperator(static_cast<int>(op));
    if (node < 0) return QStringLiteral("operator %1 has no node").arg(op);
    for (auto t : sg.operators[op].inputs) {
      const auto* tensor = sg.tensor(t);
      if (!tensor || tensor->isConstant()) continue;
      bool found = false;
      for (auto k = s.inOffset[static_cast<std::size_t>(node)]; k < s.inOffset[static_cast<std::size_t>(node) + 1] && !found; ++k)
        found = s.graph.edges[static_cast<std::size_t>(s.inEdges[static_cast<std::size_t>(k)])].tensor == t;
      if (!found) return QStringLiteral("input tensor %1 of operator %2 has no edge").arg(t).arg(op);
    }
  }
  return {};
}

}  // namespace

class SharedLayoutsTest : public QObject {
  Q_OBJECT
 private Q_SLOTS:
  void initTestCase() { testdata::isolateSettings(); }

  void everySharedModelLaysOut_data() {
    QTest::addColumn<QString>("path");
    if (testdata::sharedDir().empty()) QTest::newRow("shared-absent") << QString();
    for (const auto& p : testdata::sharedModels())
      QTest::newRow(p.filename().string().c_str()) << QString::fromStdString(p.string());
  }

  void everySharedModelLaysOut() {
    QFETCH(QString, path);
    if (path.isEmpty())
      QSKIP("../shared is absent (reference models); set INFERSCOPE_SHARED to its path to run this test");
    auto loaded = model::loadModel(path.toStdString());
    QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().describe().c_str());
    auto fonts = GraphFonts::fromFont(QApplication::font());
    for (int orientation = 0; orientation < 2; ++orientation)
      for (std::size_t sg = 0; sg < (*loaded)->subgraphs.size(); ++sg) {
        SceneOptions o;
        o.orientation = orientation ? layout::Orientation::LeftToRight : layout::Orientation::TopToBottom;
        o.content.names = orientation == 1;
        o.edgeLabels = orientation == 1;
        auto scene = buildGraphScene(*loaded, static_cast<int>(sg), o, fonts);
        QVERIFY2(scene.ok(), scene.ok() ? "" : scene.error().describe().c_str());
        auto problem = checkScene(**scene);
        QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("subgraph %1: %2").arg(sg).arg(problem)));
      }
  }

  void syntheticModelsToo() {
    auto fonts = GraphFonts::fromFont(QApplication::font());
    for (auto m : {testdata::smallCnn(), testdata::controlFlowModel()})
      for (std::size_t sg = 0; sg < m->subgraphs.size(); ++sg) {
        for (int orientation = 0; orientation < 2; ++orientation) {
          SceneOptions o;
          o.orientation = orientation ? layout::Orientation::LeftToRight : layout::Orientation::TopToBottom;
          o.edgeLabels = true;
          auto scene = buildGraphScene(m, static_cast<int>(sg), o, fonts);
          QVERIFY(scene.ok());
          auto problem = checkScene(**scene);
          QVERIFY2(problem.isEmpty(), qPrintable(problem));
        }
      }
  }
};

QTEST_MAIN(SharedLayoutsTest)
#include "test_shared_layouts.moc"
