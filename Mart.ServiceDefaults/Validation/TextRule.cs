using System.Text;

namespace Mart.ServiceDefaults.Validation;

/// <summary>
/// The one rule for text a client sends, in bodies, query strings and headers alike. Surrounding whitespace is
/// trimmed; what remains must be well-formed Unicode (no lone surrogate, which PostgreSQL's UTF-8 cannot store) without
/// control characters (NUL above all, which PostgreSQL text cannot hold; line breaks and tabs only where a field is
/// documented to take them), and at most <see cref="MaxLength"/> characters counted as PostgreSQL counts them: Unicode
/// code points, so an emoji is one character, not two UTF-16 units.
/// </summary>
/// <param name="MaxLength">Longest accepted value, in code points, after trimming.</param>
/// <param name="Required">Whether a missing or blank value is an error (otherwise it reads as empty).</param>
/// <param name="Multiline">Whether line breaks and tabs are allowed (free text such as a description).</param>
public sealed record TextRule(int MaxLength, bool Required = true, bool Multiline = false)
{
    /// <summary>
    /// Checks <paramref name="value"/> and returns it trimmed, or <see langword="null"/> (with a message for
    /// <paramref name="field"/> in <paramref name="errors"/>) when it breaks the rule; a blank optional value is "".
    /// </summary>
    public string? Check(string? value, string field, FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Problem(value) is { } problem)
        {
            errors.Add(field, problem);
            return null;
        }

        return string.IsNullOrWhiteSpace(value) ? (Required ? null : string.Empty) : value.Trim();
    }

    /// <summary>What is wrong with <paramref name="value"/>, or <see langword="null"/> when it passes.</summary>
    public string? Problem(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Required ? "A value is required." : null;
        }

        if (!IsWellFormed(value))
        {
            return "The text is not valid Unicode (it contains a lone surrogate).";
        }

        var text = value.Trim();
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return "The text must not contain NUL characters.";
        }

        if (text.Any(c => char.IsControl(c) && !(Multiline && c is '\n' or '\r' or '\t')))
        {
            return Multiline
                ? "The text must not contain control characters other than line breaks and tabs."
                : "The text must not contain control characters (line breaks and tabs included).";
        }

        return Length(text) > MaxLength ? $"The text must be at most {MaxLength} characters." : null;
    }

    /// <summary>Characters as PostgreSQL's <c>char_length</c> and <c>varchar(n)</c> count them: code points.</summary>
    public static int Length(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>Whether every surrogate in <paramref name="text"/> is half of a pair.</summary>
    public static bool IsWellFormed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Request text made safe to quote back in a problem: control characters and lone surrogates replaced by U+FFFD,
    /// cut to <paramref name="max"/> code points. Writing a lone surrogate into JSON would fail the response itself.
    /// </summary>
    public static string Printable(string? text, int max = 40)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var printable = new StringBuilder(Math.Min(text.Length, max * 2));
        var i = 0;
        for (var count = 0; i < text.Length && count < max; i++, count++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                printable.Append(text[i]).Append(text[++i]);
            }
            else if (char.IsSurrogate(text[i]) || char.IsControl(text[i]))
            {
                printable.Append('\uFFFD');
            }
            else
            {
                printable.Append(text[i]);
            }
        }

        return i < text.Length ? printable.Append('\u2026').ToString() : printable.ToString();
    }
}
