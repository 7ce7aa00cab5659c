#include "ingest_test_util.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <zlib.h>
#include <zstd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "decoders/record_prefilter.h"

namespace iochound::ingest_testing {
namespace {

std::string Render(const Value& v) {
  std::string type(TypeName(v.type()));
  if (v.is_null()) return type + ":null";
  switch (v.type()) {
    case Type::Real:
    case Type::Decimal:
      return type + ":" + std::to_string(v.real_value());
    case Type::String:
    case Type::Guid:
      return type + ":" + v.string_value();
    case Type::Dynamic:
      return type + ":" + v.dynamic_value().ToJson();
    default:
      return type + ":" + std::to_string(v.int_value());
  }
}

}  // namespace

std::string FixturePath(std::string_view name) {
  return std::string(IOCHOUND_SOURCE_DIR) + "/tests/fixtures/dns/" + std::string(name);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

void WriteFile(const std::string& path, std::string_view contents) {
  std::ofstream out(path, std::ios::binary);
  out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
}

std::string Gzip(std::string_view data) {
  z_stream stream{};
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    throw std::runtime_error("deflateInit2");
  }
  std::string out(deflateBound(&stream, data.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  if (deflate(&stream, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("deflate");
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

std::string Zstd(std::string_view data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  if (ZSTD_isError(n)) throw std::runtime_error("ZSTD_compress");
  out.resize(n);
  return out;
}

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "iochound-ingest-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::vector<std::vector<std::string>> ScanRows(TableSource& table, std::vector<int> columns) {
  if (columns.empty()) {
    for (size_t i = 0; i < table.schema().size(); ++i) columns.push_back(static_cast<int>(i));
  }
  std::vector<std::vector<std::string>> rows;
  auto stream = table.Scan(columns);
  while (auto batch = stream->Next()) {
    EXPECT_EQ(batch->columns.size(), columns.size());
    for (size_t r = 0; r < batch->rows; ++r) {
      std::vector<std::string> row;
      for (const ColumnPtr& column : batch->columns) {
        EXPECT_EQ(column->size(), batch->rows);
        row.push_back(Render(column->ValueAt(r)));
      }
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::vector<std::string> ScanColumn(TableSource& table, std::string_view name) {
  int index = FindField(table.schema(), name);
  EXPECT_GE(index, 0) << "no column " << name;
  std::vector<std::string> values;
  if (index < 0) return values;
  for (auto& row : ScanRows(table, {index})) values.push_back(row[0]);
  return values;
}

std::vector<uint64_t> CandidateLineStarts(const RecordPrefilter& prefilter, std::string_view window,
                                          uint64_t base) {
  RecordPrefilter::Scratch scratch(prefilter);
  std::vector<uint64_t> lines;
  prefilter.FindLines(window, base, scratch, lines);
  return lines;
}

}  // namespace iochound::ingest_testing
