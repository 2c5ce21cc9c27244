// What a graph node shows (title, name, attribute and weight rows, fused activation) and how big
// it is. Built off the GUI thread: text is measured with a TextMetrics table captured from the
// view's fonts on the GUI thread, so layout jobs never touch QFont.
#pragma once

#include <QFont>
#include <QString>
#include <QVector>
#include <array>
#include <vector>

#include "core/layout/model_graph.h"
#include "core/model/ir.h"
#include "widgets/op_style.h"

namespace inferscope::widgets {

// Advance widths of one font, usable from any thread.
class TextMetrics {
 public:
  TextMetrics() = default;
  explicit TextMetrics(const QFont& font);
  double width(const QString& s) const;
  double height() const { return height_; }
  double ascent() const { return ascent_; }

 private:
  std::array<float, 256> latin1_{};
  std::vector<std::pair<char16_t, float>> extra_;  // the few non-Latin-1 glyphs nodes use
  float fallback_ = 7;
  double height_ = 14, ascent_ = 11;
};

// Fonts of the graph and their metrics; create on the GUI thread, pass by value to jobs.
struct GraphFonts {
  QFont title, body, small;
  TextMetrics titleMetrics, bodyMetrics, smallMetrics;
  static GraphFonts fromFont(const QFont& base);
};

struct ContentOptions {
  bool attributes = true;  // Ctrl+D: kernel, stride, padding ... rows
  bool weights = true;     // Ctrl+I: constant input rows ("filter ⟨32×3×3×3⟩")
  bool names = false;      // Ctrl+U: the operator's name (its first output tensor) under the title
  bool operator==(const ContentOptions&) const = default;
};

struct NodeRow {
  QString key;
  QString value;
  bool weight = false;  // a constant input
};

struct NodeContent {
  QString title;
  QString subtitle;
  QVector<NodeRow> rows;
  QString fused;        // fused activation, drawn as a footer band
  OpCategory category = OpCategory::Other;
  bool io = false;      // graph input or output pill
  bool control = false; // links to subgraphs (double-click enters)
};

// Geometry of a node's parts, shared by measuring and painting.
struct NodeGeometry {
  static constexpr double padX = 8, headerH = 22, subtitleH = 15, rowH = 16, rowsPad = 5, footerH = 18,
                          ioH = 26, minW = 56;
};

// "DEPTHWISE_CONV_2D" -> "DepthwiseConv2D"; custom ops keep their code.
QString displayOpName(const model::Model& m, const model::Operator& op);
// "1×224×224×3"; "scalar" for rank 0.
QString shapeString(const std::vector<std::int32_t>& shape);

NodeContent nodeContent(const model::Model& m, const model::Subgraph& sg, const layout::ModelNode& node,
                        const ContentOptions& options);
// Width and height of a node showing `c`.
layout::Size measureNode(const NodeContent& c, const GraphFonts& fonts);

}  // namespace inferscope::widgets
