#include "row_collector.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "sources/whole_input.h"

namespace iochound::testing {

int RowCollector::Visitor::FieldSlot(std::string_view name, Type, const RecordLocation&) {
  for (size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == name) return static_cast<int>(i);
  names_.emplace_back(name);
  return static_cast<int>(names_.size() - 1);
}

void RowCollector::Visitor::EndRecord() {
  Row row;
  for (const auto& [slot, value] : fields_) {
    row[names_[slot]] =
        value.kind == RawValue::Kind::kDynamic ? value.dynamic->ToJson() : std::string(value.text);
  }
  rows_.push_back(std::move(row));
  fields_.clear();
}

RecordVisitor* RowCollector::BeginRow(std::string_view table, const RecordLocation&) {
  std::string name(table);
  auto& visitor = visitors_[name];
  if (!visitor) visitor = std::make_unique<Visitor>(tables[name]);
  return visitor.get();
}

void RowCollector::Unmapped(const RecordLocation&, std::string_view reason, int64_t,
                            std::string_view raw_json) {
  unmapped.push_back({std::string(reason), std::string(raw_json)});
}

ReadResult ReadTelemetry(const std::string& path, std::string_view expected_format) {
  ReadResult result;
  InputFile input{path, nullptr, nullptr};
  std::string head = ReadInputPrefix(input, FormatProbe::kProbeBytes);
  const TelemetryFormat* format = DetectTelemetryFormat(FormatProbe{path, head});
  EXPECT_NE(format, nullptr) << path;
  if (format == nullptr) return result;
  EXPECT_EQ(format->name, expected_format) << path;
  DataErrors errors(0);
  auto reader = format->open(input, errors);
  while (reader->Next(result.rows)) {
  }
  result.records = reader->records();
  result.errors = errors.count();
  return result;
}

size_t DistinctCount(const std::vector<Row>& rows, const std::string& column) {
  std::set<std::string> values;
  for (const Row& row : rows) {
    auto it = row.find(column);
    values.insert(it == row.end() ? std::string() : it->second);
  }
  return values.size();
}

std::string WriteTempFile(const std::string& name, std::string_view content) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "iochound_network_tests" /
                              (std::string(info->test_suite_name()) + "." + info->name());
  std::filesystem::create_directories(dir);
  std::filesystem::path path = dir / name;
  std::ofstream out(path, std::ios::binary);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  return path.string();
}

}  // namespace iochound::testing
