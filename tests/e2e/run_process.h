// Runs a program the way a user's shell would, capturing what the end-to-end tests check: standard
// output, standard error and the exit code.
#pragma once

#include <string>
#include <vector>

namespace iochound::e2e {

struct ProcessResult {
  int exit_code = -1;  // 128 + signal number when killed by a signal, as shells report it
  std::string out;
  std::string err;
};

// Runs `argv[0]` (a path) with `argv`, feeding `stdin_data` to its standard input. Kills it after
// `timeout_seconds` (exit code then 128 + SIGKILL).
ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& stdin_data = "",
                         int timeout_seconds = 60);

// Runs the iochound binary under test with `args`.
ProcessResult RunIochound(const std::vector<std::string>& args, const std::string& stdin_data = "");

}  // namespace iochound::e2e
