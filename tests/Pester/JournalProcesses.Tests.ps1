# What only real processes show about the journal (docs/write-contract.md, rule 3): a run killed with
# SIGKILL at several points and rerun applies every row exactly once; two processes on one journal never
# both send; a journal that cannot be written stops the run before it sends anything.
BeforeAll {
    $script:root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $script:manifest = Join-Path $root 'ImpactActions.psd1'
    Import-Module (Join-Path $PSScriptRoot 'TestSandbox.psm1') -Force
    $script:sandbox = Start-TestSandbox -ProcessingDelayMs 300
    $script:pwsh = (Get-Process -Id $PID).Path
    $script:taken = 0

    # The run a scheduled task makes, in a pwsh of its own; the credentials go through the environment, never the command line.
    $script:runner = Join-Path $TestDrive 'run.ps1'
    @'
param([string] $Manifest, [string] $BaseUri, [string] $Csv, [string] $Journal, [string] $Results)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
Connect-ImpactAccount -BaseUri $BaseUri -MaxRetries 2
try {
    Import-Csv $Csv | Set-ImpactActionItem -JournalPath $Journal -MaxItemsPerRequest 1 -ErrorAction Continue | Export-Csv $Results -NoTypeInformation
}
catch {
    [Console]::Error.WriteLine("$($_.FullyQualifiedErrorId): $($_.Exception.Message)")
    exit 1
}
'@ | Set-Content -Path $runner

    function Start-Run([string] $Csv, [string] $Journal, [string] $Results) {
        $start = [System.Diagnostics.ProcessStartInfo]::new($pwsh)
        foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $runner, $manifest, $sandbox.BaseUri, $Csv, $Journal, $Results) { $start.ArgumentList.Add([string]$argument) }
        $start.Environment['IMPACT_ACCOUNT_SID'] = $sandbox.AccountSid
        $start.Environment['IMPACT_AUTH_TOKEN'] = $sandbox.AuthToken
        $start.RedirectStandardError = $true
        $start.RedirectStandardOutput = $true
        $start.UseShellExecute = $false
        [System.Diagnostics.Process]::Start($start)
    }

    function Wait-Until([scriptblock] $Condition, [string] $What, [int] $Seconds = 60) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "Timed out waiting for $What." }
            Start-Sleep -Milliseconds 20
        }
    }

    # While a run holds the journal, .NET (this pwsh too) cannot open it: wc reads it as any other tool would.
    function Get-JournalLines([string] $Journal) {
        if (-not (Test-Path $Journal)) { return 0 }
        [int](((& wc -l $Journal) -split ' ')[0])
    }

    # One row per action, alternating an absolute Quantity and a relative Delta, over actions no other test took.
    function New-Csv([string] $Path, [int] $Count) {
        $all = Get-ModifiableAction -Sandbox $sandbox -Take ($taken + $Count)
        $actions = $all[$taken..($taken + $Count - 1)]
        $script:taken += $Count
        $i = 0
        $rows = foreach ($action in $actions) {
            $i++
            if ($i % 2) { [pscustomobject]@{ ActionId = $action.Id; Sku = $action.Items[0].Sku; Quantity = '1'; Delta = '' } }
            else { [pscustomobject]@{ ActionId = $action.Id; Sku = $action.Items[0].Sku; Quantity = "$($action.Items[0].Quantity)"; Delta = '-1.00' } }
        }
        $rows | Export-Csv -Path $Path -NoTypeInformation
        $rows
    }

    function Set-SlowAnswers([int] $Milliseconds) {
        $faults = if ($Milliseconds -gt 0) { @{ Slow = 1.0; SlowDelay = [TimeSpan]::FromMilliseconds($Milliseconds).ToString() } } else { @{} }
        Invoke-SandboxControl -Sandbox $sandbox -Path '/_sandbox/behaviour' -Method Put -Body (@{ Faults = $faults } | ConvertTo-Json) | Out-Null
    }

    # Every row applied exactly once: a delta's ledger entry once, an absolute quantity at least once and the item at it.
    function Assert-AppliedOnce($Rows) {
        Wait-SandboxQueue -Sandbox $sandbox
        foreach ($row in $Rows) {
            $ledger = @(Get-SandboxLedger -Sandbox $sandbox -ActionId $row.ActionId)
            if ($row.Delta) { @($ledger | Where-Object Field -eq 'ItemSubTotalDelta').Count | Should -Be 1 -Because "the delta of $($row.ActionId) is applied once" }
            else { @($ledger | Where-Object { $_.Field -eq 'Quantity' -and $_.Value -eq '1' }).Count | Should -BeGreaterOrEqual 1 -Because "$($row.ActionId) is set" }
        }
    }
}

AfterAll {
    Stop-TestSandbox -Sandbox $sandbox
}

