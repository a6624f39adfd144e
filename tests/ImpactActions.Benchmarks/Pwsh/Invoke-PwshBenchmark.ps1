#Requires -Version 7.0
<#
.SYNOPSIS
    The module where users run it: pwsh, side by side with the Invoke-RestMethod script a user would
    write instead. Prints one table (markdown) and exits 1 only when a result is wrong, never when slow.
.DESCRIPTION
    Needs the packaged module (./build.ps1 -Task Package; ./build.ps1 -Task Bench does both) and the
    built sandbox. Every measurement runs in a fresh pwsh process (Measure-*.ps1), so each figure is a
    fresh session's and each peak working set belongs to that measurement alone. The sandbox runs in
    its own process and is warmed up before the clock starts for either side.

    1. Listing: Get-ImpactAction against Get-ActionByRestMethod (RestMethodScripts.ps1), into
       ForEach-Object and into Export-Csv.
    2. Import: Import-Module of the packaged module in a cold pwsh, median of several processes.
    3. Corrections: Import-Csv | Set-ImpactActionItem against one Invoke-RestMethod PUT per row, with
       no budget and then with the API's 1,000 requests compressed into a short window.
    4. Formatting: Get-ImpactAction -First N | Format-Table and | Format-List, against | Out-Null.
    5. First call: in each fresh pwsh, Get-ImpactAction three times over the same window (10 pages of 20,000
       at full size), the first call against the warm ones, and both against curl fetching the same pages to
       a file in the same round (the floor: the server and the loopback, no client work to speak of).

    What fails the run: a listing that does not deliver every action, or not the same actions on both
    sides; an import that does not export the cmdlets; a correction row of the module's not applied
    exactly once, more requests than actions, an item read, or a 429 the module caused; a formatted
    view without a line per action; in section 5, a call that lists another count or other actions than
    the window holds, or a curl that fails. Never a time: the times go into the table.
.EXAMPLE
    ./build.ps1 -Task Bench
.EXAMPLE
    pwsh tests/ImpactActions.Benchmarks/Pwsh/Invoke-PwshBenchmark.ps1 -Smoke
#>
[CmdletBinding()]
param(
    [switch] $Smoke,
    [int] $Runs,
    [int] $ImportRuns,
    [int] $FirstCallRuns,
    [ValidateSet('Listing', 'Import', 'Corrections', 'Formatting', 'FirstCall')]
    [string[]] $Only = @('Listing', 'Import', 'Corrections', 'Formatting', 'FirstCall'),
    [string] $ModulePath,
    [string] $OutPath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = (Resolve-Path (Join-Path $PSScriptRoot '..' '..' '..')).Path
Import-Module (Join-Path $root 'tests/Pester/TestSandbox.psm1') -Force

if (-not $Runs) { $Runs = if ($Smoke) { 1 } else { 3 } }
if (-not $ImportRuns) { $ImportRuns = if ($Smoke) { 3 } else { 9 } }
if (-not $FirstCallRuns) { $FirstCallRuns = if ($Smoke) { 2 } else { 7 } }
if (-not $ModulePath) {
    $version = (Import-PowerShellDataFile (Join-Path $root 'ImpactActions.psd1')).ModuleVersion
    $ModulePath = Join-Path $root "out/ImpactActions/$version/ImpactActions.psd1"
}
if (-not (Test-Path $ModulePath)) { throw "No packaged module at ${ModulePath}: run ./build.ps1 -Task Package first." }
$pwsh = (Get-Process -Id $PID).Path
$work = Join-Path ([IO.Path]::GetTempPath()) "impact-pwsh-bench-$PID"
New-Item -ItemType Directory -Path $work -Force | Out-Null

$report = [Text.StringBuilder]::new()
$failures = [Collections.Generic.List[string]]::new()
function Line([string] $Text = '') {
    Write-Host $Text
    [void]$report.AppendLine($Text)
}
function Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    if ($sorted.Count -eq 0) { return [double]::NaN }
    if ($sorted.Count % 2) { return $sorted[[int][Math]::Floor($sorted.Count / 2)] }
    ($sorted[$sorted.Count / 2 - 1] + $sorted[$sorted.Count / 2]) / 2
}
function Fail([string] $What) {
    $failures.Add($What)
    Write-Host "WRONG: $What" -ForegroundColor Red
}

