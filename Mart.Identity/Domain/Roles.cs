namespace Mart.Identity.Domain;

/// <summary>The roles tokens carry: every registered user is a customer; admin is only seeded.</summary>
public static class Roles
{
    public const string Customer = "customer";
    public const string Admin = "admin";
}
