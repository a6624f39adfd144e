using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using ImpactActions.Core.Connection;
using ImpactActions.Core.Paging;
using ImpactActions.Core.Submissions;
using ImpactActions.Core.Validation;
using ImpactActions.Core.Writing;
using ImpactActions.Sandbox;

namespace ImpactActions.Core.Tests;

/// <summary>
/// The README's demo (build.ps1 -Task Demo) step by step through Core, for machines without pwsh:
/// the same sandbox (seed 42, 5,000 actions, the real clock), the same sample CSV, the same steps.
/// </summary>
public sealed class DemoScenarioTests
{
    private static string SamplePath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "docs", "samples", "corrections.csv");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("docs/samples/corrections.csv");
    }

    /// <summary>Import-Csv's view of the file: one input per row, every cell text, empty cells empty.</summary>
    private static List<ItemChangeInput> ImportCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].Split(',');
        return lines.Skip(1).Where(l => l.Length > 0).Select((line, index) =>
        {
            var cells = header.Zip(line.Split(','), (name, value) => (name, value)).ToDictionary(c => c.name, c => c.value);
            return new ItemChangeInput
            {
                Row = index + 1, ActionId = cells["ActionId"], ActionTrackerId = cells["ActionTrackerId"], OrderId = cells["Oid"], Sku = cells["Sku"],
                Quantity = cells["Quantity"], QuantityChange = cells["QuantityChange"], Amount = cells["Amount"], Delta = cells["Delta"], Reason = cells["Reason"], Category = cells["Category"],
                ItemName = cells["ItemName"], Rebate = cells["Rebate"],
            };
        }).ToList();
    }

    private static async Task SendAsync(ImpactConnection connection, IWriteHost host, IEnumerable<ItemChangeInput> rows)
    {
        using var run = new ItemChangeRun(new Http.ImpactApiClient(connection), host);
        foreach (var row in rows) await run.AddAsync(row, default);
        await run.CompleteAsync(default);
    }

    [Fact]
    public async Task The_demo_lists_rehearses_sends_waits_and_shows_the_changed_items()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions
        {
            Port = 0,
            Data = new DataOptions { Actions = 5000, Seed = 42 },
            Behaviour = new BehaviourOptions { ProcessingDelay = TimeSpan.FromMilliseconds(500) },
        });
        using var connection = ImpactConnection.Open(new ConnectionSettings
        {
            AccountSid = sandbox.AccountSid, AuthToken = CoreSandbox.Secret(sandbox.AuthToken), BaseUri = sandbox.BaseUri,
        }, _ => null);
        var client = new Http.ImpactApiClient(connection);

        // 1. Recent actions.
        var recent = await new ActionReader(client).ListAsync(new ActionQuery { CampaignId = 1000 }).ToListAsync(take: 10);
        Assert.NotEmpty(recent);

        // 2. The sample CSV, rehearsed: nothing sent.
        var rows = ImportCsv(SamplePath());
        var rehearsal = new FakeWriteHost { Send = false, Rehearses = true };
        await SendAsync(connection, rehearsal, rows);
        Assert.All(rehearsal.Results, r => Assert.Equal(RowStatus.NotSent, r.State));
        Assert.Equal(0, sandbox.Ledger.Count);

        // 3. For real: every row queued, one PUT per action, and one read of the items of each action where a row leaves Quantity to it.
        var host = new FakeWriteHost();
        var before = sandbox.Requests.Count;
        using (var run = new ItemChangeRun(client, host))
        {
            foreach (var row in rows) await run.AddAsync(row, default);
            await run.CompleteAsync(default);
        }
        Assert.Equal(rows.Count, host.Results.Count);
        Assert.All(host.Results, r => Assert.Equal(RowStatus.Queued, r.State));
        var requests = sandbox.Requests.Since(before);
        Assert.Equal(4, requests.Count(r => r.Method == "PUT"));
        // Action 104997's own record is read too: a write by tracker and order (row 4) is pending, and it could be the same action.
        Assert.Equal(new[] { "Actions/1000.2240.105000/Items", "Actions/1000.2240.104997", "Actions/1000.2240.104997/Items" },
            requests.Where(r => r.Method == "GET").Select(r => r.PathAndQuery.Substring(r.PathAndQuery.IndexOf("/Actions/", StringComparison.Ordinal) + 1)));

        // 4. Wait for the submissions.
        var waited = await new SubmissionWaiter(client) { FirstPoll = TimeSpan.FromMilliseconds(200) }
            .WaitAsync(host.Results.Select(r => r.BatchId!), TimeSpan.FromSeconds(30));
        Assert.All(waited, w => Assert.Equal(SubmissionWaitStatus.Complete, w.Status));

        // 5. The changed items.
        var reader = new ActionReader(client);
        Assert.Equal(0, (await reader.GetItemAsync("1000.2240.105000", "12415")).Quantity);
        Assert.Equal(2 - 1, (await reader.GetItemAsync("1000.2240.105000", "12429")).Quantity);
        var corrected = await reader.GetItemAsync("1000.2240.105000", "12422");
        Assert.Equal((2, 160.00m), (corrected.Quantity, corrected.SaleAmount));
        Assert.Equal("ORDER_UPDATE", (await reader.GetItemAsync("1000.2240.105000", "12415")).AdjustmentReason);
        var cut = await reader.GetItemAsync("1001.2250.104999", "12464");
        Assert.Equal((3, 297.66m - 25.00m), (cut.Quantity, cut.SaleAmount));
        var readFirst = await reader.GetItemAsync("1000.2240.104997", "12429");
        Assert.Equal((4, 346.16m - 12.50m), (readFirst.Quantity, readFirst.SaleAmount));
        Assert.Equal("Outdoor", (await reader.GetItemAsync("1001.2250.104996", "12478")).Category);
    }
}
