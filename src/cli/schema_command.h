// `iochound schema [TABLE]` and `iochound schema --formats`: the tables a query can name, their
// columns and types, and which input formats feed each. See docs/tables.md.
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

namespace iochound {

class SchemaCommand {
 public:
  bool Parsed() const { return schema_->parsed(); }
  // Returns the exit code; throws std::invalid_argument for an unknown table.
  int Run() const;

 private:
  friend std::unique_ptr<SchemaCommand> RegisterSchemaCommand(CLI::App& app);

  CLI::App* schema_ = nullptr;
  std::string table_;
  bool formats_ = false;
};

// Adds the `schema` subcommand to `app`; the returned object must outlive app.parse().
std::unique_ptr<SchemaCommand> RegisterSchemaCommand(CLI::App& app);

}  // namespace iochound
