#Requires -Version 7.0
<#
.SYNOPSIS
    A corrections CSV in a fresh pwsh: Import-Csv | Set-ImpactActionItem, or the Invoke-RestMethod
    loop's one PUT per row. Prints one JSON line: seconds, rows reported sent and failed.
.DESCRIPTION
    The side is prepared by Initialize-MeasuredSide.ps1. What reached the API and what it applied is read
    by the caller from the sandbox's request log and ledger.
#>
param(
    [Parameter(Mandatory)] [ValidateSet('Module', 'RestMethod')] [string] $Approach,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [uri] $BaseUri,
    [Parameter(Mandatory)] [string] $AccountSid,
    [Parameter(Mandatory)] [string] $CsvPath
)
. (Join-Path $PSScriptRoot 'Initialize-MeasuredSide.ps1') -Approach $Approach -ModulePath $ModulePath -BaseUri $BaseUri -AccountSid $AccountSid

$clock = [Diagnostics.Stopwatch]::StartNew()
if ($Approach -eq 'Module') {
    $results = Import-Csv $CsvPath | Set-ImpactActionItem -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
    $seconds = $clock.Elapsed.TotalSeconds
    $sent = @($results | Where-Object Status -EQ 'Queued').Count
    $failed = @($results | Where-Object Status -NE 'Queued').Count
}
else {
    $outcome = Import-Csv $CsvPath | Set-ItemByRestMethod -BaseUri $BaseUri -AccountSid $AccountSid -AuthToken $token
    $seconds = $clock.Elapsed.TotalSeconds
    $sent = $outcome.Sent
    $failed = $outcome.Failed
}

[pscustomobject]@{
    Seconds = $seconds
    Sent    = $sent
    Failed  = $failed
} | ConvertTo-Json -Compress
