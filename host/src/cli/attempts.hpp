// Glue between the store and the scoring engine, shared by `assess` and `results`.
#pragma once

#include "assessment/result.hpp"
#include "store/store.hpp"

#include <memory>

namespace cloudtrack::host::cli {

class Context;

// Opens the store the context selects: --store, "store" in config.json, else the SQLite file in
// the data folder (throws util::Error, exit code `storage`).
std::unique_ptr<store::Store> open_store(const Context& context);

// A result id typed by the user: a positive whole number, else util::Error (exit code usage).
std::int64_t parse_id(const std::string& text);

// The attempt `id_text` of the context's profile; util::Error (not_found) for another's or none.
store::Attempt find_attempt(const store::Store& store, const Context& context, const std::string& id_text);

// The stored result document of a finished attempt; util::Error (not_found) while unfinished.
nlohmann::json stored_result(const store::Store& store, const store::Attempt& attempt);

// The stored attempt as the scoring engine's input.
assessment::AttemptRecord load_record(const store::Store& store, const store::Attempt& attempt);

// Scores the attempt, stores the result and marks it finished; returns the result document.
nlohmann::json finish(store::Store& store, const content::Track& track, const store::Attempt& attempt);

} // namespace cloudtrack::host::cli
