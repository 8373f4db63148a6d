using System.Globalization;
using System.Text;

namespace Mart.Tests.EndToEnd.Fuzz;

/// <summary>
/// Odd values for request bodies, query strings, path segments and headers, drawn from one seeded generator so a
/// failing run can be repeated exactly. JSON is written by hand: a serializer would refuse lone surrogates and
/// broken documents, which are exactly what the services must survive.
/// </summary>
public sealed class FuzzValues(Random random)
{
    private static readonly string[] Pieces =
    [
        "", " ", "  padded  ", "\t", "\n", "\r\n", "\u0000", "\u0001", "\u001b[31m", "\u007f", "\u0085", "\u00a0",
        "\u2028", "\u2029", "\u200b", "\ufeff", "\u202e", "\u200f", "e\u0301", "\u0301", "😀", "👩‍👩‍👧‍👦", "🇺🇳",
        "\ud800", "\udc00", "\udfff\ud800", "\uffff", "\ufffd", "مرحبا", "שלום", "日本語", "Ω", "ǅ", "ß", "İ",
        "'; DROP TABLE products; --", "%", "_", "\\", "\"", "../../etc/passwd", "{0}", "<script>", "null", "NaN",
        "AAPL", "EUR", "usd", "XAU", "BINANCE:BTCUSDT", "2024-01-01", "0", "-1", "12.50", "1e400", "tok_visa",
    ];

    private static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "1.5", "0.001", "-0.01", "2147483647", "2147483648", "-2147483649", "99999999999",
        "9223372036854775808", "79228162514264337593543950336", "1e30", "-1e30", "1e400", "1E-400", "1000000000.01",
        "1000000001", "0.1e1", "00", "01", "+1", ".5", "5.", "0x10", "NaN", "Infinity", "-Infinity",
    ];

    public Random Random => random;

    /// <summary>A version-7-shaped id from the seeded generator, so a repeated seed repeats the ids too.</summary>
    public Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0f));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3f));
        return new Guid(bytes, bigEndian: true);
    }

    public bool Chance(double probability) => random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>A string made of odd pieces, sometimes very long, sometimes a single repeated character.</summary>
    public string OddString()
    {
        switch (random.Next(6))
        {
            case 0:
                return Pick(Pieces);
            case 1:
                return new string(Pick("aÅ\u0000 \t".ToCharArray()), Pick([1, 3, 64, 65, 100, 101, 200, 201, 500, 501, 4000, 4001, 70_000]));
            case 2:
                return string.Concat(Enumerable.Repeat(Pick(["😀", "e\u0301", "日", "\ud83d", "ß"]), Pick([20, 33, 50, 51, 100, 101, 201, 2001])));
            default:
                var text = new StringBuilder();
                for (var i = random.Next(1, 6); i > 0; i--)
                {
                    text.Append(Pick(Pieces));
                }

                return text.ToString();
        }
    }

    /// <summary>An integer or a wild number, as JSON text (some are not valid JSON at all).</summary>
    public string OddNumber() => Chance(0.3)
        ? random.NextInt64(-3_000_000_000, 3_000_000_000).ToString(CultureInfo.InvariantCulture)
        : Pick(Numbers);

    /// <summary>Any JSON-ish value: wrong types, nulls, odd strings and numbers, nesting, or text that is not JSON.</summary>
    public string OddJson(int depth = 0)
    {
        var choice = random.Next(depth > 2 ? 6 : 10);
        return choice switch
        {
            0 or 1 => JsonString(OddString()),
            2 => OddNumber(),
            3 => Pick(["null", "true", "false"]),
            4 => JsonString(NewGuid().ToString()),
            5 => Pick(["", "nul", "tru", "'single'", "{", "[", "}", "undefined", "\"unterminated", "1 2"]),
            6 => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => OddJson(depth + 1))) + "]",
            7 => "{" + string.Join(",", Enumerable.Range(0, random.Next(0, 3)).Select(_ => JsonString(OddString()) + ":" + OddJson(depth + 1))) + "}",
            8 => Nested(Pick([20, 70, 1000])),
            _ => JsonString(Pick(Pieces) + NewGuid().ToString("N")),
        };
    }

    public string Nested(int depth) => Chance(0.5)
        ? new string('[', depth) + new string(']', depth)
        : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    /// <summary>A JSON string literal; every character outside printable ASCII is escaped, lone surrogates included.</summary>
    public static string JsonString(string value)
    {
        var json = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                json.Append('\\').Append(c);
            }
            else if (c is < ' ' or > '~')
            {
                json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                json.Append(c);
            }
        }

        return json.Append('"').ToString();
    }

    /// <summary>Percent-encoded text for a query string or path: the string's UTF-8, or raw bytes that are not UTF-8.</summary>
    public string UrlText(string value)
    {
        if (Chance(0.1))
        {
            return Pick(["%FF", "%C3%28", "%C0%80", "%00", "%ED%A0%80", "%", "%zz", "%E2%82"]) + Uri.EscapeDataString("x");
        }

        var bytes = new UTF8Encoding(false, false).GetBytes(value);
        var url = new StringBuilder();
        foreach (var b in bytes)
        {
            if (b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                url.Append((char)b);
            }
            else
            {
                url.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return url.ToString();
    }

    /// <summary>A value a client can put in a header at all (no CR, LF or NUL, which HttpClient itself refuses).</summary>
    public string HeaderText() => Chance(0.3)
        ? Pick(["", " ", "*", "W/\"1\"", "\"1\", \"2\"", "\"", "a b", "tab\tinside", "é", "😀", new string('k', 200), new string('k', 201), new string('k', 9000)])
        : new string(OddString().Where(c => c is not ('\r' or '\n' or '\0')).Take(9000).ToArray());

    /// <summary>A path segment where an id belongs.</summary>
    public string IdSegment() => Pick(
    [
        NewGuid().ToString(), Guid.Empty.ToString(), NewGuid().ToString("N"), "{" + NewGuid() + "}", "not-a-uuid",
        "12345", "%00", "%FF", "..", "%2e%2e%2f", new string('f', 300), UrlText(OddString()), "ffffffff-ffff-ffff-ffff-ffffffffffff",
    ]);
}
