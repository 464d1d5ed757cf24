// The data-eng track's code: the evidence probes named by content/portfolio.json. Each reads the
// project only through the host's confined view, and its note says what it looked for. Run logs,
// lineage graphs and measured figures stay for a reviewer; the note says so.
#include <cloudtrack/plugin/probes.hpp>

namespace {

namespace probes = cloudtrack::plugin::probes;
using cloudtrack::plugin::ProbeResult;
using probes::Need;
using probes::pattern;
using probes::Repo;

// Where pipelines, models and table definitions live.
std::vector<std::string> code_files(Repo& repo)
{
    static const auto re =
        pattern(probes::either({probes::paths::config, R"(\.(sql|py|scala|java|kt|ipynb)$)"}));
    return repo.paths_matching(re);
}

ProbeResult table_format(Repo& repo)
{
    static const auto format = pattern(
        R"(USING\s+(iceberg|delta)\b|STORED\s+(AS|BY)\s+ICEBERG|table_type\s*[:=]\s*['"]?iceberg|)"
        R"(\.format\(\s*["'](iceberg|delta)|file_format\s*[:=]\s*['"]?(delta|iceberg)|\bDeltaTable\b|)"
        R"(format-version|open_table_format|table_format\s*[:=]\s*['"]?(iceberg|delta)|)"
        R"(\.using\(\s*["'](iceberg|delta))");
    static const auto partitioning = pattern(
        R"(PARTITIONED\s+BY|partitionBy\s*\(|partitionedBy\s*\(|partition_by|partitioned_by|partition_spec|)"
        R"(partition_keys|CLUSTER\s+BY|ZORDER\s+BY|ADD\s+PARTITION\s+FIELD)");
    static const auto properties = pattern(
        R"(TBLPROPERTIES|write\.target-file-size-bytes|delta\.targetFileSize|history\.expire|)"
        R"(delta\.(logRetentionDuration|deletedFileRetentionDuration)|expire_snapshots|VACUUM|OPTIMIZE\s)");
    const auto code = code_files(repo);
    return probes::conclude(
        {{"tables defined in Iceberg or Delta (DDL, dbt config or writer code)", repo.grep(code, format)},
         {"a partitioning or clustering choice (PARTITIONED BY, partitionBy, partition_by, CLUSTER BY)",
          repo.grep(code, partitioning)},
         {"table properties for file size, retention or snapshot expiry", repo.grep(code, properties, 3),
          Need::optional}},
        "The README's reasoning for the layout is for a reviewer to read");
}

ProbeResult orchestration_dag(Repo& repo)
{
    static const auto docs = pattern(probes::paths::docs);
    static const auto dag =
        pattern(R"(from\s+airflow|import\s+airflow|\bDAG\s*\(|@dag\b|from\s+dagster|@(asset|job|op)\b|)"
                R"(define_asset_job|ScheduleDefinition|from\s+prefect|@flow\b|kind:\s*["']?CronWorkflow\b|)"
                R"(aws_sfn_state_machine|databricks_job)");
    static const auto schedule = pattern(
        R"(schedule(_interval)?\s*[=:]|cron_schedule|ScheduleDefinition|@daily|@hourly|cron\s*\(|CronTrigger)");
    static const auto retries = pattern(
        R"(\bretries\s*[=:]|retry_policy|RetryPolicy|max_retries|retry_delay|retryStrategy|backoffLimit|)"
        R"(retry_exponential_backoff|max_retry)");
    static const auto interval = pattern(
        R"(data_interval_(start|end)|\{\{\s*(ds|ds_nodash)\b|logical_date|partition_key|partitionOverwriteMode|)"
        R"(INSERT\s+OVERWRITE|replaceWhere|insert_overwrite|MERGE\s+INTO)");
    static const auto maintenance =
        pattern(R"(OPTIMIZE\s|VACUUM|rewrite_data_files|expire_snapshots|compaction|remove_orphan_files)");
    static const auto backfill = pattern(R"(backfill)");
    const auto code = code_files(repo);
    const auto dags = repo.containing(code, dag);
    return probes::conclude(
        {{"an orchestrated pipeline (an Airflow DAG, Dagster job or assets, a Prefect flow, an Argo "
          "CronWorkflow...)",
          repo.grep(dags, dag, 3)},
         {"a schedule on it", repo.grep(dags, schedule, 3)},
         {"retry settings", repo.grep(dags, retries, 3)},
         {"idempotent writes keyed on the run's data interval (data_interval_start, partition overwrite, "
          "MERGE)",
          repo.grep(code, interval, 3), Need::optional},
         {"maintenance jobs (OPTIMIZE, VACUUM, snapshot expiry, compaction)", repo.grep(dags, maintenance, 2),
          Need::optional},
         {"a documented backfill procedure", repo.grep(repo.paths_matching(docs), backfill, 2),
          Need::optional}});
}

