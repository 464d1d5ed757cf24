// The security track's code: the evidence probes named by content/portfolio.json. Each reads the
// project only through the host's confined view, and its note says what it looked for. Several
// probes also look for what must not be there (a wildcard grant, a committed credential, a
// privileged pod); those lines are the evidence when an item is not verified.
#include "iam_wildcards.hpp"

#include <cloudtrack/plugin/probes.hpp>

#include <array>
#include <string_view>

namespace {

namespace probes = cloudtrack::plugin::probes;
using cloudtrack::plugin::Evidence;
using cloudtrack::plugin::ProbeResult;
using probes::Need;
using probes::pattern;
using probes::Repo;

std::vector<std::string> config_files(Repo& repo)
{
    static const auto re = pattern(probes::paths::config);
    return repo.paths_matching(re);
}

std::vector<std::string> pipeline_files(Repo& repo)
{
    static const auto re = pattern(
        probes::either({probes::paths::ci, R"(\.(sh|bash)$|(^|/)Makefile$|^\.github/settings\.ya?ml$)"}));
    return repo.paths_matching(re);
}

ProbeResult no_wildcard_iam(Repo& repo)
{
    static const auto json = pattern(R"(\.json$)");
    static const auto terraform = pattern(probes::paths::terraform);
    static const auto yaml = pattern(probes::paths::yaml);
    static const auto json_policy = pattern(R"re("Statement"\s*:)re");
    static const auto tf_policy = pattern(
        R"re(aws_iam_policy_document|"Statement"|Statement\s*=|aws_iam_(role_)?policy|azurerm_role_definition)re");
    static const auto yaml_policy = pattern(R"(PolicyDocument\s*:|Statement\s*:)");
    static const auto statement =
        pattern(R"re("Statement"\s*:|data\s+"aws_iam_policy_document"|^\s*statement\s*\{|Statement\s*[:=]|)re"
                R"re(PolicyDocument\s*:|resource\s+"(aws_iam_(role_)?policy|azurerm_role_definition)")re");
    static const auto exceptions =
        pattern(R"((^|/)[^/]*(iam|wildcard|policy)[-_]?(exceptions?|allowlist|waivers?)[^/]*$)");

    auto policies = repo.containing(repo.paths_matching(json), json_policy);
    for (const auto& [paths, marker] : {std::pair{repo.paths_matching(terraform), &tf_policy},
                                        std::pair{repo.paths_matching(yaml), &yaml_policy}}) {
        for (auto& path : repo.containing(paths, *marker)) {
            policies.push_back(std::move(path));
        }
    }
    return probes::conclude(
        {{"IAM policy documents in the repository (JSON, Terraform, CloudFormation)",
          repo.grep(policies, statement)},
         {R"(a grant of Action "*" or Resource "*")", security::wildcard_grants(repo, policies),
          Need::forbidden},
         {"an exceptions file with a justification and owner per exception",
          repo.present(repo.paths_matching(exceptions), 2), Need::optional}},
        "A wildcard listed as an exception still counts here; a reviewer weighs the justification");
}

ProbeResult policy_as_code(Repo& repo)
{
    static const auto policy_paths =
        pattern(R"((^|/)scps?/[^/]+\.json$|\.rego$|\.sentinel$|(^|/)\.checkov\.ya?ml$|(^|/)\.tflint\.hcl$|)"
                R"((^|/)\.?tfsec/|\.guard$)");
    static const auto policy_lines = pattern(
        R"(aws_organizations_policy|SERVICE_CONTROL_POLICY|)"
        R"(kind:\s*["']?(ClusterPolicy|ConstraintTemplate|ClusterImagePolicy|ValidatingAdmissionPolicy)\b|)"
        R"(apiVersion:\s*["']?kyverno\.io)");
    static const auto ci_step = pattern(
        R"(\b(conftest|checkov|tfsec|tflint|terrascan|kics|opa\s+(eval|test)|kyverno\s+(apply|test)|)"
        R"(gator\s+(test|verify)|sentinel\s+(apply|test)|trivy\s+config|cfn-guard)\b|checkov-action)");
    static const auto admission = pattern(
        R"((validationFailureAction|failureAction)\s*:\s*["']?Enforce|enforcementAction\s*:\s*["']?deny|)"
        R"(validationActions\s*:.*Deny|kind:\s*["']?ClusterImagePolicy\b)");
    static const auto signatures =
        pattern(R"(verifyImages\s*:|kind:\s*["']?ClusterImagePolicy\b|policy\.sigstore\.dev)");

    const auto config = config_files(repo);
    auto policies = repo.present(repo.paths_matching(policy_paths), 3);
    for (auto& e : repo.grep(config, policy_lines)) {
        policies.push_back(std::move(e));
    }
    auto enforced = repo.grep(pipeline_files(repo), ci_step, 3);
    for (auto& e : repo.grep(config, admission, 3)) {
        enforced.push_back(std::move(e));
    }
    return probes::conclude(
        {{"policies as code (SCPs, Rego, Sentinel, Kyverno or Gatekeeper policies, Checkov or tflint "
          "configuration)",
          policies},
         {"enforcement on every change (a CI step running conftest, Checkov, tfsec, kyverno... or an "
          "admission policy in Enforce mode)",
          enforced},
         {"an admission rule that verifies image signatures (Kyverno verifyImages, Sigstore "
          "ClusterImagePolicy)",
          repo.grep(config, signatures, 2), Need::optional}},
        "A recorded rejection of a non-compliant change is for a reviewer to see");
}

ProbeResult encryption_at_rest(Repo& repo)
{
    static const auto keys = pattern(
        R"(enable_key_rotation\s*=\s*true|rotation_period\s*=|["']?EnableKeyRotation["']?\s*:\s*["']?true|)"
        R"(rotation_policy|kind:\s*["']?EncryptionConfiguration\b)");
    static const auto stores = pattern(
        R"re(kms_key_id|kms_master_key_id|kms_key_arn|key_arn|sse_algorithm\s*=\s*"aws:kms"|kms_key_name|)re"
        R"re(default_kms_key_name|customer_managed_key|key_vault_key_id|encryption_config\s*\{|)re"
        R"re(database_encryption|KmsKeyId|KMSMasterKeyID|SSEAlgorithm\s*:\s*["']?aws:kms|^\s*-\s*kms\s*:)re");
    static const auto disabled =
        pattern(R"((storage_)?encrypted\s*[:=]\s*["']?false|enable_key_rotation\s*=\s*false|)"
                R"(EnableKeyRotation["']?\s*:\s*["']?false)");
    static const auto protection = pattern(
        R"(object_lock|ObjectLockConfiguration|deletion_protection|prevent_destroy|retention_in_days)");
    const auto config = config_files(repo);
    return probes::conclude(
        {{"customer managed keys with rotation (KMS keys with rotation enabled, or a KMS provider for "
          "Kubernetes Secrets)",
          repo.grep(config, keys)},
         {"data stores encrypted with those keys (kms_key_id, aws:kms, customer_managed_key, "
          "encryption_config...)",
          repo.grep(config, stores)},
         {"encryption or key rotation switched off", repo.grep(config, disabled), Need::forbidden},
         {"deletion protection (Object Lock, retention, deletion_protection)",
          repo.grep(config, protection, 2), Need::optional}},
        "Whether every store uses a key, and how narrow the key policies are, is for a reviewer");
}

// Credential shapes with few false positives; `marker` is a cheap pre-filter.
struct CredentialShape {
    std::string_view marker;
    const char* regex;
    std::string_view name;
};

constexpr std::array<CredentialShape, 7> k_credentials{{
    {"AKIA", R"(\bAKIA[0-9A-Z]{16}\b)", "an AWS access key id"},
    {"ASIA", R"(\bASIA[0-9A-Z]{16}\b)", "an AWS temporary access key id"},
    {"PRIVATE KEY", R"(-----BEGIN ((RSA|EC|DSA|OPENSSH|PGP|ENCRYPTED) )?PRIVATE KEY( BLOCK)?-----)",
     "a private key"},
    {"gh", R"(\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,}))", "a GitHub token"},
    {"xox", R"(\bxox[baprs]-[A-Za-z0-9-]{10,})", "a Slack token"},
    {"AIza", R"(\bAIza[0-9A-Za-z_-]{35}\b)", "a Google API key"},
    {"sk_live_", R"(\bsk_live_[0-9a-zA-Z]{24,})", "a Stripe live key"},
}};

std::vector<Evidence> committed_credentials(Repo& repo)
{
    static const auto binary = pattern(
        R"(\.(png|jpe?g|gif|ico|webp|pdf|zip|gz|tgz|bz2|xz|7z|tar|jar|war|class|so|a|o|dylib|dll|exe|woff2?|ttf|)"
        R"(otf|parquet|avro|orc|pbix|pbit|onnx|pt|safetensors|bin|lock)$)");
    static const auto compiled = [] {
        std::vector<std::regex> all;
        all.reserve(k_credentials.size());
        for (const auto& shape : k_credentials) {
            all.push_back(pattern(shape.regex, false));
        }
        return all;
    }();
    std::vector<Evidence> out;
    for (const auto& path : repo.paths()) {
        if (probes::matches(path, binary)) {
            continue;
        }
        const auto text = repo.files().read(path); // uncached: this reads every file once
        if (!text) {
            continue;
        }
        probes::for_each_line(*text, [&](int number, std::string_view line) {
            for (const auto& shape : k_credentials) {
                if (line.find(shape.marker) == std::string_view::npos) {
                    continue;
                }
                const auto index = static_cast<std::size_t>(&shape - k_credentials.data());
                std::smatch match;
                const std::string subject(line.substr(0, probes::k_max_match));
                // AWS documentation's placeholder keys end in EXAMPLE.
                if (std::regex_search(subject, match, compiled[index]) &&
                    match.str().find("EXAMPLE") == std::string::npos) {
                    out.push_back(
                        {path, number, "possible " + std::string(shape.name) + " (value not shown)"});
                    break;
                }
            }
            return out.size() < probes::k_evidence_per_signal;
        });
        if (out.size() >= probes::k_evidence_per_signal) {
            break;
        }
    }
    return out;
}

ProbeResult secret_scanning(Repo& repo)
{
    static const auto scanner = pattern(
        R"(\b(gitleaks|trufflehog|detect-secrets|ggshield|git-secrets|secretlint|talisman|noseyparker|kingfisher)\b|)"
        R"(--scanners\s+\S*secret|secret_detection|Secret-Detection\.gitlab-ci\.yml|secret_scanning)");
    static const auto config = pattern(
        R"((^|/)(\.?gitleaks\.toml|\.gitleaksignore|\.secrets\.baseline|\.trufflehog[^/]*|\.secretlintrc[^/]*|)"
        R"(\.talismanrc)$)");
    return probes::conclude(
        {{"a secret scanner that runs before merge (gitleaks, TruffleHog, detect-secrets, ggshield... in CI "
          "or "
          "pre-commit)",
          repo.grep(pipeline_files(repo), scanner)},
         {"scanner configuration or baseline", repo.present(repo.paths_matching(config), 2), Need::optional},
         {"a credential committed in the working tree (cloud keys, private keys, tokens)",
          committed_credentials(repo), Need::forbidden}},
        "Only the files as they are now were searched; a clean full-history scan report is for a reviewer");
}

ProbeResult image_signing(Repo& repo)
{
    static const auto sign = pattern(R"(cosign\s+sign\b(?!-blob))");
    static const auto keyless = pattern(R"(id-token\s*:\s*write|id_tokens\s*:|SIGSTORE_ID_TOKEN)");
    static const auto with_key = pattern(R"(cosign\s+sign\b(?!-blob).*\s--key\b)");
    static const auto identity = pattern(
        R"(certificate-identity|certificate-oidc-issuer|^\s*-?\s*(subject|issuer)\s*:\s*["']?https://)");
    const auto pipeline = pipeline_files(repo);
    return probes::conclude({{"a CI step signing the image with cosign", repo.grep(pipeline, sign)},
                             {"keyless signing through the CI's OIDC identity (id-token: write, id_tokens)",
                              repo.grep(pipeline, keyless, 2)},
                             {"signing with a stored key (--key) instead of keyless",
                              repo.grep(pipeline, with_key), Need::forbidden},
                             {"verification pinned to the certificate identity and OIDC issuer",
                              repo.grep(config_files(repo), identity, 3), Need::optional}});
}

// Workload documents (split at '---') that never set runAsNonRoot: true. Documents whose
// securityContext comes from a template ({{ ... }}) cannot be judged and are skipped.
std::vector<Evidence> workloads_without_non_root(Repo& repo)
{
    static const auto yaml = pattern(probes::paths::yaml);
    static const auto workload =
        pattern(R"(^kind:\s*["']?(Deployment|StatefulSet|DaemonSet|Job|CronJob|Pod|ReplicaSet)\b)");
    static const auto non_root = pattern(R"(runAsNonRoot\s*:\s*true)");
    static const auto templated = pattern(R"(securityContext.*\{\{|\{\{.*[Ss]ecurityContext)");
    std::vector<Evidence> out;
    for (const auto& path : repo.paths_matching(yaml)) {
        const auto text = repo.text(path);
        if (text == nullptr) {
            continue;
        }
        Evidence kind;
        bool judged = true;
        bool safe = false;
        const auto finish = [&] {
            if (!kind.path.empty() && judged && !safe && out.size() < probes::k_evidence_per_signal) {
                kind.text += " (no runAsNonRoot: true)";
                out.push_back(kind);
            }
            kind = Evidence{};
            judged = true;
            safe = false;
        };
        probes::for_each_line(*text, [&](int number, std::string_view line) {
            if (line.substr(0, 3) == "---") {
                finish();
            } else if (probes::matches(line, workload)) {
                kind = Evidence{path, number, probes::clip(line)};
            } else {
                safe = safe || probes::matches(line, non_root);
                judged = judged && !probes::matches(line, templated);
            }
            return true;
        });
        finish();
    }
    return out;
}

ProbeResult k8s_pod_security(Repo& repo)
{
    static const auto manifests = pattern(probes::either({probes::paths::yaml, probes::paths::terraform}));
    static const auto restricted =
        pattern(R"(pod-security\.kubernetes\.io/enforce["']?\s*[:=]\s*["']?restricted)");
    static const auto non_root = pattern(R"(runAsNonRoot\s*:\s*true|run_as_non_root\s*=\s*true)");
    static const auto unsafe =
        pattern(R"(privileged\s*[:=]\s*true|allowPrivilegeEscalation\s*:\s*true|runAsNonRoot\s*:\s*false|)"
                R"(runAsUser\s*:\s*0\b|hostNetwork\s*:\s*true|hostPID\s*:\s*true|)"
                R"(pod-security\.kubernetes\.io/enforce["']?\s*[:=]\s*["']?privileged)");
    const auto files = repo.paths_matching(manifests);
    return probes::conclude(
        {{"namespaces labelled pod-security.kubernetes.io/enforce: restricted", repo.grep(files, restricted)},
         {"pod specs with runAsNonRoot: true", repo.grep(files, non_root)},
         {"privileged, root or host-namespace settings", repo.grep(files, unsafe), Need::forbidden},
         {"a workload manifest without runAsNonRoot: true", workloads_without_non_root(repo),
          Need::forbidden}});
}

class SecurityTrack final : public probes::ProbeTrack {
public:
    SecurityTrack()
        : ProbeTrack({{"no_wildcard_iam", &no_wildcard_iam},
                      {"policy_as_code", &policy_as_code},
                      {"encryption_at_rest", &encryption_at_rest},
                      {"secret_scanning", &secret_scanning},
                      {"image_signing", &image_signing},
                      {"k8s_pod_security", &k8s_pod_security}})
    {
    }
};

} // namespace

CLOUDTRACK_TRACK(SecurityTrack);
