using System.Globalization;
using IdentityBench;
using Mart.Tests.Infrastructure.Identity;

// Token issuance against a running Mart.Identity: client credentials, refresh (rotated) and interactive sign-in
// (authorization code + PKCE, whose password check is deliberately slow), each for a fixed time at fixed concurrency.
// Usage: IdentityBench <identityUrl> <adminPassword> <clientId> <clientSecret> <scope> <seconds> <concurrency>
if (args.Length != 7)
{
    Console.Error.WriteLine("usage: IdentityBench <identityUrl> <adminPassword> <clientId> <clientSecret> <scope> <seconds> <concurrency>");
    return 2;
}

var identity = new Uri(args[0]);
var (adminPassword, clientId, clientSecret, scope) = (args[1], args[2], args[3], args[4]);
var duration = TimeSpan.FromSeconds(int.Parse(args[5], CultureInfo.InvariantCulture));
var concurrency = int.Parse(args[6], CultureInfo.InvariantCulture);

using var client = new IdentityClient(identity);

// Warm-up: the paths compiled at their final tier and the connection pools filled, not counted.
Console.Error.WriteLine("Warming up...");
await Scenario.RunAsync("warm-up", concurrency, TimeSpan.FromSeconds(5), _ => async () => await client.ClientCredentialsAsync(clientId, clientSecret, scope));
await client.SignInAsync(IdentityClient.AdminEmail, adminPassword, "openid", "orders");

var results = new List<ScenarioResult>();

Console.Error.WriteLine($"Client credentials, {concurrency} at a time...");
results.Add(await Scenario.RunAsync("client credentials", concurrency, duration,
    _ => async () => await client.ClientCredentialsAsync(clientId, clientSecret, scope)));

// Each worker follows its own chain: every refresh answers a new refresh token and retires the one it used.
Console.Error.WriteLine($"Refresh, {concurrency} chains at a time...");
var chains = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ => (await client.CustomerAsync("openid", "offline_access", "orders")).Tokens.RefreshToken!));
results.Add(await Scenario.RunAsync("refresh (rotated)", concurrency, duration, worker => async () =>
    chains[worker] = (await client.RefreshAsync(chains[worker])).RefreshToken!));

var accounts = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => client.RegisterCustomerAsync()));
foreach (var level in new[] { 1, concurrency }.Distinct())
{
    Console.Error.WriteLine($"Sign-in (authorize, sign-in form, code, token), {level} at a time...");
    results.Add(await Scenario.RunAsync("sign-in (code + PKCE)", level, duration, worker => async () =>
        await client.SignInAsync(accounts[worker].Email, accounts[worker].Password, "openid", "orders")));
}

Console.WriteLine("| flow | concurrency | done | errors | per second | p50 (ms) | p99 (ms) | machine CPU per op (ms) |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
foreach (var r in results)
{
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"| {r.Name} | {r.Concurrency} | {r.Done} | {r.Errors} | {r.PerSecond:0.0} | {r.P50:0.0} | {r.P99:0.0} | {r.CpuMsPerOp:0.00} |"));
}

var best = (string name) => results.Where(r => r.Name == name).Max(r => r.PerSecond);
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"RESULT client_credentials_per_s={best("client credentials"):0.0} refresh_per_s={best("refresh (rotated)"):0.0} signins_per_s={best("sign-in (code + PKCE)"):0.0} signin_p50_ms={results.First(r => r.Name.StartsWith("sign-in", StringComparison.Ordinal) && r.Concurrency == 1).P50:0.0}"));
return results.All(r => r.Errors == 0) ? 0 : 1;