Describe 'The journal of a run in a real process' {
    It 'applies every row exactly once when the run is killed after <Lines> journal lines and rerun' -ForEach @(
        @{ Lines = 1 }, @{ Lines = 4 }, @{ Lines = 9 }
    ) {
        $csv = Join-Path $TestDrive "kill-$Lines.csv"
        $journal = Join-Path $TestDrive "kill-$Lines.jsonl"
        $rows = New-Csv -Path $csv -Count 8
        Set-SlowAnswers -Milliseconds 150
        $first = Start-Run -Csv $csv -Journal $journal -Results (Join-Path $TestDrive "kill-$Lines-first.csv")
        try {
            Wait-Until { (Get-JournalLines $journal) -ge $Lines -or $first.HasExited } "the journal to reach $Lines lines"
            $first.HasExited | Should -BeFalse -Because "the kill must come mid-run ($(if ($first.HasExited) { $first.StandardError.ReadToEnd() }))"
            $first.Kill()
            $first.WaitForExit()
        }
        finally { if (-not $first.HasExited) { $first.Kill() } }
        Set-SlowAnswers -Milliseconds 0

        $results = Join-Path $TestDrive "kill-$Lines-rerun.csv"
        $rerun = Start-Run -Csv $csv -Journal $journal -Results $results
        $rerun.WaitForExit(120000) | Should -BeTrue
        $rerun.ExitCode | Should -Be 0 -Because $rerun.StandardError.ReadToEnd()

        $statuses = @(Import-Csv $results)
        $statuses.Count | Should -Be $rows.Count
        $statuses.Status | Should -Not -Contain 'Failed'
        if ($Lines -ge 4) { @($statuses | Where-Object Status -eq 'Skipped').Count | Should -BeGreaterOrEqual 1 -Because 'the rows accepted before the kill are skipped' }
        $unknown = @($statuses | Where-Object Status -eq 'OutcomeUnknown')
        # A relative row whose request the kill cut off in flight is reported, never resent on a guess.
        foreach ($row in $unknown) { $rows[[int]$row.Row - 1].Delta | Should -Not -BeNullOrEmpty }
        Assert-AppliedOnce -Rows ($rows | Where-Object { $_.ActionId -notin $unknown.ActionId })
        foreach ($row in $unknown) {
            @(Get-SandboxLedger -Sandbox $sandbox -ActionId $row.ActionId | Where-Object Field -eq 'ItemSubTotalDelta').Count | Should -BeLessOrEqual 1
        }
        (Get-Content $journal -Raw) | Should -Not -Match ([regex]::Escape($sandbox.AuthToken))
    }

    It 'lets only one of two processes on one journal send, and the other says why' {
        $csv = Join-Path $TestDrive 'two.csv'
        $journal = Join-Path $TestDrive 'two.jsonl'
        $rows = New-Csv -Path $csv -Count 6
        # The first run's first PUT is held 20 s by the sandbox: it holds the journal all that time, however slowly
        # the second pwsh starts (its credential check and reads are not held).
        $hold = @{ Faults = @{ SlowDelay = '00:00:20'; Rules = @(@{ Method = 'PUT'; PathContains = '/Actions'; Occurrence = 1; Kind = 'Slow' }) } }
        Invoke-SandboxControl -Sandbox $sandbox -Path '/_sandbox/behaviour' -Method Put -Body ($hold | ConvertTo-Json -Depth 4) | Out-Null
        $first = Start-Run -Csv $csv -Journal $journal -Results (Join-Path $TestDrive 'two-first.csv')
        try {
            Wait-Until { (Get-JournalLines $journal) -ge 1 } 'the first run to hold the journal'
            $second = Start-Run -Csv $csv -Journal $journal -Results (Join-Path $TestDrive 'two-second.csv')
            $second.WaitForExit(60000) | Should -BeTrue
            $second.StandardError.ReadToEnd() | Should -Match '^ImpactActions.JournalInUse.*is in use by another run'
            $second.ExitCode | Should -Be 1
            $first.HasExited | Should -BeFalse -Because 'the second run came while the first held the journal'
            $first.WaitForExit(120000) | Should -BeTrue
            $first.ExitCode | Should -Be 0
        }
        finally {
            if (-not $first.HasExited) { $first.Kill() }
            Set-SlowAnswers -Milliseconds 0
        }
        @(Import-Csv (Join-Path $TestDrive 'two-first.csv')).Status | Should -Be (@('Queued') * $rows.Count)
        # Had the second run sent anything, a delta would show twice.
        Assert-AppliedOnce -Rows $rows
    }

    It 'stops before it sends anything when the journal cannot be written (a full disk)' -Skip:(-not (Test-Path '/dev/full')) {
        $csv = Join-Path $TestDrive 'full.csv'
        $rows = New-Csv -Path $csv -Count 2
        $results = Join-Path $TestDrive 'full-results.csv'
        $requests = Get-SandboxRequestCount -Sandbox $sandbox
        $run = Start-Run -Csv $csv -Journal '/dev/full' -Results $results
        $run.WaitForExit(60000) | Should -BeTrue
        $errors = $run.StandardError.ReadToEnd()

        $statuses = @(Import-Csv $results)
        $statuses.Status | Should -Be @('NotSent', 'NotSent')
        $statuses.ErrorId | Should -Be @('JournalUnavailable', 'JournalUnavailable')
        $statuses[0].Message | Should -Match 'No space left on device'
        $errors | Should -Match 'ImpactActions.JournalUnavailable|cannot be written'
        # The child's Connect-ImpactAccount checks its credentials with one GET; nothing else reached the API.
        Get-SandboxRequestCount -Sandbox $sandbox | Should -Be ($requests + 1)
    }
}
