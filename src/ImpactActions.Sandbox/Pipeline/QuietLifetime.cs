using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace ImpactActions.Sandbox.Pipeline;

/// <summary>
/// Leaves signals alone: the command line stops the sandbox itself, and a test process hosting it
/// must not have its Ctrl+C or SIGTERM taken over.
/// </summary>
internal sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
