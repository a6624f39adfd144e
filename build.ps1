#Requires -Version 7.0
<#
.SYNOPSIS
    Builds, tests, demonstrates and packages ImpactActions.
.DESCRIPTION
    Build    dotnet build (Release): the module in out/module, its help generated from docs/cmdlets.
    Test     Build, then the xunit suites (dotnet test) and the Pester suite (tests/Pester).
    Demo     Build, start the sandbox, connect, list recent actions, send docs/samples/corrections.csv
             through Set-ImpactActionItem with -WhatIf and then for real, wait for the submissions,
             show the changed items, stop the sandbox.
    Package  Build, then out/ImpactActions/<version>/: the folder Import-Module loads and a gallery accepts, with
             ReadyToRun images of Core for PowerShell 7.6 in Dependencies/net8.0/<rid> (src/ImpactActions.ReadyToRun).
    Bench    Package, then the pwsh benchmark (tests/ImpactActions.Benchmarks/Pwsh): the module against the
             Invoke-RestMethod script a user would write, one table. -Smoke is the small size CI runs; it
             fails only on wrong results. The C# benchmarks are a separate command (docs/performance.md).
    Soak     Build, then the model-based test of the write contract (docs/write-contract.md) with -Cases random
             sequences of runs (default 5,000; CI runs 200) and the C# chaos soak is separate (docs/performance.md).
    Help     Build the module, write each docs/cmdlets page's ## Syntax from Get-Command (the compiled
             cmdlets' own parameter sets), and generate the help again. Build generates the help too, and
             says which pages' syntax is stale.
    Clean    Remove out/ and every bin/ and obj/.
.EXAMPLE
    ./build.ps1 -Task Demo
.EXAMPLE
    ./build.ps1 -Task Test
.EXAMPLE
    ./build.ps1 -Task Bench -BenchOut bench.md
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Package', 'Bench', 'Soak', 'Help', 'Clean')]
    [string] $Task = 'Build',
    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',
    # Bench: the small size, as CI runs it.
    [switch] $Smoke,
    # Bench: also write the table (markdown) to this file.
    [string] $BenchOut,
    # Soak: how many random sequences of runs the write model checks.
    [ValidateRange(1, 1000000)]
    [int] $Cases = 5000
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot

function Step([string] $Text) { Write-Host "==> $Text" -ForegroundColor Cyan }

function Invoke-Native([string] $What, [scriptblock] $Command) {
    & $Command
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)." }
}

function Invoke-Build {
    Step "Building the solution ($Configuration): module in out/module, help from docs/cmdlets"
    Invoke-Native 'dotnet build' { dotnet build (Join-Path $root 'ImpactActions.sln') -c $Configuration --nologo }
}

function Invoke-Test {
    Invoke-Build
    Step 'Running the xunit suites'
    Invoke-Native 'dotnet test' { dotnet test (Join-Path $root 'ImpactActions.sln') -c $Configuration --no-build --nologo }
    Step 'Running the Pester suite'
    Invoke-Native 'Pester' { pwsh -NoProfile -File (Join-Path $root 'tests/Pester/Invoke-PesterSuite.ps1') }
}

function Invoke-Soak {
    Invoke-Build
    Step "Checking the write contract on $Cases random sequences of runs (tests/ImpactActions.Core.Tests/Model)"
    $env:IMPACT_MODEL_CASES = $Cases
    try {
        Invoke-Native 'the write model' {
            dotnet test (Join-Path $root 'tests/ImpactActions.Core.Tests') -c $Configuration --no-build --nologo --filter 'FullyQualifiedName~WriteModelTests' --logger 'console;verbosity=normal'
        }
    }
    finally { Remove-Item Env:IMPACT_MODEL_CASES }
}

