// The devops track's code: the evidence probes named by content/portfolio.json. Each reads the
// project only through the host's confined view, and its note says what it looked for. What files
// cannot show (branch protection, pipeline history, a rollback that happened) stays for a
// reviewer, and the note says so.
#include <cloudtrack/plugin/probes.hpp>

namespace {

namespace probes = cloudtrack::plugin::probes;
using cloudtrack::plugin::ProbeResult;
using probes::Need;
using probes::pattern;
using probes::Repo;

const std::regex& ci_files()
{
    static const auto re = pattern(probes::paths::ci);
    return re;
}

const std::regex& config_files()
{
    static const auto re = pattern(probes::paths::config);
    return re;
}

const std::regex& doc_files()
{
    static const auto re = pattern(probes::paths::docs);
    return re;
}

// CI definitions plus the scripts and Makefiles they call.
std::vector<std::string> pipeline_files(Repo& repo)
{
    static const auto re = pattern(probes::either({probes::paths::ci, R"(\.(sh|bash)$|(^|/)Makefile$)"}));
    return repo.paths_matching(re);
}

ProbeResult ci_runs_tests(Repo& repo)
{
    static const auto test =
        pattern(R"(\b(pytest|py\.test|tox|nox|go\s+test|gotestsum|(npm|pnpm|yarn|bun)\s+(run\s+)?test|)"
                R"(npx\s+(jest|vitest|mocha|playwright)|ctest|mvnw?\s[^#]*\b(test|verify)|)"
                R"(gradlew?\s[^#]*\b(test|check)|cargo\s+(test|nextest)|dotnet\s+test|rspec|rake\s+test|)"
                R"(phpunit|mix\s+test|(terraform|tofu)\s+test|terratest|make\s+(test|check)|bazel\s+test|)"
                R"(python3?\s+-m\s+(pytest|unittest))\b)");
    static const auto pull_request = pattern(R"(pull_request|merge_request|^\s*pr\s*:|changeRequest)");
    const auto ci = repo.paths_matching(ci_files());
    return probes::conclude(
        {{"a CI workflow step that runs tests (pytest, go test, npm test, ctest, mvn test, cargo test, "
          "terraform test...)",
          repo.grep(ci, test)},
         {"a pull-request or merge-request trigger", repo.grep(ci, pull_request, 2), Need::optional}},
        "Whether merging is blocked on the test job (branch protection) is not in the files");
}

ProbeResult ci_security_scan(Repo& repo)
{
    static const auto scanner = pattern(
        R"(\b(trivy|grype|codeql|snyk|osv-scanner|dependency-check|dependency-review-action|)"
        R"(docker\s+scout|anchore|semgrep|npm\s+audit|pip-audit|govulncheck|cargo\s+audit|bundler-audit)\b)");
    static const auto threshold = pattern(
        R"(severity|--exit-code[ =]+1|exit-code\s*:\s*["']?1|fail-on|fail_on|severity-cutoff|fail-build|)"
        R"(--audit-level)");
    static const auto scanner_config = pattern(R"((^|/)\.?(trivy|grype)\.ya?ml$)");
    static const auto exceptions =
        pattern(R"((^|/)(\.trivyignore(\.ya?ml)?|\.grype\.ya?ml|\.snyk|osv-scanner\.toml|\.semgrepignore|)"
                R"(\.nsprc|audit-ci\.jsonc?|[^/]*vex[^/]*\.json)$)");
    const auto ci = repo.paths_matching(ci_files());
    const auto scanning = repo.containing(ci, scanner);
    auto threshold_files = scanning;
    for (auto& path : repo.paths_matching(scanner_config)) {
        threshold_files.push_back(std::move(path));
    }
    return probes::conclude(
        {{"a dependency or image scanner in CI (Trivy, Grype, CodeQL, Snyk, OSV-Scanner...)",
          repo.grep(scanning, scanner)},
         {"a severity threshold that fails the build (severity, exit-code 1, fail-on...)",
          repo.grep(threshold_files, threshold)},
         {"a risk-acceptance file (.trivyignore, .grype.yaml, .snyk, VEX...)",
          repo.present(repo.paths_matching(exceptions), 2), Need::optional}},
        "A justification and expiry for each accepted risk is for a reviewer to read");
}

ProbeResult image_signing(Repo& repo)
{
    static const auto sign = pattern(R"(cosign\s+sign\b(?!-blob))");
    static const auto verify = pattern(
        R"(cosign\s+verify\b(?!-blob)|verifyImages\s*:|kind:\s*["']?ClusterImagePolicy\b|policy\.sigstore\.dev)");
    static const auto identity =
        pattern(R"(certificate-identity|certificate-oidc-issuer|token\.actions\.githubusercontent\.com|)"
                R"(^\s*(subject|subjectRegExp|issuer)\s*:)");
    static const auto keyless = pattern(R"(id-token\s*:\s*write|id_tokens\s*:|SIGSTORE_ID_TOKEN)");
    const auto pipeline = pipeline_files(repo);
    const auto config = repo.paths_matching(config_files());
    return probes::conclude(
        {{"a pipeline step signing the image with cosign", repo.grep(pipeline, sign)},
         {"signature verification before the image runs (cosign verify, a Kyverno verifyImages rule or "
          "a Sigstore ClusterImagePolicy)",
          repo.grep(config, verify)},
         {"the verification pinned to a certificate identity and OIDC issuer", repo.grep(config, identity, 3),
          Need::optional},
         {"keyless signing through the CI's OIDC token (id-token: write)", repo.grep(pipeline, keyless, 2),
          Need::optional}});
}

ProbeResult rollback_strategy(Repo& repo)
{
    static const auto strategy = pattern(
        R"(kind:\s*["']?(Rollout|Canary)\b|^\s*(canary|blueGreen)\s*:|type:\s*["']?RollingUpdate|)"
        R"(maxUnavailable\s*:|deployment_circuit_breaker|deploymentCircuitBreaker|CodeDeployDefault\.)");
    static const auto rollback = pattern(
        R"(kind:\s*["']?(AnalysisTemplate|ClusterAnalysisTemplate|MetricTemplate)\b|^\s*analysis\s*:|)"
        R"(templateName\s*:|successCondition|failureCondition|failureLimit|thresholdRange|auto_?rollback|)"
        R"(rollback\s*=\s*true|["']?rollback["']?\s*:\s*true|--atomic\b|--rollback-on-failure|rollout\s+undo)");
    const auto config = repo.paths_matching(config_files());
    return probes::conclude(
        {{"a progressive or rolling release (an Argo Rollouts Rollout, a Flagger Canary, or a Deployment "
          "strategy with maxUnavailable)",
          repo.grep(config, strategy)},
         {"automatic rollback (analysis templates or metric checks, a circuit breaker, helm --atomic, "
          "rollout undo)",
          repo.grep(config, rollback)}},
        "The record of a bad release that was rolled back is for a reviewer to read");
}

