using HatchetMcp.Emulator.Engine;
using HatchetMcp.Emulator.Model;

namespace HatchetMcp.Emulator.Scenarios;

/// <summary>
/// Seeds the shop tenant with 48 hours of history played through the engine (so every run is consistent with what
/// the engine does), plus the ML tenant. The story: charge-payment fails on every run since a deploy; webhooks hit
/// partner 502s and are retried; the inventory worker died two hours ago, leaving a sync-inventory run stuck; the
/// reports worker is saturated; one media worker is paused.
/// </summary>
internal static class RealisticScenario
{
    private static readonly TimeSpan History = TimeSpan.FromHours(48);
    private static readonly string[] PoolWorkflows = ["order-pipeline", "send-email", "charge-payment", "resize-image", "webhook-dispatch"];
    private static readonly double[] PoolWeights = [0.28, 0.30, 0.14, 0.14, 0.14];

    public static (EmulatorStore Store, EmulatorEngine Engine, ScenarioFacts Facts) Seed(int seed, int scale, DateTimeOffset now, bool withRuns)
    {
        var store = new EmulatorStore(seed);
        var ids = new DeterministicIds(SplitMix.Hash((ulong)seed, 0x5EED));
        var shopData = store.AddTenant(ids.Next(), ShopTenant.TenantName, "acme-shop", now - TimeSpan.FromDays(400), SplitMix.Hash((ulong)seed, 1));
        var mlData = store.AddTenant(ids.Next(), MlTenant.TenantName, "acme-ml", now - TimeSpan.FromDays(200), SplitMix.Hash((ulong)seed, 2));
        var deployAt = now - TimeSpan.FromMinutes(317);
        var deathAt = now - TimeSpan.FromMinutes(124);
        var pausedAt = now - TimeSpan.FromMinutes(93);
        var shop = ShopTenant.Build(shopData, now, deployAt);
        var ml = MlTenant.Build(mlData, now);
        var start = now - History - TimeSpan.FromMinutes(1);

        if (!withRuns)
        {
            Deploy(shop, deployAt);
            shop.PausedWorker.IsPaused = true;
            shop.InventoryWorker.IsHeartbeating = false;
            shop.InventoryWorker.LastHeartbeatAt = deathAt;
            var idle = new EmulatorEngine(store, now);
            idle.AdvanceTo(now);
            return (store, idle, Facts(shop, ml, deployAt, null, null, null));
        }

        var engine = new EmulatorEngine(store, start);
        var plan = new HistoryPlan();
        var rng = new SeedRandom(SplitMix.Hash((ulong)seed, 3));
        var inputs = new RunInputs(rng);
        AddCronsAndSchedules(shop, ml, now, inputs);

        plan.At(deployAt, () => Deploy(shop, deployAt));
        plan.At(pausedAt, () => shop.PausedWorker.IsPaused = true);
        plan.At(deathAt, () => shop.InventoryWorker.IsHeartbeating = false);

        // Runs that make the story, then history in proportion to the scale.
        var essentials = 0;
        void Trigger(WorkflowDefinition wf, DateTimeOffset at, int? priority = null, string? customer = null)
        {
            customer ??= inputs.Customer();
            var input = inputs.For(wf.Name, customer);
            var meta = wf.Name is "generate-report" or "sync-inventory" or "nightly-cleanup" ? inputs.Metadata() : inputs.Metadata(customer);
            plan.At(at, () => engine.Trigger(wf, input, meta, priority, at));
        }

        RunRecord? stuck = null;
        var stuckAt = now - TimeSpan.FromMinutes(47);
        plan.At(stuckAt, () => stuck = engine.Trigger(shop.SyncInventory, inputs.For("sync-inventory", ""), inputs.Metadata(), null, stuckAt));
        essentials++;
        // Reports arrive faster (1.5/min) than four slots of 3-8 min reports can drain: the worker is saturated.
        for (var i = 0; i < 20; i++, essentials++) Trigger(shop.GenerateReport, now - TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(40 * i), i % 7 == 4 ? 2 : null);
        for (var i = 0; i < 3; i++, essentials += 2)
        {
            Trigger(shop.OrderPipeline, now - TimeSpan.FromMinutes(40 - 3 * i));
            Trigger(shop.SendEmail, now - TimeSpan.FromMinutes(39 - 3 * i));
        }
        // Runs held for one reason each (fixed inputs: the seeded random draws of the rest of the history stay as they were).
        var heldMeta = new KeyValuePair<string, string>[] { new("env", "production") };
        var held = new List<(WorkflowDefinition Workflow, DateTimeOffset At, string Input, List<RunRecord> Into)>();
        List<RunRecord> smsRuns = [], exportRuns = [], transcodeRuns = [], reindexRuns = [];
        foreach (var minutes in new[] { 38, 31, 24, 17 }) held.Add((shop.SendSms, now - TimeSpan.FromMinutes(minutes), "{\"to\":\"+15550100\",\"orderId\":\"ord_4711\"}", smsRuns));
        foreach (var minutes in new[] { 52, 21 }) held.Add((shop.ExportOrders, now - TimeSpan.FromMinutes(minutes), "{\"day\":\"yesterday\"}", exportRuns));
        foreach (var minutes in new[] { 64, 36 }) held.Add((shop.TranscodeVideo, now - TimeSpan.FromMinutes(minutes), "{\"videoId\":\"vid_204\"}", transcodeRuns));
        // One reindex of the "products" catalog runs (70-90 min); three more of the same catalog wait behind it.
        foreach (var minutes in new[] { 45, 40, 30, 20 }) held.Add((shop.RebuildSearchIndex, now - TimeSpan.FromMinutes(minutes), "{\"catalog\":\"products\"}", reindexRuns));
        foreach (var (wf, at, input, into) in held)
        {
            plan.At(at, () => into.Add(engine.Trigger(wf, input, heldMeta, null, at)));
            essentials++;
        }

        Trigger(shop.OrderPipeline, now - TimeSpan.FromSeconds(8));
        Trigger(shop.OrderPipeline, now - TimeSpan.FromSeconds(4));
        Trigger(shop.ResizeImage, now - TimeSpan.FromSeconds(2));
        Trigger(shop.SendEmail, now - TimeSpan.FromMilliseconds(700));
        essentials += 4;
        essentials += CountCronFires(shopData, start, now) + shopData.Scheduled.Count(s => s.TriggerAt > start && s.TriggerAt <= now);

        var remaining = Math.Max(0, scale - essentials);
        var reportTimes = Spaced(rng, start + TimeSpan.FromMinutes(10), now - TimeSpan.FromMinutes(25), TimeSpan.FromMinutes(40), TimeSpan.FromMinutes(15));
        var syncTimes = Spaced(rng, start + TimeSpan.FromMinutes(5), deathAt - TimeSpan.FromMinutes(25), TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(3));
        var reports = Math.Min(reportTimes.Count, remaining / 15);
        var syncs = Math.Min(syncTimes.Count, remaining / 15);
        foreach (var at in reportTimes.Skip(reportTimes.Count - reports)) Trigger(shop.GenerateReport, at);
        foreach (var at in syncTimes.Skip(syncTimes.Count - syncs)) Trigger(shop.SyncInventory, at);
        PlanPool(plan, engine, shop, inputs, rng, remaining - reports - syncs, start + TimeSpan.FromMinutes(1), now - TimeSpan.FromMinutes(3), now);
        PlanMl(plan, engine, ml, inputs, rng, start, now);

        plan.Play(engine, now);
        return (store, engine, Facts(shop, ml, deployAt, stuck,
            NewestCompleted(shopData, shop.OrderPipeline, now), NewestCompleted(shopData, shop.SendEmail, now))
            with
            {
                RateLimitedRunIds = Ids(smsRuns), NoWorkerRunIds = Ids(exportRuns), PausedWorkerRunIds = Ids(transcodeRuns),
                ConcurrencyRunningRunId = reindexRuns.Count > 0 ? reindexRuns[0].ExternalId : Guid.Empty,
                ConcurrencyQueuedRunIds = Ids(reindexRuns.Skip(1)),
                SaturatedWorkerQueuedRunIds = shopData.RunsNewestFirst()
                    .Where(r => r.Workflow == shop.GenerateReport && r.Status == V1TaskStatus.QUEUED)
                    .Select(r => r.ExternalId).Reverse().ToList(),
            });
    }


