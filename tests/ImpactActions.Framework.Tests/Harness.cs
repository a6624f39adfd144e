using System;
using System.Threading.Tasks;

namespace ImpactActions.Framework.Tests;

/// <summary>Runs named checks, prints PASS or FAIL for each, and counts them. A check fails by throwing.</summary>
internal sealed class Harness
{
    public int Passed { get; private set; }
    public int Failed { get; private set; }

    public void Run(string name, Func<Task> check)
    {
        try
        {
            check().GetAwaiter().GetResult();
            Passed++;
            Console.WriteLine("PASS " + name);
        }
        catch (Exception e)
        {
            Failed++;
            Console.WriteLine("FAIL " + name + ": " + e.ToString().Replace(Environment.NewLine, Environment.NewLine + "     "));
        }
    }

    public void Run(string name, Action check) => Run(name, () =>
    {
        check();
        return Task.CompletedTask;
    });
}

/// <summary>Assertions that say what was expected.</summary>
internal static class Check
{
    public static void True(bool condition, string what)
    {
        if (!condition) throw new CheckFailedException(what);
    }

    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!Equals(expected, actual)) throw new CheckFailedException($"{what}: expected {expected}, got {actual}");
    }

    public static TException Throws<TException>(Action action, string what) where TException : Exception
    {
        try
        {
            action();
        }
        catch (TException e)
        {
            return e;
        }
        catch (Exception e)
        {
            throw new CheckFailedException($"{what}: expected {typeof(TException).Name}, got {e.GetType().Name}: {e.Message}");
        }
        throw new CheckFailedException($"{what}: expected {typeof(TException).Name}, nothing was thrown");
    }

    public static async Task<TException> ThrowsAsync<TException>(Func<Task> action, string what) where TException : Exception
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (TException e)
        {
            return e;
        }
        catch (Exception e)
        {
            throw new CheckFailedException($"{what}: expected {typeof(TException).Name}, got {e.GetType().Name}: {e.Message}");
        }
        throw new CheckFailedException($"{what}: expected {typeof(TException).Name}, nothing was thrown");
    }
}

internal sealed class CheckFailedException : Exception
{
    public CheckFailedException(string message) : base(message)
    {
    }
}
