// Builds the sidebar's property trees from the IR: operator, tensor and model properties.
#pragma once

#include <QString>
#include <memory>

#include "core/model/ir.h"
#include "widgets/property_model.h"

namespace inferscope::widgets {

std::unique_ptr<PropertyItem> operatorProperties(const model::Model& m, int subgraph, int op);
std::unique_ptr<PropertyItem> tensorProperties(const model::Model& m, int subgraph, int tensor);
std::unique_ptr<PropertyItem> modelProperties(const model::Model& m, const QString& path);

// "scale × (q − zero_point)" rows for a quantization, per channel when there are several scales.
void addQuantization(PropertyItem* parent, const model::Quantization& q, int maxChannels = 256);

}  // namespace inferscope::widgets