ProbeResult monitoring_alerts(Repo& repo)
{
    static const auto files = pattern(probes::either({probes::paths::config, probes::paths::docs}));
    static const auto slo =
        pattern(R"(kind:\s*["']?(SLO|PrometheusServiceLevel|ServiceLevelObjective)\b|)"
                R"(apiVersion:\s*["']?(openslo|sloth\.slok\.dev|pyrra\.dev)|^\s*objective\s*:\s*\d|)"
                R"(\bSLOs?\b.*\b9\d(\.\d+)?\s*%|\b9\d(\.\d+)?\s*%.*\bSLOs?\b)");
    static const auto burn_alerts = pattern(
        R"(^\s*-?\s*alert\s*:\s*\S*(burn|slo|budget)|expr\s*:.*(burn|slo[:_]|error_budget)|page_alert|)"
        R"(pageAlert|kind:\s*["']?(PrometheusServiceLevel|ServiceLevelObjective)\b)");
    return probes::conclude(
        {{"an SLO definition (OpenSLO, Sloth, Pyrra, or a written SLO with its target)",
          repo.grep(files, slo)},
         {"burn-rate alerting on the SLO (Prometheus alert rules, or Sloth/Pyrra page alerts)",
          repo.grep(repo.paths_matching(config_files()), burn_alerts)}},
        "Whether alerts page on user-facing symptoms only is for a reviewer to judge");
}

ProbeResult incident_notes(Repo& repo)
{
    static const auto runbook_path = pattern(R"((^|/)(runbooks?|playbooks?)(/|[-_.]))");
    static const auto runbook_heading = pattern(R"(^#{1,3}\s.*\b(runbook|playbook)s?\b)");
    static const auto record_path = pattern(R"(post-?mortem|incident|game-?day|drill|retro)");
    static const auto record_heading =
        pattern(R"(^#{1,3}\s.*(post-?mortem|incident (review|report)|game ?day|drill|retrospective))");
    static const auto timeline = pattern(R"(\btimeline\b)");
    static const auto actions = pattern(R"(action items?|follow-?ups?)");
    const auto docs = repo.paths_matching(doc_files());

    std::vector<std::string> runbooks;
    std::vector<std::string> records;
    for (const auto& path : docs) {
        if (probes::matches(path, runbook_path)) {
            runbooks.push_back(path);
        }
        if (probes::matches(path, record_path) || !repo.grep({path}, record_heading, 1).empty()) {
            records.push_back(path);
        }
    }
    auto runbook_evidence = repo.present(runbooks, 3);
    for (auto& e : repo.grep(docs, runbook_heading, 2)) {
        runbook_evidence.push_back(std::move(e));
    }
    records = repo.containing(repo.containing(records, timeline), actions);
    static const auto record_lines = pattern(R"(^#{1,3}\s|\btimeline\b|action items?)");
    return probes::conclude(
        {{"runbooks (a runbooks/ folder or a document headed Runbook)", runbook_evidence},
         {"a postmortem, drill or game-day record with a timeline and action items",
          repo.grep(records, record_lines)}},
        "Whether the action items are owned, dated and tracked is for a reviewer to read");
}

ProbeResult iac_policy_checks(Repo& repo)
{
    static const auto tool = pattern(
        R"(\b(conftest|checkov|tfsec|tflint|terrascan|kics|opa\s+(eval|test)|sentinel\s+(apply|test)|)"
        R"(trivy\s+config)\b|checkov-action|setup-tflint)");
    static const auto policy_files = pattern(
        R"(\.rego$|\.sentinel$|(^|/)\.checkov\.ya?ml$|(^|/)\.tflint\.hcl$|(^|/)\.?tfsec/|(^|/)policy/)");
    static const auto plan_json = pattern(R"(show\s+-json|plan\.json|tfplan\.json)");
    const auto pipeline = pipeline_files(repo);
    return probes::conclude(
        {{"a CI step that evaluates policy as code (conftest/OPA, Checkov, tflint, tfsec, Sentinel...)",
          repo.grep(pipeline, tool)},
         {"policy files in the repository (Rego, Sentinel, Checkov or tflint configuration)",
          repo.present(repo.paths_matching(policy_files), 3), Need::optional},
         {"the plan evaluated as JSON (terraform show -json)", repo.grep(pipeline, plan_json, 2),
          Need::optional}},
        "A pull request blocked by a policy is for a reviewer to see");
}

class DevopsTrack final : public probes::ProbeTrack {
public:
    DevopsTrack()
        : ProbeTrack({{"ci_runs_tests", &ci_runs_tests},
                      {"ci_security_scan", &ci_security_scan},
                      {"image_signing", &image_signing},
                      {"rollback_strategy", &rollback_strategy},
                      {"monitoring_alerts", &monitoring_alerts},
                      {"incident_notes", &incident_notes},
                      {"iac_policy_checks", &iac_policy_checks}})
    {
    }
};

} // namespace

CLOUDTRACK_TRACK(DevopsTrack);
