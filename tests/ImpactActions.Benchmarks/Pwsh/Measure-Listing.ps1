#Requires -Version 7.0
<#
.SYNOPSIS
    One listing in a fresh pwsh: the module's Get-ImpactAction or the Invoke-RestMethod loop, into one
    sink. Prints one JSON line: objects, seconds, seconds to the first object, peak working set.
.DESCRIPTION
    Run by Invoke-PwshBenchmark.ps1, one process per measurement, so that every figure is a fresh
    session's and the peak working set is this listing's alone. The clock starts at the call: after
    Import-Module and Connect-ImpactAccount (Initialize-MeasuredSide.ps1), or after the loop's functions
    are defined.
#>
param(
    [Parameter(Mandatory)] [ValidateSet('Module', 'RestMethod')] [string] $Approach,
    [Parameter(Mandatory)] [ValidateSet('ForEachObject', 'ExportCsv', 'OutNull', 'FormatTable', 'FormatList')] [string] $Sink,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [uri] $BaseUri,
    [Parameter(Mandatory)] [string] $AccountSid,
    [Parameter(Mandatory)] [datetimeoffset] $StartDate,
    [Parameter(Mandatory)] [datetimeoffset] $EndDate,
    [int] $First,
    [string] $CsvPath
)
. (Join-Path $PSScriptRoot 'Initialize-MeasuredSide.ps1') -Approach $Approach -ModulePath $ModulePath -BaseUri $BaseUri -AccountSid $AccountSid

if ($Approach -eq 'Module') {
    $list = {
        $arguments = @{ CampaignId = 1000; StartDate = $StartDate; EndDate = $EndDate }
        if ($First) { $arguments.First = $First }
        Get-ImpactAction @arguments
    }
}
else {
    $list = {
        $arguments = @{ BaseUri = $BaseUri; AccountSid = $AccountSid; AuthToken = $token; CampaignId = 1000; StartDate = $StartDate; EndDate = $EndDate }
        if ($First) { Get-ActionByRestMethod @arguments | Select-Object -First $First } else { Get-ActionByRestMethod @arguments }
    }
}

$count = 0
$lines = 0
$firstSeconds = $null
$checksum = 0L
$clock = [Diagnostics.Stopwatch]::StartNew()
switch ($Sink) {
    'ForEachObject' {
        & $list | ForEach-Object {
            if ($null -eq $firstSeconds) { $firstSeconds = $clock.Elapsed.TotalSeconds }
            $count++
            $checksum += $_.Id.Length
        }
    }
    'ExportCsv' { & $list | Export-Csv -Path $CsvPath -NoTypeInformation }
    'OutNull' { & $list | ForEach-Object { $count++; $_ } | Out-Null }
    'FormatTable' { & $list | ForEach-Object { $count++; $_ } | Format-Table | Out-String -Stream -Width 200 | ForEach-Object { $lines++ } }
    'FormatList' { & $list | ForEach-Object { $count++; $_ } | Format-List | Out-String -Stream -Width 200 | ForEach-Object { $lines++ } }
}
$seconds = $clock.Elapsed.TotalSeconds
if ($Sink -eq 'ExportCsv') {
    # Counted after the clock stopped: one line per action after the header (no field holds a line break).
    $count = [Linq.Enumerable]::Count([IO.File]::ReadLines($CsvPath)) - 1
}

[pscustomobject]@{
    Objects         = $count
    Seconds         = $seconds
    FirstSeconds    = $firstSeconds
    Checksum        = $checksum
    Lines           = $lines
    PeakWorkingSetMB = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB
} | ConvertTo-Json -Compress