function Invoke-Child {
    <# Runs one Measure-*.ps1 in a fresh pwsh and returns its JSON line as an object, plus the process's wall time. #>
    param([string] $Script, [hashtable] $Arguments, $Sandbox)
    $list = [Collections.Generic.List[string]]@('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot $Script))
    foreach ($pair in $Arguments.GetEnumerator()) { $list.Add("-$($pair.Key)"); $list.Add([string]$pair.Value) }
    $env:IMPACT_BENCH_TOKEN = if ($Sandbox) { $Sandbox.AuthToken } else { '' }
    $clock = [Diagnostics.Stopwatch]::StartNew()
    try {
        $output = & $pwsh @list 2>&1
    }
    finally {
        $env:IMPACT_BENCH_TOKEN = $null
    }
    $wall = $clock.Elapsed.TotalSeconds
    $json = @($output | ForEach-Object { "$_" } | Where-Object { $_.StartsWith('{') }) | Select-Object -Last 1
    if ($LASTEXITCODE -ne 0 -or -not $json) { throw "$Script failed (exit $LASTEXITCODE): $($output -join [Environment]::NewLine)" }
    $result = $json | ConvertFrom-Json
    $result | Add-Member -NotePropertyName ProcessSeconds -NotePropertyValue $wall -PassThru
}

function Get-FirstByteSeconds {
    <# How long the sandbox takes to answer a listing's first page: the server's share of "first object". #>
    param($Sandbox, [datetimeoffset] $From, [datetimeoffset] $To, [int] $Times = 3)
    $handler = [Net.Http.SocketsHttpHandler]::new()
    $http = [Net.Http.HttpClient]::new($handler)
    $http.DefaultRequestHeaders.Authorization = [Net.Http.Headers.AuthenticationHeaderValue]::new('Basic',
        [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("$($Sandbox.AccountSid):$($Sandbox.AuthToken)")))
    $uri = [uri]::new($Sandbox.BaseUri, "/Advertisers/$($Sandbox.AccountSid)/Actions?CampaignId=1000" +
        "&StartDate=$($From.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ssZ'))&EndDate=$($To.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ssZ'))")
    $seconds = foreach ($i in 1..$Times) {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $response = $http.GetAsync($uri, [Net.Http.HttpCompletionOption]::ResponseHeadersRead).GetAwaiter().GetResult()
        $stream = $response.Content.ReadAsStream()
        $buffer = [byte[]]::new(1)
        [void]$stream.Read($buffer, 0, 1)
        $clock.Elapsed.TotalSeconds
        $response.Dispose()
    }
    $http.Dispose()
    Median $seconds
}

function Format-Seconds([double] $Seconds) {
    if ([double]::IsNaN($Seconds)) { '–' }
    elseif ($Seconds -lt 10) { '{0:0.000} s' -f $Seconds }
    else { '{0:0.0} s' -f $Seconds }
}

Line "# ImpactActions in pwsh, against the Invoke-RestMethod script ($(if ($Smoke) { 'smoke size' } else { 'full size' }), $Runs run(s), medians)"
Line
$memory = [Math]::Round([GC]::GetGCMemoryInfo().TotalAvailableMemoryBytes / 1GB)
Line "Machine: $([Environment]::ProcessorCount) cores, $memory GiB, $([Runtime.InteropServices.RuntimeInformation]::OSDescription); pwsh $($PSVersionTable.PSVersion) on .NET $([Environment]::Version); the sandbox in its own process on the same cores. Every figure comes from a fresh pwsh process."
Line

# 1. Listing
if ('Listing' -in $Only) {
    $total = if ($Smoke) { 20000 } else { 1000000 }
    # 4,000 actions a day: a 45-day window holds 180,000, under the API's 10 × PageSize (200,000).
    $span = 250
    $sandbox = Start-TestSandbox -Actions $total -SpanDays $span -Extra @('--campaigns', '1', '--rate-limit', '100000000')
    try {
        $end = [datetimeoffset]::UtcNow.AddMinutes(1)
        # The last two hours: one small page, which the server answers at once, so "first object" there is
        # the client's own cost in a fresh session.
        $ranges = @(
            [pscustomobject]@{ Name = 'last 2 hours'; Start = $end.AddHours(-2) }
            [pscustomobject]@{ Name = 'last 50 days'; Start = $end.AddDays(-50) }
            [pscustomobject]@{ Name = 'all'; Start = $end.AddDays( - ($span + 2)) }
        )
        # Warm the sandbox (its JIT), so neither side pays for the server's first pages.
        [void](Get-FirstByteSeconds -Sandbox $sandbox -From $end.AddDays(-45) -To $end -Times 5)
        $firstByte = Get-FirstByteSeconds -Sandbox $sandbox -From $end.AddDays(-45) -To $end
        $smallFirstByte = Get-FirstByteSeconds -Sandbox $sandbox -From $end.AddHours(-2) -To $end

        $rows = [Collections.Generic.List[object]]::new()
        foreach ($run in 1..$Runs) {
            foreach ($range in $ranges) {
                foreach ($sink in 'ForEachObject', 'ExportCsv') {
                    foreach ($approach in 'Module', 'RestMethod') {
                        $csv = Join-Path $work "listing-$approach.csv"
                        $result = Invoke-Child -Script 'Measure-Listing.ps1' -Sandbox $sandbox -Arguments @{
                            Approach = $approach; Sink = $sink; ModulePath = $ModulePath; BaseUri = $sandbox.BaseUri; AccountSid = $sandbox.AccountSid
                            StartDate = $range.Start.ToString('o'); EndDate = $end.ToString('o'); CsvPath = $csv
                        }
                        Remove-Item $csv -ErrorAction SilentlyContinue
                        Write-Host ("  {0,-12} {1,-13} {2,-10} {3,9:N0} objects {4,8:0.00} s  first {5}  peak {6:N0} MB" -f $range.Name, $sink, $approach,
                            $result.Objects, $result.Seconds, $result.FirstSeconds, $result.PeakWorkingSetMB)
                        $rows.Add([pscustomobject]@{ Range = $range.Name; Sink = $sink; Approach = $approach; Result = $result })
                    }
                }
            }
        }

        Line '## 1. Listing: Get-ImpactAction against the Invoke-RestMethod loop'
        Line
        Line '| actions | into | Get-ImpactAction | Invoke-RestMethod loop | module faster by | first object: module / loop | peak working set: module / loop |'
        Line '| ---: | --- | ---: | ---: | ---: | ---: | ---: |'
        foreach ($range in $ranges) {
            foreach ($sink in 'ForEachObject', 'ExportCsv') {
                $module = @($rows | Where-Object { $_.Range -eq $range.Name -and $_.Sink -eq $sink -and $_.Approach -eq 'Module' } | ForEach-Object Result)
                $loop = @($rows | Where-Object { $_.Range -eq $range.Name -and $_.Sink -eq $sink -and $_.Approach -eq 'RestMethod' } | ForEach-Object Result)
                $objects = $module[0].Objects
                foreach ($result in $module + $loop) {
                    if ($result.Objects -ne $objects) { Fail "$($range.Name) into $($sink): $($result.Objects) actions on one side, $objects on the other" }
                }
                if ($range.Name -eq 'all' -and $objects -ne $total) { Fail "all into $($sink): $objects of $total actions" }
                if ($sink -eq 'ForEachObject' -and @($module | Where-Object { $null -eq $_.FirstSeconds }).Count) { Fail "$($range.Name): no first object" }
                $moduleSeconds = Median ($module.Seconds)
                $loopSeconds = Median ($loop.Seconds)
                $first = if ($sink -eq 'ForEachObject') { "$(Format-Seconds (Median ($module.FirstSeconds))) / $(Format-Seconds (Median ($loop.FirstSeconds)))" } else { '–' }
                $sinkName = if ($sink -eq 'ForEachObject') { 'ForEach-Object' } else { 'Export-Csv' }
                Line ("| {0:N0} | {1} | {2} | {3} | {4:0.0}× | {5} | {6:N0} MB / {7:N0} MB |" -f $objects, $sinkName, (Format-Seconds $moduleSeconds),
                    (Format-Seconds $loopSeconds), ($loopSeconds / $moduleSeconds), $first, (Median ($module.PeakWorkingSetMB)), (Median ($loop.PeakWorkingSetMB)))
            }
        }
        Line
        Line ("The sandbox itself takes {0} to answer a first page of 20,000 actions (time to its first byte, warm), and {1} for" -f (Format-Seconds $firstByte), (Format-Seconds $smallFirstByte))
        Line 'the last two hours'' one small page: that much of either side''s "first object" is the server''s. The clock starts at the'
        Line 'call, after Import-Module and Connect-ImpactAccount.'
        Line
    }
    finally {
        Stop-TestSandbox -Sandbox $sandbox
    }
}

# 2. Import
if ('Import' -in $Only) {
    $imports = foreach ($i in 1..$ImportRuns) {
        $result = Invoke-Child -Script 'Measure-Import.ps1' -Arguments @{ ModulePath = $ModulePath }
        if ($result.Cmdlets -ne 10) { Fail "Import-Module made $($result.Cmdlets) cmdlets available, not 10" }
        $result
    }
    $bare = foreach ($i in 1..$ImportRuns) {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        & $pwsh -NoProfile -NonInteractive -Command 'exit 0'
        $clock.Elapsed.TotalSeconds
    }
    Line '## 2. Import-Module in a cold pwsh process'
    Line
    Line '| measure | median | fastest | slowest |'
    Line '| --- | ---: | ---: | ---: |'
    function Spread([string] $Measure, [double[]] $Seconds) {
        $range = $Seconds | Measure-Object -Minimum -Maximum
        "| $Measure | $(Format-Seconds (Median $Seconds)) | $(Format-Seconds $range.Minimum) | $(Format-Seconds $range.Maximum) |"
    }
    Line (Spread "Import-Module of the packaged module ($ImportRuns processes)" $imports.Seconds)
    Line (Spread 'the whole process: pwsh starts, imports, exits' $imports.ProcessSeconds)
    Line (Spread 'the same process without the import' $bare)
    Line
}

# 3. Corrections
if ('Corrections' -in $Only) {
    $actionCount = if ($Smoke) { 50 } else { 2500 }
    $budget = if ($Smoke) { @{ Limit = 20; Window = 2 } } else { @{ Limit = 1000; Window = 10 } }
    $scenarios = @(
        [pscustomobject]@{ Name = 'no budget'; Extra = @('--rate-limit', '100000000') }
        [pscustomobject]@{ Name = "budget: $($budget.Limit) requests per $($budget.Window) s"; Extra = @('--rate-limit', $budget.Limit, '--rate-window-seconds', $budget.Window) }
    )
    $outcomes = [Collections.Generic.List[object]]::new()
    foreach ($run in 1..$Runs) {
        foreach ($scenario in $scenarios) {
            foreach ($approach in 'Module', 'RestMethod') {
                $sandbox = Start-TestSandbox -Actions $(if ($Smoke) { 600 } else { 12000 }) -SpanDays 25 -Extra (@('--campaigns', '1') + $scenario.Extra)
                try {
                    # Four rows per action, one per item: a return (Quantity 0), then the quantity kept and
                    # the amount lowered (Quantity as it is, Delta -1.25), as a returns file has them.
                    $csvRows = [Collections.Generic.List[object]]::new()
                    $found = Invoke-SandboxControl -Sandbox $sandbox -Path '/_sandbox/actions?modifiable=true&take=100000'
                    foreach ($action in @($found | Where-Object { $_.Items.Count -ge 4 } | Select-Object -First $actionCount)) {
                        foreach ($item in @($action.Items | Select-Object -First 4)) {
                            $relative = $csvRows.Count % 2 -eq 1
                            $csvRows.Add([pscustomobject]@{
                                    ActionId = $action.Id; Sku = $item.Sku
                                    Quantity = if ($relative) { [string]$item.Quantity } else { '0' }
                                    Delta    = if ($relative) { '-1.25' } else { '' }
                                    Reason   = 'ORDER_UPDATE'
                                })
                        }
                    }
                    if ($csvRows.Count -lt $actionCount * 4) { throw "Only $($csvRows.Count / 4) actions with four items are modifiable." }
                    $csv = Join-Path $work 'corrections.csv'
                    $csvRows | Export-Csv -Path $csv -NoTypeInformation

                    $result = Invoke-Child -Script 'Measure-Corrections.ps1' -Sandbox $sandbox -Arguments @{
                        Approach = $approach; ModulePath = $ModulePath; BaseUri = $sandbox.BaseUri; AccountSid = $sandbox.AccountSid; CsvPath = $csv
                    }
                    Wait-SandboxQueue -Sandbox $sandbox
                    $requests = @((Invoke-SandboxControl -Sandbox $sandbox -Path '/_sandbox/requests?after=0').Entries)
                    $applied = @{}
                    foreach ($entry in Get-SandboxLedger -Sandbox $sandbox) { $applied["$($entry.ActionId)|$($entry.Sku)|$($entry.Field)"]++ }
                    $once = @($csvRows | Where-Object { $applied["$($_.ActionId)|$($_.Sku)|$(if ($_.Delta) { 'ItemSubTotalDelta' } else { 'Quantity' })"] -eq 1 }).Count
                    $outcome = [pscustomobject]@{
                        Scenario = $scenario.Name; Approach = $approach; Rows = $csvRows.Count; Actions = $actionCount; Seconds = $result.Seconds
                        Puts = @($requests | Where-Object Method -EQ 'PUT').Count
                        Reads = @($requests | Where-Object { $_.Method -eq 'GET' -and $_.PathAndQuery -like '*/Items*' }).Count
                        Requests = $requests.Count
                        TooMany = @($requests | Where-Object StatusCode -EQ 429).Count
                        AppliedOnce = $once; Sent = $result.Sent; Failed = $result.Failed
                    }
                    Write-Host ("  {0,-30} {1,-10} {2,6:N0} requests {3,5:N0} 429s {4,6:N0}/{5:N0} applied once {6,7:0.0} s" -f $outcome.Scenario, $approach,
                        $outcome.Requests, $outcome.TooMany, $outcome.AppliedOnce, $outcome.Rows, $outcome.Seconds)
                    $outcomes.Add($outcome)
                    if ($approach -eq 'Module') {
                        if ($outcome.AppliedOnce -ne $outcome.Rows) { Fail "$($scenario.Name): $($outcome.AppliedOnce) of $($outcome.Rows) rows applied exactly once by the module" }
                        if ($outcome.Puts -gt $outcome.Actions) { Fail "$($scenario.Name): $($outcome.Puts) PUTs for $($outcome.Actions) actions" }
                        if ($outcome.Reads -gt 0) { Fail "$($scenario.Name): $($outcome.Reads) item reads for rows that give Quantity" }
                        if ($outcome.TooMany -gt 0) { Fail "$($scenario.Name): the module caused $($outcome.TooMany) 429s" }
                    }
                    elseif ($outcome.Puts -ne $outcome.Rows) { Fail "$($scenario.Name): the loop sent $($outcome.Puts) PUTs for $($outcome.Rows) rows" }
                }
                finally {
                    Stop-TestSandbox -Sandbox $sandbox
                }
            }
        }
    }
    $rowsTotal = $outcomes[0].Rows
    Line "## 3. Corrections: Import-Csv of $('{0:N0}' -f $rowsTotal) rows over $('{0:N0}' -f $actionCount) actions"
    Line
    Line '| API budget | approach | wall time | requests | 429s | rows applied exactly once |'
    Line '| --- | --- | ---: | ---: | ---: | ---: |'
    foreach ($scenario in $scenarios) {
        foreach ($approach in 'Module', 'RestMethod') {
            $these = @($outcomes | Where-Object { $_.Scenario -eq $scenario.Name -and $_.Approach -eq $approach })
            $name = if ($approach -eq 'Module') { 'Import-Csv \| Set-ImpactActionItem' } else { 'Invoke-RestMethod PUT per row' }
            Line ("| {0} | {1} | {2} | {3:N0} | {4:N0} | {5:N0} of {6:N0} |" -f $scenario.Name, $name, (Format-Seconds (Median $these.Seconds)),
                (Median $these.Requests), (Median $these.TooMany), (Median $these.AppliedOnce), $these[0].Rows)
        }
    }
    Line
    Line 'Every row gives Quantity ([ITEM-PUT]: "Quantity required"), so the module reads no items; a row that leaves it out costs one read of its action''s items.'
    Line 'The sandbox answered GET /APISubmissions (--submission-list true); no -Wait, so neither side asks it anything.'
    Line
}

# 4. Formatting
if ('Formatting' -in $Only) {
    $first = if ($Smoke) { 1000 } else { 10000 }
    $sandbox = Start-TestSandbox -Actions ($first * 2) -SpanDays 30 -Extra @('--campaigns', '1', '--rate-limit', '100000000')
    try {
        $end = [datetimeoffset]::UtcNow.AddMinutes(1)
        [void](Get-FirstByteSeconds -Sandbox $sandbox -From $end.AddDays(-31) -To $end -Times 5)
        $views = [Collections.Generic.List[object]]::new()
        foreach ($run in 1..$Runs) {
            foreach ($sink in 'OutNull', 'FormatTable', 'FormatList') {
                $result = Invoke-Child -Script 'Measure-Listing.ps1' -Sandbox $sandbox -Arguments @{
                    Approach = 'Module'; Sink = $sink; ModulePath = $ModulePath; BaseUri = $sandbox.BaseUri; AccountSid = $sandbox.AccountSid
                    StartDate = $end.AddDays(-31).ToString('o'); EndDate = $end.ToString('o'); First = $first
                }
                if ($result.Objects -ne $first) { Fail "$($sink): $($result.Objects) of $first actions" }
                if ($sink -ne 'OutNull' -and $result.Lines -lt $first) { Fail "$($sink): $($result.Lines) lines for $first actions" }
                $views.Add([pscustomobject]@{ Sink = $sink; Result = $result })
            }
        }
        Line "## 4. Formatting: Get-ImpactAction -First $('{0:N0}' -f $first)"
        Line
        Line '| into | wall time | lines rendered |'
        Line '| --- | ---: | ---: |'
        foreach ($sink in 'OutNull', 'FormatTable', 'FormatList') {
            $these = @($views | Where-Object Sink -EQ $sink | ForEach-Object Result)
            $name = @{ OutNull = 'Out-Null (no formatting)'; FormatTable = 'Format-Table \| Out-String'; FormatList = 'Format-List \| Out-String' }[$sink]
            Line ("| {0} | {1} | {2:N0} |" -f $name, (Format-Seconds (Median $these.Seconds)), (Median $these.Lines))
        }
        Line
    }
    finally {
        Stop-TestSandbox -Sandbox $sandbox
    }
}

# 5. First call
if ('FirstCall' -in $Only) {
    $total = if ($Smoke) { 20000 } else { 200000 }
    $pageSize = 20000
    # All of it in one 45-day window: the module and curl ask for the same pages, one after another.
    $sandbox = Start-TestSandbox -Actions $total -SpanDays 44 -Extra @('--campaigns', '1', '--rate-limit', '100000000')
    $netrc = Join-Path $work 'netrc'
    try {
        $end = [datetimeoffset]::UtcNow.AddMinutes(1)
        $start = $end.AddDays(-45)
        [void](Get-FirstByteSeconds -Sandbox $sandbox -From $start -To $end -Times 5)
        $pages = [int][Math]::Ceiling($total / $pageSize)
        $query = "/Advertisers/$($sandbox.AccountSid)/Actions?CampaignId=1000&StartDate=$($start.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ssZ'))" +
            "&EndDate=$($end.UtcDateTime.ToString('yyyy-MM-ddTHH:mm:ssZ'))&PageSize=$pageSize"
        $urls = foreach ($page in 1..$pages) { [uri]::new($sandbox.BaseUri, "$query&Page=$page").AbsoluteUri }
        $curl = Get-Command curl -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        # The token goes to curl in a netrc file, never on its command line.
        Set-Content -Path $netrc -Value "machine $($sandbox.BaseUri.Host) login $($sandbox.AccountSid) password $($sandbox.AuthToken)"
        $pageFile = Join-Path $work 'page.json'
        $rounds = [Collections.Generic.List[object]]::new()
        foreach ($run in 1..$FirstCallRuns) {
            $floor = [double]::NaN
            if ($curl) {
                # One curl, one connection, the pages in order, each written to the file (as a download would be).
                $curlArguments = @('--silent', '--show-error', '--fail', '--netrc-file', $netrc, '-H', 'Accept: application/json') + @($urls | ForEach-Object { '-o', $pageFile, $_ })
                $clock = [Diagnostics.Stopwatch]::StartNew()
                & $curl.Source @curlArguments
                $floor = $clock.Elapsed.TotalSeconds
                if ($LASTEXITCODE -ne 0) { Fail "curl of the $pages pages failed (exit $LASTEXITCODE)" }
                elseif ((Get-Item $pageFile).Length -lt 1000) { Fail 'curl wrote an empty page' }
            }
            $result = Invoke-Child -Script 'Measure-FirstCall.ps1' -Sandbox $sandbox -Arguments @{
                ModulePath = $ModulePath; BaseUri = $sandbox.BaseUri; AccountSid = $sandbox.AccountSid
                StartDate = $start.ToString('o'); EndDate = $end.ToString('o'); Calls = 3
            }
            foreach ($call in $result.Calls) {
                if ($call.Objects -ne $total) { Fail "first-call round $($run): a call listed $($call.Objects) of $total actions" }
                if ($call.Checksum -ne $result.Calls[0].Checksum) { Fail "first-call round $($run): the calls listed different actions" }
            }
            $first = $result.Calls[0]
            $warm = @($result.Calls | Select-Object -Skip 1)
            $round = [pscustomobject]@{
                Floor = $floor; Import = $result.ImportSeconds; Connect = $result.ConnectSeconds
                First = $first.Seconds; Warm = (Median ($warm.Seconds))
                FirstCpu = $first.CpuSeconds; WarmCpu = (Median ($warm.CpuSeconds))
                FirstJit = $first.JitSeconds; FirstMethods = $first.JitMethods; WarmJit = (Median ($warm.JitSeconds)); WarmMethods = (Median ($warm.JitMethods))
            }
            $round | Add-Member -NotePropertyName FirstOverWarm -NotePropertyValue ($round.First / $round.Warm)
            $round | Add-Member -NotePropertyName FirstOverFloor -NotePropertyValue ($round.First / $round.Floor)
            Write-Host ("  round {0}: curl {1:0.000} s  first {2:0.000} s  warm {3:0.000} s  first/warm {4:0.00}  first/curl {5:0.00}  JIT first {6:N0} methods {7:0.00} s" -f $run,
                $floor, $round.First, $round.Warm, $round.FirstOverWarm, $round.FirstOverFloor, $round.FirstMethods, $round.FirstJit)
            $rounds.Add($round)
        }
        $load = if (Test-Path /proc/loadavg) { " Load average (1 min) when the section ended: $(((Get-Content /proc/loadavg) -split ' ')[0])." } else { '' }
        Line "## 5. First call of a fresh session: $('{0:N0}' -f $total) actions ($pages page(s) of $('{0:N0}' -f $pageSize)) into ForEach-Object"
        Line
        Line "$FirstCallRuns fresh pwsh processes; in each, Import-Module, Connect-ImpactAccount, then the same Get-ImpactAction three times. Each round runs curl first, so every ratio is of figures measured side by side.$load"
        Line
        Line '| measure | median | fastest | slowest |'
        Line '| --- | ---: | ---: | ---: |'
        function Spread([string] $Measure, [double[]] $Values, [string] $Format) {
            $values = @($Values | Where-Object { -not [double]::IsNaN($_) })
            if (-not $values) { return "| $Measure | – | – | – |" }
            $range = $values | Measure-Object -Minimum -Maximum
            $show = { param($v) if ($Format) { $Format -f $v } else { Format-Seconds $v } }
            "| $Measure | $(& $show (Median $values)) | $(& $show $range.Minimum) | $(& $show $range.Maximum) |"
        }
        Line (Spread "curl: the same $pages page(s) to a file (the floor)" $rounds.Floor)
        Line (Spread 'Get-ImpactAction, first call of the session' $rounds.First)
        Line (Spread 'Get-ImpactAction, calls 2 and 3 (warm)' $rounds.Warm)
        Line (Spread 'first call / warm call (per process)' $rounds.FirstOverWarm '{0:0.00}×')
        Line (Spread 'first call / curl floor (per round)' $rounds.FirstOverFloor '{0:0.00}×')
        Line (Spread 'processor time (all threads): first call' $rounds.FirstCpu)
        Line (Spread 'processor time (all threads): warm call' $rounds.WarmCpu)
        Line (Spread 'JIT compilation during the first call (all threads)' $rounds.FirstJit)
        Line (Spread 'methods compiled during the first call' $rounds.FirstMethods '{0:N0}')
        Line (Spread 'methods compiled during a warm call' $rounds.WarmMethods '{0:N0}')
        Line (Spread 'Import-Module' $rounds.Import)
        Line (Spread 'Connect-ImpactAccount' $rounds.Connect)
        Line
    }
    finally {
        Remove-Item $netrc -ErrorAction SilentlyContinue
        Stop-TestSandbox -Sandbox $sandbox
    }
}

Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue
Line $(if ($failures.Count -eq 0) { 'All results were right.' } else { 'WRONG: ' + ($failures -join '; ') })
if ($OutPath) { Set-Content -Path $OutPath -Value $report.ToString() -Encoding utf8NoBOM }
exit $(if ($failures.Count -eq 0) { 0 } else { 1 })
