// Functions Sentinel and Defender provide beside KQL.
//
// _GetWatchlist('name'), Sentinel's accessor of watchlists: here the CSV file name.csv in the directory
// QueryOptions::watchlist_dir names (`--watchlists DIR`). As in Sentinel, every column is a string and a
// SearchKey column holds the value of the watchlist's search key column, here the first column of the file.
//
// `invoke FileProfile([HashColumn] [, MaxRecords])`, Defender's enrichment of files with Microsoft's file
// intelligence, which is not available offline: the profile's columns are added, null.
#include <fmt/format.h>

#include <filesystem>

#include "common/file_text.h"
#include "engine/function/csv.h"
#include "engine/planner/binder_internal.h"

namespace iochound::binding {

PlanNodePtr Binder::BindFileProfile(const ast::Expr& call, PlanNodePtr input) {
  static const std::vector<Field> kProfile = {{"SHA1", Type::String},
                                              {"SHA256", Type::String},
                                              {"MD5", Type::String},
                                              {"FileSize", Type::Long},
                                              {"GlobalPrevalence", Type::Long},
                                              {"GlobalFirstSeen", Type::DateTime},
                                              {"GlobalLastSeen", Type::DateTime},
                                              {"Signer", Type::String},
                                              {"Issuer", Type::String},
                                              {"SignerHash", Type::String},
                                              {"IsCertificateValid", Type::Bool},
                                              {"IsRootSignerMicrosoft", Type::Bool},
                                              {"SignatureState", Type::String},
                                              {"IsExecutable", Type::Bool},
                                              {"ThreatName", Type::String},
                                              {"Publisher", Type::String},
                                              {"SoftwareName", Type::String}};
  if (call.args.size() > 2) Fail(call, "FileProfile() takes a hash column and a record count");
  // The hash column must exist, as Defender checks it.
  if (!call.args.empty()) BindExpr(*call.args[0], input->schema);
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kProject;
  for (size_t i = 0; i < input->schema.size(); ++i)
    AddOutput(*node, input->schema[i].name, ColumnRef(input->schema, i));
  for (const auto& field : kProfile) {
    if (FindField(node->schema, field.name) < 0)
      AddOutput(*node, field.name, BoundExpr::Constant(Value::Null(field.type), field.type));
  }
  node->children.push_back(std::move(input));
  return node;
}

PlanNodePtr Binder::BindGetWatchlist(const ast::Expr& call) {
  if (call.args.empty()) Fail(call, "_GetWatchlist() takes the watchlist's alias: _GetWatchlist('name')");
  Schema none;
  BoundExprPtr alias = BindExpr(*call.args[0], none);
  if (alias->kind != BoundExpr::Kind::kConstant || alias->type != Type::String) {
    Fail(*call.args[0], "_GetWatchlist(): the alias must be a constant string");
  }
  std::string name = alias->value.string_value();
  if (watchlist_dir_.empty()) {
    Fail(call, fmt::format("_GetWatchlist('{}'): no watchlist directory is set (--watchlists DIR)", name));
  }
  std::filesystem::path path = std::filesystem::path(watchlist_dir_) / (name + ".csv");
  std::optional<std::string> text = ReadFileText(path);
  if (!text) Fail(call, fmt::format("_GetWatchlist('{}'): cannot read {}", name, path.string()));
  std::vector<std::vector<std::string>> records = ParseCsvRecords(*text);
  if (records.empty())
    Fail(call, fmt::format("_GetWatchlist('{}'): {} has no header row", name, path.string()));

  auto node = std::make_unique<PlanNode>();
  node->kind = PlanNode::Kind::kValues;
  for (const auto& column : records[0]) node->schema.push_back({column, Type::String});
  bool has_search_key = FindField(node->schema, "SearchKey") >= 0;
  if (!has_search_key) node->schema.push_back({"SearchKey", Type::String});
  size_t width = records[0].size();
  for (size_t r = 1; r < records.size(); ++r) {
    std::vector<Value> row;
    for (size_t c = 0; c < width; ++c) {
      row.push_back(c < records[r].size() ? Value::String(records[r][c]) : Value::String(""));
    }
    if (!has_search_key) row.push_back(row[0]);
    node->rows.push_back(std::move(row));
  }
  return node;
}

}  // namespace iochound::binding