    private static IReadOnlyList<Guid> Ids(IEnumerable<RunRecord> runs) => runs.Select(r => r.ExternalId).ToList();

    private static void Deploy(ShopTenant shop, DateTimeOffset at) =>
        WorkflowFactory.Deploy(shop.ChargePayment, at, v => WorkflowFactory.Step(v, "charge-payment", shop.ChargeScript, retries: 2, timeout: "60s"));

    /// <summary>The pool: order, email, payment, image and webhook runs spread over the history, busier by day.</summary>
    private static void PlanPool(HistoryPlan plan, EmulatorEngine engine, ShopTenant shop, RunInputs inputs, SeedRandom rng,
        int count, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        var tenant = shop.Tenant;
        var workflows = new[] { shop.OrderPipeline, shop.SendEmail, shop.ChargePayment, shop.ResizeImage, shop.WebhookDispatch };
        var times = DiurnalTimes(rng, count, from, to);
        // Arrivals are planned one at a time (each plans the next) so 100,000 pending closures never pile up.
        void PlanArrival(int index)
        {
            if (index >= times.Length) return;
            var at = times[index];
            plan.At(at, () =>
            {
                Arrive(at);
                PlanArrival(index + 1);
            });
        }

        void Arrive(DateTimeOffset at)
        {
            var wf = workflows[rng.PickWeighted(PoolWeights)];
            var customer = inputs.Customer();
            var input = inputs.For(wf.Name, customer);
            var meta = inputs.Metadata(customer);
            var roll = rng.NextDouble();
            int? priority = roll < 0.02 ? 3 : roll < 0.10 ? 2 : null;
            string? eventKey = wf.Name switch
            {
                "order-pipeline" when rng.Chance(0.8) => "order:created",
                "send-email" when rng.Chance(0.5) => "user:signup",
                "resize-image" when rng.Chance(0.7) => "image:uploaded",
                _ => null,
            };
            var cancelAfter = (wf == shop.OrderPipeline || wf == shop.ResizeImage) && rng.Chance(0.025)
                ? rng.Between(TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(4)) : (TimeSpan?)null;
            var replayAfter = rng.Chance(0.004) ? rng.Between(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(40)) : (TimeSpan?)null;
            var extraEvent = rng.Chance(0.12);

            Guid? eventId = eventKey is null ? null : tenant.Ids.Next();
            var run = engine.Trigger(wf, input, meta, priority, at, null, eventId);
            if (eventKey is not null)
            {
                var e = new EventRecord
                {
                    Id = eventId!.Value, Tenant = tenant, Key = eventKey, SeenAt = at, PayloadJson = input,
                    AdditionalMetadata = meta, Scope = eventKey == "order:created" ? "checkout" : null,
                };
                e.TriggeredRuns.Add(run);
                tenant.AddEvent(e);
            }
            if (cancelAfter is { } c) plan.At(at + c, () => engine.Cancel(tenant, [run.ExternalId], at + c));
            if (replayAfter is { } r && at + r < now - TimeSpan.FromMinutes(1))
            {
                plan.At(at + r, () => engine.Replay(tenant, [run.ExternalId], at + r));
            }
            if (extraEvent)
            {
                tenant.AddEvent(new EventRecord
                {
                    Id = tenant.Ids.Next(), Tenant = tenant, Key = "audit:login", SeenAt = at,
                    PayloadJson = string.Concat("{\"customerId\":\"", customer, "\"}"), AdditionalMetadata = meta,
                });
            }
        }

        PlanArrival(0);
    }

