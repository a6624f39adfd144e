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
