#Requires -Version 7.0
<#
.SYNOPSIS
    Import-Module of the packaged module in this (fresh) pwsh: prints one JSON line with the seconds
    Import-Module took and the cmdlets it made available.
#>
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
$clock = [Diagnostics.Stopwatch]::StartNew()
$module = Import-Module $ModulePath -PassThru
$seconds = $clock.Elapsed.TotalSeconds
[pscustomobject]@{
    Seconds = $seconds
    Cmdlets = $module.ExportedCmdlets.Count
} | ConvertTo-Json -Compress
