// A small JSON Schema (2020-12) validator for the keywords docs/alert.schema.json uses, so the
// end-to-end tests check alerts against the documented schema itself. A keyword it does not
// implement is reported as an error, never ignored.
#pragma once

#include <string>
#include <vector>

namespace iochound::e2e {

// Validates the JSON text `instance` against the schema in `schema_json`; returns the violations
// (each with its JSON pointer), empty when valid.
std::vector<std::string> ValidateJson(const std::string& schema_json, const std::string& instance);

}  // namespace iochound::e2e
