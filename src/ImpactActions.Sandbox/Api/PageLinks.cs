using System;
using System.Collections.Generic;
using System.Globalization;
using ImpactActions.Sandbox.Wire;
using Microsoft.AspNetCore.Http;

namespace ImpactActions.Sandbox.Api;

/// <summary>The paging envelope's links: the request's own path and query with Page set, relative unless the quirk asks otherwise.</summary>
public static class PageLinks
{
    public const string OriginalPathKey = "sandbox.original-path";

    public static PageInfo Build(HttpContext context, Paging paging, long total, int countOnPage, bool absolute)
    {
        var numPages = paging.NumPages(total);
        var path = context.Items.TryGetValue(OriginalPathKey, out var original) && original is string p ? p : context.Request.Path.Value ?? "";
        var prefix = absolute ? $"{context.Request.Scheme}://{context.Request.Host}" : "";
        var kept = new List<string>();
        var raw = context.Request.QueryString.Value ?? "";
        foreach (var pair in raw.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var key = Uri.UnescapeDataString(pair.Split('=')[0]);
            if (!key.Equals("Page", StringComparison.OrdinalIgnoreCase)) kept.Add(pair);
        }

        string Link(int page)
        {
            var query = new List<string>(kept) { "Page=" + page.ToString(CultureInfo.InvariantCulture) };
            return prefix + path + "?" + string.Join("&", query);
        }

        var start = paging.FirstIndex;
        return new PageInfo(
            paging.Page, numPages, paging.PageSize, total, start, start + countOnPage - 1,
            Uri: Link(paging.Page),
            FirstPageUri: Link(1),
            PreviousPageUri: paging.Page > 1 ? Link(Math.Min(paging.Page - 1, numPages)) : "",
            NextPageUri: paging.Page < numPages ? Link(paging.Page + 1) : "",
            LastPageUri: Link(numPages));
    }
}
