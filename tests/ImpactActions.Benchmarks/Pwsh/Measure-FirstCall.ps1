#Requires -Version 7.0
<#
.SYNOPSIS
    The first call of a fresh session against the calls after it: in this (fresh) pwsh, imports the module,
    connects, and lists the same window -Calls times into ForEach-Object. Prints one JSON line: the
    import's and the connect's seconds, and each call's seconds, the process's processor time (all threads),
    seconds to its first object, objects, methods the JIT compiled and the JIT's time during it, and gen-0
    collections during it.
.DESCRIPTION
    Run by Invoke-PwshBenchmark.ps1, one process per measurement. Call 1 is what a user meets after
    Import-Module and Connect-ImpactAccount; calls 2 and after are warm. JitInfo's figures (all threads)
    say how much of the first call's extra time is compilation.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [uri] $BaseUri,
    [Parameter(Mandatory)] [string] $AccountSid,
    [Parameter(Mandatory)] [datetimeoffset] $StartDate,
    [Parameter(Mandatory)] [datetimeoffset] $EndDate,
    [ValidateRange(2, 10)] [int] $Calls = 3
)
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$token = $env:IMPACT_BENCH_TOKEN
$clock = [Diagnostics.Stopwatch]::StartNew()
Import-Module $ModulePath
$importSeconds = $clock.Elapsed.TotalSeconds
$clock.Restart()
Connect-ImpactAccount -AccountSid $AccountSid -AuthToken (ConvertTo-SecureString $token -AsPlainText -Force) -BaseUri $BaseUri
$connectSeconds = $clock.Elapsed.TotalSeconds

$process = [Diagnostics.Process]::GetCurrentProcess()
$results = foreach ($call in 1..$Calls) {
    $count = 0
    $checksum = 0L
    $firstSeconds = $null
    $methods = [Runtime.JitInfo]::GetCompiledMethodCount($false)
    $jit = [Runtime.JitInfo]::GetCompilationTime($false)
    $collections = [GC]::CollectionCount(0)
    $cpu = $process.TotalProcessorTime
    $clock.Restart()
    Get-ImpactAction -CampaignId 1000 -StartDate $StartDate -EndDate $EndDate | ForEach-Object {
        if ($null -eq $firstSeconds) { $firstSeconds = $clock.Elapsed.TotalSeconds }
        $count++
        $checksum += $_.Id.Length
    }
    $seconds = $clock.Elapsed.TotalSeconds
    $process.Refresh()
    [pscustomobject]@{
        Seconds      = $seconds
        CpuSeconds   = ($process.TotalProcessorTime - $cpu).TotalSeconds
        FirstSeconds = $firstSeconds
        Objects      = $count
        Checksum     = $checksum
        JitMethods   = [Runtime.JitInfo]::GetCompiledMethodCount($false) - $methods
        JitSeconds   = ([Runtime.JitInfo]::GetCompilationTime($false) - $jit).TotalSeconds
        Gen0         = [GC]::CollectionCount(0) - $collections
    }
}
[pscustomobject]@{
    ImportSeconds  = $importSeconds
    ConnectSeconds = $connectSeconds
    Calls          = @($results)
} | ConvertTo-Json -Compress -Depth 4
