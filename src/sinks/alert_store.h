// `hunt --alerts-db FILE`: alerts kept in SQLite, one row per distinct alert (its dedup key), with
// when hunts first and last saw it and how many times, so hunting overlapping data again does not
// duplicate alerts. Schema in docs/alerts.md.
#pragma once

#include <cstdint>
#include <string>

#include "packs/alert.h"

struct sqlite3;
struct sqlite3_stmt;

namespace iochound {

class AlertStore {
 public:
  // Opens or creates the database and its table, and begins a transaction. Throws
  // std::invalid_argument naming the file when it cannot be opened or is not an alert store.
  explicit AlertStore(const std::string& path);
  ~AlertStore();
  AlertStore(const AlertStore&) = delete;
  AlertStore& operator=(const AlertStore&) = delete;

  // Inserts the alert, or counts it again and moves its last_seen to `seen_ticks`; its
  // suppression is the latest run's. Returns true when it was new.
  bool Record(const packs::Alert& alert, int64_t seen_ticks);
  // Commits every recorded alert; throws std::runtime_error on failure.
  void Commit();

 private:
  void Exec(const char* sql);
  void AddSourceColumns();

  std::string path_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* exists_ = nullptr;
  sqlite3_stmt* upsert_ = nullptr;
  bool committed_ = false;
};

}  // namespace iochound
