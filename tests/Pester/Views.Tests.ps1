# What a person and another tool see of the results: the default views at 80 columns keep each row's status
# and reason, ConvertTo-Json writes statuses by name, and Export-Csv writes a row's Source as text.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:sandbox = Start-TestSession -Connect
    $a = Get-ModifiableAction -Sandbox $sandbox -Take 3
    $script:rows = @(
        [pscustomobject]@{ ActionId = $a[0].Id; Sku = $a[0].Items[0].Sku; Quantity = '1'; Category = 'Shoes' }
        [pscustomobject]@{ ActionId = $a[1].Id; Sku = 'NOPE-SKU'; Quantity = '1' }
        [pscustomobject]@{ ActionId = $a[2].Id; Sku = $a[2].Items[0].Sku; Quantity = 'x' }
    )
    $script:results = $rows | Set-ImpactActionItem -Wait -ErrorAction SilentlyContinue
}

AfterAll {
    Stop-TestSession -Sandbox $sandbox
}

Describe 'The default views at 80 columns' {
    It 'keep every row''s status and the start of its reason on its line' {
        $lines = ($results | Out-String -Width 80) -split "`r?`n"
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        $lines | Where-Object { $_ -match "^\s+2 " } | Should -Match "Failed\s+Sku 'NOPE-SKU'"
        $lines | Where-Object { $_ -match "^\s+3 " } | Should -Match "Failed\s+Quantity 'x'"
        $lines | Where-Object { $_ -match "^\s+1 " } | Should -Match 'Applied'
    }

    It 'show a failed submission''s error type and reason together' {
        $text = $results | Where-Object BatchId | Get-ImpactSubmission | Out-String -Width 80
        ($text -split "`r?`n") | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        $text | Should -Match "$($results[1].BatchId)\s+Complete\s+Validation: SKU_NOT_FOUND"
    }
}

Describe 'Results for other tools' {
    It 'are written by ConvertTo-Json with statuses by name and the row''s cells as given' {
        $json = $results | ConvertTo-Json -Depth 3 | ConvertFrom-Json
        $json.Status | Should -Be @('Applied', 'Failed', 'Failed')
        $json[0].Source.Category | Should -Be 'Shoes'
        $json[2].Source.Quantity | Should -Be 'x'
        (Get-ImpactConnection | ConvertTo-Json -Depth 1 | ConvertFrom-Json).CredentialSource | Should -Be 'Explicit'
    }

    It 'are written by Export-Csv with Source as the row in text, and the user''s rows are left as they were' {
        $csv = Join-Path $TestDrive 'results.csv'
        $results | Export-Csv -Path $csv -NoTypeInformation
        $back = Import-Csv $csv
        $back[0].Source | Should -Be "ActionId=$($rows[0].ActionId); Sku=$($rows[0].Sku); Quantity=1; Category=Shoes"
        $back.Status | Should -Be @('Applied', 'Failed', 'Failed')
        $rows[0].PSObject.Methods['ToString'].MemberType | Should -Be 'Method'
        "$($results[0].Source)" | Should -Be $back[0].Source
    }
}
