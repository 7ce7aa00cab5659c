#include "decoders/json_array_decoder.h"

#include <fmt/format.h>

namespace iochound {

JsonArrayDecoder::JsonArrayDecoder(std::unique_ptr<InputBuffer> input, std::string name, DataErrors& errors)
    : input_(std::move(input)), name_(std::move(name)), errors_(errors), lines_(name_, input_->data()) {
  std::string_view text = input_->data();
  simdjson::padded_string_view json(text.data(), text.size(), input_->ReadableFrom(text.data()));
  simdjson::error_code error = parser_.iterate(json).get(document_);
  if (!error) error = document_.get_array().get(array_);
  if (!error) error = array_.begin().get(next_);
  if (!error) error = array_.end().get(end_);
  if (error) Stop(lines_.At(text.data()), error);
}

void JsonArrayDecoder::Stop(const RecordLocation& where, simdjson::error_code error) {
  errors_.Report(where, fmt::format("invalid JSON ({}); the rest of the file is skipped",
                                    simdjson::error_message(error)));
  done_ = true;
}

bool JsonArrayDecoder::Next(RecordVisitor& visitor) {
  while (!done_ && next_ != end_) {
    simdjson::ondemand::value element;
    simdjson::error_code error = (*next_).get(element);
    const char* at = nullptr;
    if (!error) error = element.current_location().get(at);
    RecordLocation where = lines_.At(at ? at : input_->data().data());
    if (error) {
      Stop(where, error);
      return false;
    }
    simdjson::ondemand::object object;
    error = element.get_object().get(object);
    if (error == simdjson::INCORRECT_TYPE) {
      errors_.Report(where, "array element is not a JSON object; skipped");
      ++next_;
      continue;
    }
    if (error) {
      Stop(where, error);
      return false;
    }
    visitor.BeginRecord(where);
    if ((error = fields_.Read(object, visitor, where))) {
      visitor.AbortRecord();
      Stop(where, error);
      return false;
    }
    visitor.EndRecord();
    ++next_;
    return true;
  }
  return false;
}

}  // namespace iochound
