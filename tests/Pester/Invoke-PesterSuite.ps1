#Requires -Version 7.0
<#
.SYNOPSIS
    Runs the end-to-end Pester suite against the sandbox and writes "passed failed" to -ResultPath for .ci/run.
.DESCRIPTION
    Needs the solution built (dotnet build ImpactActions.sln): the module loads from out/module and the
    sandbox runs from its build output. Installs Pester 5 for the current user when it is missing.
#>
param(
    [string] $ResultPath = (Join-Path ([System.IO.Path]::GetTempPath()) 'impactactions-pester.txt')
)
$ErrorActionPreference = 'Stop'

if (-not (Get-Module -ListAvailable -Name Pester | Where-Object Version -ge '5.3.0')) {
    Install-Module -Name Pester -MinimumVersion 5.3.0 -Scope CurrentUser -Force -SkipPublisherCheck
}
Import-Module Pester -MinimumVersion 5.3.0

$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Detailed'
$result = Invoke-Pester -Configuration $configuration

"$($result.PassedCount) $($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount)" | Set-Content -Path $ResultPath
if ($result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount -gt 0) { exit 1 }
exit 0
