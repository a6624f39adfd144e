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
        $connection.Settings.AuthToken | Should -BeNullOrEmpty
    }
}
