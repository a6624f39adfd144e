BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:sandbox = Start-TestSession
}

AfterAll {
    Stop-TestSession -Sandbox $sandbox
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

    It 'goes through -Proxy, and a proxy asking for credentials is an error naming it and -ProxyCredential' {
        $proxy = Start-TestProxy -User proxyuser -Password proxy-secret
        try {
            $token = ConvertTo-SecureString $sandbox.AuthToken -AsPlainText -Force
            # The credential check is Connect's first request through the proxy: the connect step itself fails.
            $failure = $null
            try { Connect-ImpactAccount -AccountSid $sandbox.AccountSid -AuthToken $token -BaseUri $sandbox.BaseUri -Proxy $proxy.Address -MaxRetries 0 -ErrorAction Stop }
            catch { $failure = @($_) }
            Get-ImpactConnection | Should -BeNullOrEmpty
            $failure[0].FullyQualifiedErrorId | Should -BeLike 'ImpactActions.ProxyAuthenticationRequired*'
            $failure[0].Exception.Message | Should -BeLike "*$($proxy.Address)*-ProxyCredential*"

            $proxyCredential = [pscredential]::new('proxyuser', (ConvertTo-SecureString 'proxy-secret' -AsPlainText -Force))
            Connect-ImpactAccount -AccountSid $sandbox.AccountSid -AuthToken $token -BaseUri $sandbox.BaseUri -Proxy $proxy.Address -ProxyCredential $proxyCredential
            @(Get-ImpactAction -CampaignId 1000 -First 2).Count | Should -Be 2
        }
        finally {
            $seen = Stop-TestProxy -Proxy $proxy
        }
        @($seen | Where-Object { $_ -like "GET $($sandbox.BaseUri.GetLeftPart('Authority'))/Advertisers/*authorized=True*" }).Count | Should -BeGreaterThan 0 -Because 'the listing went through the proxy'
    }

    It 'takes HTTPS_PROXY from the environment in a fresh pwsh: the tunnel reaches a name only the proxy knows' {
        # api.impact.test resolves nowhere; the proxy sends its tunnel to the sandbox's plain-HTTP port, where
        # TLS fails: the request got past the proxy and never left unencrypted.
        $proxy = Start-TestProxy -Reroute "api.impact.test:443=127.0.0.1:$($sandbox.BaseUri.Port)"
        try {
            $script = "`$token = ConvertTo-SecureString 'x' -AsPlainText -Force; Import-Module '$(Join-Path $PSScriptRoot '../../ImpactActions.psd1')'; " +
                "Connect-ImpactAccount -AccountSid IRx -AuthToken `$token -BaseUri https://api.impact.test -MaxRetries 0 -SkipCredentialCheck; " +
                "try { Get-ImpactAction -ActionId 1000.1.1 -ErrorAction Stop } catch { `$_.Exception.Message }"
            $env:HTTPS_PROXY = $proxy.Address.ToString()
            $message = pwsh -NoProfile -NonInteractive -Command $script
        }
        finally {
            Remove-Item Env:HTTPS_PROXY -ErrorAction SilentlyContinue
            $seen = Stop-TestProxy -Proxy $proxy
        }
        $seen | Should -Contain 'CONNECT api.impact.test:443 authorized=True expect='
        "$message" | Should -BeLike '*SSL*'
    }

    It 'never shows a password from HTTPS_PROXY in a fresh pwsh: not in verbose lines, row results, a CSV, or inner exceptions' {
        # The proxy refuses the tunnel with 502; .NET names the proxy, password included (URL-encoded), in its error.
        $proxy = Start-TestProxy -ConnectAnswer '502 Bad Gateway'
        $out = Join-Path ([IO.Path]::GetTempPath()) "impact-proxy-$([guid]::NewGuid()).csv"
        try {
            $script = "`$token = ConvertTo-SecureString 'x' -AsPlainText -Force; Import-Module '$(Join-Path $PSScriptRoot '../../ImpactActions.psd1')'; " +
                "Connect-ImpactAccount -AccountSid IRx -AuthToken `$token -BaseUri https://api.impact.test -MaxRetries 1 -SkipCredentialCheck -Verbose 4>&1; " +
                "`$rows = [pscustomobject]@{ ActionId = '1000.1.1'; Sku = 'A'; Quantity = '1' }; " +
                "`$rows | Set-ImpactActionItem -Verbose -ErrorAction SilentlyContinue 4>&1 | Tee-Object -Variable results; " +
                "`$results | Where-Object Status | Export-Csv '$out' -NoTypeInformation; " +
                "Get-ImpactAction -ActionId 1000.1.1 -Verbose -ErrorAction SilentlyContinue 4>&1; " +
                "foreach (`$e in `$error) { `$e | Out-String; `$e.Exception.ToString(); `$x = `$e.Exception; while (`$x) { `$x.Message; `$x = `$x.InnerException } }; " +
                "'STATUS=' + (`$results | Where-Object Status | ForEach-Object Status)"
            $env:HTTPS_PROXY = "http://user:Winter2025!@127.0.0.1:$($proxy.Address.Port)"
            $text = (pwsh -NoProfile -NonInteractive -Command $script) -join "`n"
            $csv = Get-Content $out -Raw
        }
        finally {
            Remove-Item Env:HTTPS_PROXY -ErrorAction SilentlyContinue
            Remove-Item $out -ErrorAction SilentlyContinue
            $seen = Stop-TestProxy -Proxy $proxy
        }
        $seen | Should -Contain 'CONNECT api.impact.test:443 authorized=True expect='
        $text | Should -Match '502'
        $text | Should -Match 'STATUS=Failed' -Because 'a refused tunnel proves the write never left'
        $text | Should -Not -Match 'Winter2025'
        $csv | Should -Not -Match 'Winter2025'
    }

    It 'refuses a BaseUri with a password in it, and leaves the session not connected' {
        Connect-TestSandbox -Sandbox $sandbox | Out-Null
        $token = ConvertTo-SecureString 'x' -AsPlainText -Force
        { Connect-ImpactAccount -AccountSid 'IRx' -AuthToken $token -BaseUri 'https://IRx:hunter2@api.impact.com' } |
            Should -Throw '*-AuthToken*not connected*'
        Get-ImpactConnection | Should -BeNullOrEmpty
    }

    It 'keeps the token out of verbose and debug output' {
        Connect-TestSandbox -Sandbox $sandbox | Out-Null
        $lines = Get-ImpactAction -CampaignId 1000 -First 1 -Verbose -Debug 4>&1 5>&1 | Out-String
        $lines | Should -Match 'GET /Advertisers/'
        $lines | Should -Not -Match ([regex]::Escape($sandbox.AuthToken))
    }
}