function Invoke-Demo {
    Invoke-Build
    Import-Module (Join-Path $root 'tests/Pester/TestSandbox.psm1') -Force
    Step 'Starting the sandbox (seed 42, 5,000 actions) on a free loopback port'
    $sandbox = Start-TestSandbox -Actions 5000 -SpanDays 1095 -ProcessingDelayMs 1000 -Extra @('--seed', '42')
    try {
        Write-Host "    $($sandbox.BaseUri)  AccountSid $($sandbox.AccountSid)"
        Import-Module (Join-Path $root 'ImpactActions.psd1') -Force
        Step 'Connect-ImpactAccount'
        Connect-TestSandbox -Sandbox $sandbox | Format-List AccountSid, BaseUri | Out-Host

        Step 'Get-ImpactAction -CampaignId 1000 -First 5   (the last 7 days, newest first)'
        Get-ImpactAction -CampaignId 1000 -First 5 | Format-Table | Out-Host

        $csv = Join-Path $root 'docs/samples/corrections.csv'
        Step "Import-Csv $csv | Set-ImpactActionItem -WhatIf   (a rehearsal: nothing is sent)"
        Import-Csv $csv | Set-ImpactActionItem -WhatIf | Format-Table Row, ActionId, Sku, Status | Out-Host

        Step 'Import-Csv ... | Set-ImpactActionItem -Wait   (for real: sent per action, then waited for)'
        $results = Import-Csv $csv | Set-ImpactActionItem -Wait
        $results | Format-Table | Out-Host

        Step 'The changed items   (docs/samples/Get-ChangedItem.ps1: by ActionId, and by tracker and order through the listing)'
        $results | & (Join-Path $root 'docs/samples/Get-ChangedItem.ps1') | Format-Table | Out-Host
        Disconnect-ImpactAccount
    }
    finally {
        Step 'Stopping the sandbox'
        Stop-TestSandbox -Sandbox $sandbox
    }
}

function Invoke-Package {
    Invoke-Build
    $manifest = Import-PowerShellDataFile (Join-Path $root 'ImpactActions.psd1')
    $target = Join-Path $root "out/ImpactActions/$($manifest.ModuleVersion)"
    Step "Packaging into $target"
    if (Test-Path $target) { Remove-Item $target -Recurse -Force }
    New-Item -ItemType Directory -Path $target | Out-Null
    Copy-Item (Join-Path $root 'out/module/*') $target -Recurse
    Add-ReadyToRunImages -Dependencies (Join-Path $target 'Dependencies')
    Copy-Item (Join-Path $root 'ImpactActions.format.ps1xml'), (Join-Path $root 'README.md') $target
    if (Test-Path (Join-Path $root 'LICENSE')) { Copy-Item (Join-Path $root 'LICENSE') $target }
    else { Write-Warning 'No LICENSE file in the repository: the package has none.' }
    New-PackageManifest -Source (Join-Path $root 'ImpactActions.psd1') -Path (Join-Path $target 'ImpactActions.psd1')
    Test-ModuleManifest (Join-Path $target 'ImpactActions.psd1') | Format-List Name, Version, ExportedCmdlets | Out-Host
}

function Add-ReadyToRunImages([string] $Dependencies) {
    # Core's net8.0 build compiled ahead of time for each runtime identifier the project lists (those whose .NET
    # runtime pack the package mirror serves), each beside the IL build in Dependencies/net8.0/<rid>, where the
    # module's load context looks first. Elsewhere, and on a .NET other than 10, the IL build is compiled just in time.
    $project = Join-Path $root 'src/ImpactActions.ReadyToRun/ImpactActions.ReadyToRun.csproj'
    $identifiers = ([xml](Get-Content $project -Raw)).Project.PropertyGroup.RuntimeIdentifiers | Where-Object { $_ } | Select-Object -First 1
    Step "ReadyToRun images of ImpactActions.Core: $identifiers"
    Invoke-Native 'dotnet restore (ReadyToRun)' { dotnet restore $project --nologo -v q }
    foreach ($rid in $identifiers -split ';') {
        $published = Join-Path $root "out/readytorun/$rid"
        Invoke-Native "dotnet publish (ReadyToRun, $rid)" { dotnet publish $project -c $Configuration -r $rid --no-restore -o $published --nologo -v q }
        $folder = New-Item -ItemType Directory -Path (Join-Path $Dependencies "net8.0/$rid") -Force
        Copy-Item (Join-Path $published 'ImpactActions.Core.dll') $folder
    }
}

