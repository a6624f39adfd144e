namespace ImpactActions.Host;

/// <summary>The progress bars the module shows, one id and activity each, so that a write's wait and a listing never overwrite each other.</summary>
internal static class ProgressIds
{
    public const int Writes = 1;
    public const int Listing = 2;
    public const int Submissions = 3;

    public const string ListingActivity = "Listing actions";
    public const string SubmissionsActivity = "Waiting for submissions";
}
