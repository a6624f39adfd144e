# Dot-sourced by each Measure-*.ps1 before its clock starts: prepares the side being measured in the
# caller's scope. Module: imported and connected. RestMethod: the script's functions defined. The
# AuthToken comes in the environment variable IMPACT_BENCH_TOKEN, never on a command line; the caller
# gets it back as $token.
param(
    [Parameter(Mandatory)] [ValidateSet('Module', 'RestMethod')] [string] $Approach,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [uri] $BaseUri,
    [Parameter(Mandatory)] [string] $AccountSid
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
