#include "core/report/inspect.h"

#include "core/model/custom_options.h"
#include "core/util/text.h"

namespace inferscope::report {

using model::Model;
using model::Subgraph;

json::Value tensorJson(const Subgraph& sg, std::int32_t index) {
  json::Value t = json::Object{};
  const auto* tensor = sg.tensor(index);
  t.set("index", index);
  if (!tensor) return t;
  t.set("name", tensor->name);
  t.set("type", std::string(model::dtypeName(tensor->dtype)));
  json::Value shape = json::Array{};
  for (auto d : tensor->shape) shape.push(d);
  t.set("shape", shape);
  if (!tensor->shapeSignature.empty() && tensor->shapeSignature != tensor->shape) {
    json::Value sig = json::Array{};
    for (auto d : tensor->shapeSignature) sig.push(d);
    t.set("shape_signature", sig);
  }
  if (tensor->quant && tensor->quant->hasScale()) {
    const auto& q = *tensor->quant;
    json::Value qj = json::Object{};
    if (q.scale.size() == 1) {
      qj.set("scale", q.scale[0]);
      qj.set("zero_point", q.zeroPoint.empty() ? 0 : q.zeroPoint[0]);
    } else {
      json::Value s = json::Array{}, z = json::Array{};
      for (auto x : q.scale) s.push(x);
      for (auto x : q.zeroPoint) z.push(x);
      qj.set("scales", s);
      qj.set("zero_points", z);
      qj.set("quantized_dimension", q.quantizedDimension);
    }
    t.set("quantization", qj);
  }
  if (tensor->isConstant()) t.set("constant_bytes", static_cast<std::int64_t>(tensor->data.size()));
  if (tensor->isVariable) t.set("is_variable", true);
  if (tensor->sparsity) t.set("sparse", true);
  return t;
}

json::Value inspectJson(const Model& m, const std::string& path) {
  json::Value root = json::Object{};
  if (!path.empty()) root.set("file", path);
  root.set("schema_version", static_cast<std::int64_t>(m.version));
  root.set("description", m.description);
  std::int64_t macs = 0;
  for (const auto& sg : m.subgraphs) macs += sg.facts.totalMacs;
  json::Value summary = json::Object{};
  summary.set("subgraphs", m.subgraphs.size());
  summary.set("operators", m.operatorCount());
  summary.set("parameters", m.parameterCount());
  summary.set("weight_bytes", m.weightBytes());
  summary.set("macs", macs);
  root.set("summary", summary);
  const auto& main = m.subgraphs.front();
  json::Value inputs = json::Array{}, outputs = json::Array{};
  for (auto t : main.inputs) inputs.push(tensorJson(main, t));
  for (auto t : main.outputs) outputs.push(tensorJson(main, t));
  root.set("inputs", inputs);
  root.set("outputs", outputs);
  json::Value md = json::Array{};
  for (const auto& e : m.metadata) {
    json::Value o = json::Object{};
    o.set("name", e.name);
    o.set("value", m.metadataText(e));
    md.push(o);
  }
  root.set("metadata", md);
  json::Value sigs = json::Array{};
  for (const auto& s : m.signatures) {
    json::Value o = json::Object{};
    o.set("key", s.key);
    o.set("subgraph", static_cast<std::int64_t>(s.subgraphIndex));
    json::Value in = json::Array{}, out = json::Array{};
    for (const auto& e : s.inputs) in.push(e.name);
    for (const auto& e : s.outputs) out.push(e.name);
    o.set("inputs", in);
    o.set("outputs", out);
    sigs.push(o);
  }
  root.set("signature_defs", sigs);
  json::Value sgs = json::Array{};
  for (std::size_t si = 0; si < m.subgraphs.size(); ++si) {
    const auto& sg = m.subgraphs[si];
    json::Value s = json::Object{};
    s.set("index", si);
    s.set("name", sg.name);
    s.set("tensors", sg.tensors.size());
    s.set("macs", sg.facts.totalMacs);
    json::Value ops = json::Array{};
    for (std::size_t oi = 0; oi < sg.operators.size(); ++oi) {
      const auto& op = sg.operators[oi];
      json::Value o = json::Object{};
      o.set("index", oi);
      o.set("type", m.opTypeName(op));
      std::string name;
      if (!op.outputs.empty())
        if (const auto* t = sg.tensor(op.outputs[0])) name = t->name;
      o.set("name", name);
      o.set("version", m.opcode(op) ? m.opcode(op)->version : 1);
      json::Value in = json::Array{}, out = json::Array{};
      for (auto t : op.inputs) in.push(t < 0 ? json::Value() : tensorJson(sg, t));
      for (auto t : op.outputs) out.push(t < 0 ? json::Value() : tensorJson(sg, t));
      o.set("inputs", in);
      o.set("outputs", out);
      if (!op.options.empty()) {
        json::Value opts = json::Object{};
        for (const auto& f : op.options.fields) opts.set(f.name, model::BuiltinOptions::display(f));
        o.set("options", opts);
      }
      if (!op.customOptions.empty()) {
        auto dec = model::decodeCustomOptions(op);
        o.set("custom_options", dec ? *dec : json::Value(std::to_string(op.customOptions.size()) + " bytes"));
      }
      o.set("macs", sg.facts.macs[oi]);
      ops.push(o);
    }
    s.set("operators", ops);
    sgs.push(s);
  }
  root.set("subgraphs", sgs);
  return root;
}

namespace {
std::string tensorBrief(const Subgraph& sg, std::int32_t t) {
  const auto* x = sg.tensor(t);
  if (!x) return "-";
  return std::string(model::dtypeName(x->dtype)) + " " + model::shapeText(x->shape);
}
}  // namespace

std::string inspectText(const Model& m, const std::string& path) {
  using text::Table;
  std::string out;
  std::int64_t macs = 0;
  for (const auto& sg : m.subgraphs) macs += sg.facts.totalMacs;
  if (!path.empty()) out += "Model:           " + path + "\n";
  out += "Schema version:  " + std::to_string(m.version) + "\n";
  if (!m.description.empty()) out += "Description:     " + m.description + "\n";
  out += "Subgraphs:       " + std::to_string(m.subgraphs.size()) + "\n";
  out += "Operators:       " + std::to_string(m.operatorCount()) + "\n";
  out += "Parameters:      " + text::withSeparators(m.parameterCount()) + " (" + text::humanCount(static_cast<double>(m.parameterCount())) + ")\n";
  out += "Weight bytes:    " + text::withSeparators(m.weightBytes()) + " (" + text::humanBytes(static_cast<double>(m.weightBytes())) + ")\n";
  out += "MACs:            " + text::withSeparators(macs) + " (" + text::humanCount(static_cast<double>(macs)) + ")\n";
  for (const auto& e : m.metadata) out += "Metadata:        " + e.name + " = " + m.metadataText(e) + "\n";
  const auto& main = m.subgraphs.front();
  auto io = [&](const char* title, const std::vector<std::int32_t>& list) {
    Table t({"Name", "Type", "Shape", "Quantization"});
    for (auto i : list) {
      const auto* x = main.tensor(i);
      if (!x) continue;
      t.addRow({x->name, std::string(model::dtypeName(x->dtype)), model::shapeText(x->shape),
                x->quant ? model::quantText(*x->quant) : ""});
    }
    out += std::string("\n") + title + ":\n" + t.render(60, "  ");
  };
  io("Inputs", main.inputs);
  io("Outputs", main.outputs);
  for (std::size_t si = 0; si < m.subgraphs.size(); ++si) {
    const auto& sg = m.subgraphs[si];
    out += "\nSubgraph " + std::to_string(si) + (sg.name.empty() ? "" : " '" + sg.name + "'") + ": " +
           std::to_string(sg.operators.size()) + " operators, " + std::to_string(sg.tensors.size()) + " tensors\n";
    Table t({"#", "Type", "Name", "Inputs", "Outputs", "MACs"},
            {Table::Align::Right, Table::Align::Left, Table::Align::Left, Table::Align::Left, Table::Align::Left,
             Table::Align::Right});
    for (std::size_t oi = 0; oi < sg.operators.size(); ++oi) {
      const auto& op = sg.operators[oi];
      std::string ins, outs, name;
      for (auto i : op.inputs) {
        const auto* x = sg.tensor(i);
        if (!x || x->isConstant()) continue;  // constants are weights; shown by --json
        ins += (ins.empty() ? "" : ", ") + tensorBrief(sg, i);
      }
      for (auto i : op.outputs) outs += (outs.empty() ? "" : ", ") + tensorBrief(sg, i);
      if (!op.outputs.empty())
        if (const auto* x = sg.tensor(op.outputs[0])) name = x->name;
      t.addRow({std::to_string(oi), m.opTypeName(op), name, ins, outs, text::withSeparators(sg.facts.macs[oi])});
    }
    out += t.render(40, "  ");
  }
  return out;
}

}  // namespace inferscope::report
