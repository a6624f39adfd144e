using System;
using System.Collections.Generic;
using ImpactActions.Core.Connection;

namespace ImpactActions.Core.Tests;

public sealed class ConnectionTests
{
    private static ConnectionSettings Settings(string baseUri) => new()
    {
        AccountSid = "IRabc",
        AuthToken = CoreSandbox.Secret("s3cret-token"),
        BaseUri = new Uri(baseUri),
    };

    [Theory]
    [InlineData("http://api.impact.com")]
    [InlineData("http://192.168.1.10:5087")]
    [InlineData("ftp://127.0.0.1")]
    public void Plain_http_is_refused_except_to_loopback(string baseUri)
    {
        var e = Assert.Throws<ImpactConfigurationException>(() => ImpactConnection.Open(Settings(baseUri), _ => null));
        Assert.DoesNotContain("s3cret-token", e.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5087")]
    [InlineData("http://localhost:5087")]
    [InlineData("http://[::1]:5087")]
    [InlineData("https://api.impact.com")]
    public void Https_and_loopback_http_are_accepted(string baseUri)
    {
        using var connection = ImpactConnection.Open(Settings(baseUri), _ => null);
        Assert.Equal("IRabc", connection.AccountSid);
        Assert.DoesNotContain("s3cret-token", connection.ToString());
        Assert.Equal(CredentialSource.Explicit, connection.Credentials);
    }

    [Fact]
    public void Explicit_credentials_win_over_the_environment()
    {
        var environment = new Dictionary<string, string?> { ["IMPACT_ACCOUNT_SID"] = "IRenv", ["IMPACT_AUTH_TOKEN"] = "env-token" };
        using var connection = ImpactConnection.Open(Settings("https://api.impact.com"), name => environment.GetValueOrDefault(name));
        Assert.Equal("IRabc", connection.AccountSid);
    }

    [Fact]
    public void The_environment_is_used_when_nothing_is_given()
    {
        var environment = new Dictionary<string, string?> { ["IMPACT_ACCOUNT_SID"] = " IRenv ", ["IMPACT_AUTH_TOKEN"] = "env-token" };
        using var connection = ImpactConnection.Open(new ConnectionSettings(), name => environment.GetValueOrDefault(name));
        Assert.Equal("IRenv", connection.AccountSid);
        Assert.Equal(CredentialSource.Environment, connection.Credentials);
    }

    [Theory]
    [InlineData(null, null, "No credentials")]
    [InlineData("IRenv", null, "Only one of")]
    [InlineData(null, "env-token", "Only one of")]
    public void Missing_credentials_say_where_to_put_them(string? sid, string? token, string expected)
    {
        var environment = new Dictionary<string, string?> { ["IMPACT_ACCOUNT_SID"] = sid, ["IMPACT_AUTH_TOKEN"] = token };
        var e = Assert.Throws<ImpactConfigurationException>(() => ImpactConnection.Open(new ConnectionSettings(), name => environment.GetValueOrDefault(name)));
        Assert.Contains(expected, e.Message);
        if (token is not null) Assert.DoesNotContain(token, e.Message);
    }

    [Fact]
    public void A_token_without_an_account_is_refused()
    {
        var settings = new ConnectionSettings { AuthToken = CoreSandbox.Secret("t") };
        Assert.Throws<ImpactConfigurationException>(() => ImpactConnection.Open(settings, _ => null));
    }
}
