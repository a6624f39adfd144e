BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:sandbox = Start-TestSession -ProcessingDelayMs 300 -Connect
}

AfterAll {
    Stop-TestSession -Sandbox $sandbox
}

Describe 'Wait-ImpactSubmission' {
    It 'outputs a completed submission and writes a failing one as an error with its codes' {
        $actions = Get-ModifiableAction -Sandbox $sandbox -Take 2
        $good = Set-ImpactActionItem -ActionId $actions[0].Id -Sku $actions[0].Items[0].Sku -Quantity 1
        $bad = Set-ImpactActionItem -ActionId $actions[1].Id -Sku 'no-such-sku' -Quantity 1

        $done = $good, $bad | Wait-ImpactSubmission -Timeout 60 -ErrorVariable failed -ErrorAction SilentlyContinue

        $done.BatchId | Should -Be $good.BatchId
        $done.Status | Should -Be 'Complete'
        $failed.Count | Should -Be 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ImpactActions.SubmissionFailed*'
        $failed[0].Exception.ErrorType | Should -Be 'Validation'
        $failed[0].Exception.ErrorReason | Should -Be 'SKU_NOT_FOUND'
        $failed[0].TargetObject.BatchId | Should -Be $bad.BatchId
    }

    It 'writes an error for an unknown submission' {
        Wait-ImpactSubmission -BatchId 'A-00000000-0000-0000-0000-000000000000' -Timeout 5 -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}