ProbeResult data_quality_tests(Repo& repo)
{
    static const auto yaml = pattern(probes::paths::yaml);
    static const auto dbt_properties = pattern(R"(^\s*(models|sources|seeds|snapshots)\s*:)");
    static const auto dbt_test = pattern(
        R"(^\s*-\s*["']?(unique|not_null|relationships|accepted_values|dbt_utils\.\w+|dbt_expectations\.\w+)\b)");
    static const auto expectations = pattern(R"(\bexpect_[a-z_]+|great_expectations)");
    static const auto soda = pattern(
        R"(^\s*checks\s+for\s+\w+|\b(row_count|missing_count|duplicate_count|invalid_count|freshness)\s*\()");
    static const auto singular = pattern(R"((^|/)tests/.+\.sql$)");
    static const auto runs = pattern(
        R"(dbt\s+(build|test)\b|DbtTestOperator|run_checkpoint|checkpoint\s+run|soda\s+scan|SodaScanOperator|)"
        R"(GreatExpectationsOperator|dbt_assets|DbtCliResource)");
    static const auto freshness = pattern(R"(freshness\s*:|error_after|warn_after)");
    static const auto reconciliation = pattern(
        R"(equal_rowcount|\bequality\b|reconcil|expect_table_row_count_to_equal_other_table|compare_relations|)"
        R"(audit_helper)");

    const auto code = code_files(repo);
    auto tests = repo.grep(repo.containing(repo.paths_matching(yaml), dbt_properties), dbt_test);
    for (auto& e : repo.grep(code, expectations, 3)) {
        tests.push_back(std::move(e));
    }
    for (auto& e : repo.grep(repo.paths_matching(yaml), soda, 3)) {
        tests.push_back(std::move(e));
    }
    for (auto& e : repo.present(repo.paths_matching(singular), 2)) {
        tests.push_back(std::move(e));
    }
    return probes::conclude(
        {{"data tests (dbt tests in schema.yml, Great Expectations expectations, Soda checks)", tests},
         {"the tests run in the pipeline or CI (dbt build/test, a checkpoint, soda scan)",
          repo.grep(code, runs, 3)},
         {"source freshness checks", repo.grep(code, freshness, 2), Need::optional},
         {"reconciliation checks between outputs", repo.grep(code, reconciliation, 2), Need::optional}},
        "A run log in which a failing test stopped publication is for a reviewer to see");
}

ProbeResult lineage_docs(Repo& repo)
{
    static const auto yaml = pattern(probes::paths::yaml);
    static const auto exposures_key = pattern(R"(^\s*exposures\s*:)");
    static const auto exposure_lines =
        pattern(R"(^\s*exposures\s*:|^\s*-?\s*type\s*:\s*(dashboard|notebook|analysis|application|ml)\b)");
    static const auto openlineage = pattern(R"(openlineage|OpenLineageSparkListener|marquez)");
    static const auto dashboard = pattern(R"(^\s*-?\s*type\s*:\s*dashboard\b)");
    static const auto docs_generate = pattern(R"(dbt\s+docs\s+generate)");

    const auto exposures = repo.containing(repo.paths_matching(yaml), exposures_key);
    auto lineage = repo.grep(exposures, exposure_lines);
    for (auto& e : repo.grep(code_files(repo), openlineage)) {
        lineage.push_back(std::move(e));
    }
    return probes::conclude(
        {{"lineage declared (dbt exposures) or captured at run time (OpenLineage configuration)", lineage},
         {"a dashboard declared as a downstream consumer", repo.grep(exposures, dashboard, 2),
          Need::optional},
         {"generated lineage docs (dbt docs generate)", repo.grep(code_files(repo), docs_generate, 2),
          Need::optional}},
        "A captured lineage graph is for a reviewer to see");
}

ProbeResult pii_masking(Repo& repo)
{
    static const auto masking = pattern(
        R"(MASKING\s+POLICY|masking_policy|column_mask|SET\s+MASK\b|data_masking|google_bigquery_datapolicy|)"
        R"(DataMaskingPolicy|aws_lakeformation_data_cells_filter|mask_(pii|email|ssn|phone))");
    static const auto tags = pattern(
        R"(CREATE\s+(OR\s+REPLACE\s+)?TAG\b|SET\s+TAGS?\b|snowflake_tag|policy_tag|aws_lakeformation_lf_tag|)"
        R"(\b(pii|contains_pii)\s*[:=]\s*["']?true|\b(data_)?classification\s*[:=]|sensitivity\s*[:=]|)"
        R"(tags\s*[:=].*\b(pii|personal|sensitive|gdpr|confidential)\b)");
    static const auto row_filters =
        pattern(R"(ROW\s+ACCESS\s+POLICY|ROW\s+FILTER|row_filter|row_access_policy|data_cells_filter|)"
                R"(ENABLE\s+ROW\s+LEVEL\s+SECURITY|CREATE\s+POLICY|google_bigquery_row_access_policy)");
    const auto code = code_files(repo);
    return probes::conclude(
        {{"masking policies as code (masking policies, column masks, data policies)",
          repo.grep(code, masking)},
         {"personal-data columns classified or tagged (tags, policy tags, classification)",
          repo.grep(code, tags)},
         {"row filters or row access policies", repo.grep(code, row_filters)}},
        "Query output as an analyst role showing masked values is for a reviewer to see");
}

class DataEngTrack final : public probes::ProbeTrack {
public:
    DataEngTrack()
        : ProbeTrack({{"table_format", &table_format},
                      {"orchestration_dag", &orchestration_dag},
                      {"data_quality_tests", &data_quality_tests},
                      {"lineage_docs", &lineage_docs},
                      {"pii_masking", &pii_masking}})
    {
    }
};

} // namespace

CLOUDTRACK_TRACK(DataEngTrack);
