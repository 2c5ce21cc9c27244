// A small page-flow engine for PDF reports: content is laid out top to bottom in points, broken
// into pages (headings stay with what follows, tables split between rows and repeat their header,
// long paragraphs split between lines), then painted with a running header and "Page i of n".
// Layout and painting are separate passes so the page count is known while painting.
#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QFont>
#include <QPainter>
#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

class QFontMetricsF;
class QPagedPaintDevice;

namespace inferscope::widgets {

struct PdfStyle {
  QString fontFamily = QStringLiteral("DejaVu Sans");
  double bodySize = 9.0;  // points
  QColor text{33, 37, 41}, muted{100, 106, 115}, accent{37, 99, 235}, rule{210, 214, 220}, stripe{245, 247, 250};
  QColor headerFill{232, 236, 242};
};

struct PdfTable {
  struct Column {
    QString title;
    double weight = 1;  // share of the table width
    Qt::Alignment align = Qt::AlignLeft;
    bool wrap = false;  // wrap long cells and share the width left by the others (else fit or elide)
  };
  std::vector<Column> columns;
  std::vector<QStringList> rows;
  std::vector<QColor> rowMarks;  // optional: a colour chip in front of row i's markColumn cell
  int markColumn = 0;
  std::vector<bool> emphasis;    // optional: bold rows
  double fontSize = 0;           // 0: the body size minus one point
};

class PdfComposer {
  Q_DECLARE_TR_FUNCTIONS(PdfComposer)

 public:
  using PaintFn = std::function<void(QPainter&, const QRectF&)>;

  // Points of content width and height per page come from the device's page layout.
  PdfComposer(QPagedPaintDevice* device, PdfStyle style = {});

  void setRunningHeader(const QString& left, const QString& right) {
    headerLeft_ = left;
    headerRight_ = right;
  }
  void setFooterText(const QString& t) { footer_ = t; }

  double unitsPerPoint() const;
  double contentWidthPt() const { return width_ / unitsPerPoint(); }
  double contentHeightPt() const { return height_ / unitsPerPoint(); }
  double remainingPt() const { return remaining() / unitsPerPoint(); }
  double contentWidth() const { return width_; }
  double contentHeight() const { return height_; }
  double remaining() const { return height_ - y_; }
  const PdfStyle& style() const { return style_; }
  QFont font(double size, bool bold = false) const;

  // Content, in order. Sizes are in points.
  void newPage();
  void space(double points);
  // Ensures `points` remain on this page (else starts a new one).
  void keep(double points);
  void heading(const QString& text, int level = 1);
  void paragraph(const QString& text, double size = 0, const QColor& color = {}, bool bold = false);
  void bullets(const QStringList& items, double size = 0);
  // Label/value pairs in `columns` columns (key muted above the value).
  void metrics(const std::vector<std::pair<QString, QString>>& items, int columns = 3, double valueSize = 14);
  void table(const PdfTable& t);
  // A drawing of the given height (width: the content width unless given), with a caption below.
  void figure(double height, PaintFn paint, const QString& caption = {}, double width = 0);
  // Arbitrary block painted at the current position.
  void block(double height, PaintFn paint);

  // Pages with content (a page break at the very end leaves an empty page that is not counted).
  int pageCount() const {
    return static_cast<int>(pages_.size()) - (pages_.size() > 1 && pages_.back().empty() ? 1 : 0);
  }
  // Paints every page; the device must still be open (its painter is created here).
  bool paint();

 private:
  struct Item {
    QRectF rect;  // points, in the content area
    PaintFn paint;
  };
  double lineHeight(const QFont& f) const;
  void place(double height, PaintFn paint);
  double textHeight(const QString& text, const QFont& f, double width) const;
  std::vector<double> columnWidths(const PdfTable& t, const QFontMetricsF& fm, const QFontMetricsF& bold,
                                   const QFontMetricsF& header, double padX) const;

  QPagedPaintDevice* device_;
  PdfStyle style_;
  double width_ = 0, height_ = 0;   // content area, points
  double marginLeft_ = 0, marginTop_ = 0, pageWidth_ = 0, pageHeight_ = 0;
  double y_ = 0;
  std::vector<std::vector<Item>> pages_;
  QString headerLeft_, headerRight_, footer_;
};

}  // namespace inferscope::widgets
