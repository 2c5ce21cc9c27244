#include "widgets/graph_search.h"

#include <QRegularExpression>

#include "widgets/node_content.h"

namespace inferscope::widgets {

namespace {
QString canonicalShape(const std::vector<std::int32_t>& shape) {
  QStringList parts;
  for (auto d : shape) parts << (d < 0 ? QStringLiteral("?") : QString::number(d));
  return parts.join(QLatin1Char('x'));
}
}  // namespace

SearchQuery SearchQuery::parse(const QString& input) {
  SearchQuery q;
  QString t = input.trimmed();
  if (t.size() >= 2 && t.startsWith(QLatin1Char('"')) && t.endsWith(QLatin1Char('"'))) {
    q.exact = true;
    t = t.mid(1, t.size() - 2);
  }
  t = t.toLower();
  static const QRegularExpression shapeLike(QStringLiteral("^\\[?\\s*\\d+(\\s*[x\u00D7,]\\s*\\d+)+\\s*\\]?$"));
  if (shapeLike.match(t).hasMatch()) {
    q.shape = true;
    static const QRegularExpression sep(QStringLiteral("\\s*[x\u00D7,]\\s*"));
    t.remove(QLatin1Char('[')).remove(QLatin1Char(']'));
    t = t.trimmed().replace(sep, QStringLiteral("x"));
  }
  q.text = t;
  return q;
}

bool SearchQuery::matches(const QString& field) const {
  if (text.isEmpty()) return false;
  return exact ? field == text : field.contains(text);
}

QVector<SearchHit> searchModel(const model::Model& m, const QString& input, int limit) {
  QVector<SearchHit> ops, tensors;
  auto q = SearchQuery::parse(input);
  if (q.text.isEmpty()) return {};
  for (std::size_t si = 0; si < m.subgraphs.size(); ++si) {
    const auto& sg = m.subgraphs[si];
    for (std::size_t oi = 0; oi < sg.operators.size() && ops.size() < limit; ++oi) {
      const auto& op = sg.operators[oi];
      QString type = QString::fromStdString(m.opTypeName(op));
      QString pretty = displayOpName(m, op);
      QString name;
      if (!op.outputs.empty())
        if (const auto* t = sg.tensor(op.outputs[0])) name = QString::fromStdString(t->name);
      QString why;
      if (!q.shape) {
        if (q.matches(type.toLower()) || q.matches(pretty.toLower())) why = type;
        else if (q.matches(name.toLower())) why = name;
      }
      if (why.isEmpty()) continue;
      ops.append({SearchHit::Kind::Operator, static_cast<int>(si), static_cast<int>(oi),
                  QStringLiteral("%1 #%2").arg(pretty).arg(oi), name});
    }
    for (std::size_t ti = 0; ti < sg.tensors.size() && tensors.size() < limit; ++ti) {
      const auto& t = sg.tensors[ti];
      QString name = QString::fromStdString(t.name);
      auto dt = model::dtypeName(t.dtype);
      QString dtype = QString::fromLatin1(dt.data(), static_cast<qsizetype>(dt.size())).toLower();
      bool hit = q.shape ? q.matches(canonicalShape(t.shape)) : (q.matches(name.toLower()) || q.matches(dtype));
      if (!hit) continue;
      tensors.append({SearchHit::Kind::Tensor, static_cast<int>(si), static_cast<int>(ti), name,
                      QStringLiteral("%1 %2%3").arg(dtype, shapeString(t.shape),
                                                    t.isConstant() ? QObject::tr(" (constant)") : QString())});
    }
  }
  ops += tensors;
  if (ops.size() > limit) ops.resize(limit);
  return ops;
}

SearchResultModel::SearchResultModel(QObject* parent) : QAbstractListModel(parent) {}

void SearchResultModel::setHits(QVector<SearchHit> hits) {
  beginResetModel();
  hits_ = std::move(hits);
  endResetModel();
}

int SearchResultModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : static_cast<int>(hits_.size()); }

QVariant SearchResultModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rowCount()) return {};
  const auto& h = hits_[index.row()];
  switch (role) {
    case Qt::DisplayRole:
      return h.detail.isEmpty() ? h.label : QStringLiteral("%1   \u2014 %2").arg(h.label, h.detail);
    case Qt::ToolTipRole: return QObject::tr("subgraph %1").arg(h.subgraph);
    case KindRole: return static_cast<int>(h.kind);
    case SubgraphRole: return h.subgraph;
    case IndexRole: return h.index;
    default: return {};
  }
}

}  // namespace inferscope::widgets
