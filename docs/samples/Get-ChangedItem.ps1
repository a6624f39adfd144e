<#
.SYNOPSIS
    Reads back the items a write changed, from Set-ImpactActionItem's results.
.DESCRIPTION
    A row named by ActionId binds to Get-ImpactActionItem by its ActionId and Sku. A row named by
    ActionTrackerId and OrderId has no ActionId: the API reads items only by ActionId, so its action is
    found in its campaign's listing by tracker and Oid; the campaign comes from the row's submission.
.EXAMPLE
    Import-Csv corrections.csv | Set-ImpactActionItem -Wait | ./Get-ChangedItem.ps1 | Format-Table
#>
[CmdletBinding()]
param([Parameter(ValueFromPipeline)] $Result)
begin { $byOrder = [System.Collections.Generic.List[object]]::new() }
process {
    if (-not $Result.Sku -or -not ($Result.ActionId -or $Result.OrderId)) { return }
    if ($Result.ActionId) { Get-ImpactActionItem -ActionId $Result.ActionId -Sku $Result.Sku }
    elseif ($Result.BatchId) { $byOrder.Add($Result) }
}
end {
    foreach ($campaign in ($byOrder | Group-Object { ($_ | Get-ImpactSubmission).CampaignId })) {
        $wanted = @{}
        foreach ($row in $campaign.Group) { $wanted["$($row.ActionTrackerId)/$($row.OrderId)"] += @($row.Sku) }
        # One listing per campaign, as far back as the API allows, stopping once every row's action is found.
        Get-ImpactAction -CampaignId $campaign.Name -StartDate (Get-Date).AddYears(-3) -ClampToThreeYears |
            Where-Object { $wanted.ContainsKey("$($_.ActionTrackerId)/$($_.Oid)") } |
            Select-Object -First $wanted.Count |
            ForEach-Object { $skus = $wanted["$($_.ActionTrackerId)/$($_.Oid)"]; Get-ImpactActionItem -ActionId $_.Id | Where-Object Sku -in $skus }
    }
}
