BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:sandbox = Start-TestSession -Actions 30000 -SpanDays 30 -Connect
}

AfterAll {
    Stop-TestSession -Sandbox $sandbox
}

Describe 'Get-ImpactAction' {
    It 'costs one request for the first five actions' {
        $before = Get-SandboxRequestCount -Sandbox $sandbox
        $five = Get-ImpactAction -CampaignId 1000 -StartDate (Get-Date).AddDays(-30) | Select-Object -First 5
        @($five).Count | Should -Be 5
        $five[0].GetType().FullName | Should -Be 'ImpactActions.Core.Records.ImpactAction'
        (Get-SandboxRequestCount -Sandbox $sandbox) - $before | Should -Be 1
    }

    It 'goes on with -Continue at the record after the last one a downstream Select-Object took' {
        $all = Get-ImpactAction -CampaignId 1000 -First 8
        $first = Get-ImpactAction -CampaignId 1000 | Select-Object -First 3
        $next = Get-ImpactAction -Continue -First 5
        @($first.Id) + @($next.Id) | Should -Be $all.Id
    }

    It 'is no error when a downstream stop meets merged verbose output, and the script goes on' {
        $lines = & {
            Get-ImpactAction -CampaignId 1000 -Verbose 4>&1 | Select-Object -First 1
            'the next line ran'
        } 2>&1
        $lines[-1] | Should -Be 'the next line ran'
        @($lines | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -Be 0
    }

    It 'honours -First and -Skip' {
        $all = Get-ImpactAction -CampaignId 1000 -First 10
        $skipped = Get-ImpactAction -CampaignId 1000 -Skip 5 -First 5
        $skipped.Id | Should -Be $all[5..9].Id
    }

    It 'shows the views: a table row per action, a short list, and every property with Format-List *' {
        $action = Get-ImpactAction -CampaignId 1000 -First 1
        $row = ($action | Format-Table | Out-String -Stream -Width 200 | Where-Object { $_ -like "*$($action.Id)*" })
        $row | Should -Match ([regex]::Escape($action.EventDate.ToString('yyyy-MM-dd HH:mm zzz')))
        $list = @($action | Format-List | Out-String -Stream | Where-Object { $_ })
        $list.Count | Should -Be 13
        $list[0] | Should -Match "^Id\s+: $([regex]::Escape($action.Id))$"
        $list -join "`n" | Should -Not -Match 'IpAddress'
        $all = @($action | Format-List * | Out-String -Stream | Where-Object { $_ })
        $all.Count | Should -Be @($action.PSObject.Properties).Count
    }

    It 'gets actions by id from the pipeline' {
        $ids = (Get-ImpactAction -CampaignId 1000 -First 3).Id
        $again = $ids | Get-ImpactAction
        $again.Id | Should -Be $ids
    }

    It 'writes a not-found error for an unknown id and goes on' {
        $known = (Get-ImpactAction -CampaignId 1000 -First 1).Id
        $found = Get-ImpactAction -ActionId '1000.1.1', $known -ErrorVariable missing -ErrorAction SilentlyContinue
        $found.Id | Should -Be $known
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'refuses a start more than three years back before any request' {
        $before = Get-SandboxRequestCount -Sandbox $sandbox
        { Get-ImpactAction -CampaignId 1000 -StartDate (Get-Date).AddYears(-4) -ErrorAction Stop } | Should -Throw '*3 years back*-ClampToThreeYears*'
        Get-SandboxRequestCount -Sandbox $sandbox | Should -Be $before
    }

    It 'continues the last listing with -Continue' {
        $first = Get-ImpactAction -CampaignId 1000 -First 3
        $next = Get-ImpactAction -Continue -First 3
        $all = Get-ImpactAction -CampaignId 1000 -First 6
        $next.Id | Should -Be $all[3..5].Id
    }
}
