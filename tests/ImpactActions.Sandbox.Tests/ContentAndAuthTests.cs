using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace ImpactActions.Sandbox.Tests;

/// <summary>XML unless JSON is asked for; HTTP Basic; the IR-Version pin.</summary>
public sealed class ContentAndAuthTests : IClassFixture<SharedSandbox>
{
    private readonly TestSandbox _sandbox;

    public ContentAndAuthTests(SharedSandbox shared) => _sandbox = shared.Sandbox;

    private HttpClient Client(string? user, string? password, bool json)
    {
        var client = new HttpClient { BaseAddress = _sandbox.Host.BaseUri };
        if (user is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        if (json) client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    [Fact]
    public async Task Without_an_Accept_header_the_answer_is_XML()
    {
        using var client = Client(_sandbox.Host.AccountSid, _sandbox.Host.AuthToken, json: false);
        using var response = await client.GetAsync($"{_sandbox.Root}/Actions?CampaignId=1000");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ImpactRadiusResponse", xml.Root!.Name.LocalName);
        Assert.NotEmpty(xml.Root.Element("Actions")!.Elements("Action"));
    }

    [Fact]
    public async Task A_json_suffix_asks_for_JSON_too()
    {
        using var client = Client(_sandbox.Host.AccountSid, _sandbox.Host.AuthToken, json: false);
        using var response = await client.GetAsync($"{_sandbox.Root}/Actions.json?CampaignId=1000");
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var answer = await Answer.ReadAsync(response);
        Assert.Contains("/Actions.json?", answer.Json.GetProperty("@uri").GetString());
    }

    [Fact]
    public async Task Errors_come_as_XML_to_a_client_that_forgot_the_header()
    {
        using var client = Client(_sandbox.Host.AccountSid, _sandbox.Host.AuthToken, json: false);
        using var response = await client.GetAsync($"{_sandbox.Root}/Actions");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ERROR", xml.Root!.Element("Status")!.Value);
        Assert.Equal("CampaignId", xml.Root.Element("Errors")!.Element("Error")!.Element("Field")!.Value);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("sid", "token")]
    [InlineData("self", "wrong-token")]
    public async Task Requests_without_valid_credentials_get_401_in_the_error_envelope(string? user, string? password)
    {
        using var client = Client(user == "self" ? _sandbox.Host.AccountSid : user, password, json: true);
        using var response = await client.GetAsync($"{_sandbox.Root}/Actions?CampaignId=1000");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var answer = await Answer.ReadAsync(response);
        Assert.Equal("ERROR", answer.Json.GetProperty("Status").GetString());
        Assert.False(string.IsNullOrEmpty(answer.Json.GetProperty("Message").GetString()));
    }

    [Fact]
    public async Task Another_account_in_the_path_is_forbidden()
    {
        var answer = await _sandbox.GetAsync("/Advertisers/IRsomeoneElse/Actions?CampaignId=1000");
        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
    }

    [Fact]
    public async Task IR_Version_11_to_14_is_accepted_by_header_or_query_and_others_refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{_sandbox.Root}/Actions?CampaignId=1000");
        request.Headers.Add("IR-Version", "12");
        using var ok = await _sandbox.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _sandbox.GetAsync($"{_sandbox.Root}/Actions?CampaignId=1000&IrVersion=14")).Status);
        (await _sandbox.GetAsync($"{_sandbox.Root}/Actions?CampaignId=1000&IrVersion=99")).AssertFieldError("IR-Version");
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_in_the_error_envelope()
    {
        var answer = await _sandbox.GetAsync($"{_sandbox.Root}/Campaigns");
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("ERROR", answer.Json.GetProperty("Status").GetString());
    }
}
