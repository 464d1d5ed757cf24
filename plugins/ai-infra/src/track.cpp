// The ai-infra track's code: the evidence probes named by content/portfolio.json. Each reads the
// project only through the host's confined view, and its note says what it looked for. Benchmark
// results, dashboards and red-team runs stay for a reviewer; the note says so.
#include <cloudtrack/plugin/probes.hpp>

namespace {

namespace probes = cloudtrack::plugin::probes;
using cloudtrack::plugin::ProbeResult;
using probes::Need;
using probes::pattern;
using probes::Repo;

std::vector<std::string> config_files(Repo& repo)
{
    static const auto re = pattern(probes::paths::config);
    return repo.paths_matching(re);
}

ProbeResult gpu_resource_limits(Repo& repo)
{
    static const auto limit = pattern(
        R"(["']?(nvidia\.com/(gpu|mig-[\w.-]+)|amd\.com/gpu|google\.com/tpu|aws\.amazon\.com/neuron(core)?|)"
        R"(gpu\.intel\.com/\w+)["']?\s*[:=]\s*["']?\d)");
    static const auto placement =
        pattern(R"(^\s*(nodeSelector|nodeAffinity|node_selector)\s*[:=]\s*($|\{\s*\S)|)"
                R"(^\s*-?\s*key\s*:\s*\S*(gpu|accelerator|instance-type|nodepool|node-pool)|)"
                R"(^\s*["']?(cloud\.google\.com/gke-accelerator|nvidia\.com/gpu\.(present|product)|)"
                R"(karpenter\.k8s\.aws/instance-gpu[\w-]*)["']?\s*:)");
    static const auto tolerations = pattern(
        R"(^\s*tolerations\s*:\s*($|\[\s*\S)|key\s*:\s*["']?nvidia\.com/gpu|effect\s*:\s*["']?NoSchedule)");
    const auto gpu_files = repo.containing(config_files(repo), limit);
    return probes::conclude(
        {{"explicit accelerator limits (nvidia.com/gpu, MIG slices, amd.com/gpu, TPU, Neuron)",
          repo.grep(gpu_files, limit)},
         {"the GPU workloads placed on GPU nodes (a nodeSelector or node affinity)",
          repo.grep(gpu_files, placement)},
         {"tolerations for the GPU nodes' taints", repo.grep(gpu_files, tolerations, 2), Need::optional}});
}

ProbeResult model_autoscaling(Repo& repo)
{
    static const auto server = pattern(
        R"(kind:\s*["']?(InferenceService|ServingRuntime|RayService|SeldonDeployment)\b|)"
        R"(image:\s*["']?\S*(vllm|tritonserver|text-generation-inference|torchserve|bentoml|ollama|sglang|)"
        R"(nvcr\.io/nim|kserve|model-?server))");
    static const auto autoscaler = pattern(
        R"(kind:\s*["']?(HorizontalPodAutoscaler|ScaledObject|InferenceService)\b|autoscaling\.knative\.dev)");
    static const auto load_signal = pattern(
        R"(^\s*-?\s*(name|metricName|query|scaleMetric|metric|autoscaling\.knative\.dev/metric|)"
        R"(serving\.kserve\.io/metric)\s*:.*(queue|waiting|pending|in_?flight|concurrency|request|rps|dcgm|)"
        R"(gpu|token)|^\s*(autoscaling\.knative\.dev/target|scaleTarget)\s*:)");
    static const auto bounds = pattern(
        R"(\b(min|max)Replicas\b|\b(min|max)ReplicaCount\b|(min|max)-scale\b|\b(min|max)_replicas\b)");
    static const auto nodes =
        pattern(R"(karpenter|cluster-autoscaler|consolidationPolicy|consolidateAfter|min_node_count|)"
                R"(enable_autoscaling|autoscaling_config|scale-down-unneeded)");
    const auto config = config_files(repo);
    const auto scaling = repo.containing(config, autoscaler);
    return probes::conclude(
        {{"a model server (KServe, vLLM, Triton, TGI, TorchServe, Ray Serve...)",
          repo.grep(config, server, 3)},
         {"autoscaling on an inference-load signal (concurrency, queue depth, in-flight requests, GPU "
          "metrics) through KServe/Knative, an HPA or a KEDA ScaledObject",
          repo.grep(scaling, load_signal)},
         {"minimum and maximum replicas", repo.grep(scaling, bounds, 4)},
         {"GPU node autoscaling that removes idle nodes (Karpenter, cluster autoscaler)",
          repo.grep(config, nodes, 2), Need::optional}},
        "Scaling on CPU alone does not count; the autoscaler's target is not matched to the server by name");
}

ProbeResult model_registry_versioning(Repo& repo)
{
    static const auto pinned = pattern(
        R"(models:/[^\s"'/]+/\d+\b|models:/[^\s"'/]+@[a-z][\w-]*|revision\s*[:=]\s*["']?[0-9a-f]{7,40}\b|)"
        R"(--revision[= ]+["']?[0-9a-f]{7,40}\b|(model|storage_?uri|uri)[^\n]*@sha256:[0-9a-f]{64}|)"
        R"(model-package/[^\s"']+/\d+|model[_-]?version\s*[:=]\s*["']?v?\d)");
    static const auto mutable_ref =
        pattern(R"(models:/[^\s"'/]+/(latest|production|staging)\b|models:/[^\s"'/]+@latest\b|)"
                R"(revision\s*[:=]\s*["']?(main|master|latest)\b|model[_-]?version\s*[:=]\s*["']?latest|)"
                R"((model|storage_?uri)[\w-]*\s*[:=]\s*["']?[^\s"']*:latest\b)");
    static const auto prompt = pattern(
        R"(prompts:/[^\s"'/]+/\d+|prompts:/[^\s"'/]+@\w+|prompt[_-]?(template[_-]?)?version\s*[:=]\s*["']?v?\d)");
    const auto config = config_files(repo);
    return probes::conclude(
        {{"the served model pinned to an immutable version (an MLflow version or alias, a revision hash, "
          "a digest)",
          repo.grep(config, pinned)},
         {"a model reference to 'latest', a branch or a mutable registry stage",
          repo.grep(config, mutable_ref), Need::forbidden},
         {"a pinned prompt-template version", repo.grep(config, prompt, 2), Need::optional}},
        "Promotion through the registry is for a reviewer to see in its history");
}

