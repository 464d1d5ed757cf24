// The finops track's code: the evidence probes named by content/portfolio.json. Each reads the
// project only through the host's confined view, and its note says what it looked for. Figures
// (the share allocated, realized savings) and screenshots stay for a reviewer; the note says so.
#include <cloudtrack/plugin/probes.hpp>

namespace {

namespace probes = cloudtrack::plugin::probes;
using cloudtrack::plugin::ProbeResult;
using probes::Need;
using probes::pattern;
using probes::Repo;

// The tag keys that make cost allocatable to an owner (environment alone does not).
constexpr const char* k_owner_keys =
    R"((cost[-_]?cent(er|re)|owner|team|product|application|business[-_]?unit))";

ProbeResult cost_allocation_tags(Repo& repo)
{
    static const auto terraform = pattern(probes::paths::terraform);
    static const auto yaml = pattern(probes::paths::yaml);
    static const auto docs = pattern(probes::paths::docs);
    static const auto config = pattern(probes::paths::config);
    static const auto tf_tagging = pattern(R"(default_tags|\b(tags|labels|tags_all)\s*=)");
    static const auto tf_key = pattern(std::string(R"(^\s*["']?)") + k_owner_keys + R"(["']?\s*=)");
    static const auto k8s_labels = pattern(R"(labels\s*:)");
    static const auto k8s_key =
        pattern(std::string(R"(^\s*["']?([a-z0-9.-]+/)?)") + k_owner_keys + R"(["']?\s*:\s*\S)");
    static const auto standard = pattern(R"(tag(ging)?\s+(standard|policy|keys)|cost[-_]?cent(er|re))");
    static const auto k8s_allocation = pattern(R"(opencost|kubecost|split[-_ ]cost)");

    const auto tf_files = repo.containing(repo.paths_matching(terraform), tf_tagging);
    const auto label_files = repo.containing(repo.paths_matching(yaml), k8s_labels);
    return probes::conclude(
        {{"owner tags in Terraform (default_tags or tags with cost-center, owner, team or product)",
          repo.grep(tf_files, tf_key)},
         {"the same keys as labels on Kubernetes workloads or Helm values", repo.grep(label_files, k8s_key)},
         {"a written tagging standard", repo.grep(repo.paths_matching(docs), standard, 2), Need::optional},
         {"Kubernetes cost allocation (OpenCost, Kubecost, split cost allocation)",
          repo.grep(repo.paths_matching(config), k8s_allocation, 2), Need::optional}},
        "The share of spend that is allocated is for a reviewer to read from the reports");
}

ProbeResult focus_queries(Repo& repo)
{
    static const auto queries = pattern(R"(\.(sql|py|ipynb|scala|kql)$)");
    static const auto docs = pattern(probes::paths::docs);
    static const auto cost = pattern(R"(\b(effective_?cost|billed_?cost|list_?cost|contracted_?cost)\b)");
    static const auto dimension = pattern(
        R"(\b(service_?category|charge_?category|billing_?period_?(start|end)|charge_?period_?(start|end)|)"
        R"(commitment_?discount_?(id|status|category|type)|sub_?account_?(id|name)|service_?name|tags|)"
        R"(x_\w+)\b)");
    const auto cost_files = repo.containing(repo.paths_matching(queries), cost);
    return probes::conclude(
        {{"queries over FOCUS cost columns (EffectiveCost, BilledCost, ListCost)",
          repo.grep(cost_files, cost)},
         {"grouped or filtered by FOCUS dimensions (ServiceCategory, ChargeCategory, BillingPeriodStart, "
          "CommitmentDiscountId, Tags...)",
          repo.grep(cost_files, dimension)},
         {"a document explaining the FOCUS columns used", repo.grep(repo.paths_matching(docs), cost, 2),
          Need::optional}},
        "The recorded results (reconciliation, baseline figures) are for a reviewer to check");
}

ProbeResult showback_report(Repo& repo)
{
    static const auto grafana = pattern(R"(\.json$)");
    static const auto panels = pattern(R"("panels"\s*:)");
    static const auto lookml = pattern(R"(\.(lookml|lkml)$|\.(tmdl|bim)$|\.pbip$)");
    static const auto binary_report = pattern(R"(\.(pbix|pbit)$)");
    static const auto yaml = pattern(probes::paths::yaml);
    static const auto superset = pattern(R"(slice_name|dashboard_title|^\s*dashboards?\s*:)");
    static const auto sql = pattern(probes::paths::sql);
    static const auto view = pattern(R"(create\s+(or\s+replace\s+)?(materialized\s+)?view)");
    static const auto terraform = pattern(probes::paths::terraform);
    static const auto quicksight = pattern(R"(aws_quicksight_(dashboard|analysis))");
    static const auto figures = pattern(R"(cost|spend|saving|coverage|utili[sz]ation)");
    static const auto per_owner = pattern(R"(\b(team|owner|cost_?cent(er|re)|product|tags?)\b)");

    auto reports = repo.containing(repo.paths_matching(grafana), panels);
    for (const auto& [paths, marker] :
         {std::pair{repo.paths_matching(yaml), &superset}, std::pair{repo.paths_matching(sql), &view},
          std::pair{repo.paths_matching(terraform), &quicksight}}) {
        for (auto& path : repo.containing(paths, *marker)) {
            reports.push_back(std::move(path));
        }
    }
    for (auto& path : repo.paths_matching(lookml)) {
        reports.push_back(std::move(path));
    }
    // Each report names itself on a title, view or dashboard line; otherwise its first line will do.
    static const auto heading =
        pattern(R"("title"\s*:|slice_name|dashboard_title|create\s+(or\s+replace\s+)?(materialized\s+)?view|)"
                R"(aws_quicksight_|^\s*-?\s*(dashboard|explore|view|table)\s*:)");
    std::vector<cloudtrack::plugin::Evidence> definitions;
    for (const auto& path : reports) {
        auto named = repo.grep({path}, heading, 1);
        auto found = named.empty() ? repo.present({path}, 1) : std::move(named);
        definitions.insert(definitions.end(), found.begin(), found.end());
    }
    for (auto& e : repo.present(repo.paths_matching(binary_report))) {
        definitions.push_back(std::move(e));
    }
    return probes::conclude(
        {{"a dashboard or report definition (Grafana JSON, LookML, Power BI, Superset, QuickSight, or SQL "
          "views behind a report)",
          definitions},
         {"cost figures computed in it (cost, spend, savings, coverage, utilization)",
          repo.grep(reports, figures)},
         {"broken down by team, owner or tag", repo.grep(reports, per_owner, 2), Need::optional}},
        "A screenshot of one team's view and the figures for the period are for a reviewer to check");
}

ProbeResult budgets_as_code(Repo& repo)
{
    static const auto code = pattern(probes::either({probes::paths::config, R"(\.(py|ts|go|cs|java)$)"}));
    static const auto budget = pattern(
        R"re(resource\s+"(aws_budgets_budget|azurerm_consumption_budget_\w+|google_billing_budget)"|)re"
        R"(AWS::Budgets::Budget|aws\.budgets\.Budget|budgets\.NewBudget|billing\.Budget)");
    static const auto forecast = pattern(R"(forecast)");
    static const auto threshold = pattern(R"(threshold)");
    static const auto recipients =
        pattern(R"(subscriber_(email_addresses|sns_topic_arns)|contact_(emails|groups|roles)|)"
                R"(monitoring_notification_channels|pubsub_topic|subscribers|SubscriptionType|action_group)");
    const auto budget_files = repo.containing(repo.paths_matching(code), budget);
    return probes::conclude(
        {{"a budget resource in infrastructure code (aws_budgets_budget, azurerm_consumption_budget_*, "
          "google_billing_budget, AWS::Budgets::Budget)",
          repo.grep(budget_files, budget)},
         {"a forecast alert on it", repo.grep(budget_files, forecast, 3)},
         {"alert thresholds", repo.grep(budget_files, threshold, 3)},
         {"notification recipients (emails, SNS topics, action groups, channels)",
          repo.grep(budget_files, recipients, 3)}});
}

class FinopsTrack final : public probes::ProbeTrack {
public:
    FinopsTrack()
        : ProbeTrack({{"cost_allocation_tags", &cost_allocation_tags},
                      {"focus_queries", &focus_queries},
                      {"showback_report", &showback_report},
                      {"budgets_as_code", &budgets_as_code}})
    {
    }
};

} // namespace

CLOUDTRACK_TRACK(FinopsTrack);
