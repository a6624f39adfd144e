BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:sandbox = Start-TestSession -Connect
}

AfterAll {
    Stop-TestSession -Sandbox $sandbox
}

Describe 'Get-ImpactSubmission' {
    It 'reads a submission by the QueuedUri of a write result and by BatchId' {
        $action = (Get-ModifiableAction -Sandbox $sandbox -Take 1)[0]
        $result = Set-ImpactActionItem -ActionId $action.Id -Sku $action.Items[0].Sku -Quantity 0
        Wait-SandboxQueue -Sandbox $sandbox

        $byUri = $result | Get-ImpactSubmission
        $byUri.BatchId | Should -Be $result.BatchId
        $byUri.Status | Should -Be 'Complete'
        (Get-ImpactSubmission -BatchId $result.BatchId).Type | Should -Be 'Modification'
    }
}
