namespace Mart.Tests.Infrastructure;

/// <summary>Upper bounds that keep a broken test from hanging the run; they are not performance assertions.</summary>
public static class TestTimeouts
{
    public static readonly TimeSpan ServerStart = TimeSpan.FromMinutes(2);

    public static readonly TimeSpan WholeApplication = TimeSpan.FromMinutes(4);
}
