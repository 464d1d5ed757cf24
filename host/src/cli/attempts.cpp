#include "cli/attempts.hpp"

#include "assessment/adaptive_form.hpp"
#include "cli/context.hpp"
#include "util/clock.hpp"
#include "util/error.hpp"
#include "util/json_fields.hpp"
#include "util/json_read.hpp"

namespace cloudtrack::host::cli {

namespace {

// A document the store holds, parsed and read into its model once; anything wrong with it is
// storage damage (exit code `storage`), reported with `where` and the JSON pointer.
template <class Read> auto read_stored(const std::string& where, const std::string& text, Read read)
{
    auto parsed = util::parse_json(text);
    if (!parsed) {
        throw util::Error(where + parsed.error(), util::ExitCode::storage);
    }
    try {
        return read(*parsed);
    } catch (const util::FieldError& e) {
        throw util::Error(where + e.what(), util::ExitCode::storage);
    }
}

} // namespace

std::unique_ptr<store::Store> open_store(const Context& context)
{
    return store::open_store(context.store_spec(), context.data_dir());
}

std::int64_t parse_id(const std::string& text)
{
    try {
        size_t used = 0;
        const auto id = std::stoll(text, &used);
        if (used == text.size() && id > 0) {
            return id;
        }
    } catch (const std::exception&) {
    }
    throw util::Error("'" + text + "' is not a result id (see 'cloudtrack results')", util::ExitCode::usage);
}

store::Attempt find_attempt(const store::Store& store, const Context& context, const std::string& id_text)
{
    const auto id = parse_id(id_text);
    auto attempt = store.attempt(id);
    if (!attempt || attempt->profile != context.profile()) {
        throw util::Error("no result " + id_text + " for profile '" + context.profile() + "'",
                          util::ExitCode::not_found);
    }
    return *attempt;
}

assessment::Result finished_result(const store::Store& store, const store::Attempt& attempt)
{
    auto result = stored_result(store, attempt.id);
    if (!result) {
        throw util::Error("attempt " + std::to_string(attempt.id) +
                              " is not finished (continue it with 'cloudtrack "
                              "assess " +
                              attempt.track_id + " --resume')",
                          util::ExitCode::not_found);
    }
    return std::move(*result);
}

assessment::Form stored_form(const store::Attempt& attempt)
{
    return read_stored("stored attempt " + std::to_string(attempt.id) + ": form: ", attempt.form_json,
                       assessment::Form::from_json);
}

assessment::AttemptRecord load_record(const store::Store& store, const store::Attempt& attempt,
                                      const content::Track& track)
{
    assessment::AttemptRecord record;
    record.id = attempt.id;
    record.profile = attempt.profile;
    record.started_at = attempt.started_at;
    record.finished_at = attempt.finished_at.value_or("");
    record.form = stored_form(attempt);
    for (const auto& answer : store.answers(attempt.id)) {
        record.responses[answer.item_id] = nlohmann::json::parse(answer.response_json);
    }
    record.self_ratings = store.self_ratings(attempt.id);
    if (record.form.mode == assessment::FormMode::adaptive) {
        const auto state =
            assessment::replay(track, record.form, record.responses, assessment::Missing::score_zero);
        record.form.items = state.presented;
        record.stop_reason = assessment::to_string(state.stop);
    }
    return record;
}

assessment::Result finish(store::Store& store, const content::Track& track, const store::Attempt& attempt)
{
    auto record = load_record(store, attempt, track);
    record.finished_at = util::now_iso8601();
    auto result = assessment::score_attempt(track, record);
    store.finish_attempt(attempt.id, assessment::serialize(result), result.overall.level_name,
                         record.finished_at);
    return result;
}

std::optional<assessment::Result> stored_result(const store::Store& store, std::int64_t attempt)
{
    const auto document = store.result_document(attempt);
    if (!document) {
        return std::nullopt;
    }
    return read_stored("stored result " + std::to_string(attempt) + ": ", *document,
                       assessment::parse_result);
}

} // namespace cloudtrack::host::cli
