// Exporting the graph: PNG rendered in tiles (so big graphs never need one huge paint pass; the
// scale drops automatically when the image would exceed the pixel budget) and SVG (vector).
#pragma once

#include <QSize>
#include <QString>

#include "core/util/result.h"
#include "widgets/scene_renderer.h"

namespace inferscope::widgets {

struct PngExport {
  QSize size;          // pixels written
  double scale = 1;    // pixels per scene unit actually used
  int tiles = 0;
};

// Renders the whole scene at `scale` (reduced to fit maxPixels and 32k per side) on `background`.
Result<PngExport> exportPng(const GraphScene& scene, const GraphPainter& painter, const PaintState& state,
                            const QString& path, double scale = 2.0, qint64 maxPixels = 200'000'000,
                            int tileSize = 2048);
Status exportSvg(const GraphScene& scene, const GraphPainter& painter, const PaintState& state, const QString& path,
                 const QString& title = {});

}  // namespace inferscope::widgets