    private static void PlanMl(HistoryPlan plan, EmulatorEngine engine, MlTenant ml, RunInputs inputs, SeedRandom rng,
        DateTimeOffset start, DateTimeOffset now)
    {
        foreach (var at in DiurnalTimes(rng, 200, start + TimeSpan.FromMinutes(2), now - TimeSpan.FromMinutes(2)))
        {
            var wf = rng.Chance(0.2) ? ml.TrainModel : ml.EmbedDocuments;
            var input = inputs.For(wf.Name, "");
            var meta = new KeyValuePair<string, string>[] { new("team", rng.Chance(0.5) ? "search" : "recs"), new("env", "production") };
            var viaEvent = wf == ml.TrainModel;
            plan.At(at, () =>
            {
                Guid? eventId = viaEvent ? ml.Tenant.Ids.Next() : null;
                var run = engine.Trigger(wf, input, meta, null, at, null, eventId);
                if (eventId is { } id)
                {
                    var e = new EventRecord { Id = id, Tenant = ml.Tenant, Key = "dataset:updated", SeenAt = at, PayloadJson = input, AdditionalMetadata = meta };
                    e.TriggeredRuns.Add(run);
                    ml.Tenant.AddEvent(e);
                }
            });
        }
    }

    private static void AddCronsAndSchedules(ShopTenant shop, MlTenant ml, DateTimeOffset now, RunInputs inputs)
    {
        var t = shop.Tenant;
        CronRecord Cron(TenantData tenant, WorkflowDefinition wf, string name, string expr, WorkflowTriggerMethod method,
            DateTimeOffset created, string input, bool enabled = true, int priority = 1)
        {
            var c = new CronRecord
            {
                Id = tenant.Ids.Next(), Tenant = tenant, Workflow = wf, Version = wf.Latest, Name = name, Expression = expr,
                Method = method, CreatedAt = created, UpdatedAt = created, InputJson = input, Enabled = enabled, Priority = priority,
                AdditionalMetadata = [new("trigger", "cron"), new("env", "production")],
            };
            tenant.AddCron(c);
            return c;
        }
        Cron(t, shop.NightlyCleanup, "nightly-cleanup", "0 3 * * *", WorkflowTriggerMethod.DEFAULT, shop.NightlyCleanup.CreatedAt, "{\"olderThanDays\":30}");
        Cron(t, shop.GenerateReport, "daily-sales-report", "0 6 * * *", WorkflowTriggerMethod.API, now - TimeSpan.FromDays(10), "{\"reportType\":\"sales\",\"period\":\"daily\"}");
        Cron(t, shop.WebhookDispatch, "partner-heartbeat", "15 */2 * * *", WorkflowTriggerMethod.API, now - TimeSpan.FromDays(7), "{\"endpoint\":\"https://hooks.partner-api.example/v2/events\",\"eventType\":\"heartbeat\"}");
        Cron(t, shop.SendEmail, "weekly-digest", "0 9 * * 1", WorkflowTriggerMethod.API, now - TimeSpan.FromDays(12), "{\"template\":\"weekly-digest\"}", enabled: false);
        Cron(ml.Tenant, ml.TrainModel, "retrain-every-6h", "0 */6 * * *", WorkflowTriggerMethod.API, now - TimeSpan.FromDays(5), "{\"dataset\":\"reviews-latest\",\"epochs\":3}");

        void Schedule(TenantData tenant, WorkflowDefinition wf, DateTimeOffset at, WorkflowTriggerMethod method, DateTimeOffset created, string customer, int priority = 1)
        {
            tenant.AddScheduled(new ScheduledRecord
            {
                Id = tenant.Ids.Next(), Tenant = tenant, Workflow = wf, Version = wf.Latest, TriggerAt = at, Method = method,
                CreatedAt = created, UpdatedAt = created, Priority = priority, InputJson = inputs.For(wf.Name, customer),
                AdditionalMetadata = customer.Length > 0 ? inputs.Metadata(customer) : inputs.Metadata(),
            });
        }
        Schedule(t, shop.SendEmail, now - TimeSpan.FromHours(3), WorkflowTriggerMethod.API, now - TimeSpan.FromHours(20), inputs.Customer());
        Schedule(t, shop.ChargePayment, now - TimeSpan.FromHours(1), WorkflowTriggerMethod.API, now - TimeSpan.FromHours(26), inputs.Customer(), 2);
        Schedule(t, shop.SendEmail, now + TimeSpan.FromHours(2), WorkflowTriggerMethod.API, now - TimeSpan.FromHours(1), inputs.Customer(), 2);
        Schedule(t, shop.GenerateReport, now + TimeSpan.FromDays(1), WorkflowTriggerMethod.API, now - TimeSpan.FromHours(4), "");
        Schedule(t, shop.WebhookDispatch, now + TimeSpan.FromHours(6), WorkflowTriggerMethod.DEFAULT, shop.WebhookDispatch.CreatedAt, inputs.Customer());
        Schedule(ml.Tenant, ml.TrainModel, now + TimeSpan.FromHours(3), WorkflowTriggerMethod.API, now - TimeSpan.FromHours(2), "");
    }

