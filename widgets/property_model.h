// A two-column (name, value) tree for the properties sidebar. Items may link somewhere (a tensor,
// an operator, a subgraph, a tensor's values); the panel follows links on activation.
#pragma once

#include <QAbstractItemModel>
#include <QString>
#include <memory>
#include <vector>

namespace inferscope::widgets {

struct PropertyLink {
  enum class Kind { None, Tensor, Operator, Subgraph, TensorValues };
  Kind kind = Kind::None;
  int subgraph = -1;
  int index = -1;
  bool operator==(const PropertyLink&) const = default;
};

class PropertyItem {
 public:
  PropertyItem(QString name = {}, QString value = {}) : name(std::move(name)), value(std::move(value)) {}
  PropertyItem* add(QString name, QString value = {}, PropertyLink link = {});
  PropertyItem* section(QString name);  // a bold heading row
  int row() const { return rowIndex; }
  int childCount() const { return static_cast<int>(children.size()); }

  QString name, value, tooltip;
  PropertyLink link;
  bool isSection = false;
  bool monospace = false;
  PropertyItem* parent = nullptr;
  int rowIndex = 0;
  std::vector<std::unique_ptr<PropertyItem>> children;
};

class PropertyModel : public QAbstractItemModel {
  Q_OBJECT
 public:
  enum Role { LinkRole = Qt::UserRole + 1, SectionRole };
  explicit PropertyModel(QObject* parent = nullptr);
  ~PropertyModel() override;

  void setRoot(std::unique_ptr<PropertyItem> root);
  const PropertyItem* root() const { return root_.get(); }
  const PropertyItem* item(const QModelIndex& index) const;
  // The first item (depth-first) with this name, for tests and navigation.
  QModelIndex find(const QString& name, const QModelIndex& start = {}) const;

  QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
  QModelIndex parent(const QModelIndex& child) const override;
  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

 private:
  std::unique_ptr<PropertyItem> root_;
};

}  // namespace inferscope::widgets

Q_DECLARE_METATYPE(inferscope::widgets::PropertyLink)
