// The properties sidebar: what is selected (operator, tensor or the model) as a property tree.
// Linked rows (tensors, operators, subgraphs, "view values") emit linkActivated.
#pragma once

#include <QWidget>
#include <functional>

#include "core/model/ir.h"
#include "widgets/property_model.h"

class QLabel;
class QTreeView;

namespace inferscope::widgets {

class PropertiesPanel : public QWidget {
  Q_OBJECT
 public:
  explicit PropertiesPanel(QWidget* parent = nullptr);
  void showOperator(const model::ModelPtr& m, int subgraph, int op);
  void showTensor(const model::ModelPtr& m, int subgraph, int tensor);
  void showModel(const model::ModelPtr& m, const QString& path);
  void clear();
  PropertyModel* model() const { return model_; }
  QString heading() const;
  // Sections other features append to an operator's properties (e.g. its compatibility and
  // performance, see analysis_panels.cpp); called by showOperator.
  using OperatorSections = std::function<void(PropertyItem* root, int subgraph, int op)>;
  void setOperatorSections(OperatorSections sections) { operatorSections_ = std::move(sections); }

 Q_SIGNALS:
  void linkActivated(const inferscope::widgets::PropertyLink& link);

 private:
  void present(const QString& heading, std::unique_ptr<PropertyItem> root);
  QLabel* heading_;
  QTreeView* view_;
  PropertyModel* model_;
  OperatorSections operatorSections_;
};

}  // namespace inferscope::widgets
