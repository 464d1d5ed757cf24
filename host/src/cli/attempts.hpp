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

// The form stored with an attempt, checked; a corrupt one throws util::Error (exit code `storage`)
// naming the attempt and the field.
assessment::Form stored_form(const store::Attempt& attempt);

// A result id typed by the user: a positive whole number, else util::Error (exit code usage).
std::int64_t parse_id(const std::string& text);

// The attempt `id_text` of the context's profile; util::Error (not_found) for another's or none.
store::Attempt find_attempt(const store::Store& store, const Context& context, const std::string& id_text);

// The stored result of a finished attempt, checked; util::Error (not_found) while unfinished.
assessment::Result finished_result(const store::Store& store, const store::Attempt& attempt);

// The stored attempt as the scoring engine's input. An adaptive attempt's items are replayed from
// its seed and stored responses (against `track`), with the reason it stopped.
assessment::AttemptRecord load_record(const store::Store& store, const store::Attempt& attempt,
                                      const content::Track& track);

// Scores the attempt, stores the result and marks it finished; returns the result.
assessment::Result finish(store::Store& store, const content::Track& track, const store::Attempt& attempt);

// The stored result of a finished attempt, read and checked (nullopt when it is not finished).
// A stored document that is not a valid result throws util::Error (exit code `storage`) naming
// the result and the JSON pointer of the problem.
std::optional<assessment::Result> stored_result(const store::Store& store, std::int64_t attempt);

} // namespace cloudtrack::host::cli
