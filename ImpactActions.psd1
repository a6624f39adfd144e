@{
    # The module as built in this repository: `dotnet build` (or ./build.ps1) puts the assemblies in out/module.
    RootModule           = 'out/module/ImpactActions.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f0f3f8e-2b7c-4f62-9a55-3f1d2c8b7a41'
    Author               = 'ImpactActions contributors'
    CompanyName          = 'ImpactActions contributors'
    Copyright            = '(c) ImpactActions contributors.'
    Description          = 'Correct impact.com actions (conversions) from PowerShell: list actions and their items, change quantities and amounts from a CSV, reverse actions, and follow the submissions, safely and within the API''s limits.'
    PowerShellVersion    = '5.1'
    # Windows PowerShell loads the netstandard2.0 assemblies only on .NET Framework 4.7.2 or later; an older
    # one fails with an obscure netstandard load error, so Import-Module says so first. PowerShell 7 ignores it.
    DotNetFrameworkVersion = '4.7.2'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('ImpactActions.format.ps1xml')
    CmdletsToExport      = @(
        'Connect-ImpactAccount'
        'Disconnect-ImpactAccount'
        'Get-ImpactConnection'
        'Get-ImpactAction'
        'Get-ImpactActionItem'
        'Set-ImpactActionItem'
        'Set-ImpactAction'
        'Undo-ImpactAction'
        'Get-ImpactSubmission'
        'Wait-ImpactSubmission'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('impact', 'impact.com', 'affiliate', 'partnerships', 'actions', 'conversions', 'API', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            # MIT: the LICENSE file ships in the package. No ProjectUri/LicenseUri until the project has a public address.
            ReleaseNotes = 'First release: sandbox, engine and cmdlets.'
        }
    }
}
