BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:sandbox = Start-TestSession -Connect
}

AfterAll {
    Stop-TestSession -Sandbox $sandbox
}

Describe 'Get-ImpactActionItem' {
    It 'takes actions from Get-ImpactAction through the pipeline' {
        $actions = Get-ImpactAction -CampaignId 1000 -First 3
        $items = $actions | Get-ImpactActionItem
        ($items.ActionId | Select-Object -Unique) | Should -Be $actions.Id
        $items[0].GetType().FullName | Should -Be 'ImpactActions.Core.Records.ImpactActionItem'
    }

    It 'gets one item by Sku' {
        $item = Get-ImpactAction -CampaignId 1000 -First 1 | Get-ImpactActionItem | Select-Object -First 1
        $again = Get-ImpactActionItem -ActionId $item.ActionId -Sku $item.Sku
        $again.Quantity | Should -Be $item.Quantity
    }

    It 'writes a not-found error for an unknown Sku' {
        $action = Get-ImpactAction -CampaignId 1000 -First 1
        Get-ImpactActionItem -ActionId $action.Id -Sku 'no-such-sku' -ErrorVariable missing -ErrorAction SilentlyContinue
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'ImpactActions.NotFound*'
    }
}
