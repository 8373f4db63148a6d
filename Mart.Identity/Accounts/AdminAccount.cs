using Mart.Identity.Data;
using Mart.Identity.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Mart.Identity.Accounts;

/// <summary>
/// Seeds the roles and the administrator at start; the admin's password follows the configuration at every start.
/// Replicas starting together take turns (<see cref="SeedingLock"/>).
/// </summary>
internal sealed partial class AdminAccount(
    IServiceScopeFactory scopes, IOptions<IdentitySettings> settings, ILogger<AdminAccount> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var seeding = await SeedingLock.AcquireAsync(scope.ServiceProvider.GetRequiredService<MartIdentityDbContext>(), cancellationToken);
        await SeedAsync(scope.ServiceProvider, settings.Value.Admin);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SeedAsync(IServiceProvider services, AdminSettings admin)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in (string[])[Roles.Customer, Roles.Admin])
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), role);
            }
        }

        if (string.IsNullOrEmpty(admin.Password))
        {
            LogNoAdmin(logger, admin.Email);
            return;
        }

        var users = services.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByEmailAsync(admin.Email);
        if (user is null)
        {
            user = new IdentityUser { UserName = admin.Email, Email = admin.Email, EmailConfirmed = true };
            Check(await users.CreateAsync(user, admin.Password), admin.Email);
        }
        else if (!await users.CheckPasswordAsync(user, admin.Password))
        {
            Check(await users.RemovePasswordAsync(user), admin.Email);
            Check(await users.AddPasswordAsync(user, admin.Password), admin.Email);
        }

        var missing = new[] { Roles.Admin, Roles.Customer }.Except(await users.GetRolesAsync(user)).ToList();
        if (missing.Count > 0)
        {
            Check(await users.AddToRolesAsync(user, missing), admin.Email);
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding '{what}' failed: {string.Join(" ", result.Errors.Select(error => error.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No password is configured for {Email} (Identity:Admin:Password): no administrator is seeded.")]
    private static partial void LogNoAdmin(ILogger logger, string email);
}
