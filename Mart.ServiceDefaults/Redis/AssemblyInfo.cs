using System.Runtime.CompilerServices;

// The RESP parser and writer are internal; their unit tests exercise them directly.
[assembly: InternalsVisibleTo("Mart.Tests")]