ProbeResult inference_observability(Repo& repo)
{
    static const auto scrape = pattern(
        R"(kind:\s*["']?(ServiceMonitor|PodMonitor)\b|scrape_configs\s*:|prometheus\.io/scrape|^\s*-?\s*job_name\s*:)");
    static const auto rules = pattern(
        R"(^\s*-?\s*(alert|record)\s*:\s*\S*(latency|duration|p9[59]|ttft|first_token|token|throughput|)"
        R"(request|rps|qps)|histogram_quantile\s*\(\s*0\.9[59])");
    static const auto llm =
        pattern(R"(time_to_first_token|ttft|tokens?_per_second|generation_tokens|prompt_tokens|vllm:)");
    static const auto guardrail = pattern(R"((expr|alert|record|name)\s*:.*(guardrail|blocked))");
    const auto config = config_files(repo);
    return probes::conclude(
        {{"metrics collection (a ServiceMonitor or PodMonitor, or Prometheus scrape configuration)",
          repo.grep(config, scrape, 3)},
         {"alerting or recording rules on latency or throughput (p95 latency, request rate, tokens)",
          repo.grep(config, rules)},
         {"LLM serving metrics (time to first token, tokens per second)", repo.grep(config, llm, 3),
          Need::optional},
         {"guardrail block metrics", repo.grep(config, guardrail, 2), Need::optional}});
}

ProbeResult prompt_injection_guard(Repo& repo)
{
    static const auto files = pattern(probes::either({probes::paths::config, R"(\.(py|co|ts)$)"}));
    static const auto guard_file =
        pattern(R"(rails\s*:|guardrail|guard|shield|moderation|PROMPT_ATTACK|jailbreak|injection)");
    static const auto input = pattern(
        R"(self check input|check_jailbreak|jailbreak|prompt[_ -]?injection|prompt[_ -]?(guard|shield)|)"
        R"(llama[-_ ]?guard|PROMPT_ATTACK|lakera|rebuff)");
    static const auto output = pattern(
        R"(self check output|output_rails|^\s*output\s*:\s*$|output[_ ]?(filter|guard|moderation|scan)|)"
        R"(block(ed)?[_ ]?(links?|urls?|images?|markdown)|allowed[_ ]?(domains|urls|links)|url[_ ]?allowlist|)"
        R"(content_policy_config|sensitive_information_policy_config)");
    static const auto retrieval = pattern(
        R"(^\s*retrieval\s*:|retrieval[_ ]rails|check[_ ]retriev|retrieved[_ ](content|chunks|documents)|)"
        R"(indirect[_ ](prompt[_ ])?injection)");
    const auto guards = repo.containing(repo.paths_matching(files), guard_file);
    return probes::conclude(
        {{"input guardrails against prompt injection and jailbreaks (NeMo Guardrails input rails, Llama "
          "Guard, Prompt Guard, Bedrock PROMPT_ATTACK, a gateway rule)",
          repo.grep(guards, input)},
         {"output guardrails (output rails, blocked links or images, content filters)",
          repo.grep(guards, output)},
         {"checks on retrieved content", repo.grep(guards, retrieval, 2), Need::optional}},
        "Whether the rails stop real attacks needs a red-team run, which is for a reviewer");
}

class AiInfraTrack final : public probes::ProbeTrack {
public:
    AiInfraTrack()
        : ProbeTrack({{"gpu_resource_limits", &gpu_resource_limits},
                      {"model_autoscaling", &model_autoscaling},
                      {"model_registry_versioning", &model_registry_versioning},
                      {"inference_observability", &inference_observability},
                      {"prompt_injection_guard", &prompt_injection_guard}})
    {
    }
};

} // namespace

CLOUDTRACK_TRACK(AiInfraTrack);
