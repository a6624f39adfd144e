BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:sandbox = Start-TestSession
}

AfterAll {
    Stop-TestSession -Sandbox $sandbox
}

Describe 'Disconnect-ImpactAccount' {
    It 'forgets the connection, and cmdlets then say how to connect' {
        Connect-TestSandbox -Sandbox $sandbox | Out-Null
        Disconnect-ImpactAccount
        Get-ImpactConnection | Should -BeNullOrEmpty
        { Get-ImpactAction -CampaignId 1000 -ErrorAction Stop } | Should -Throw '*Connect-ImpactAccount*'
    }

    It 'leaves a connection held with -PassThru usable after another connect and a disconnect' {
        $first = Connect-TestSandbox -Sandbox $sandbox
        $second = Connect-TestSandbox -Sandbox $sandbox
        Disconnect-ImpactAccount
        @(Get-ImpactAction -CampaignId 1000 -First 1 -Connection $first).Count | Should -Be 1
        { Get-ImpactAction -CampaignId 1000 -First 1 -Connection $second -ErrorAction Stop } | Should -Throw
    }
}
