using System;
using System.Threading.Tasks;
using ImpactActions.Sandbox.Wire;
using Microsoft.AspNetCore.Http;

namespace ImpactActions.Sandbox.Api;

/// <summary>GET /APISubmissions and /APISubmissions/{BatchId}.</summary>
public static class SubmissionEndpoints
{
    public static Task GetAsync(HttpContext context, SandboxHost sandbox, string batchId)
    {
        var submission = sandbox.Queue.Find(batchId);
        if (submission is null)
            return ApiResponder.WriteErrorAsync(context, ApiError.NotFound($"No submission '{batchId}': unknown, or older than the retention period."));
        var quirks = sandbox.Behaviour.Quirks;
        return ApiResponder.WriteAsync(context, 200, quirks, w =>
        {
            // XML always wraps the record; JSON does when the quirk says so.
            var wrapped = quirks.WrappedSubmission || ApiResponder.FormatOf(context) == WireFormat.Xml;
            if (wrapped) w.StartObject("APISubmission");
            RecordSerializer.WriteSubmission(w, submission);
            if (wrapped) w.EndObject();
        });
    }

    public static Task ListAsync(HttpContext context, SandboxHost sandbox)
    {
        if (!sandbox.Behaviour.SubmissionList) return ApiResponder.WriteErrorAsync(context, ApiError.NotFound("No such resource."));
        var (paging, error) = Paging.Read(context.Request.Query);
        if (error is not null) return ApiResponder.WriteErrorAsync(context, error);
        var all = sandbox.Queue.All();
        var first = (int)Math.Min(paging!.FirstIndex, all.Count);
        var count = Math.Min(paging.PageSize, all.Count - first);
        var quirks = sandbox.Behaviour.Quirks;
        return ApiResponder.WriteAsync(context, 200, quirks, w =>
        {
            RecordSerializer.WritePaging(w, PageLinks.Build(context, paging, all.Count, count, quirks.AbsoluteLinks), quirks.LinkTypoSpelling, quirks.TotalAlwaysZero);
            w.StartArray("APISubmission", "APISubmission");
            for (var i = first; i < first + count; i++)
            {
                w.StartObject();
                RecordSerializer.WriteSubmission(w, all[i]);
                w.EndObject();
            }
            w.EndArray();
        });
    }
}
