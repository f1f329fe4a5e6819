using HatchetMcp.Emulator.Model;
using static HatchetMcp.Emulator.Scenarios.WorkflowFactory;

namespace HatchetMcp.Emulator.Scenarios;

/// <summary>The second tenant, an ML platform: its own workflows, workers and runs, never visible from the first.</summary>
internal sealed class MlTenant
{
    public const string TenantName = "Acme ML Platform";

    public required TenantData Tenant { get; init; }
    public required WorkflowDefinition TrainModel { get; init; }
    public required WorkflowDefinition EmbedDocuments { get; init; }

    public static MlTenant Build(TenantData t, DateTimeOffset now)
    {
        var born = now - TimeSpan.FromDays(20);
        var fetch = new TaskScript
        {
            MinDuration = TimeSpan.FromSeconds(5), MaxDuration = TimeSpan.FromSeconds(20),
            ProgressLines = ["Downloading dataset shard {n}"], OutputTemplate = "{\"rows\":{n}}",
        };
        var train = new TaskScript
        {
            MinDuration = TimeSpan.FromMinutes(1), MaxDuration = TimeSpan.FromMinutes(4),
            FailureProbability = 0.08, Errors = [ErrorCatalog.CudaOutOfMemory],
            ProgressLines = ["Epoch 1/3 loss=0.{n}", "Epoch 2/3 loss=0.{n}", "Epoch 3/3 loss=0.{n}"],
            RepeatedLine = "GPU utilisation 97%", RepeatedLineLevel = V1LogLineLevel.DEBUG, RepeatedLineCount = 10,
            OutputTemplate = "{\"checkpoint\":\"s3://models/ckpt-{n}\"}",
        };
        var evaluate = new TaskScript
        {
            MinDuration = TimeSpan.FromSeconds(10), MaxDuration = TimeSpan.FromSeconds(30),
            ProgressLines = ["Evaluating on holdout set"], OutputTemplate = "{\"accuracy\":0.9{n}}",
        };
        var trainModel = Add(t, "train-model", "Fetches a dataset, trains and evaluates a model", V1WorkflowType.DAG, born, 2, v =>
        {
            var a = Step(v, "fetch-dataset", fetch, retries: 1, timeout: "2m");
            var b = Step(v, "train", train, timeout: "10m", parents: a);
            Step(v, "evaluate", evaluate, timeout: "2m", parents: b);
        }, eventTriggers: ["dataset:updated"]);

        var embed = new TaskScript
        {
            MinDuration = TimeSpan.FromSeconds(1), MaxDuration = TimeSpan.FromSeconds(8),
            FailureProbability = 0.05, Errors = [ErrorCatalog.EmbeddingsRateLimited],
            ProgressLines = ["Embedding {n} chunks"], OutputTemplate = "{\"vectors\":{n}}",
        };
        var embedDocuments = Add(t, "embed-documents", "Embeds documents into the vector store", V1WorkflowType.TASK,
            born + TimeSpan.FromDays(2), 1, v => Step(v, "embed-documents", embed, retries: 3, timeout: "1m"));

        var workerBorn = now - TimeSpan.FromDays(1);
        void W(string name, int slots, params string[] actions)
        {
            var w = new WorkerRecord
            {
                Id = t.Ids.Next(), Tenant = t, Name = name, CreatedAt = workerBorn, UpdatedAt = workerBorn, LastHeartbeatAt = workerBorn,
                SlotLimit = slots, DispatcherId = t.Ids.Next(), SdkVersion = "1.21.3", Language = WorkerRuntimeSdk.PYTHON,
                LanguageVersion = "3.11.9", Os = "linux",
            };
            w.Actions.AddRange(actions);
            t.AddWorker(w);
        }
        W("gpu-worker-1", 2, "train-model:train");
        W("cpu-worker-1", 8, "train-model:fetch-dataset", "train-model:evaluate", "embed-documents:embed-documents");

        t.AddRateLimit(new RateLimitRecord { Key = "openai-embeddings", Tenant = t, LimitValue = 3000, Value = 2880, Window = "1 minute", LastRefill = now });
        return new MlTenant { Tenant = t, TrainModel = trainModel, EmbedDocuments = embedDocuments };
    }
}
