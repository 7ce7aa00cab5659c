#include "sinks/alert_store.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <stdexcept>

#include "sinks/alert_json.h"
#include "types/datetime.h"

namespace iochound {
namespace {

constexpr const char* kCreate = R"sql(
CREATE TABLE IF NOT EXISTS alerts (
  dedup_key     TEXT PRIMARY KEY,
  pack          TEXT NOT NULL,
  rule_id       TEXT NOT NULL,
  rule_title    TEXT NOT NULL,
  severity      TEXT NOT NULL,
  event_time    TEXT,
  first_seen    TEXT NOT NULL,
  last_seen     TEXT NOT NULL,
  count         INTEGER NOT NULL,
  suppressed_by TEXT,
  alert         TEXT NOT NULL,
  source_file   TEXT,
  source_offset INTEGER
))sql";

constexpr const char* kUpsert = R"sql(
INSERT INTO alerts (dedup_key, pack, rule_id, rule_title, severity, event_time, first_seen, last_seen, count,
                    suppressed_by, alert, source_file, source_offset)
VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 1, ?8, ?9, ?10, ?11)
ON CONFLICT(dedup_key) DO UPDATE SET last_seen = excluded.last_seen, count = count + 1,
                                     suppressed_by = excluded.suppressed_by, alert = excluded.alert,
                                     source_file = excluded.source_file,
                                     source_offset = excluded.source_offset)sql";

void BindText(sqlite3_stmt* statement, int index, const std::string& text) {
  sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

}  // namespace

AlertStore::AlertStore(const std::string& path) : path_(path) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::invalid_argument(fmt::format("cannot open alert store '{}': {}", path, message));
  }
  try {
    Exec(kCreate);
    AddSourceColumns();
    if (sqlite3_prepare_v2(db_, "SELECT 1 FROM alerts WHERE dedup_key = ?1", -1, &exists_, nullptr) !=
            SQLITE_OK ||
        sqlite3_prepare_v2(db_, kUpsert, -1, &upsert_, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sqlite3_errmsg(db_));
    }
    Exec("BEGIN");
  } catch (const std::runtime_error& error) {
    std::string message = error.what();
    sqlite3_finalize(exists_);
    sqlite3_finalize(upsert_);
    sqlite3_close(db_);
    db_ = nullptr;
    throw std::invalid_argument(fmt::format("'{}' is not a usable alert store: {}", path, message));
  }
}

AlertStore::~AlertStore() {
  if (db_ == nullptr) return;
  sqlite3_finalize(exists_);
  sqlite3_finalize(upsert_);
  if (!committed_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(db_);
}

void AlertStore::AddSourceColumns() {
  // Stores written before alerts had a source lack its columns; adding them keeps their rows.
  sqlite3_stmt* info = nullptr;
  bool has_source = false;
  if (sqlite3_prepare_v2(db_, "PRAGMA table_info(alerts)", -1, &info, nullptr) != SQLITE_OK) {
    throw std::runtime_error(sqlite3_errmsg(db_));
  }
  while (sqlite3_step(info) == SQLITE_ROW) {
    auto name = reinterpret_cast<const char*>(sqlite3_column_text(info, 1));
    has_source = has_source || (name != nullptr && std::string_view(name) == "source_file");
  }
  sqlite3_finalize(info);
  if (has_source) return;
  Exec("ALTER TABLE alerts ADD COLUMN source_file TEXT");
  Exec("ALTER TABLE alerts ADD COLUMN source_offset INTEGER");
}

void AlertStore::Exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    std::string text = message != nullptr ? message : "unknown error";
    sqlite3_free(message);
    throw std::runtime_error(fmt::format("alert store '{}': {}", path_, text));
  }
}

bool AlertStore::Record(const packs::Alert& alert, int64_t seen_ticks) {
  std::string key = sinks::AlertDedupKey(alert);
  BindText(exists_, 1, key);
  bool known = sqlite3_step(exists_) == SQLITE_ROW;
  sqlite3_reset(exists_);

  BindText(upsert_, 1, key);
  BindText(upsert_, 2, alert.pack->id);
  BindText(upsert_, 3, alert.rule->id);
  BindText(upsert_, 4, alert.rule->title);
  BindText(upsert_, 5, alert.rule->severity);
  if (alert.time) {
    BindText(upsert_, 6, FormatDateTime(*alert.time, FractionDigits::kMinimal));
  } else {
    sqlite3_bind_null(upsert_, 6);
  }
  BindText(upsert_, 7, FormatDateTime(seen_ticks, FractionDigits::kMinimal));
  if (alert.suppressed_by != nullptr) {
    BindText(upsert_, 8, alert.suppressed_by->id);
  } else {
    sqlite3_bind_null(upsert_, 8);
  }
  BindText(upsert_, 9, sinks::AlertJson(alert));
  if (alert.source) {
    BindText(upsert_, 10, std::string(alert.source->file));
    sqlite3_bind_int64(upsert_, 11, static_cast<sqlite3_int64>(alert.source->offset));
  } else {
    sqlite3_bind_null(upsert_, 10);
    sqlite3_bind_null(upsert_, 11);
  }
  int status = sqlite3_step(upsert_);
  sqlite3_reset(upsert_);
  if (status != SQLITE_DONE) {
    throw std::runtime_error(fmt::format("alert store '{}': {}", path_, sqlite3_errmsg(db_)));
  }
  return !known;
}

void AlertStore::Commit() {
  Exec("COMMIT");
  committed_ = true;
}

}  // namespace iochound
