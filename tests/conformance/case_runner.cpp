#include "case_runner.h"

#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>

#include "common/diagnostics.h"
#include "engine/catalog.h"
#include "engine/engine.h"
#include "suite_render.h"

namespace iochound::conformance {
namespace {

// The child's result travels through a pipe as length-prefixed strings.
void PutString(std::string& out, std::string_view s) {
  const uint64_t n = s.size();
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
  out.append(s);
}

bool GetString(std::string_view& in, std::string& s) {
  uint64_t n;
  if (in.size() < sizeof n) return false;
  std::memcpy(&n, in.data(), sizeof n);
  in.remove_prefix(sizeof n);
  if (in.size() < n) return false;
  s.assign(in.substr(0, n));
  in.remove_prefix(n);
  return true;
}

std::string Serialize(const CaseOutcome& o) {
  std::string out;
  PutString(out, std::to_string(static_cast<int>(o.kind)));
  PutString(out, o.message);
  PutString(out, std::to_string(o.row_count));
  PutString(out, std::to_string(o.columns.size()));
  for (const auto& c : o.columns) PutString(out, c);
  PutString(out, std::to_string(o.rows.size()));
  for (const auto& r : o.rows) PutString(out, r);
  return out;
}

bool Deserialize(std::string_view in, CaseOutcome& o) {
  std::string field;
  if (!GetString(in, field)) return false;
  o.kind = static_cast<CaseOutcome::Kind>(std::stoi(field));
  if (!GetString(in, o.message) || !GetString(in, field)) return false;
  o.row_count = std::stoull(field);
  if (!GetString(in, field)) return false;
  o.columns.resize(std::stoull(field));
  for (auto& c : o.columns) {
    if (!GetString(in, c)) return false;
  }
  if (!GetString(in, field)) return false;
  o.rows.resize(std::stoull(field));
  for (auto& r : o.rows) {
    if (!GetString(in, r)) return false;
  }
  return in.empty();
}

CaseOutcome Failure(CaseOutcome::Kind kind, std::string message) {
  CaseOutcome outcome;
  outcome.kind = kind;
  outcome.message = std::move(message);
  return outcome;
}

void WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    data.remove_prefix(static_cast<size_t>(n));
  }
}

}  // namespace

CaseOutcome RunInProcess(std::string_view kql, const Catalog& catalog, const QueryOptions& options,
                         const RunLimits& limits) {
  CaseOutcome outcome;
  try {
    auto prepared = Prepare(kql, catalog, options);
    const Schema& schema = prepared->schema();
    for (const auto& field : schema) {
      outcome.columns.push_back(field.name + ":" + std::string(SuiteRenderer::TypeName(field.type)));
    }
    auto stream = prepared->Execute();
    std::vector<Value> row(schema.size());
    while (auto batch = stream->Next()) {
      // A malformed batch would otherwise read out of bounds; report it as the engine bug it is.
      if (batch->columns.size() != schema.size()) {
        outcome.kind = CaseOutcome::Kind::kException;
        outcome.message = "batch has " + std::to_string(batch->columns.size()) + " columns, schema has " +
                          std::to_string(schema.size());
        return outcome;
      }
      for (size_t c = 0; c < schema.size(); ++c) {
        const Column& column = *batch->columns[c];
        if (column.size() < batch->rows ||
            SuiteRenderer::TypeName(column.type()) != SuiteRenderer::TypeName(schema[c].type)) {
          outcome.kind = CaseOutcome::Kind::kException;
          outcome.message = "batch column '" + schema[c].name + "' (" + std::string(TypeName(column.type())) +
                            ", " + std::to_string(column.size()) + " rows) does not match the schema (" +
                            std::string(TypeName(schema[c].type)) + ", " + std::to_string(batch->rows) +
                            " rows)";
          return outcome;
        }
      }
      for (size_t r = 0; r < batch->rows; ++r) {
        if (++outcome.row_count > limits.max_rows) {
          outcome.kind = CaseOutcome::Kind::kTooManyRows;
          outcome.message = "more than " + std::to_string(limits.max_rows) + " rows";
          outcome.rows.clear();
          return outcome;
        }
        for (size_t c = 0; c < schema.size(); ++c) row[c] = batch->columns[c]->ValueAt(r);
        outcome.rows.push_back(SuiteRenderer::Row(row));
      }
    }
    outcome.kind = CaseOutcome::Kind::kRows;
  } catch (const QueryError& e) {
    outcome = Failure(CaseOutcome::Kind::kQueryError, e.what());
  } catch (const std::exception& e) {
    outcome = Failure(CaseOutcome::Kind::kException, e.what());
  }
  return outcome;
}

