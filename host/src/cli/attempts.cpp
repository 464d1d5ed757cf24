#include "cli/attempts.hpp"

#include "cli/context.hpp"
#include "util/clock.hpp"
#include "util/error.hpp"

namespace cloudtrack::host::cli {

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

nlohmann::json stored_result(const store::Store& store, const store::Attempt& attempt)
{
    const auto document = store.result_document(attempt.id);
    if (!document) {
        throw util::Error("attempt " + std::to_string(attempt.id) +
                              " is not finished (continue it with 'cloudtrack "
                              "assess " +
                              attempt.track_id + " --resume')",
                          util::ExitCode::not_found);
    }
    return nlohmann::json::parse(*document);
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
