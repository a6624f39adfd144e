using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using ImpactActions.Sandbox;

var options = SandboxCommandLine.Parse(args, out var message);
if (options is null)
{
    Console.Error.WriteLine(message);
    return message is not null && message.StartsWith("Usage", StringComparison.Ordinal) ? 0 : 2;
}

using var stop = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

SandboxHost sandbox;
try
{
    sandbox = await SandboxHost.StartAsync(options);
}
catch (IOException e)
{
    Console.Error.WriteLine($"The sandbox could not start: {e.Message} Choose another --port, or --port 0 for a free one.");
    return 1;
}
await using var running = sandbox;
var baseUri = sandbox.BaseUri.ToString().TrimEnd('/');
if (SandboxCommandLine.WantsJson(args))
{
    Console.WriteLine(JsonSerializer.Serialize(new { BaseUri = baseUri, sandbox.AccountSid, sandbox.AuthToken, Actions = sandbox.Store.Count }));
}
else
{
    Console.WriteLine("ImpactActions sandbox: an offline impact.com Actions API");
    Console.WriteLine($"  BaseUri     {baseUri}");
    Console.WriteLine($"  AccountSid  {sandbox.AccountSid}");
    Console.WriteLine($"  AuthToken   {sandbox.AuthToken}");
    Console.WriteLine($"  Actions     {sandbox.Store.Count} in campaigns {string.Join(", ", System.Linq.Enumerable.Select(sandbox.Store.Campaigns, c => c.Id))} (seed {options.Data.Seed})");
    Console.WriteLine($"  Control     {baseUri}/_sandbox/info");
    Console.WriteLine("Press Ctrl+C to stop.");
}
Console.Out.Flush();

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}
return 0;
