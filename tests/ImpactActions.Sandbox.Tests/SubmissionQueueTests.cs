using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;

namespace ImpactActions.Sandbox.Tests;

/// <summary>The APISubmissions queue: receipts, the Queued → In Progress → Complete walk, expiry, both answer shapes.</summary>
public sealed class SubmissionQueueTests
{
    [Fact]
    public async Task A_write_answers_QUEUED_and_walks_through_every_status_in_order()
    {
        await using var sandbox = await TestSandbox.StartAsync(configure: o => o.Behaviour.ProcessingDelay = TimeSpan.FromSeconds(3));
        var action = sandbox.Modifiable();
        var receipt = await sandbox.PutAsync(("ActionId", action.Id), ("Sku", action.Items[0].Sku), ("Quantity", "0"), ("Reason", "ORDER_UPDATE"));
        Assert.Equal(HttpStatusCode.OK, receipt.Status);
        Assert.Equal("QUEUED", receipt.Json.GetProperty("Status").GetString());
        var queuedUri = receipt.Json.GetProperty("QueuedUri").GetString()!;
        Assert.Matches($"^/Advertisers/{sandbox.Host.AccountSid}/APISubmissions/A-[0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}}$", queuedUri);

        var seen = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (seen.LastOrDefault() != "Complete")
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"The submission never completed; it went through {string.Join(", ", seen)}.");
            var submission = (await sandbox.GetAsync(queuedUri)).Json;
            var status = submission.GetProperty("Status").GetString()!;
            if (seen.LastOrDefault() != status) seen.Add(status);
            if (status != "Complete") Assert.Equal("", submission.GetProperty("CompletionDate").GetString());
            else Assert.NotEqual("", submission.GetProperty("CompletionDate").GetString());
            await Task.Delay(50);
        }
        Assert.Equal(new[] { "Queued", "In Progress", "Complete" }, seen);
        Assert.Equal(0, sandbox.Host.Store.FindById(action.Id)!.Items[0].Quantity);
    }

    [Fact]
    public async Task The_submission_list_can_be_turned_off_while_each_submission_stays_readable()
    {
        await using var sandbox = await TestSandbox.StartAsync(configure: o => o.Behaviour.SubmissionList = false);
        var action = sandbox.Modifiable();
        var submission = await sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", action.Id), ("Sku", action.Items[0].Sku), ("Quantity", "0"), ("Reason", "ORDER_UPDATE"));
        Assert.Equal("Complete", submission.GetProperty("Status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await sandbox.GetAsync($"{sandbox.Root}/APISubmissions")).Status);
    }

    [Fact]
    public async Task A_submission_records_what_was_sent()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var action = sandbox.Modifiable();
        var submission = await sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", action.Id), ("Sku", action.Items[0].Sku), ("Quantity", "0"), ("Reason", "ORDER_UPDATE"));
        foreach (var field in new[] { "BatchId", "AccountId", "SubmissionDate", "CampaignId", "ActionTrackerId", "MediaPartnerId", "EventCode", "OrderId", "Payload", "Type", "Status", "CompletionDate", "ErrorType", "ErrorReason", "Uri" })
            Assert.True(submission.TryGetProperty(field, out _), $"missing {field}");
        Assert.Equal($"ActionId={action.Id}&Sku={action.Items[0].Sku}&Quantity=0&Reason=ORDER_UPDATE", submission.GetProperty("Payload").GetString());
        Assert.Equal("Modification", submission.GetProperty("Type").GetString());
        Assert.Equal(sandbox.Host.AccountSid, submission.GetProperty("AccountId").GetString());
    }

    [Fact]
    public async Task An_unknown_or_expired_BatchId_is_404()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await sandbox.GetAsync($"{sandbox.Root}/APISubmissions/A-00000000-0000-0000-0000-000000000000")).Status);

        var action = sandbox.Modifiable();
        var uri = (await sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", action.Id), ("Sku", action.Items[0].Sku), ("Quantity", "0"), ("Reason", "ORDER_UPDATE")))
            .GetProperty("Uri").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await sandbox.GetAsync(uri)).Status);
        sandbox.Host.Clock.Advance(TimeSpan.FromDays(91));
        var expired = await sandbox.GetAsync(uri);
        Assert.Equal(HttpStatusCode.NotFound, expired.Status);
        Assert.Equal("ERROR", expired.Json.GetProperty("Status").GetString());
    }

    [Fact]
    public async Task The_wrapped_shape_puts_the_record_under_APISubmission()
    {
        await using var sandbox = await TestSandbox.StartAsync(configure: o => o.Behaviour.Quirks.WrappedSubmission = true);
        var action = sandbox.Modifiable();
        var answer = await sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", action.Id), ("Sku", action.Items[0].Sku), ("Quantity", "0"), ("Reason", "ORDER_UPDATE"));
        Assert.Equal("Complete", answer.GetProperty("APISubmission").GetProperty("Status").GetString());
        Assert.False(answer.TryGetProperty("Status", out _));
    }

    [Fact]
    public async Task The_submission_list_pages_newest_first()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var first = sandbox.Modifiable();
        var second = sandbox.Modifiable(skip: 1);
        await sandbox.ApplyAsync(HttpMethod.Put, ("ActionId", first.Id), ("Sku", first.Items[0].Sku), ("Quantity", "0"), ("Reason", "ORDER_UPDATE"));
        sandbox.Host.Clock.Advance(TimeSpan.FromSeconds(2));
        await sandbox.ApplyAsync(HttpMethod.Delete, ("ActionId", second.Id), ("DispositionCode", "OTHER"));
        var list = (await sandbox.GetAsync($"{sandbox.Root}/APISubmissions")).Json;
        Assert.Equal("2", list.GetProperty("@total").GetString());
        var types = list.GetProperty("APISubmission").EnumerateArray().Select(s => s.GetProperty("Type").GetString()).ToList();
        Assert.Equal(new[] { "Reversal", "Modification" }, types);
    }
}
