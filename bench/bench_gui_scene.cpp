// The graph view's costs on the GUI side, on the offscreen platform: painting the whole 10k-op
// scene zoomed out (target: <= 16 ms per frame), painting a close-up, building the scene in the
// background job (contents, text measurement, layout), and filling the operator table.
#include <benchmark/benchmark.h>

#include <QApplication>
#include <QImage>
#include <QPainter>

#include "core/layout/synthetic_model.h"
#include "widgets/graph_scene.h"
#include "widgets/operator_table_model.h"
#include "widgets/scene_renderer.h"

using namespace inferscope;
using namespace inferscope::widgets;

namespace {

struct Fixture {
  model::ModelPtr model;
  GraphScenePtr scene;
  GraphPainter painter;
};

Fixture& fixture(int ops) {
  static std::map<int, Fixture> cache;
  auto& f = cache[ops];
  if (!f.scene) {
    f.model = layout::syntheticModel(ops);
    auto fonts = GraphFonts::fromFont(QApplication::font());
    f.painter.setFonts(fonts);
    f.painter.setTheme(GraphTheme::fromPalette(QApplication::palette()));
    f.scene = buildGraphScene(f.model, 0, {}, fonts).value();
  }
  return f;
}

// Paints `visible` (scene coordinates) into a 1600x1000 frame, as the view does.
void paintFrame(QImage& frame, const Fixture& f, QRectF visible) {
  double k = std::min(frame.width() / visible.width(), frame.height() / visible.height());
  QPainter p(&frame);
  p.fillRect(frame.rect(), f.painter.theme().background);
  p.scale(k, k);
  p.translate(-visible.topLeft());
  paintScene(p, *f.scene, f.painter, visible, k, PaintState{});
}

void BM_PaintWholeSceneZoomedOut(benchmark::State& state) {
  auto& f = fixture(static_cast<int>(state.range(0)));
  QImage frame(1600, 1000, QImage::Format_ARGB32_Premultiplied);
  for (auto _ : state) paintFrame(frame, f, f.scene->bounds());
  state.counters["nodes"] = f.scene->nodeCount();
  state.counters["edges"] = f.scene->edgeCount();
}

void BM_PaintZoomedOutRegion(benchmark::State& state) {
  // A fifth of the graph's depth on screen: many nodes, each a few pixels tall.
  auto& f = fixture(static_cast<int>(state.range(0)));
  QImage frame(1600, 1000, QImage::Format_ARGB32_Premultiplied);
  QRectF b = f.scene->bounds();
  QRectF v(b.left(), b.top() + b.height() * 0.4, b.width(), b.height() / 5);
  for (auto _ : state) paintFrame(frame, f, v);
}

void BM_PaintCloseUp(benchmark::State& state) {
  auto& f = fixture(static_cast<int>(state.range(0)));
  QImage frame(1600, 1000, QImage::Format_ARGB32_Premultiplied);
  QRectF b = f.scene->bounds();
  QRectF v(b.center().x() - 800, b.center().y() - 500, 1600, 1000);  // 100 % zoom, full detail
  for (auto _ : state) paintFrame(frame, f, v);
}

void BM_BuildGraphScene(benchmark::State& state) {
  auto& f = fixture(1000);  // fonts and painter
  auto m = layout::syntheticModel(static_cast<std::int32_t>(state.range(0)));
  auto fonts = f.painter.fonts();
  for (auto _ : state) benchmark::DoNotOptimize(buildGraphScene(m, 0, {}, fonts).value());
}

void BM_OperatorTableFill(benchmark::State& state) {
  auto& f = fixture(static_cast<int>(state.range(0)));
  OperatorTableModel table;
  for (auto _ : state) table.setSubgraph(f.model, 0);
}

}  // namespace

BENCHMARK(BM_PaintWholeSceneZoomedOut)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_PaintZoomedOutRegion)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_PaintCloseUp)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_BuildGraphScene)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_OperatorTableFill)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();

int main(int argc, char** argv) {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
