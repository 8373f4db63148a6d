using System.Text;

namespace Mart.ServiceDefaults.Validation;

/// <summary>
/// The one rule for text a client sends: trimmed, well-formed Unicode without control characters (PostgreSQL stores
/// neither a lone surrogate nor NUL), at most <see cref="MaxLength"/> code points, as PostgreSQL counts them.
/// </summary>
/// <param name="MaxLength">Longest accepted value, in code points, after trimming.</param>
/// <param name="Required">Whether a missing or blank value is an error (otherwise it reads as empty).</param>
/// <param name="Multiline">Whether line breaks and tabs are allowed (free text such as a description).</param>
public sealed record TextRule(int MaxLength, bool Required = true, bool Multiline = false)
{
    /// <summary>Returns <paramref name="value"/> trimmed ("" when blank and optional), or null with a message in
    /// <paramref name="errors"/>.</summary>
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

    /// <summary>Request text safe to quote back in a problem, at most <paramref name="max"/> code points.</summary>
    /// <remarks>A lone surrogate written into JSON would fail the response itself, so it becomes U+FFFD.</remarks>
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
