// Finding operators and tensors by name, operator type, dtype or shape. A query matches as a
// case-insensitive substring; a quoted query ("conv") must match a whole field. Shapes may be
// written 1x224x224x3, 1×224×224×3 or [1, 224, 224, 3].
#pragma once

#include <QAbstractListModel>
#include <QString>
#include <QVector>

#include "core/model/ir.h"

namespace inferscope::widgets {

struct SearchHit {
  enum class Kind { Operator, Tensor };
  Kind kind = Kind::Operator;
  int subgraph = 0;
  int index = 0;
  QString label;   // "Conv2D #3" or the tensor's name
  QString detail;  // what matched and the shape
};

struct SearchQuery {
  QString text;        // lower-cased
  bool exact = false;  // was quoted
  bool shape = false;  // looks like a shape: compared in canonical "1x2x3" form
  static SearchQuery parse(const QString& input);
  bool matches(const QString& field) const;  // field must be lower-case
};

// Searches every subgraph; `limit` caps the number of hits (operators first, then tensors).
QVector<SearchHit> searchModel(const model::Model& m, const QString& query, int limit = 5000);

class SearchResultModel : public QAbstractListModel {
  Q_OBJECT
 public:
  enum Role { KindRole = Qt::UserRole + 1, SubgraphRole, IndexRole };
  explicit SearchResultModel(QObject* parent = nullptr);
  void setHits(QVector<SearchHit> hits);
  const QVector<SearchHit>& hits() const { return hits_; }
  int rowCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;

 private:
  QVector<SearchHit> hits_;
};

}  // namespace inferscope::widgets