CaseOutcome RunInProcess(std::string_view kql, int64_t now_ticks, const RunLimits& limits) {
  QueryOptions options;
  options.now_ticks = now_ticks;
  return RunInProcess(kql, Catalog(), options, limits);
}

CaseOutcome RunIsolated(std::string_view kql, const Catalog& catalog, const QueryOptions& options,
                        const RunLimits& limits) {
  return RunIsolated([&] { return RunInProcess(kql, catalog, options, limits); }, limits);
}

CaseOutcome RunIsolated(std::string_view kql, int64_t now_ticks, const RunLimits& limits) {
  QueryOptions options;
  options.now_ticks = now_ticks;
  return RunIsolated(kql, Catalog(), options, limits);
}

CaseOutcome RunIsolated(const std::function<CaseOutcome()>& body, const RunLimits& limits) {
  int fds[2];
  if (pipe(fds) != 0) return Failure(CaseOutcome::Kind::kCrash, std::string("pipe: ") + std::strerror(errno));
  const pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return Failure(CaseOutcome::Kind::kCrash, std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    close(fds[0]);
#if !defined(__SANITIZE_ADDRESS__)
    // A runaway allocation fails this case with bad_alloc instead of swapping a shared machine.
    // (AddressSanitizer reserves terabytes of address space, so the cap is left off under it.)
    const rlimit cap{4ull << 30, 4ull << 30};
    setrlimit(RLIMIT_AS, &cap);
#endif
    WriteAll(fds[1], Serialize(body()));
    // _exit: the parent's atexit handlers and stdio buffers are not the child's to run or flush.
    _exit(0);
  }
  close(fds[1]);

  std::string data;
  bool timed_out = false;
  const auto deadline = std::chrono::steady_clock::now() + limits.timeout;
  char buf[65536];
  while (true) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    const int ready = poll(&p, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) {
      timed_out = ready == 0;
      break;
    }
    const ssize_t n = read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    data.append(buf, static_cast<size_t>(n));
  }
  close(fds[0]);
  if (timed_out) kill(pid, SIGKILL);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }

  CaseOutcome outcome;
  if (timed_out) {
    outcome.kind = CaseOutcome::Kind::kTimeout;
    outcome.message = "no result within " + std::to_string(limits.timeout.count()) + " ms";
  } else if (WIFSIGNALED(status)) {
    outcome.kind = CaseOutcome::Kind::kCrash;
    outcome.message = std::string("killed by signal ") + strsignal(WTERMSIG(status));
  } else if (!Deserialize(data, outcome)) {
    outcome = Failure(CaseOutcome::Kind::kCrash, "exited with status " + std::to_string(WEXITSTATUS(status)) +
                                                     " without a complete result");
  }
  return outcome;
}

std::string NormalizeMessage(std::string_view message) {
  std::string out;
  char quote = 0;
  for (size_t i = 0; i < message.size() && out.size() < 160; ++i) {
    const char c = message[i];
    if (c == '\n') break;
    if (quote == 0 && (c == '\'' || c == '"' || c == '`'))
      quote = c;
    else if (c == quote)
      quote = 0;
    if (quote == 0 && std::isdigit(static_cast<unsigned char>(c))) {
      while (i + 1 < message.size() && std::isdigit(static_cast<unsigned char>(message[i + 1]))) ++i;
      out += 'N';
      continue;
    }
    out += c;
  }
  return out;
}

void PrintTopReasons(const std::map<std::string, size_t>& reasons, size_t top) {
  std::vector<std::pair<size_t, std::string>> by_count;
  for (const auto& [reason, n] : reasons) by_count.emplace_back(n, reason);
  std::sort(by_count.begin(), by_count.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::printf("failures by reason (top %zu of %zu):\n", std::min(top, by_count.size()), by_count.size());
  for (size_t i = 0; i < by_count.size() && i < top; ++i) {
    std::printf("  %5zu  %s\n", by_count[i].first, by_count[i].second.c_str());
  }
}

}  // namespace iochound::conformance
