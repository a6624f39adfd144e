BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:sandbox = Start-TestSession
}

AfterAll {
    Stop-TestSession -Sandbox $sandbox
}

Describe 'Get-ImpactConnection' {
    It 'shows the account and address of the current connection' {
        Connect-TestSandbox -Sandbox $sandbox | Out-Null
        $connection = Get-ImpactConnection
        $connection.AccountSid | Should -Be $sandbox.AccountSid
        $connection.BaseUri | Should -Be $sandbox.BaseUri
        $connection.Settings.PSObject.Properties.Name | Should -Not -Contain 'AuthToken'
    }

    It 'has settings that cannot be changed after connecting, written as numbers by ConvertTo-Json' {
        Connect-TestSandbox -Sandbox $sandbox | Out-Null
        $connection = Get-ImpactConnection
        { $connection.Settings.MaxRetries = 0 } | Should -Throw
        $json = $connection | ConvertTo-Json -Depth 3 | ConvertFrom-Json
        $json.Settings.TimeoutSeconds | Should -Be 100
        $json.Settings.MaxRateLimitWaitSeconds | Should -Be 3900
        $json.CredentialSource | Should -Be 'Explicit'
        ($connection | ConvertTo-Json -Depth 3) | Should -Not -Match 'Ticks'
    }
}
