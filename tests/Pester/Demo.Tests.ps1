# The README's demo, step by step: a broken demo fails the suite.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:sandbox = Start-TestSession -Actions 5000 -SpanDays 1095 -ProcessingDelayMs 300 -Extra @('--seed', '42') -Connect
    $script:csv = Join-Path $PSScriptRoot '../../docs/samples/corrections.csv'
}

AfterAll {
    Stop-TestSession -Sandbox $sandbox
}

Describe 'The demo' {
    It 'lists recent actions' {
        @(Get-ImpactAction -CampaignId 1000 -First 5).Count | Should -Be 5
    }

    It 'rehearses the sample CSV without sending anything, reading only the current quantities it would send' {
        $before = @(Get-SandboxLedger -Sandbox $sandbox).Count
        $requests = Get-SandboxRequestCount -Sandbox $sandbox
        $rehearsal = Import-Csv $csv | Set-ImpactActionItem -WhatIf
        $rehearsal.Status | Sort-Object -Unique | Should -Be 'NotSent'
        $rehearsal[1].Message | Should -BeLike '*Quantity=1 (2 - 1)*'
        # Two actions have a row that leaves Quantity to the cmdlet: one read of each one's items, nothing else.
        Get-SandboxRequestCount -Sandbox $sandbox | Should -Be ($requests + 2)
        @(Get-SandboxLedger -Sandbox $sandbox).Count | Should -Be $before
    }

    It 'sends it, waits for it, and shows the changed items' {
        $results = Import-Csv $csv | Set-ImpactActionItem -Wait -WaitTimeoutSeconds 60
        $results.Count | Should -Be 6
        $results.SubmissionStatus | Sort-Object -Unique | Should -Be 'Complete'
        $results.Status | Sort-Object -Unique | Should -Be 'Applied'
        $results.Row | Should -Be (1..6)
        (Get-ImpactActionItem -ActionId 1000.2240.105000 -Sku 12415).Quantity | Should -Be 0
        (Get-ImpactActionItem -ActionId 1001.2250.104996 -Sku 12478).Category | Should -Be 'Outdoor'

        # The demo's last step: every changed item read back, the one named by tracker and order too.
        $items = @($results | & (Join-Path $PSScriptRoot '../../docs/samples/Get-ChangedItem.ps1'))
        $items.Count | Should -Be 6
        ($items | Where-Object Sku -eq 12464).Quantity | Should -Be 3
    }
}