    private static int CountCronFires(TenantData tenant, DateTimeOffset from, DateTimeOffset to)
    {
        var count = 0;
        foreach (var c in tenant.Crons)
        {
            if (!c.Enabled || !CronSchedule.TryParse(c.Expression, out var s)) continue;
            for (var t = s.NextAfter(from); t is { } x && x <= to; t = s.NextAfter(x)) count++;
        }
        return count;
    }

    /// <summary>Instants from..to, about <paramref name="every"/> apart with +-jitter.</summary>
    private static List<DateTimeOffset> Spaced(SeedRandom rng, DateTimeOffset from, DateTimeOffset to, TimeSpan every, TimeSpan jitter)
    {
        var result = new List<DateTimeOffset>();
        for (var t = from; t <= to; t += every) result.Add(t + rng.Between(-jitter, jitter));
        return result.Where(x => x >= from && x <= to).OrderBy(x => x).ToList();
    }

    /// <summary><paramref name="count"/> sorted instants, denser during the (UTC) working day.</summary>
    private static DateTimeOffset[] DiurnalTimes(SeedRandom rng, int count, DateTimeOffset from, DateTimeOffset to)
    {
        var ticks = new long[Math.Max(0, count)];
        var span = (to - from).Ticks;
        for (var i = 0; i < ticks.Length; i++)
        {
            while (true)
            {
                var t = from.UtcTicks + (long)(rng.NextDouble() * span);
                var hour = new DateTimeOffset(t, TimeSpan.Zero).TimeOfDay.TotalHours;
                var weight = 0.55 + 0.45 * Math.Sin((hour - 8) / 24 * 2 * Math.PI);
                if (rng.NextDouble() < weight)
                {
                    ticks[i] = t;
                    break;
                }
            }
        }
        Array.Sort(ticks);
        return Array.ConvertAll(ticks, t => new DateTimeOffset(t, TimeSpan.Zero));
    }

