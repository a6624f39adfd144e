# Real CSV files as shops and spreadsheets write them, through Import-Csv into Set-ImpactActionItem: each
# row's result and the sandbox's ledger say whether what the user meant is what was sent (docs/csv-format.md).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:sandbox = Start-TestSession -Connect
    $script:actions = Get-ModifiableAction -Sandbox $sandbox -Take 40
    $script:next = 0
    function Take { $script:next++; $actions[$next - 1] }
    $script:name = 'Café Größe'

    function Write-Bytes([string] $Path, [string] $Text, [System.Text.Encoding] $Encoding, [switch] $Bom) {
        $bytes = $Encoding.GetBytes($Text)
        if ($Bom) { $bytes = $Encoding.GetPreamble() + $bytes }
        [System.IO.File]::WriteAllBytes($Path, $bytes)
    }

    function Get-Field($ActionId, [string] $Field) {
        Wait-SandboxQueue -Sandbox $sandbox
        @(Get-SandboxLedger -Sandbox $sandbox -ActionId $ActionId | Where-Object Field -eq $Field).Value
    }
}

AfterAll {
    Stop-TestSession -Sandbox $sandbox
}

Describe 'CSV files through Import-Csv' {
    It 'reads <Kind> and sends the text as it was written' -ForEach @(
        @{ Kind = 'UTF-8 with a BOM'; Encoding = [System.Text.UTF8Encoding]::new($true); Bom = $true }
        @{ Kind = 'UTF-8 without a BOM'; Encoding = [System.Text.UTF8Encoding]::new($false); Bom = $false }
        @{ Kind = 'UTF-16'; Encoding = [System.Text.Encoding]::Unicode; Bom = $true }
    ) {
        $action = Take
        $csv = Join-Path $TestDrive "text-$($Kind -replace '\W').csv"
        Write-Bytes -Path $csv -Text "ActionId,Sku,Quantity,ItemName`r`n$($action.Id),$($action.Items[0].Sku),1,$name`r`n" -Encoding $Encoding -Bom:$Bom

        (Import-Csv $csv | Set-ImpactActionItem).Status | Should -Be 'Queued'
        Get-Field -ActionId $action.Id -Field 'ItemName' | Should -Be $name
    }

    It 'refuses a Windows-1252 file read as UTF-8, saying how to read it, and sends it right when read as 1252' {
        $action = Take
        $csv = Join-Path $TestDrive 'excel-1252.csv'
        Write-Bytes -Path $csv -Text "ActionId,Sku,Quantity,ItemName`r`n$($action.Id),$($action.Items[0].Sku),1,$name`r`n" -Encoding ([System.Text.Encoding]::GetEncoding(1252))

        $wrong = Import-Csv $csv | Set-ImpactActionItem -ErrorAction SilentlyContinue
        $wrong.Status | Should -Be 'Failed'
        $wrong.Field | Should -Be 'ItemName'
        $wrong.Message | Should -BeLike '*U+FFFD*Import-Csv -Encoding*'
        @(Get-SandboxLedger -Sandbox $sandbox -ActionId $action.Id).Count | Should -Be 0

        (Import-Csv $csv -Encoding 1252 | Set-ImpactActionItem).Status | Should -Be 'Queued'
        Get-Field -ActionId $action.Id -Field 'ItemName' | Should -Be $name
    }

    It 'refuses the decimal commas of a ;-delimited file from a de-DE session with what to write, and sends its whole numbers' {
        $first = Take; $second = Take
        $csv = Join-Path $TestDrive 'de-DE.csv'
        $script = @"
[System.Threading.Thread]::CurrentThread.CurrentCulture = 'de-DE'
@(
    [pscustomobject]@{ ActionId = '$($first.Id)'; Sku = '$($first.Items[0].Sku)'; Quantity = 1; Amount = [decimal]24.99 }
    [pscustomobject]@{ ActionId = '$($second.Id)'; Sku = '$($second.Items[0].Sku)'; Quantity = 2; Amount = `$null }
) | Export-Csv -Path '$csv' -UseCulture -NoTypeInformation
"@
        pwsh -NoProfile -NonInteractive -Command $script
        (Get-Content $csv -Raw) | Should -Match ';'

        $results = Import-Csv $csv -Delimiter ';' | Set-ImpactActionItem -ErrorAction SilentlyContinue
        $results.Status | Should -Be @('Failed', 'Queued')
        $results[0].Field | Should -Be 'Amount'
        $results[0].Message | Should -BeLike "Amount '24,99' has a decimal comma*write 24.99*"
        @(Get-SandboxLedger -Sandbox $sandbox -ActionId $first.Id).Count | Should -Be 0
        Get-Field -ActionId $second.Id -Field 'Quantity' | Should -Be '2'
    }

    It 'refuses every row of a file whose header has a typo, naming the column and what it meant, and sends nothing' {
        $first = Take; $second = Take
        $csv = Join-Path $TestDrive 'typo.csv'
        "ActionId,Sku,Quantiy,Amount`r`n$($first.Id),$($first.Items[0].Sku),0,5.00`r`n$($second.Id),$($second.Items[0].Sku),0,5.00`r`n" | Set-Content -Path $csv -NoNewline
        $requests = Get-SandboxRequestCount -Sandbox $sandbox

        $results = Import-Csv $csv | Set-ImpactActionItem -ErrorAction SilentlyContinue -ErrorVariable problems
        $results.Status | Should -Be @('Failed', 'Failed')
        $results.Field | Should -Be @('Quantiy', 'Quantiy')
        $problems[0].Exception.Message | Should -BeLike "Row 1: Column 'Quantiy' is not one Set-ImpactActionItem reads, and it looks like Quantity*"
        Get-SandboxRequestCount -Sandbox $sandbox | Should -Be $requests
    }

    It 'reads a number with one reading and refuses 1.000 as a quantity, naming both readings' {
        $first = Take; $second = Take
        $csv = Join-Path $TestDrive 'numbers.csv'
        "ActionId,Sku,Quantity`r`n$($first.Id),$($first.Items[0].Sku),2.00`r`n$($second.Id),$($second.Items[0].Sku),1.000`r`n" | Set-Content -Path $csv -NoNewline

        $results = Import-Csv $csv | Set-ImpactActionItem -ErrorAction SilentlyContinue
        $results.Status | Should -Be @('Queued', 'Failed')
        $results[1].Message | Should -BeLike "Quantity '1.000' reads as 1000 (one thousand)*and as 1 (one)*"
        Get-Field -ActionId $first.Id -Field 'Quantity' | Should -Be '2'
        @(Get-SandboxLedger -Sandbox $sandbox -ActionId $second.Id).Count | Should -Be 0
    }

    It 'sends an edited export of Get-ImpactActionItem back without a warning' {
        $action = Take
        $csv = Join-Path $TestDrive 'items.csv'
        Get-ImpactActionItem -ActionId $action.Id | Select-Object -First 1 | Export-Csv $csv -NoTypeInformation
        $row = Import-Csv $csv
        $row.Quantity = '3'
        $row | Export-Csv $csv -NoTypeInformation

        $results = Import-Csv $csv | Set-ImpactActionItem -WarningVariable warnings
        $results.Status | Should -Be 'Queued'
        $warnings | Should -BeNullOrEmpty
        Get-Field -ActionId $action.Id -Field 'Quantity' | Should -Be '3'
    }
}
