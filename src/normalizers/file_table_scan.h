// One scan of a FileTable: the table's files in order, record by record, in batches of kBatchRows.
#pragma once

#include <memory>
#include <vector>

#include "decoders/decoder.h"
#include "engine/catalog.h"
#include "normalizers/batch_builder.h"

namespace iochound {

class FileTableScan : public BatchStream {
 public:
  // `files`, `errors` and `unknown` must outlive the scan (the FileTable owns them). With
  // `prefilters`, decoders skip records that cannot hold their literals.
  FileTableScan(const std::vector<InputFile>& files, const Schema& schema, const std::vector<int>& columns,
                DataErrors& errors, UnknownFields& unknown, std::shared_ptr<Prefilters> prefilters = nullptr)
      : files_(files),
        errors_(errors),
        builder_(schema, columns, errors, unknown),
        prefilters_(std::move(prefilters)) {}
  std::optional<Batch> Next() override;

 private:
  const std::vector<InputFile>& files_;
  DataErrors& errors_;
  BatchBuilder builder_;
  std::shared_ptr<Prefilters> prefilters_;
  size_t next_file_ = 0;
  std::unique_ptr<Decoder> decoder_;
};

}  // namespace iochound
