#include "widgets/graph_export.h"

#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QSvgGenerator>
#include <cmath>

namespace inferscope::widgets {

namespace {
constexpr double kMargin = 20;
}

Result<PngExport> exportPng(const GraphScene& scene, const GraphPainter& painter, const PaintState& state,
                            const QString& path, double scale, qint64 maxPixels, int tileSize) {
  QRectF b = scene.bounds().adjusted(-kMargin, -kMargin, kMargin, kMargin);
  double k = scale;
  auto fits = [&](double s) {
    double w = std::ceil(b.width() * s), h = std::ceil(b.height() * s);
    return w <= 32000 && h <= 32000 && w * h <= static_cast<double>(maxPixels);
  };
  if (!fits(k)) {
    k = std::min({32000 / b.width(), 32000 / b.height(), std::sqrt(static_cast<double>(maxPixels) / (b.width() * b.height()))});
    k *= 0.999;
  }
  QSize size(std::max(1, static_cast<int>(std::ceil(b.width() * k))), std::max(1, static_cast<int>(std::ceil(b.height() * k))));
  QImage image(size, QImage::Format_ARGB32_Premultiplied);
  if (image.isNull()) return makeError(ErrorCode::Io, "not enough memory for a " + std::to_string(size.width()) + "x" + std::to_string(size.height()) + " image");
  image.fill(painter.theme().background);
  PngExport out{size, k, 0};
  for (int ty = 0; ty < size.height(); ty += tileSize)
    for (int tx = 0; tx < size.width(); tx += tileSize) {
      int tw = std::min(tileSize, size.width() - tx), th = std::min(tileSize, size.height() - ty);
      // A tile is a view of the big image's pixels: no copy, one small paint pass.
      QImage tile(image.bits() + static_cast<qsizetype>(ty) * image.bytesPerLine() + tx * 4, tw, th, image.bytesPerLine(),
                  QImage::Format_ARGB32_Premultiplied);
      QPainter p(&tile);
      p.translate(-tx, -ty);
      p.scale(k, k);
      p.translate(-b.topLeft());
      QRectF visible(b.left() + tx / k, b.top() + ty / k, tw / k, th / k);
      paintScene(p, scene, painter, visible.adjusted(-2, -2, 2, 2), k, state);
      ++out.tiles;
    }
  QImageWriter writer(path, "png");
  if (!writer.write(image)) return makeError(ErrorCode::Io, "cannot write " + path.toStdString() + ": " + writer.errorString().toStdString());
  return out;
}

Status exportSvg(const GraphScene& scene, const GraphPainter& painter, const PaintState& state, const QString& path,
                 const QString& title) {
  QRectF b = scene.bounds().adjusted(-kMargin, -kMargin, kMargin, kMargin);
  QSvgGenerator gen;
  gen.setFileName(path);
  gen.setTitle(title);
  gen.setDescription(QStringLiteral("Exported by InferScope"));
  gen.setSize(b.size().toSize());
  gen.setViewBox(QRectF(QPointF(0, 0), b.size()));
  QPainter p;
  if (!p.begin(&gen)) return makeError(ErrorCode::Io, "cannot write " + path.toStdString());
  p.fillRect(QRectF(QPointF(0, 0), b.size()), painter.theme().background);
  p.translate(-b.topLeft());
  paintScene(p, scene, painter, b, 1.0, state);
  if (!p.end()) return makeError(ErrorCode::Io, "cannot finish " + path.toStdString());
  return Ok{};
}

}  // namespace inferscope::widgets
