BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:sandbox = Start-TestSession -Connect
}

AfterAll {
    Stop-TestSession -Sandbox $sandbox
}

Describe 'Set-ImpactAction' {
    It 'changes the customer status of an action' {
        $action = (Get-ModifiableAction -Sandbox $sandbox -Take 1)[0]
        (Set-ImpactAction -ActionId $action.Id -CustomerStatus 'EXISTING').Status | Should -Be 'Queued'
        Wait-SandboxQueue -Sandbox $sandbox
        (Get-SandboxLedger -Sandbox $sandbox -ActionId $action.Id).Field | Should -Contain 'CustomerStatus'
    }

    It 'sends nothing with -WhatIf' {
        $action = (Get-ModifiableAction -Sandbox $sandbox -Take 2)[1]
        $requests = Get-SandboxRequestCount -Sandbox $sandbox
        (Set-ImpactAction -ActionId $action.Id -Amount '10.00' -WhatIf).Status | Should -Be 'NotSent'
        Get-SandboxRequestCount -Sandbox $sandbox | Should -Be $requests
    }
}

Describe 'Set-ImpactAction in an unattended pwsh -NonInteractive' {
    It 'sends every row of a CSV but the Amount 0 one, which it cannot confirm and reports NotSent naming -Force' {
        $all = Get-ModifiableAction -Sandbox $sandbox -Take 5
        $actions = $all[2..4]
        $csv = Join-Path $TestDrive 'amounts.csv'
        $results = Join-Path $TestDrive 'results.csv'
        $errors = Join-Path $TestDrive 'errors.txt'
        @(
            [pscustomobject]@{ ActionId = $actions[0].Id; Amount = '10.00' }
            [pscustomobject]@{ ActionId = $actions[1].Id; Amount = '0' }
            [pscustomobject]@{ ActionId = $actions[2].Id; Amount = '12.00' }
        ) | Export-Csv -Path $csv -NoTypeInformation
        $runner = Join-Path $TestDrive 'run.ps1'
        @'
param([string] $Manifest, [string] $BaseUri, [string] $Csv, [string] $Results, [string] $Errors)
Import-Module $Manifest
Connect-ImpactAccount -BaseUri $BaseUri -MaxRetries 2 -ErrorAction Stop
Import-Csv $Csv | Set-ImpactAction -ErrorVariable problems 2>$null | Export-Csv $Results -NoTypeInformation
$problems | ForEach-Object { "$($_.FullyQualifiedErrorId)|$($_.ErrorDetails.Message)" } | Set-Content $Errors
'@ | Set-Content -Path $runner

        # The credentials go through the environment, as a scheduled task's would, never the command line.
        $start = [System.Diagnostics.ProcessStartInfo]::new((Get-Process -Id $PID).Path)
        foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $runner, (Join-Path $PSScriptRoot '../../ImpactActions.psd1'), $sandbox.BaseUri, $csv, $results, $errors) {
            $start.ArgumentList.Add([string]$argument)
        }
        $start.Environment['IMPACT_ACCOUNT_SID'] = $sandbox.AccountSid
        $start.Environment['IMPACT_AUTH_TOKEN'] = $sandbox.AuthToken
        $start.RedirectStandardError = $true
        $start.RedirectStandardOutput = $true
        $start.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($start)
        $stderr = $process.StandardError.ReadToEndAsync()
        $process.WaitForExit(120000) | Should -BeTrue
        $process.ExitCode | Should -Be 0 -Because $stderr.Result

        (Import-Csv $results).Status | Should -Be @('Queued', 'NotSent', 'Queued') -Because ((Get-Content $errors) -join '; ')
        $problem = @(Get-Content $errors)
        $problem.Count | Should -Be 1
        $problem[0] | Should -BeLike 'ImpactActions.ConfirmationUnavailable,*'
        $problem[0] | Should -BeLike '*-Force*'
        Wait-SandboxQueue -Sandbox $sandbox
        (Get-SandboxLedger -Sandbox $sandbox -ActionId $actions[1].Id).Field | Should -Not -Contain 'Reversal'
        (Get-SandboxLedger -Sandbox $sandbox -ActionId $actions[2].Id).Field | Should -Contain 'Amount'
    }
}
