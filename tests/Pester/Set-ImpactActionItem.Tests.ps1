BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:sandbox = Start-TestSession -Connect
}

AfterAll {
    Stop-TestSession -Sandbox $sandbox
}

Describe 'Set-ImpactActionItem' {
    It 'applies a CSV with both Quantity and Delta columns row by row, an empty cell meaning not given' {
        $actions = Get-ModifiableAction -Sandbox $sandbox -Take 2
        $csv = Join-Path $TestDrive 'mixed.csv'
        @(
            [pscustomobject]@{ ActionId = $actions[0].Id; Sku = $actions[0].Items[0].Sku; Quantity = '0'; Delta = '' }
            [pscustomobject]@{ ActionId = $actions[1].Id; Sku = $actions[1].Items[0].Sku; Quantity = ''; Delta = '-2.50' }
        ) | Export-Csv -Path $csv -NoTypeInformation

        $results = Import-Csv $csv | Set-ImpactActionItem
        Wait-SandboxQueue -Sandbox $sandbox

        $results.Status | Should -Be @('Queued', 'Queued')
        $first = Get-SandboxLedger -Sandbox $sandbox -ActionId $actions[0].Id
        $first.Field | Should -Be @('Quantity')
        $first.Value | Should -Be @('0')
        # Quantity left empty: the item's current quantity goes with the delta, as the API requires.
        $second = Get-SandboxLedger -Sandbox $sandbox -ActionId $actions[1].Id
        $second.Field | Should -Be @('Quantity', 'ItemSubTotalDelta')
        $second.Value | Should -Be @("$($actions[1].Items[0].Quantity)", '-2.50')
    }

    It 'sends nothing with -WhatIf' {
        $action = (Get-ModifiableAction -Sandbox $sandbox -Take 3)[2]
        $before = @(Get-SandboxLedger -Sandbox $sandbox).Count
        $requests = Get-SandboxRequestCount -Sandbox $sandbox

        $results = [pscustomobject]@{ ActionId = $action.Id; Sku = $action.Items[0].Sku; Quantity = '0' } | Set-ImpactActionItem -WhatIf

        $results.Status | Should -Be 'NotSent'
        @(Get-SandboxLedger -Sandbox $sandbox).Count | Should -Be $before
        Get-SandboxRequestCount -Sandbox $sandbox | Should -Be $requests
    }

    It 'reports a bad row with its row and field while the good rows are applied' {
        $actions = Get-ModifiableAction -Sandbox $sandbox -Take 6
        $rows = @(
            [pscustomobject]@{ ActionId = $actions[3].Id; Sku = $actions[3].Items[0].Sku; Quantity = '1'; Delta = '' }
            [pscustomobject]@{ ActionId = $actions[4].Id; Sku = $actions[4].Items[0].Sku; Quantity = '3,5'; Delta = '' }
            [pscustomobject]@{ ActionId = $actions[5].Id; Sku = $actions[5].Items[0].Sku; Quantity = ''; Delta = '1.00' }
        )
        $results = $rows | Set-ImpactActionItem -ErrorVariable rowErrors -ErrorAction SilentlyContinue
        Wait-SandboxQueue -Sandbox $sandbox

        $results.Status | Should -Be @('Queued', 'Failed', 'Queued')
        $rowErrors.Count | Should -Be 1
        $rowErrors[0].FullyQualifiedErrorId | Should -BeLike 'ImpactActions.InvalidRow*'
        $rowErrors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $rowErrors[0].Exception.Message | Should -BeLike 'Row 2*Quantity*'
        $rowErrors[0].TargetObject.Quantity | Should -Be '3,5'
        @(Get-SandboxLedger -Sandbox $sandbox -ActionId $actions[3].Id).Count | Should -Be 1
        @(Get-SandboxLedger -Sandbox $sandbox -ActionId $actions[4].Id).Count | Should -Be 0
        @(Get-SandboxLedger -Sandbox $sandbox -ActionId $actions[5].Id | Where-Object Field -eq 'ItemSubTotalDelta').Count | Should -Be 1
    }

    It 'skips rows a journal says were accepted when rerun' {
        $action = (Get-ModifiableAction -Sandbox $sandbox -Take 8)[7]
        $journal = Join-Path $TestDrive 'run.jsonl'
        $row = [pscustomobject]@{ ActionId = $action.Id; Sku = $action.Items[0].Sku; Delta = '-1.00' }

        ($row | Set-ImpactActionItem -JournalPath $journal).Status | Should -Be 'Queued'
        ($row | Set-ImpactActionItem -JournalPath $journal).Status | Should -Be 'Skipped'
        Wait-SandboxQueue -Sandbox $sandbox
        @(Get-SandboxLedger -Sandbox $sandbox -ActionId $action.Id | Where-Object Field -eq 'ItemSubTotalDelta').Count | Should -Be 1
    }

    It 'refuses each of 34 malformed rows of an Import-Csv file with one sentence naming its row and field, and applies the good rows' {
        $actions = Get-ModifiableAction -Sandbox $sandbox -Take 20
        $a = $actions[12]; $b = $actions[13]; $c = $actions[14]
        $long = 'x' * 256
        function Row([string] $Expect, [hashtable] $Cells) {
            $row = [ordered]@{ Expect = $Expect; ActionId = $a.Id; ActionTrackerId = ''; OrderId = ''; Sku = $a.Items[0].Sku; Quantity = ''; QuantityChange = ''
                Amount = ''; Delta = ''; Reason = ''; Category = ''; ItemName = ''; Rebate = '' }
            foreach ($key in $Cells.Keys) { $row[$key] = $Cells[$key] }
            [pscustomobject]$row
        }
        $rows = @(
            Row 'good' @{ Sku = $a.Items[0].Sku; Quantity = '0' }
            Row 'ActionId' @{ ActionId = ''; Quantity = '1' }
            Row 'ActionId' @{ ActionTrackerId = '2240'; OrderId = '9000000000001'; Quantity = '1' }
            Row 'OrderId' @{ ActionId = ''; ActionTrackerId = '2240'; Quantity = '1' }
            Row 'ActionTrackerId' @{ ActionId = ''; OrderId = '9000000000001'; Quantity = '1' }
            Row 'ActionTrackerId' @{ ActionId = ''; ActionTrackerId = 'sale'; OrderId = '9000000000001'; Quantity = '1' }
            Row 'ActionId' @{ ActionId = '1000-2240-1'; Quantity = '1' }
            Row 'ActionId' @{ ActionId = 'IRabc'; Quantity = '1' }
            Row 'Sku' @{ Sku = ''; Quantity = '1' }
            Row 'Sku' @{ Sku = $long; Quantity = '1' }
            Row 'Quantity' @{ Quantity = '-1' }
            Row 'Quantity' @{ Quantity = '1.5' }
            Row 'Quantity' @{ Quantity = 'two' }
            Row 'Quantity' @{ Quantity = '12345678901234567' }
            Row 'QuantityChange' @{ QuantityChange = '0' }
            Row 'QuantityChange' @{ Quantity = '1'; QuantityChange = '-1' }
            Row 'QuantityChange' @{ QuantityChange = '-1.5' }
            Row 'Amount' @{ Quantity = '1'; Amount = '3,49' }
            Row 'Amount' @{ Quantity = '1'; Amount = '3.499' }
            Row 'Amount' @{ Quantity = '1'; Amount = '-3.49' }
            Row 'Amount' @{ Quantity = '1'; Amount = '1234567.00' }
            Row 'Amount' @{ Quantity = '1'; Amount = 'abc' }
            Row 'Delta' @{ Delta = '0' }
            Row 'Delta' @{ Amount = '5.00'; Delta = '-1.00' }
            Row 'Delta' @{ Delta = '1,5' }
            Row 'Rebate' @{ Quantity = '1'; Rebate = '-1' }
            Row 'Rebate' @{ Quantity = '1'; Rebate = 'x' }
            Row 'Category' @{ Quantity = '1'; Category = $long }
            Row 'ItemName' @{ Quantity = '1'; ItemName = 'y' * 300 }
            Row 'Reason' @{ Quantity = '0'; Reason = 'ITEM_RETURNED' }
            Row 'Reason' @{ Quantity = '0'; Reason = 'RESET' }
            Row 'Reason' @{ Quantity = '0'; Reason = 'item returned' }
            Row 'Quantity' @{ }
            Row 'Quantity' @{ ActionId = ''; ActionTrackerId = '2240'; OrderId = '9000000000001'; Delta = '-1.00' }
            Row 'good' @{ ActionId = $b.Id; Sku = $b.Items[0].Sku; QuantityChange = '-1' }
            Row 'QuantityChange' @{ ActionId = $b.Id; Sku = $b.Items[1].Sku; QuantityChange = '-99' }
            Row 'good' @{ ActionId = $c.Id; Sku = $c.Items[0].Sku; Delta = '-0.50' }
        )
        @($rows | Where-Object Expect -ne 'good').Count | Should -BeGreaterOrEqual 30
        $csv = Join-Path $TestDrive 'malformed.csv'
        $rows | Export-Csv -Path $csv -NoTypeInformation

        $results = Import-Csv $csv | Set-ImpactActionItem -ErrorVariable rowErrors -ErrorAction SilentlyContinue
        Wait-SandboxQueue -Sandbox $sandbox

        $results.Count | Should -Be $rows.Count
        for ($i = 0; $i -lt $rows.Count; $i++) {
            $expect = $rows[$i].Expect
            $result = $results[$i]
            $result.Row | Should -Be ($i + 1)
            if ($expect -eq 'good') {
                $result.Status | Should -Be 'Queued' -Because "row $($i + 1) is good"
                continue
            }
            $result.Status | Should -Be 'Failed' -Because "row $($i + 1) has a bad $expect"
            $result.Field | Should -Be $expect -Because "row $($i + 1): $($result.Message)"
            $result.Message | Should -BeLike "$expect*" -Because 'the sentence starts with the field it is about'
            $result.Message | Should -Not -BeLike '*. *' -Because "it is one sentence: $($result.Message)"
            $result.Message | Should -BeLike '*.'
        }
        @($rowErrors).Count | Should -Be @($rows | Where-Object Expect -ne 'good').Count
        $rowErrors[0].Exception.Message | Should -BeLike 'Row 2: ActionId is missing*'
        @($rowErrors | Where-Object { $_.Exception.Message -like 'Row 31:*' })[0].Exception.Message | Should -BeLike '*Always submit ORDER_UPDATE as the reason for an item-level update*'

        # The good rows are applied, the refused ones are not, and the quantity change built on the current quantity.
        (Get-SandboxLedger -Sandbox $sandbox -ActionId $a.Id | Where-Object Field -eq 'Quantity').Value | Should -Be @('0')
        $bLedger = Get-SandboxLedger -Sandbox $sandbox -ActionId $b.Id
        $bLedger.Sku | Should -Be @($b.Items[0].Sku)
        $bLedger.Value | Should -Be @("$($b.Items[0].Quantity - 1)")
        (Get-SandboxLedger -Sandbox $sandbox -ActionId $c.Id).Field | Should -Be @('Quantity', 'ItemSubTotalDelta')
    }

    It 'takes a QuantityChange from the current quantity and a rerun with the journal does not apply it twice' {
        $candidates = Get-ModifiableAction -Sandbox $sandbox -Take 30
        $action = @($candidates[15..29] | Where-Object { $_.Items[0].Quantity -ge 2 })[0]
        $journal = Join-Path $TestDrive 'change.jsonl'
        $row = [pscustomobject]@{ ActionId = $action.Id; Sku = $action.Items[0].Sku; QuantityChange = '-1'; Quantity = '' }

        ($row | Set-ImpactActionItem -JournalPath $journal -Wait -WaitTimeoutSeconds 60).Status | Should -Be 'Applied'
        ($row | Set-ImpactActionItem -JournalPath $journal).Status | Should -Be 'Skipped'
        Wait-SandboxQueue -Sandbox $sandbox
        (Get-ImpactActionItem -ActionId $action.Id -Sku $action.Items[0].Sku).Quantity | Should -Be ($action.Items[0].Quantity - 1)
    }

    It 'waits for the submissions with -Wait and reports their final state' {
        $action = (Get-ModifiableAction -Sandbox $sandbox -Take 10)[9]
        $result = Set-ImpactActionItem -ActionId $action.Id -Sku $action.Items[0].Sku -Quantity 2 -Wait -WaitTimeoutSeconds 60
        $result.Status | Should -Be 'Applied'
        $result.SubmissionStatus | Should -Be 'Complete'
    }
}
