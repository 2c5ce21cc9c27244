// The look shared by InferScope's charts: colours derived from the palette (light or dark), the
// fixed meaning colours (NPU compute, memory-bound, CPU), and the chart base class that rebuilds on
// palette changes, shows tooltips and exports PNG or SVG.
#pragma once

#include <QChartView>
#include <QColor>
#include <QList>
#include <QPalette>
#include <QString>

#include "core/util/result.h"

class QValueAxis;

namespace inferscope::widgets {

struct ChartPalette {
  bool dark = false;
  QColor background, plotBackground, text, mutedText, grid, axis;
  QColor npuCompute;   // NPU operations, compute-bound cycles (the overlay's NPU green)
  QColor memoryBound;  // NPU operations, cycles spent waiting for memory
  QColor cpu;          // operators on the CPU (estimate; the overlay's CPU red)
  QColor peak;         // markers: SRAM peak, limits
  QColor read, write;  // memory traffic

  static ChartPalette fromPalette(const QPalette& p);
  static ChartPalette light();  // for reports on paper
  // A qualitative colour for category i (tensor lifetimes, target profiles).
  QColor category(int i) const;
  // Colour i of n shades around `base` (slices of one family in a donut).
  QColor shade(const QColor& base, int i, int n) const;
};

// Formats numbers for axes and tooltips: "1.23 M", "456 k".
QString humanCycles(double cycles);
QString humanBytes(double bytes);

// A chart that owns its data, rebuilds its series when the data or the palette changes, and can
// export itself. Subclasses implement rebuild(); tooltip texts are public for tests and reports.
class ChartBase : public QChartView {
  Q_OBJECT
 public:
  explicit ChartBase(QWidget* parent = nullptr);

  // Colours to draw with; by default derived from the widget's palette. Reports force light().
  void setChartPalette(const ChartPalette& p);
  void followPalette();  // back to the widget's palette
  const ChartPalette& chartPalette() const { return palette_; }

  // The title drawn above the plot.
  QString chartTitle() const;
  // The title shown to users in tabs and file names ("Per-layer cycles").
  virtual QString displayName() const = 0;
  bool hasData() const { return hasData_; }

  // Writes the chart as .png (at `scale` times its size) or .svg, by the path's extension.
  Status exportTo(const QString& path, double scale = 2.0);
  // Renders the chart into `target` of any painter (PDF pages): laid out at `layoutSize` (screen
  // pixels; default: the target's size) and scaled to fill the target.
  void renderTo(QPainter& painter, const QRectF& target, QSizeF layoutSize = {});
  // Asks for a file (saveFileChooser()) and exports to it; failures are shown in a message box.
  // Returns the path written (empty when cancelled or failed).
  QString exportWithDialog(const QString& extension);

 protected:
  void changeEvent(QEvent* e) override;
  void resizeEvent(QResizeEvent* e) override;
  // Called once the chart has its size (on screen or for rendering): adapts what depends on it,
  // e.g. how many category labels fit. Default: nothing.
  virtual void fitToSize() {}
  // The plot area's width once laid out (an estimate before the first layout).
  double plotWidth() const;
  // "Export as PNG…" / "Export as SVG…" (the file comes from saveFileChooser()).
  void contextMenuEvent(QContextMenuEvent* e) override;
  // Recreates series and axes from the data with the current palette.
  virtual void rebuild() = 0;
  void refresh();  // applies the theme, then rebuild()
  void setHasData(bool on) { hasData_ = on; }
  void showToolTip(const QString& text);
  // Common axis styling; addStyledAxis adds the axis to the chart and styles it again (adding
  // applies the chart theme's defaults).
  void styleAxis(class QAbstractAxis* axis, const QString& title) const;
  void addStyledAxis(QAbstractAxis* axis, Qt::Alignment alignment);
  // Adds `x` (bottom) and `y` (left) styled and attaches every series of the chart to both.
  void addAxesToAllSeries(QAbstractAxis* x, QAbstractAxis* y);
  // A value axis from 0 to `top` (nice numbers, whole-number labels) titled `title`.
  QValueAxis* valueAxisTo(double top, const QString& title) const;
  void setTitleText(const QString& t);

 private:
  void applyTheme();
  ChartPalette palette_;
  bool followPalette_ = true;
  bool hasData_ = false;
};

}  // namespace inferscope::widgets
