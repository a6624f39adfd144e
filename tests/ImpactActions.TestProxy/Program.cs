using System;
using System.Threading;
using ImpactActions.TestProxy;

// A forward proxy for the Pester tests: prints {"Port":N} and serves until its standard input closes or it is killed.
// Usage: ImpactActions.TestProxy [--user NAME --password SECRET] [--reroute host:port=127.0.0.1:port] [--connect-answer "502 Bad Gateway"|close|silent]
string? user = null, password = null, connectAnswer = null;
using var proxy = ParseAndStart(args);
Console.WriteLine($"{{\"Port\":{proxy.Port}}}");
Console.Out.Flush();
// Each request on its own line on standard error, for a test to read after stopping the proxy.
using var stop = new ManualResetEventSlim();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Set(); };
var reader = new Thread(() => { while (Console.In.ReadLine() is not null) { } stop.Set(); }) { IsBackground = true };
reader.Start();
stop.Wait();
foreach (var request in proxy.Requests)
    Console.Error.WriteLine($"{request.Method} {request.Target} authorized={request.Authorized} expect={request.Header("Expect") ?? ""}");
return 0;

ForwardProxy ParseAndStart(string[] arguments)
{
    var reroutes = new System.Collections.Generic.List<string>();
    for (var i = 0; i + 1 < arguments.Length; i += 2)
    {
        switch (arguments[i])
        {
            case "--user": user = arguments[i + 1]; break;
            case "--password": password = arguments[i + 1]; break;
            case "--reroute": reroutes.Add(arguments[i + 1]); break;
            case "--connect-answer": connectAnswer = arguments[i + 1]; break;
            default: throw new ArgumentException($"Unknown option {arguments[i]}.");
        }
    }
    var started = new ForwardProxy(user, password) { ConnectAnswer = connectAnswer };
    foreach (var reroute in reroutes)
    {
        var equals = reroute.IndexOf('=');
        started.Reroute[reroute.Substring(0, equals)] = reroute.Substring(equals + 1);
    }
    return started;
}
