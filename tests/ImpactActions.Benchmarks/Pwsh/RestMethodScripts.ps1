# What a user writes today without the module: Invoke-RestMethod with Basic auth, the API pages'
# requests as they document them. The benchmark measures the module against these two functions.

function Get-ActionByRestMethod {
    <#
    .SYNOPSIS
        Lists a campaign's actions updated between two dates: 45-day windows ([ACTIONS]: StartDate and
        EndDate may be at most 45 days apart), each followed page by page through @nextpageuri.
        Each page's actions go down the pipeline as soon as the page is parsed.
    #>
    param(
        [uri] $BaseUri,
        [string] $AccountSid,
        [string] $AuthToken,
        [long] $CampaignId,
        [datetimeoffset] $StartDate,
        [datetimeoffset] $EndDate
    )
    $headers = @{
        Authorization = 'Basic ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("${AccountSid}:$AuthToken"))
        Accept        = 'application/json'
    }
    for ($from = $StartDate; $from -lt $EndDate; $from = $from.AddDays(45)) {
        $to = if ($from.AddDays(45) -lt $EndDate) { $from.AddDays(45) } else { $EndDate }
        $uri = [uri]::new($BaseUri, "/Advertisers/$AccountSid/Actions?CampaignId=$CampaignId" +
            "&StartDate=$($from.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ssZ'))&EndDate=$($to.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ssZ'))")
        while ($uri) {
            $page = Invoke-RestMethod -Uri $uri -Headers $headers
            $page.Actions
            $uri = if ($page.'@nextpageuri') { [uri]::new($BaseUri, $page.'@nextpageuri') } else { $null }
        }
    }
}

function Set-ItemByRestMethod {
    <#
    .SYNOPSIS
        Sends one PUT per CSV row ([ITEM-PUT]'s request: ActionId, Sku, Quantity, Reason ORDER_UPDATE,
        ItemSubTotalDelta when the row has a Delta). A failed row is counted and the loop goes on.
    #>
    param(
        [Parameter(ValueFromPipeline)] $Row,
        [uri] $BaseUri,
        [string] $AccountSid,
        [string] $AuthToken
    )
    begin {
        $headers = @{
            Authorization = 'Basic ' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("${AccountSid}:$AuthToken"))
            Accept        = 'application/json'
        }
        $uri = [uri]::new($BaseUri, "/Advertisers/$AccountSid/Actions")
        $sent = 0
        $failed = 0
    }
    process {
        $body = @{ ActionId = $Row.ActionId; Sku = $Row.Sku; Quantity = $Row.Quantity; Reason = 'ORDER_UPDATE' }
        if ($Row.Delta) { $body.ItemSubTotalDelta = $Row.Delta }
        try {
            Invoke-RestMethod -Method Put -Uri $uri -Headers $headers -Body $body -ContentType 'application/x-www-form-urlencoded' | Out-Null
            $sent++
        }
        catch {
            $failed++
        }
    }
    end {
        [pscustomobject]@{ Sent = $sent; Failed = $failed }
    }
}
