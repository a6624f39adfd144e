# The module as users import it. Load contexts are per process, so each import scenario runs in a fresh pwsh.
BeforeAll {
    $script:root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:manifest = Join-Path $root 'ImpactActions.psd1'
    Import-Module $manifest -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:sandbox = Start-TestSandbox
    $script:packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }

    # Runs a script in a new pwsh that imports $Import, connects to the sandbox, lists, and reports where Core and Polly came from.
    function Invoke-FreshImport([string] $Import, [string] $Before = '', [string] $After = '') {
        $script = @"
`$ErrorActionPreference = 'Stop'
$Before
Import-Module '$Import'
$After
`$token = ConvertTo-SecureString '$($sandbox.AuthToken)' -AsPlainText -Force
Connect-ImpactAccount -AccountSid '$($sandbox.AccountSid)' -AuthToken `$token -BaseUri '$($sandbox.BaseUri)'
`$listed = @(Get-ImpactAction -CampaignId 1000 -First 3).Count
`$core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'ImpactActions.Core' }
`$context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext(`$core)
`$polly = `$context.Assemblies | Where-Object { `$_.GetName().Name -eq 'Polly.Core' }
[pscustomobject]@{
    Cmdlets = @(Get-Command -Module ImpactActions).Count
    Listed = `$listed
    Context = `$context.GetType().Name
    CorePath = `$core.Location
    PollyPath = `$polly.Location
    PollyCount = @([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { `$_.GetName().Name -eq 'Polly.Core' }).Count
} | ConvertTo-Json -Compress
"@
        $output = pwsh -NoProfile -NonInteractive -Command $script 2>&1
        if ($LASTEXITCODE -ne 0) { throw "pwsh failed: $output" }
        ($output | Select-Object -Last 1) | ConvertFrom-Json
    }
}

AfterAll {
    Stop-TestSandbox -Sandbox $sandbox
}

Describe 'The ImpactActions module' {
    It 'has a valid manifest that exports exactly its cmdlets' {
        $info = Test-ModuleManifest -Path $manifest
        $info.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $info.DotNetFrameworkVersion | Should -Be '4.7.2'
        (Get-Command -Module ImpactActions).Name | Sort-Object | Should -Be ($info.ExportedCmdlets.Keys | Sort-Object)
    }

    It 'shows full help for every cmdlet: a synopsis, every parameter, two examples' {
        foreach ($command in Get-Command -Module ImpactActions) {
            $help = Get-Help $command.Name -Full
            $help.Synopsis | Should -Not -BeLike "$($command.Name)*" -Because "$($command.Name) needs a synopsis, not its syntax"
            @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2 -Because $command.Name
            foreach ($parameter in $command.Parameters.Keys | Where-Object { $_ -notin [System.Management.Automation.PSCmdlet]::CommonParameters -and $_ -notin [System.Management.Automation.PSCmdlet]::OptionalCommonParameters }) {
                @($help.Parameters.Parameter | Where-Object Name -eq $parameter).Count | Should -Be 1 -Because "$($command.Name) -$parameter"
            }
        }
    }

    It 'shows in Get-Help the syntax Get-Command shows, every parameter set of every cmdlet, switches without a value' {
        foreach ($command in Get-Command -Module ImpactActions) {
            # Wide enough that no line wraps: the SYNTAX section as a user reads it, a line per parameter set.
            $lines = (Get-Help $command.Name | Out-String -Width 10000) -split '\r?\n'
            $start = [array]::IndexOf($lines, 'SYNTAX') + 1
            $start | Should -BeGreaterThan 0 -Because "Get-Help $($command.Name) has a SYNTAX section"
            $end = $start
            while ($end -lt $lines.Count -and $lines[$end] -cnotmatch '^[A-Z][A-Z ]+$') { $end++ }
            $shown = @($lines[$start..($end - 1)] | ForEach-Object Trim | Where-Object { $_ })
            $expected = @((Get-Command $command.Name -Syntax) -split '\r?\n' | ForEach-Object Trim | Where-Object { $_ })
            $shown | Should -Be $expected -Because "Get-Help $($command.Name) shows its syntax"
            $shown | Should -Not -Match '<switch>|<SwitchParameter>'
        }
        (Get-Command Set-ImpactActionItem -Syntax) | Should -Match '\[-WhatIf\] \[-Confirm\]'
    }

    It 'finds about_ImpactActions once the module is imported, and not before' {
        $found = pwsh -NoProfile -NonInteractive -Command "Import-Module '$manifest'; Get-Help about_ImpactActions | Out-String -Width 200" 2>&1
        $LASTEXITCODE | Should -Be 0
        $text = $found -join "`n"
        $text | Should -Match 'TOPIC\s+about_ImpactActions'
        $text | Should -Match '-SkipCredentialCheck'
        $text | Should -Match '-ResendUnknown'
        (Get-Help about_Impact*).Synopsis | Should -Be 'Connections, the write queue, journals and reruns, the sandbox and limits.'
        $missing = pwsh -NoProfile -NonInteractive -Command "Get-Help about_ImpactActions -ErrorAction Stop" 2>&1
        $LASTEXITCODE | Should -Not -Be 0 -Because "the topic is the module's: $missing"
    }

    It 'completes reason and disposition codes' {
        $completions = TabExpansion2 -inputScript 'Undo-ImpactAction -DispositionCode ITEM_' -cursorColumn 40
        $completions.CompletionMatches.CompletionText | Should -Contain 'ITEM_RETURNED'
    }

    It 'has a table view for each record it outputs, and a list view for actions' {
        foreach ($type in 'ImpactActions.Core.Records.ImpactAction', 'ImpactActions.Core.Records.ImpactActionItem', 'ImpactActions.Core.Writing.RowResult', 'ImpactActions.Core.Records.ImpactSubmission') {
            $controls = (Get-FormatData -TypeName $type).FormatViewDefinition | ForEach-Object { $_.Control.GetType().Name }
            $controls | Should -Contain 'TableControl' -Because $type
        }
        (Get-FormatData -TypeName 'ImpactActions.Core.Records.ImpactAction').FormatViewDefinition |
            ForEach-Object { $_.Control.GetType().Name } | Should -Contain 'ListControl'
    }
}

Describe 'Importing the module' {
    It 'imports from the repository-root manifest in a fresh pwsh, Core and Polly in its own load context, both their net8.0 builds' {
        $result = Invoke-FreshImport -Import $manifest
        $result.Cmdlets | Should -Be 10
        $result.Listed | Should -Be 3
        $result.Context | Should -Be 'ModuleLoadContext'
        $result.CorePath | Should -Be (Join-Path $root 'out/module/Dependencies/net8.0/ImpactActions.Core.dll')
        $result.PollyPath | Should -Be (Join-Path $root 'out/module/Dependencies/net8.0/Polly.Core.dll')
    }

    It 'loads Core from this platform''s folder in Dependencies/net8.0 (win-x64, linux-arm64, …) when that folder has it, Polly from net8.0' {
        # The package's layout (build.ps1 -Task Package puts ReadyToRun images there): a copy of out/module with
        # this platform's folder holding Core's IL build, which is enough to show which file the loader picks.
        $copy = Join-Path ([IO.Path]::GetTempPath()) "impact-rid-$PID"
        try {
            Copy-Item (Join-Path $root 'out/module') $copy -Recurse
            Copy-Item $manifest (Join-Path $copy 'ImpactActions.psd1')
            (Get-Content (Join-Path $copy 'ImpactActions.psd1') -Raw).Replace("'out/module/ImpactActions.dll'", "'ImpactActions.dll'") | Set-Content (Join-Path $copy 'ImpactActions.psd1')
            Copy-Item (Join-Path $root 'ImpactActions.format.ps1xml') $copy
            $arch = "$([Runtime.InteropServices.RuntimeInformation]::ProcessArchitecture)".ToLowerInvariant()
            $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
            $rid = New-Item -ItemType Directory -Path (Join-Path $copy "Dependencies/net8.0/$os-$arch")
            Copy-Item (Join-Path $copy 'Dependencies/net8.0/ImpactActions.Core.dll') $rid
            $result = Invoke-FreshImport -Import (Join-Path $copy 'ImpactActions.psd1')
            $result.Listed | Should -Be 3
            $result.CorePath | Should -Be (Join-Path $rid 'ImpactActions.Core.dll')
            $result.PollyPath | Should -Be (Join-Path $copy 'Dependencies/net8.0/Polly.Core.dll')
        }
        finally {
            Remove-Item $copy -Recurse -Force -ErrorAction SilentlyContinue
        }
    }

    It 'imports twice with -Force in one session' {
        $result = Invoke-FreshImport -Import $manifest -After "Import-Module '$manifest' -Force; Import-Module '$manifest' -Force"
        $result.Cmdlets | Should -Be 10
        $result.Listed | Should -Be 3
    }

    It 'detaches its loader on Remove-Module and attaches it again on the next import' {
        $state = '[ImpactActions.Loading.DependencyLoader]::IsRegistered'
        $after = "`$registered = @($state); Remove-Module ImpactActions; `$registered += $state; Import-Module '$manifest'; `$registered += $state; " +
            "if ((`$registered -join ',') -ne 'True,False,True') { throw `"loader registered: `$(`$registered -join ',')`" }"
        $result = Invoke-FreshImport -Import $manifest -After $after
        $result.Listed | Should -Be 3
    }

    It 'keeps its own Polly when another module loaded a different Polly.Core first' {
        $otherPolly = Join-Path $packages 'polly.core/8.9.1/lib/netstandard2.0/Polly.Core.dll'
        $otherPolly | Should -Exist -Because 'the Cmdlets tests project downloads it'
        $result = Invoke-FreshImport -Import $manifest -Before "Add-Type -Path '$otherPolly'"
        $result.Listed | Should -Be 3
        $result.PollyCount | Should -Be 2
        $result.PollyPath | Should -Be (Join-Path $root 'out/module/Dependencies/net8.0/Polly.Core.dll')
    }

    It 'works when another module isolated a different System.Text.Json first' {
        $otherJson = Join-Path $packages 'system.text.json/9.0.0/lib/net8.0/System.Text.Json.dll'
        $otherJson | Should -Exist -Because 'the Cmdlets tests project downloads it'
        $result = Invoke-FreshImport -Import $manifest -Before "`$null = [System.Runtime.Loader.AssemblyLoadContext]::new('OtherModule').LoadFromAssemblyPath('$otherJson')"
        $result.Listed | Should -Be 3
        $result.Context | Should -Be 'ModuleLoadContext'
    }

    It 'imports from the folder build.ps1 -Task Package makes' {
        & pwsh -NoProfile -NonInteractive -File (Join-Path $root 'build.ps1') -Task Package *> $null
        $LASTEXITCODE | Should -Be 0
        $packaged = Get-ChildItem (Join-Path $root 'out/ImpactActions') -Filter ImpactActions.psd1 -Recurse | Select-Object -First 1
        $result = Invoke-FreshImport -Import $packaged.FullName
        $result.Cmdlets | Should -Be 10
        $result.Listed | Should -Be 3
        $result.CorePath | Should -BeLike "$($packaged.DirectoryName)*"
        # Its help: the cmdlets' and the about topic, found from the package's own folder.
        Join-Path $packaged.DirectoryName 'en-US/ImpactActions.dll-Help.xml' | Should -Exist
        Join-Path $packaged.DirectoryName 'en-US/about_ImpactActions.help.txt' | Should -Exist
        $about = pwsh -NoProfile -NonInteractive -Command "Import-Module '$($packaged.FullName)'; (Get-Help about_Impact*).Synopsis" 2>&1
        $about | Should -Be 'Connections, the write queue, journals and reruns, the sandbox and limits.'
    }

    It 'packages a manifest that says what the repository manifest says, but for where the assembly is' {
        $packaged = Get-ChildItem (Join-Path $root 'out/ImpactActions') -Filter ImpactActions.psd1 -Recurse | Select-Object -First 1
        $source = Import-PowerShellDataFile $manifest
        $package = Import-PowerShellDataFile $packaged.FullName
        $package.RootModule | Should -Be 'ImpactActions.dll'
        foreach ($key in $source.Keys | Where-Object { $_ -notin 'RootModule', 'PrivateData' }) {
            (ConvertTo-Json -InputObject @($package[$key]) -Compress) | Should -Be (ConvertTo-Json -InputObject @($source[$key]) -Compress) -Because "$key is carried over"
        }
        ($package.PrivateData.PSData.Tags | ConvertTo-Json -Compress) | Should -Be ($source.PrivateData.PSData.Tags | ConvertTo-Json -Compress)
        $package.PrivateData.PSData.ReleaseNotes | Should -Be $source.PrivateData.PSData.ReleaseNotes
    }
}
