#include "cli/attempts.hpp"

#include "cli/context.hpp"
#include "util/clock.hpp"
#include "util/error.hpp"
#include "util/json_fields.hpp"
#include "util/json_read.hpp"

namespace cloudtrack::host::cli {

std::unique_ptr<store::Store> open_store(const Context& context)
{
    return store::open_sqlite(store::default_store_file(context.data_dir()));
}

assessment::AttemptRecord load_record(const store::Store& store, const store::Attempt& attempt)
{
    assessment::AttemptRecord record;
    record.id = attempt.id;
    record.profile = attempt.profile;
    record.started_at = attempt.started_at;
    record.finished_at = attempt.finished_at.value_or("");
    record.form = assessment::Form::from_json(nlohmann::json::parse(attempt.form_json));
    for (const auto& answer : store.answers(attempt.id)) {
        record.responses[answer.item_id] = nlohmann::json::parse(answer.response_json);
    }
    record.self_ratings = store.self_ratings(attempt.id);
    return record;
}

assessment::Result finish(store::Store& store, const content::Track& track, const store::Attempt& attempt)
{
    auto record = load_record(store, attempt);
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
    const auto where = "stored result " + std::to_string(attempt) + ": ";
    auto parsed = util::parse_json(*document);
    if (!parsed) {
        throw util::Error(where + parsed.error(), util::ExitCode::storage);
    }
    try {
        return assessment::parse_result(*parsed);
    } catch (const util::FieldError& e) {
        throw util::Error(where + e.what(), util::ExitCode::storage);
    }
}

} // namespace cloudtrack::host::cli
