BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../ImpactActions.psd1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:sandbox = Start-TestSandbox
}

AfterAll {
    Disconnect-ImpactAccount
    Stop-TestSandbox -Sandbox $sandbox
}

Describe 'Connect-ImpactAccount' {
    It 'connects with a token and shows the connection without it' {
        $connection = Connect-TestSandbox -Sandbox $sandbox
        $connection.AccountSid | Should -Be $sandbox.AccountSid
        $shown = Get-ImpactConnection | Format-List * | Out-String
        $shown | Should -Not -Match ([regex]::Escape($sandbox.AuthToken))
    }

    It 'connects with a PSCredential' {
        $credential = [pscredential]::new($sandbox.AccountSid, (ConvertTo-SecureString $sandbox.AuthToken -AsPlainText -Force))
        Connect-ImpactAccount -Credential $credential -BaseUri $sandbox.BaseUri
        (Get-ImpactConnection).CredentialSource | Should -Be 'Explicit'
    }

    It 'connects from IMPACT_ACCOUNT_SID and IMPACT_AUTH_TOKEN' {
        $env:IMPACT_ACCOUNT_SID = $sandbox.AccountSid
        $env:IMPACT_AUTH_TOKEN = $sandbox.AuthToken
        try {
            Connect-ImpactAccount -BaseUri $sandbox.BaseUri
            (Get-ImpactConnection).CredentialSource | Should -Be 'Environment'
        }
        finally {
            Remove-Item Env:IMPACT_ACCOUNT_SID, Env:IMPACT_AUTH_TOKEN
        }
    }

    It 'refuses http:// to anything but loopback' {
        $token = ConvertTo-SecureString 'x' -AsPlainText -Force
        { Connect-ImpactAccount -AccountSid 'IRx' -AuthToken $token -BaseUri 'http://api.impact.com' } | Should -Throw '*unencrypted*'
    }

    It 'keeps the token out of verbose and debug output' {
        Connect-TestSandbox -Sandbox $sandbox | Out-Null
        $lines = Get-ImpactAction -CampaignId 1000 -First 1 -Verbose -Debug 4>&1 5>&1 | Out-String
        $lines | Should -Match 'GET /Advertisers/'
        $lines | Should -Not -Match ([regex]::Escape($sandbox.AuthToken))
    }
}
