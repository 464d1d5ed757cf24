#include "cli/attempts.hpp"

#include "cli/context.hpp"
#include "util/clock.hpp"

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

nlohmann::json finish(store::Store& store, const content::Track& track, const store::Attempt& attempt)
{
    auto record = load_record(store, attempt);
    record.finished_at = util::now_iso8601();
    auto result = assessment::score_attempt(track, record);
    store.finish_attempt(attempt.id, assessment::serialize(result),
                         result["overall"]["level_name"].get<std::string>(), record.finished_at);
    return result;
}

} // namespace cloudtrack::host::cli
