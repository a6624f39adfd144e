#Requires -Version 7.0
<#
.SYNOPSIS
    A corrections CSV in a fresh pwsh: Import-Csv | Set-ImpactActionItem, or the Invoke-RestMethod
    loop's one PUT per row. Prints one JSON line: seconds, rows reported sent and failed.
.DESCRIPTION
    The AuthToken comes in the environment variable IMPACT_BENCH_TOKEN. What reached the API and what
    it applied is read by the caller from the sandbox's request log and ledger.
#>
param(
    [Parameter(Mandatory)] [ValidateSet('Module', 'RestMethod')] [string] $Approach,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [uri] $BaseUri,
    [Parameter(Mandatory)] [string] $AccountSid,
    [Parameter(Mandatory)] [string] $CsvPath
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$token = $env:IMPACT_BENCH_TOKEN

if ($Approach -eq 'Module') {
    Import-Module $ModulePath
    Connect-ImpactAccount -AccountSid $AccountSid -AuthToken (ConvertTo-SecureString $token -AsPlainText -Force) -BaseUri $BaseUri
}
else {
    . (Join-Path $PSScriptRoot 'RestMethodScripts.ps1')
}

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
