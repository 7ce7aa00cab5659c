// externaldata(col:type, ...) [URI, ...] with (format=..., ignoreFirstRecord=...): the rows of external
// files. iochound runs offline, so each URI is read from the local file QueryOptions::externaldata_files
// maps it to (`--externaldata URL=PATH`). The rows are read at bind time, which suits the IOC lists and
// lookup tables hunting queries fetch this way.
#include <fmt/format.h>

#include <cctype>
#include <optional>
#include <stdexcept>

#include "decoders/json_objects.h"
#include "engine/function/csv.h"
#include "engine/planner/binder_internal.h"
#include "sources/input_files.h"
#include "sources/whole_input.h"

namespace iochound::binding {

namespace {

// The text of each line with its 1-based number; CRLF or LF line ends, blank lines left out.
std::vector<std::pair<size_t, std::string_view>> Lines(std::string_view text) {
  std::vector<std::pair<size_t, std::string_view>> lines;
  size_t number = 0;
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ++number;
    if (line.find_first_not_of(" \t") != std::string_view::npos) lines.emplace_back(number, line);
    start = end + 1;
  }
  return lines;
}

}  // namespace

Value Binder::ExternalValue(const std::string& text, Type type, const std::string& where,
                            const ast::Operator& op) {
  if (type == Type::String) return Value::String(text);
  // Kusto reads an empty field as null, whatever the column's type.
  if (text.empty()) return Value::Null(type);
  ast::Expr at;
  at.offset = op.offset;
  at.length = op.length;
  Value value =
      evaluator_.EvaluateScalar(*Convert(BoundExpr::Constant(Value::String(text), Type::String), type, at));
  if (value.is_null()) {
    Fail(op.offset, op.length,
         fmt::format("externaldata: {}: '{}' is not a {}", where, text, TypeName(type)));
  }
  return value;
}

PlanNodePtr Binder::BindExternalData(const ast::ExternalData& external, const ast::Operator& op) {
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kValues;
  for (const auto& column : external.columns) node->schema.push_back({column.name.name, column.type});
  const Schema& schema = node->schema;
  Schema none;
  auto constant = [&](const ast::Expr& e) { return evaluator_.EvaluateScalar(*BindExpr(e, none)); };

  std::string format = "csv";
  bool skip_first = false;
  for (const auto& option : external.options) {
    if (option.name == "format") {
      format = ToStringConstant(constant(*option.value), *option.value);
      if (format != "csv" && format != "txt" && format != "json" && format != "multijson") {
        Fail(option.offset, option.length,
             fmt::format("externaldata format '{}' is not one of csv, txt, json, multijson", format));
      }
    } else if (option.name == "ignoreFirstRecord") {
      Value v = constant(*option.value);
      skip_first = v.type() == Type::Bool ? v.int_value() != 0 : ToStringConstant(v, *option.value) == "true";
    }
  }

  // A JSON record: its members by column name; absent members are null.
  auto json_row = [&](const Dynamic& record, const std::string& where) {
    if (record.kind() != Dynamic::Kind::Object) {
      Fail(op.offset, op.length, fmt::format("externaldata: {}: a JSON record must be an object", where));
    }
    std::vector<Value> row;
    for (const auto& field : schema) {
      const Dynamic* member = record.Find(field.name);
      if (member == nullptr || member->is_null()) {
        row.push_back(field.type == Type::String ? Value::String("") : Value::Null(field.type));
      } else if (field.type == Type::Dynamic) {
        row.push_back(Value::Dyn(*member));
      } else if (member->kind() == Dynamic::Kind::String) {
        row.push_back(ExternalValue(member->string_value(), field.type, where, op));
      } else {
        row.push_back(ExternalValue(member->ToJson(), field.type, where, op));
      }
    }
    node->rows.push_back(std::move(row));
  };

  for (const auto& uri_expr : external.uris) {
    std::string uri = ToStringConstant(constant(*uri_expr), *uri_expr);
    if (externaldata_empty_) continue;
    auto mapped = externaldata_files_.find(uri);
    if (mapped == externaldata_files_.end()) {
      Fail(*uri_expr, fmt::format("externaldata: '{}' is not mapped to a local file; map it with "
                                  "--externaldata URL=PATH (iochound does not download)",
                                  uri));
    }
    const std::string& path = mapped->second;
    std::string text;
    try {
      text = ReadWholeInput(InputFile{path, nullptr, nullptr});
    } catch (const std::exception& e) {
      Fail(*uri_expr,
           fmt::format("externaldata: cannot read '{}' (mapped from '{}'): {}", path, uri, e.what()));
    }
    if (format == "csv") {
      std::vector<std::vector<std::string>> records = ParseCsvRecords(text);
      for (size_t r = skip_first ? 1 : 0; r < records.size(); ++r) {
        // ParseCsvRecords does not keep line numbers; records are numbered, which is the line for unquoted
        // CSV.
        std::string where = fmt::format("{}:{}", path, r + 1);
        std::vector<Value> row;
        for (size_t c = 0; c < schema.size(); ++c) {
          row.push_back(ExternalValue(c < records[r].size() ? records[r][c] : "", schema[c].type, where, op));
        }
        node->rows.push_back(std::move(row));
      }
    } else if (format == "txt") {
      auto lines = Lines(text);
      for (size_t r = skip_first ? 1 : 0; r < lines.size(); ++r) {
        std::string where = fmt::format("{}:{}", path, lines[r].first);
        std::vector<Value> row;
        for (size_t c = 0; c < schema.size(); ++c) {
          row.push_back(c == 0 ? ExternalValue(std::string(lines[r].second), schema[c].type, where, op)
                               : Value::Null(schema[c].type));
        }
        node->rows.push_back(std::move(row));
      }
    } else {
      // JsonObjects reads all three layouts: JSON Lines, an array of objects, objects one after another.
      JsonObjects objects(text);
      JsonObjects::Object object;
      std::string problem;
      while (objects.Next(object, problem)) {
        std::string where = fmt::format("{}:{}", path, object.line);
        if (!problem.empty()) Fail(op.offset, op.length, fmt::format("externaldata: {}: {}", where, problem));
        std::optional<Dynamic> parsed = Dynamic::ParseJson(object.text);
        if (!parsed) Fail(op.offset, op.length, fmt::format("externaldata: {}: invalid JSON", where));
        json_row(*parsed, where);
      }
    }
  }
  return node;
}

}  // namespace iochound::binding