function New-PackageManifest([string] $Source, [string] $Path) {
    # The package's manifest is the repository's, read as data and written out again: only RootModule
    # changes (in the package the assembly sits beside the manifest). Written here rather than by
    # New-ModuleManifest, which leaves an empty VariablesToExport out, and so exports every variable.
    $data = Import-PowerShellDataFile $Source
    $data.RootModule = 'ImpactActions.dll'
    "# Made by build.ps1 -Task Package from the repository's ImpactActions.psd1.`n" + (ConvertTo-Psd1 $data) | Set-Content -Path $Path -Encoding utf8NoBOM
}

function ConvertTo-Psd1($Value, [string] $Indent = '') {
    # PowerShell data as a .psd1 literal: strings, numbers, booleans, arrays and hashtables (keys sorted, so the file is stable).
    if ($Value -is [hashtable]) {
        $inner = $Indent + '    '
        $lines = foreach ($key in $Value.Keys | Sort-Object) { "$inner$key = $(ConvertTo-Psd1 $Value[$key] $inner)" }
        return "@{`n$($lines -join "`n")`n$Indent}"
    }
    if ($Value -is [array]) { return '@(' + (($Value | ForEach-Object { ConvertTo-Psd1 $_ $Indent }) -join ', ') + ')' }
    if ($Value -is [bool]) { return $(if ($Value) { '$true' } else { '$false' }) }
    if ($Value -is [int] -or $Value -is [long] -or $Value -is [double]) { return [string]$Value }
    return "'" + ([string]$Value).Replace("'", "''") + "'"
}

function Invoke-Bench {
    Invoke-Package
    $manifest = Import-PowerShellDataFile (Join-Path $root 'ImpactActions.psd1')
    $arguments = @('-ModulePath', (Join-Path $root "out/ImpactActions/$($manifest.ModuleVersion)/ImpactActions.psd1"))
    if ($Smoke) { $arguments += '-Smoke' }
    if ($BenchOut) { $arguments += '-OutPath', $BenchOut }
    Step "pwsh benchmark ($(if ($Smoke) { 'smoke size' } else { 'full size: about 35 minutes' }))"
    # In its own pwsh, as a user's session would be; exit code 1 means a wrong result, never slowness.
    $script = Join-Path $root 'tests/ImpactActions.Benchmarks/Pwsh/Invoke-PwshBenchmark.ps1'
    Invoke-Native 'pwsh benchmark' { pwsh -NoProfile -NonInteractive -File $script @arguments }
}

function Invoke-Help {
    Step 'Building the module; its help is generated from docs/cmdlets and docs/about_ImpactActions.md'
    Invoke-Native 'dotnet build' { dotnet build (Join-Path $root 'src/ImpactActions') -c $Configuration --nologo }
    Step 'Writing the ## Syntax of each docs/cmdlets page from Get-Command, then the help again'
    Invoke-Native 'help generator' {
        dotnet (Join-Path $root "src/ImpactActions.HelpGenerator/bin/$Configuration/net10.0/ImpactActions.HelpGenerator.dll") `
            --manifest (Join-Path $root 'ImpactActions.psd1') --pages (Join-Path $root 'docs/cmdlets') `
            --about (Join-Path $root 'docs/about_ImpactActions.md') --out (Join-Path $root 'out/module/en-US') --rewrite-syntax
    }
    # Get-Help looks under the imported manifest's folder: the repository root for ./ImpactActions.psd1.
    New-Item -ItemType Directory -Path (Join-Path $root 'en-US') -Force | Out-Null
    Copy-Item (Join-Path $root 'out/module/en-US/*') (Join-Path $root 'en-US') -Force
}

function Invoke-Clean {
    Step 'Removing out/, en-US/, bin/ and obj/'
    Remove-Item (Join-Path $root 'out'), (Join-Path $root 'en-US') -Recurse -Force -ErrorAction SilentlyContinue
    Get-ChildItem $root -Directory -Recurse -Include bin, obj | Remove-Item -Recurse -Force
}

try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Test' { Invoke-Test }
        'Demo' { Invoke-Demo }
        'Package' { Invoke-Package }
        'Bench' { Invoke-Bench }
        'Soak' { Invoke-Soak }
        'Help' { Invoke-Help }
        'Clean' { Invoke-Clean }
    }
    Step "$($Task): done"
}
catch {
    Write-Host "==> $Task failed: $($_.Exception.Message)" -ForegroundColor Red
    exit 1
}