    private static RunRecord? NewestCompleted(TenantData tenant, WorkflowDefinition wf, DateTimeOffset now)
    {
        foreach (var run in tenant.RunsNewestFirst())
        {
            if (run.Workflow == wf && run.Status == V1TaskStatus.COMPLETED && run.InsertedAt <= now - TimeSpan.FromMinutes(10)) return run;
        }
        return null;
    }

    private static ScenarioFacts Facts(ShopTenant shop, MlTenant ml, DateTimeOffset deployAt, RunRecord? stuck,
        RunRecord? sampleDag, RunRecord? sampleSingle)
    {
        var child = sampleDag?.Tasks.Find(t => t.Step.ReadableId == "create-shipment");
        return new ScenarioFacts(
            shop.Tenant.Id, shop.Tenant.Name,
            ml.Tenant.Id, "",
            shop.ChargePayment.Name, ErrorCatalog.BillingCountrySignature, deployAt,
            stuck?.ExternalId ?? Guid.Empty, shop.SyncInventory.Latest.Steps[0].ActionId,
            shop.ReportsWorker.Id, shop.PausedWorker.Id, shop.InventoryWorker.Id,
            shop.OrderPipeline.Name, shop.SendEmail.Name,
            sampleDag?.ExternalId ?? Guid.Empty, child?.ExternalId ?? Guid.Empty, sampleSingle?.ExternalId ?? Guid.Empty,
            ShopTenant.NearlyExhaustedRateLimit,
            shop.ChargePayment.Versions[^2].Id, shop.ChargePayment.Latest.Id)
        {
            ExhaustedRateLimitKey = ShopTenant.ExhaustedRateLimit,
            RateLimitedActionId = shop.SendSms.Latest.Steps[0].ActionId,
            NoWorkerActionId = shop.ExportOrders.Latest.Steps[0].ActionId,
            PausedWorkerActionId = shop.TranscodeVideo.Latest.Steps[0].ActionId,
            ConcurrencyWorkflowName = shop.RebuildSearchIndex.Name,
        };
    }
}
