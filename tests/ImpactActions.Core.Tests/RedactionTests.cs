using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using ImpactActions.Core.Connection;
using ImpactActions.Core.Http;
using ImpactActions.Core.Logging;
using ImpactActions.Core.Paging;
using ImpactActions.TestProxy;

namespace ImpactActions.Core.Tests;

/// <summary>What the redactor masks, and where: secrets never appear, and a short one does not show itself by masking common words.</summary>
public sealed class RedactionTests
{
    [Fact]
    public void The_user_info_of_any_URL_is_masked_whatever_it_holds()
    {
        var redactor = new Redactor(Array.Empty<string>());
        Assert.Equal("The proxy tunnel request to proxy 'http://[redacted]@127.0.0.1:9/' failed with status code '502'.",
            redactor.Redact("The proxy tunnel request to proxy 'http://user:Winter2025%21@127.0.0.1:9/' failed with status code '502'."));
        Assert.Equal("socks5://[redacted]@proxy:1080 and https://api.impact.com/Advertisers/IRx/Actions",
            redactor.Redact("socks5://a:b@proxy:1080 and https://api.impact.com/Advertisers/IRx/Actions"));
    }

    [Fact]
    public void A_short_proxy_password_is_masked_in_failure_texts_but_never_garbles_the_module_s_own_text()
    {
        var plan = ProxyPlan.For(new ConnectionSettings { ProxyCredential = new NetworkCredential("proxyuser", "Actions") }, new Uri("https://api.impact.com"), _ => null, frameworkLike: false);
        var redactor = new Redactor(plan.Secrets, plan.Passwords);

        Assert.Equal("GET /Advertisers/IRx/Actions?CampaignId=1000", redactor.Redact("GET /Advertisers/IRx/Actions?CampaignId=1000"));
        Assert.Equal("Proxy-Authorization: Basic [redacted]", redactor.Redact("Proxy-Authorization: Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("proxyuser:Actions"))));
        Assert.Equal("the password was [redacted]", redactor.RedactFailure("the password was Actions"));
    }

    [Fact]
    public void An_exception_chain_that_held_a_secret_is_copied_with_every_message_redacted_and_its_types_kept()
    {
        var redactor = new Redactor(Array.Empty<string>(), new[] { "Winter2025!" });
        var original = new HttpRequestException("proxy 'http://u:Winter2025%21@p:1/' failed",
            new IOException("password Winter2025! refused", new WebException("Winter2025! again", WebExceptionStatus.ConnectFailure)));

        var copy = redactor.RedactException(original);

        Assert.DoesNotContain("Winter2025", copy.ToString());
        Assert.IsType<HttpRequestException>(copy);
        Assert.IsType<IOException>(copy.InnerException);
        Assert.Equal(WebExceptionStatus.ConnectFailure, Assert.IsType<WebException>(copy.InnerException!.InnerException).Status);

        var clean = new HttpRequestException("Connection refused (127.0.0.1:9)");
        Assert.Same(clean, redactor.RedactException(clean));
    }
}
