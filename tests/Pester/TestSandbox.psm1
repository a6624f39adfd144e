# Starts and stops the sandbox for end-to-end tests, and reads its /_sandbox control endpoints.

$script:RepositoryRoot = (Resolve-Path (Join-Path $PSScriptRoot '..' '..')).Path

function Start-TestSandbox {
    <# Starts the built sandbox on a free loopback port; returns BaseUri, AccountSid, AuthToken and the process. #>
    param(
        [int] $Actions = 600,
        [int] $SpanDays = 60,
        [int] $ProcessingDelayMs = 0,
        [string[]] $Extra = @()
    )
    $dll = Get-ChildItem -Path (Join-Path $script:RepositoryRoot 'src/ImpactActions.Sandbox/bin') -Recurse -Filter 'ImpactActions.Sandbox.dll' |
        Sort-Object LastWriteTime -Descending | Select-Object -First 1
    if (-not $dll) { throw 'The sandbox is not built: run dotnet build ImpactActions.sln first.' }

    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    foreach ($argument in @($dll.FullName, '--port', '0', '--json', '--actions', $Actions, '--span-days', $SpanDays,
            '--processing-delay-ms', $ProcessingDelayMs) + $Extra) {
        $start.ArgumentList.Add([string]$argument)
    }
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $line = $process.StandardOutput.ReadLine()
    if (-not $line) { throw 'The sandbox did not start.' }
    $info = $line | ConvertFrom-Json
    [pscustomobject]@{
        BaseUri    = [uri]$info.BaseUri
        AccountSid = $info.AccountSid
        AuthToken  = $info.AuthToken
        Process    = $process
    }
}

function Start-TestSession {
    <#
    The set-up of a test file, in one place: imports the built module (globally, so the file's tests see it),
    starts a sandbox with the given options, and with -Connect connects the session to it. Returns the sandbox.
    #>
    param(
        [int] $Actions = 600,
        [int] $SpanDays = 60,
        [int] $ProcessingDelayMs = 0,
        [string[]] $Extra = @(),
        [switch] $Connect
    )
    Import-Module (Join-Path $script:RepositoryRoot 'ImpactActions.psd1') -Force -Global
    $sandbox = Start-TestSandbox -Actions $Actions -SpanDays $SpanDays -ProcessingDelayMs $ProcessingDelayMs -Extra $Extra
    if ($Connect) { Connect-TestSandbox -Sandbox $sandbox | Out-Null }
    $sandbox
}

function Stop-TestSession {
    <# The tear-down of a test file: disconnects the session, if connected, and stops the sandbox. #>
    param([Parameter(Mandatory)] $Sandbox)
    if (Get-Command Get-ImpactConnection -ErrorAction SilentlyContinue) { if (Get-ImpactConnection) { Disconnect-ImpactAccount } }
    Stop-TestSandbox -Sandbox $Sandbox
}

function Stop-TestSandbox {
    param([Parameter(Mandatory)] $Sandbox)
    if (-not $Sandbox.Process.HasExited) { $Sandbox.Process.Kill($true) }
    $Sandbox.Process.WaitForExit(10000) | Out-Null
}

function Connect-TestSandbox {
    <# Connects the module to the sandbox and returns the connection. #>
    param([Parameter(Mandatory)] $Sandbox)
    $token = ConvertTo-SecureString -String $Sandbox.AuthToken -AsPlainText -Force
    Connect-ImpactAccount -AccountSid $Sandbox.AccountSid -AuthToken $token -BaseUri $Sandbox.BaseUri -PassThru
}

function Invoke-SandboxControl {
    <# GET or POST one of the sandbox's /_sandbox endpoints. #>
    param(
        [Parameter(Mandatory)] $Sandbox,
        [Parameter(Mandatory)] [string] $Path,
        [string] $Method = 'Get',
        [string] $Body
    )
    $uri = [uri]::new($Sandbox.BaseUri, $Path)
    if ($Body) { Invoke-RestMethod -Method $Method -Uri $uri -Body $Body -ContentType 'application/json' }
    else { Invoke-RestMethod -Method $Method -Uri $uri }
}

function Get-SandboxRequestCount {
    param([Parameter(Mandatory)] $Sandbox)
    (Invoke-SandboxControl -Sandbox $Sandbox -Path '/_sandbox/requests?after=999999999').Count
}

function Get-ModifiableAction {
    <# Actions the API still lets a client change, with their items. #>
    param([Parameter(Mandatory)] $Sandbox, [int] $Take = 5)
    Invoke-SandboxControl -Sandbox $Sandbox -Path "/_sandbox/actions?modifiable=true&take=$Take"
}

function Wait-SandboxQueue {
    param([Parameter(Mandatory)] $Sandbox)
    Invoke-SandboxControl -Sandbox $Sandbox -Path '/_sandbox/queue/drain?timeoutSeconds=60' -Method Post | Out-Null
}

function Get-SandboxLedger {
    param([Parameter(Mandatory)] $Sandbox, [string] $ActionId)
    $query = if ($ActionId) { "?actionId=$ActionId" } else { '' }
    # Invoke-RestMethod hands an empty JSON array over as one object: enumerate it so an empty ledger counts 0.
    @(Invoke-SandboxControl -Sandbox $Sandbox -Path "/_sandbox/ledger$query" | ForEach-Object { $_ })
}

function Start-TestProxy {
    <# Starts the test forward proxy (tests/ImpactActions.TestProxy) on a free loopback port; returns Address and the process. #>
    param([string] $User, [string] $Password, [string[]] $Reroute = @(), [string] $ConnectAnswer)
    $dll = Get-ChildItem -Path (Join-Path $script:RepositoryRoot 'tests/ImpactActions.TestProxy/bin') -Recurse -Filter 'ImpactActions.TestProxy.dll' |
        Sort-Object LastWriteTime -Descending | Select-Object -First 1
    if (-not $dll) { throw 'The test proxy is not built: run dotnet build ImpactActions.sln first.' }
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $start.ArgumentList.Add($dll.FullName)
    if ($User) { foreach ($a in '--user', $User, '--password', $Password) { $start.ArgumentList.Add($a) } }
    foreach ($r in $Reroute) { $start.ArgumentList.Add('--reroute'); $start.ArgumentList.Add($r) }
    if ($ConnectAnswer) { $start.ArgumentList.Add('--connect-answer'); $start.ArgumentList.Add($ConnectAnswer) }
    $start.RedirectStandardInput = $true
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($start)
    $line = $process.StandardOutput.ReadLine()
    if (-not $line) { throw 'The test proxy did not start.' }
    [pscustomobject]@{ Address = [uri]"http://127.0.0.1:$(($line | ConvertFrom-Json).Port)/"; Process = $process }
}

function Stop-TestProxy {
    <# Stops the proxy and returns the requests it saw, one line each: "METHOD target authorized=… expect=…". #>
    param([Parameter(Mandatory)] $Proxy)
    $Proxy.Process.StandardInput.Close()
    $seen = $Proxy.Process.StandardError.ReadToEnd()
    $Proxy.Process.WaitForExit(10000) | Out-Null
    @($seen -split "`n" | Where-Object { $_.Trim() })
}

Export-ModuleMember -Function Start-TestSession, Stop-TestSession, Start-TestSandbox, Stop-TestSandbox, Connect-TestSandbox, Invoke-SandboxControl,
    Get-SandboxRequestCount, Get-ModifiableAction, Wait-SandboxQueue, Get-SandboxLedger, Start-TestProxy, Stop-TestProxy
