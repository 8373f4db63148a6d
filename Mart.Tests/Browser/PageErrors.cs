using Microsoft.Playwright;

namespace Mart.Tests.Browser;

/// <summary>Collects what a page reports as broken: console errors (including failed loads) and uncaught exceptions.</summary>
internal sealed class PageErrors
{
    private readonly List<string> _errors = [];

    public PageErrors(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Add($"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Add($"uncaught: {error}");
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_errors)
        {
            return [.. _errors];
        }
    }

    private void Add(string error)
    {
        lock (_errors)
        {
            _errors.Add(error);
        }
    }
}
