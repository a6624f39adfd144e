namespace ImpactActions.Sandbox.Wire;

/// <summary>The paging envelope of a list answer; links are "" where there is none.</summary>
public sealed record PageInfo(int Page, int NumPages, int PageSize, long Total, long Start, long End,
    string Uri, string FirstPageUri, string PreviousPageUri, string NextPageUri, string LastPageUri);
