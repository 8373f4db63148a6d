using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mart.Tests.Infrastructure.Identity;

namespace Mart.Tests.EndToEnd.Identity;

/// <summary>The signing and encryption keys live in identitydb: a restart keeps issued tokens valid, and two instances
/// on the same database accept each other's tokens.</summary>
[Collection("identity")]
public sealed class KeyPersistenceTests(IdentityFixture fixture)
{
    [Fact]
    public async Task Tokens_issued_before_a_restart_still_validate_and_redeem_after_it()
    {
        var (account, before) = await fixture.Client.CustomerAsync();
        var keysBefore = await JwksAsync(fixture.Client);
        var oldPid = fixture.App.ResourceNotifications.GetSnapshot("identity").ProcessId();

        await fixture.App.ResourceCommands.RestartResourceAsync("identity");
        using var timeout = new CancellationTokenSource(TestTimeouts.ServerStart);
        await fixture.App.ResourceNotifications.WaitForResourceAsync(
            "identity",
            e => e.Snapshot.IsRunningAndHealthy() && e.Snapshot.ProcessId() is { } pid && pid != oldPid,
            timeout.Token);

        Assert.Equal(keysBefore, await JwksAsync(fixture.Client));
        Assert.Equal(account.Id, await UserInfoSubjectAsync(fixture.Client, before.AccessToken));
        var after = await fixture.Client.RefreshAsync(before.RefreshToken!);
        Assert.Equal(account.Id, JwtClaims.Read(after.AccessToken).String("sub"));
    }

    [Fact]
    public async Task Two_instances_on_one_database_accept_each_others_tokens()
    {
        using var replica = IdentityClient.For(fixture.App, IdentityFixture.Replica);
        var (account, issued) = await fixture.Client.CustomerAsync();

        Assert.Equal(await JwksAsync(fixture.Client), await JwksAsync(replica));
        Assert.Equal(account.Id, await UserInfoSubjectAsync(replica, issued.AccessToken));

        // A refresh token from one redeemed at the other, and the one it gets back redeemed at the first.
        var atReplica = await replica.RefreshAsync(issued.RefreshToken!);
        var backAtFirst = await fixture.Client.RefreshAsync(atReplica.RefreshToken!);
        Assert.Equal(account.Id, JwtClaims.Read(backAtFirst.AccessToken).String("sub"));

        // Rotation holds across instances: the first refresh token, redeemed at the replica, is refused at the first.
        using var replayed = await fixture.Client.PostTokenAsync(
            ("grant_type", "refresh_token"), ("refresh_token", issued.RefreshToken!), ("client_id", IdentityClient.CliClientId));
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
    }

    private static async Task<string> JwksAsync(IdentityClient client) => await client.Http.GetStringAsync("/.well-known/jwks");

    private static async Task<string?> UserInfoSubjectAsync(IdentityClient client, string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await client.Http.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"userinfo answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sub").GetString();
    }
}
