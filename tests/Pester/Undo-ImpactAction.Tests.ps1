BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:sandbox = Start-TestSession -Connect
}

AfterAll {
    Stop-TestSession -Sandbox $sandbox
}

Describe 'Undo-ImpactAction' {
    It 'reverses actions from the pipeline with a disposition code' {
        $actions = Get-ModifiableAction -Sandbox $sandbox -Take 2
        $results = $actions.Id | Undo-ImpactAction -DispositionCode ITEM_RETURNED -Confirm:$false
        $results.Status | Should -Be @('Queued', 'Queued')
        Wait-SandboxQueue -Sandbox $sandbox
        (Get-ImpactAction -ActionId $actions[0].Id).State | Should -Be 'REVERSED'
    }

    It 'asks first: -WhatIf sends nothing' {
        $action = (Get-ModifiableAction -Sandbox $sandbox -Take 3)[2]
        $requests = Get-SandboxRequestCount -Sandbox $sandbox
        (Undo-ImpactAction -ActionId $action.Id -DispositionCode OTHER -WhatIf).Status | Should -Be 'NotSent'
        Get-SandboxRequestCount -Sandbox $sandbox | Should -Be $requests
        (Get-ImpactAction -ActionId $action.Id).State | Should -Not -Be 'REVERSED'
    }
}
