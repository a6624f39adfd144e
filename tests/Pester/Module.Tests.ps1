BeforeAll {
    $script:manifest = Join-Path $PSScriptRoot '../../ImpactActions.psd1'
    Import-Module $manifest -Force
}

Describe 'The ImpactActions module' {
    It 'has a valid manifest that exports exactly its cmdlets' {
        $info = Test-ModuleManifest -Path $manifest
        $info.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
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

    It 'completes reason and disposition codes' {
        $completions = TabExpansion2 -inputScript 'Undo-ImpactAction -DispositionCode ITEM_' -cursorColumn 40
        $completions.CompletionMatches.CompletionText | Should -Contain 'ITEM_RETURNED'
    }

    It 'loads Core and Polly into its own load context on PowerShell 7' -Skip:($PSVersionTable.PSEdition -ne 'Core') {
        $core = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'ImpactActions.Core' }
        if (-not $core) {
            # Touch a Core type through a cmdlet so the runtime resolves it.
            Get-ImpactConnection | Out-Null
            [void](Get-Command Get-ImpactAction).Parameters['Connection'].ParameterType
            $core = [System.AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'ImpactActions.Core' }
        }
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($core).Name | Should -Be 'ImpactActions'
    }
}
