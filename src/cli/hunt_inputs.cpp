#include "cli/hunt_inputs.h"

#include <fmt/format.h>

#include <stdexcept>

#include "normalizers/file_table.h"

namespace iochound {
namespace {

BoundTable BindInput(const std::string& path, DataErrors& errors) {
  auto probe = MakeFileTable("input", path, errors);
  const Schema& schema = probe->schema();
  if (FindField(schema, "Name") >= 0 && FindField(schema, "QueryType") >= 0) {
    return {"DnsEvents", path, MakeFileTable("DnsEvents", path, errors)};
  }
  return {"input", path, std::move(probe)};
}

}  // namespace

std::vector<BoundTable> BindHuntTables(const std::vector<std::string>& bindings,
                                       const std::vector<std::string>& inputs, DataErrors& errors) {
  std::vector<BoundTable> tables;
  for (const auto& binding : bindings) {
    size_t eq = binding.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == binding.size()) {
      throw std::invalid_argument(fmt::format("--table expects NAME=PATH, got '{}'", binding));
    }
    std::string name = binding.substr(0, eq);
    std::string path = binding.substr(eq + 1);
    tables.push_back({name, path, MakeFileTable(name, path, errors)});
  }
  for (const auto& input : inputs) tables.push_back(BindInput(input, errors));
  return tables;
}

}  // namespace iochound
