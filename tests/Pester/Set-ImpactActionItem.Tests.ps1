BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../ImpactActions.psd1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:sandbox = Start-TestSandbox
    Connect-TestSandbox -Sandbox $sandbox | Out-Null
}

AfterAll {
    Disconnect-ImpactAccount
    Stop-TestSandbox -Sandbox $sandbox
}

Describe 'Set-ImpactActionItem' {
    It 'applies a CSV with both Quantity and Delta columns row by row, an empty cell meaning not given' {
        $actions = Get-ModifiableAction -Sandbox $sandbox -Take 2
        $csv = Join-Path $TestDrive 'mixed.csv'
        @(
            [pscustomobject]@{ ActionId = $actions[0].Id; Sku = $actions[0].Items[0].Sku; Quantity = '0'; Delta = '' }
            [pscustomobject]@{ ActionId = $actions[1].Id; Sku = $actions[1].Items[0].Sku; Quantity = ''; Delta = '-2.50' }
        ) | Export-Csv -Path $csv -NoTypeInformation

        $results = Import-Csv $csv | Set-ImpactActionItem
        Wait-SandboxQueue -Sandbox $sandbox

        $results.Status | Should -Be @('Queued', 'Queued')
        $first = Get-SandboxLedger -Sandbox $sandbox -ActionId $actions[0].Id
        $first.Field | Should -Be @('Quantity')
        $first.Value | Should -Be @('0')
        $second = Get-SandboxLedger -Sandbox $sandbox -ActionId $actions[1].Id
        $second.Field | Should -Be @('ItemSubTotalDelta')
        $second.Value | Should -Be @('-2.50')
    }

    It 'sends nothing with -WhatIf' {
        $action = (Get-ModifiableAction -Sandbox $sandbox -Take 3)[2]
        $before = @(Get-SandboxLedger -Sandbox $sandbox).Count
        $requests = Get-SandboxRequestCount -Sandbox $sandbox

        $results = [pscustomobject]@{ ActionId = $action.Id; Sku = $action.Items[0].Sku; Quantity = '0' } | Set-ImpactActionItem -WhatIf

        $results.Status | Should -Be 'NotSent'
        @(Get-SandboxLedger -Sandbox $sandbox).Count | Should -Be $before
        Get-SandboxRequestCount -Sandbox $sandbox | Should -Be $requests
    }

    It 'reports a bad row with its row and field while the good rows are applied' {
        $actions = Get-ModifiableAction -Sandbox $sandbox -Take 6
        $rows = @(
            [pscustomobject]@{ ActionId = $actions[3].Id; Sku = $actions[3].Items[0].Sku; Quantity = '1'; Delta = '' }
            [pscustomobject]@{ ActionId = $actions[4].Id; Sku = $actions[4].Items[0].Sku; Quantity = '3,5'; Delta = '' }
            [pscustomobject]@{ ActionId = $actions[5].Id; Sku = $actions[5].Items[0].Sku; Quantity = ''; Delta = '1.00' }
        )
        $results = $rows | Set-ImpactActionItem -ErrorVariable rowErrors -ErrorAction SilentlyContinue
        Wait-SandboxQueue -Sandbox $sandbox

        $results.Status | Should -Be @('Queued', 'Failed', 'Queued')
        $rowErrors.Count | Should -Be 1
        $rowErrors[0].FullyQualifiedErrorId | Should -BeLike 'ImpactActions.InvalidRow*'
        $rowErrors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $rowErrors[0].Exception.Message | Should -BeLike 'Row 2*Quantity*'
        $rowErrors[0].TargetObject.Quantity | Should -Be '3,5'
        @(Get-SandboxLedger -Sandbox $sandbox -ActionId $actions[3].Id).Count | Should -Be 1
        @(Get-SandboxLedger -Sandbox $sandbox -ActionId $actions[4].Id).Count | Should -Be 0
        @(Get-SandboxLedger -Sandbox $sandbox -ActionId $actions[5].Id).Count | Should -Be 1
    }

    It 'skips rows a journal says were accepted when rerun' {
        $action = (Get-ModifiableAction -Sandbox $sandbox -Take 8)[7]
        $journal = Join-Path $TestDrive 'run.jsonl'
        $row = [pscustomobject]@{ ActionId = $action.Id; Sku = $action.Items[0].Sku; Delta = '-1.00' }

        ($row | Set-ImpactActionItem -JournalPath $journal).Status | Should -Be 'Queued'
        ($row | Set-ImpactActionItem -JournalPath $journal).Status | Should -Be 'Skipped'
        Wait-SandboxQueue -Sandbox $sandbox
        @(Get-SandboxLedger -Sandbox $sandbox -ActionId $action.Id).Count | Should -Be 1
    }

    It 'waits for the submissions with -Wait and reports their final state' {
        $action = (Get-ModifiableAction -Sandbox $sandbox -Take 10)[9]
        $result = Set-ImpactActionItem -ActionId $action.Id -Sku $action.Items[0].Sku -Quantity 2 -Wait -WaitTimeoutSeconds 60
        $result.Status | Should -Be 'Applied'
        $result.SubmissionStatus | Should -Be 'Complete'
    }
}
