namespace ImpactActions.Sandbox.Data;

/// <summary>The fixed vocabulary the generator draws names from.</summary>
internal static class Catalog
{
    public static readonly string[] CampaignNames = { "Acme Campaign", "Acme Outlet", "Acme Kids", "Acme Pro", "Acme Travel" };

    public static readonly string[] Categories = { "Sports", "Footwear", "Outdoor", "Kitchen", "Books", "Toys", "Garden", "Electronics" };

    public static readonly string[] Products =
    {
        "Tennis Balls (One Dozen)", "Trail Runner", "Rain Jacket", "Chef Knife", "Field Guide", "Puzzle Box",
        "Hose Reel", "Headphones", "Yoga Mat", "Hiking Boot", "Tent", "Cast Iron Pan", "Atlas", "Kite",
        "Pruning Shears", "Charger", "Water Bottle", "Sandals", "Sleeping Bag", "Coffee Grinder",
    };

    public static readonly string[] PartnerNames = { "Acme Partner", "Deal Finder", "Coupon Nest", "Review Hub", "Style Blog", "Cashback Club", "Tech Daily", "Outdoor Mag" };

    public static readonly string[] ReferringTypes = { "CLICK_COOKIE", "CLICK_COOKIE", "CLICK_COOKIE", "CLICK_FINGERPRINT", "PROMO_CODE" };

    public static readonly string[] PromoCodes = { "SUMMERSALE2020", "WELCOME10", "FREESHIP" };

    public static readonly string[] Cities = { "Santa Barbara", "Austin", "Denver", "Portland", "Boston", "Chicago" };

    public static readonly string[] Regions = { "California", "Texas", "Colorado", "Oregon", "Massachusetts", "Illinois" };
}
