// The look and behaviour of the app's operator tables (operators, compatibility, per-layer
// performance): one row per item, sorted by `sortColumn`, single row selection, read-only,
// compact rows, the last column stretched.
#pragma once

class QAbstractItemModel;
class QTableView;
class QWidget;

namespace inferscope::widgets {

QTableView* makeRowTable(QWidget* parent, QAbstractItemModel* model, int sortColumn);

}  // namespace inferscope::widgets
